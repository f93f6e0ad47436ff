"""What the home page shows of the year's programme (issue 8 point 7).

A member: the year's theme, their plan with its state and deadline, their cell's next
session and its topic. Unit staff: what each of their units owes this quarter — the cells'
sessions not yet recorded and the members without a submitted plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model

from lamtheobac.core.dates import today
from lamtheobac.pledges import queries as pledge_queries
from lamtheobac.programme.models import ROMAN, Theme
from lamtheobac.programme.queries import CellRow, next_session_of, owed_this_quarter, programme_for
from lamtheobac.units.models import Person, Role, Unit
from lamtheobac.units.policy import Policy

MAX_UNITS = 5  # units listed for one staff account


@dataclass
class MemberPanel:
    theme: Theme | None
    person: Person
    cell: Unit
    pledge: Any  # pledges.models.Pledge | None
    next_session: dict[str, Any] | None
    quarter_label: str = ""


@dataclass
class StaffPanel:
    unit: Unit
    theme: Theme
    quarter_label: str
    owing: list[CellRow]
    members: int
    submitted: int
    owing_quarters: list[int] = field(default_factory=list)

    @property
    def plans_missing(self) -> int:
        return max(self.members - self.submitted, 0)


def member_panel(user: Any) -> MemberPanel | None:
    """The logged-in member's panel, or None when the account is no one's (a few queries;
    the person is not read again when the sign-in already loaded it with its unit:
    ``accounts.backends.UserWithPersonBackend``)."""
    loaded, person = _loaded_person(user)
    if not loaded:
        person = Person.objects.filter(user=user).select_related("unit").first()
    if person is None:
        return None
    year = today().year
    theme = programme_for(person.unit, year)
    nxt = next_session_of(theme, person.unit) if theme else None
    return MemberPanel(
        theme=theme,
        person=person,
        cell=person.unit,
        pledge=pledge_queries.pledge_of(person, year),
        next_session=nxt,
        quarter_label=f"Quý {ROMAN[int(str(nxt['quarter']))]}/{year}" if nxt else "",
    )


def _loaded_person(user: Any) -> tuple[bool, Person | None]:
    """(True, ``user``'s person or None) when the person and its unit are already loaded,
    (False, None) when they were not."""
    # ``request.user`` is a lazy proxy: ask the model's descriptor, not the proxy's type.
    descriptor = getattr(get_user_model(), "person", None)
    if descriptor is None or not descriptor.is_cached(user):
        return False, None
    try:
        person = user.person
    except Person.DoesNotExist:
        return True, None
    if person is not None and not Person.unit.is_cached(person):
        return False, None
    return True, person


def staff_panels(policy: Policy) -> list[StaffPanel]:
    """One panel per unit the user is unit staff of (at most ``MAX_UNITS``)."""
    year = today().year
    panels = []
    units = [g.unit for g in policy.grants if g.role == Role.UNIT_STAFF][:MAX_UNITS]
    if not units:
        return []
    plans = pledge_queries.pledge_counts(units, year)
    people = pledge_queries.people_counts(units)
    for unit in units:
        theme = programme_for(unit, year)
        if theme is None:
            continue
        owing = owed_this_quarter(theme, unit)
        quarter = (today().month - 1) // 3 + 1
        panels.append(
            StaffPanel(
                unit=unit,
                theme=theme,
                quarter_label=f"quý {ROMAN[quarter]}/{year}",
                owing=owing,
                members=people[unit.pk][0],
                submitted=plans[unit.pk].submitted,
            )
        )
    return panels
