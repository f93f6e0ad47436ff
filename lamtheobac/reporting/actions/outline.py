"""Write functions editing a draft reporting round's outline (docs/domain.md §4.2): sections and
their numeric indicators. Allowed only before the round opens (the form units fill is fixed
at opening); each needs MANAGE on the round's committee, locks the round, writes the audit
record and returns what it changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max

from lamtheobac.audit.models import record
from lamtheobac.core.errors import DomainError, StateError
from lamtheobac.core.transitions import lock
from lamtheobac.reporting.access import authorize_runner
from lamtheobac.reporting.actions import ReportingAction
from lamtheobac.reporting.models import Indicator, OutlineSection, ReportingRound

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _draft_round(round: ReportingRound, by: User | None) -> ReportingRound:
    authorize_runner(by, round)
    round = lock(round)
    if not round.is_draft:
        raise StateError("Đề cương chỉ sửa được trước khi mở đợt báo cáo.")
    return round


@transaction.atomic
def save_section(
    round: ReportingRound,
    *,
    section: OutlineSection | None,
    number: str,
    heading: str,
    guidance: str,
    depth: int,
    by: User | None,
) -> OutlineSection:
    """Add (``section`` None, appended at the end) or edit one outline section of a draft round."""
    round = _draft_round(round, by)
    if not heading.strip():
        raise DomainError("Đề mục không được để trống.")
    if section is None:
        last = round.outline.sections.aggregate(m=Max("position"))["m"] or 0
        section = OutlineSection(outline=round.outline, position=last + 1)
    elif section.outline_id != round.outline_id:
        raise DomainError("Mục này không thuộc đợt báo cáo.")
    before = {"number": section.number, "heading": section.heading, "guidance": section.guidance}
    section.number = number.strip()[:16]
    section.heading = heading.strip()
    section.guidance = guidance.strip()
    section.depth = max(1, min(depth, 3))
    section.save()
    record(
        actor=by,
        action=ReportingAction.SECTION_SAVED,
        target=round,
        unit=round.committee,
        before=before,
        after={"number": section.number, "heading": section.heading},
    )
    return section


@transaction.atomic
def remove_section(round: ReportingRound, *, section: OutlineSection, by: User | None) -> None:
    round = _draft_round(round, by)
    if section.outline_id != round.outline_id:
        raise DomainError("Mục này không thuộc đợt báo cáo.")
    record(
        actor=by,
        action=ReportingAction.SECTION_REMOVED,
        target=round,
        unit=round.committee,
        before={"number": section.number, "heading": section.heading},
    )
    section.delete()


@transaction.atomic
def add_indicator(
    round: ReportingRound, *, section: OutlineSection, name: str, unit_label: str, by: User | None
) -> Indicator:
    """Add a numeric indicator (chỉ tiêu) to a section of a draft round."""
    round = _draft_round(round, by)
    if section.outline_id != round.outline_id:
        raise DomainError("Mục này không thuộc đợt báo cáo.")
    if not name.strip():
        raise DomainError("Tên chỉ tiêu không được để trống.")
    last = section.indicators.aggregate(m=Max("position"))["m"] or 0
    indicator = Indicator.objects.create(
        section=section, name=name.strip(), unit_label=unit_label.strip(), position=last + 1
    )
    record(
        actor=by,
        action=ReportingAction.INDICATOR_ADDED,
        target=round,
        unit=round.committee,
        after={"name": indicator.name},
    )
    return indicator


@transaction.atomic
def remove_indicator(round: ReportingRound, *, indicator: Indicator, by: User | None) -> None:
    round = _draft_round(round, by)
    if indicator.section.outline_id != round.outline_id:
        raise DomainError("Chỉ tiêu này không thuộc đợt báo cáo.")
    record(
        actor=by,
        action=ReportingAction.INDICATOR_REMOVED,
        target=round,
        unit=round.committee,
        before={"name": indicator.name},
    )
    indicator.delete()
