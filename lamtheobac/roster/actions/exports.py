"""The audited export of personal data: a unit's roster as .xlsx (issue 11 §4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from lamtheobac.audit.models import record
from lamtheobac.roster import queries, sheets
from lamtheobac.roster.access import authorize_personal_data
from lamtheobac.roster.actions import RosterAction
from lamtheobac.units.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def export_roster(unit: Unit, *, by: User | None) -> bytes:
    """The .xlsx roster of ``unit``'s subtree (the members template's columns, dates of birth
    and card numbers included), with a ``roster.export`` audit event naming who took it and
    how many people it held. Needs the right to see personal data on ``unit`` (AccessDenied)."""
    authorize_personal_data(by, unit)
    rows = queries.export_rows(unit)
    data = sheets.roster_export(rows)
    record(
        actor=by,
        action=RosterAction.EXPORTED,
        target=unit,
        unit=unit,
        after={"people": len(rows), "fields": ["date_of_birth", "card_number"]},
    )
    return data
