"""Write functions of reporting (issue 7, ADR 0005): ``rounds`` (a round's settings, opening
and closing, lock exceptions, reminders), ``outline`` (editing a draft round's outline) and
``reports`` (a unit's drafts, submission, review and attachments).

State changes are the declared transitions of ``ReportingRound.workflow`` and
``UnitReport.workflow`` (audited as ``<key>.<name>``); the other writes are audited under the
names below.
"""

from __future__ import annotations

from enum import StrEnum


class ReportingAction(StrEnum):
    """Audit action names of the reporting writes that are not state transitions."""

    ROUND_CREATED = "reporting_round.created"
    ROUND_UPDATED = "reporting_round.updated"
    LOCK_EXCEPTION = "reporting_round.lock_exception"
    SECTION_SAVED = "reporting_round.section_saved"
    SECTION_REMOVED = "reporting_round.section_removed"
    INDICATOR_ADDED = "reporting_round.indicator_added"
    INDICATOR_REMOVED = "reporting_round.indicator_removed"
    REMINDED = "reporting_round.reminded"
    REPORT_SAVED = "unit_report.saved"
    ATTACHMENT_ADDED = "unit_report.attachment_added"
    ATTACHMENT_REMOVED = "unit_report.attachment_removed"
    ROUND_CASCADED = "reporting_round.cascaded"
    SECTION_ASSIGNED = "reporting_round.section_assigned"
    REPORT_CONSOLIDATED = "unit_report.consolidated_from_cells"
