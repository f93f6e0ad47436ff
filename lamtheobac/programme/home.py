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
from lamtheobac.programme.queries import (
    CellRow,
    next_session_of,
    owed_this_quarter,
    programme_for,
    programmes_for,
)
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


def panels(user: Any, policy: Policy) -> tuple[MemberPanel | None, list[StaffPanel]]:
    """The home page's programme panels: ``member_panel(user)`` and ``staff_panels(policy)``,
    the year's programme of the member's cell and of each staff unit read in one query."""
    person = _person_of(user)
    units = _staff_units(policy)
    themes = programmes_for([*units, *([person.unit] if person else [])], today().year)
    return _member_panel(person, themes), staff_panels(policy, themes=themes)


def member_panel(user: Any) -> MemberPanel | None:
    """The logged-in member's panel, or None when the account is no one's (a few queries;
    the person is not read again when the sign-in already loaded it with its unit:
    ``accounts.backends.UserWithPersonBackend``)."""
    return _member_panel(_person_of(user))


def _person_of(user: Any) -> Person | None:
    loaded, person = _loaded_person(user)
    if not loaded:
        person = Person.objects.filter(user=user).select_related("unit").first()
    return person


def _member_panel(
    person: Person | None, themes: dict[int, Theme | None] | None = None
) -> MemberPanel | None:
    if person is None:
        return None
    year = today().year
    theme = themes[person.unit_id] if themes is not None else programme_for(person.unit, year)
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


def _staff_units(policy: Policy) -> list[Unit]:
    return [g.unit for g in policy.grants if g.role == Role.UNIT_STAFF][:MAX_UNITS]


def staff_panels(
    policy: Policy, *, themes: dict[int, Theme | None] | None = None
) -> list[StaffPanel]:
    """One panel per unit the user is unit staff of (at most ``MAX_UNITS``); ``themes``
    (unit id → programme, :func:`programmes_for`) when already read."""
    year = today().year
    found = []
    units = _staff_units(policy)
    if not units:
        return []
    if themes is None:
        themes = programmes_for(units, year)
    plans = pledge_queries.pledge_counts(units, year)
    people = pledge_queries.people_counts(units)
    for unit in units:
        theme = themes[unit.pk]
        if theme is None:
            continue
        owing = owed_this_quarter(theme, unit)
        quarter = (today().month - 1) // 3 + 1
        found.append(
            StaffPanel(
                unit=unit,
                theme=theme,
                quarter_label=f"quý {ROMAN[quarter]}/{year}",
                owing=owing,
                members=people[unit.pk][0],
                submitted=plans[unit.pk].submitted,
            )
        )
    return found
