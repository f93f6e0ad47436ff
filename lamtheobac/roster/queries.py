"""Reads for the roster pages: member counts beside the declared figures, the people of a
subtree, the rows of an export, recent imports. Who may see what is decided in ``access.py``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lamtheobac.audit.models import AuditEvent
from lamtheobac.roster.actions import RosterAction
from lamtheobac.units.models import (
    Gender,
    MemberCount,
    Person,
    PersonQuerySet,
    Unit,
    member_counts,
)
from lamtheobac.units.policy import Policy


@dataclass(frozen=True)
class CountRow:
    unit: Unit
    count: MemberCount


def count_rows(unit: Unit) -> list[CountRow]:
    """``unit`` and its children with their member counts: two queries (the children, and
    one grouped count per tree depth), whatever the number of children."""
    units = [unit, *Unit.objects.get_children(unit).order_by("path")]
    counts = member_counts(units)
    return [CountRow(u, counts[u.pk]) for u in units]


def people(unit: Unit) -> PersonQuerySet:
    """People of ``unit``'s subtree in office order (docs/domain.md §5), unit loaded."""
    return (
        Person.objects.in_subtree(unit)
        .select_related("unit")
        .defer("unit__superior_name", "unit__header_name")
        .in_office_order()
    )


def export_rows(unit: Unit) -> list[dict[str, Any]]:
    """Every person of ``unit``'s subtree as a row of the roster export (one query)."""
    genders = dict(Gender.choices)
    rows = []
    for person in people(unit):
        rows.append(
            {
                "name": person.full_name,
                "date_of_birth": person.date_of_birth,
                "birth_year": person.birth_year,
                "gender": str(genders.get(person.gender, "")),
                "position": person.position,
                "unit": person.unit.code or person.unit.name,
                "is_party_member": person.is_party_member,
                "joined_party_on": person.joined_party_on,
                "confirmed_on": person.confirmed_on,
                "card_number": person.card_number,
            }
        )
    return rows


def roots(policy: Policy) -> list[Unit]:
    """The units at the top of the user's grants, in tree order (duplicates removed)."""
    units = {g.unit.pk: g.unit for g in policy.grants}
    tops = [
        u
        for u in units.values()
        if not any(u.path.startswith(o.path) and u.pk != o.pk for o in units.values())
    ]
    return sorted(tops, key=lambda u: u.path)


def recent_imports(unit: Unit, *, tree: bool, limit: int = 10) -> list[AuditEvent]:
    action = RosterAction.UNITS_IMPORTED if tree else RosterAction.MEMBERS_IMPORTED
    return list(
        AuditEvent.objects.filter(action=action, unit=unit)
        .select_related("actor")
        .order_by("-at", "-pk")[:limit]
    )
