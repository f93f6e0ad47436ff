"""Shared steps of the restructuring writes: checks, versions, member transfer, grant copies.

Private to ``structure.actions``; every public write calls these inside its own transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from lamtheobac.core.dates import today
from lamtheobac.core.errors import DomainError
from lamtheobac.documents.models import Document
from lamtheobac.pledges.actions.memberships import record_transfer
from lamtheobac.structure.models import (
    ChangeKind,
    GrantTransfer,
    Part,
    UnitChange,
    UnitChangePart,
    UnitVersion,
)
from lamtheobac.units.models import Person, Role, RoleGrant, Unit
from lamtheobac.units.policy import Action, authorize

KEEP = object()  # "leave this field as it was" in ``new_version``


def vn(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def check_date(on: dt.date) -> None:
    """Refuse an effective date in the future (the tree shows the present; a decision taking
    effect later is recorded on its day)."""
    if on > today():
        raise DomainError(f"Ngày hiệu lực {vn(on)} chưa đến; hãy ghi nhận vào đúng ngày đó.")


def locked(*units: Unit) -> list[Unit]:
    """The units re-read under a row lock, in the order given (paths may have changed)."""
    ids = [u.pk for u in units]
    rows = {u.pk: u for u in Unit.objects.select_for_update().filter(pk__in=ids)}
    return [rows[pk] for pk in ids]


def prepare(*units: Unit, on: dt.date, by: Any, decision: Document | None) -> list[Unit]:
    """The checks every restructuring starts with, in order: ``on`` not in the future, the
    units re-read under a row lock (returned in the order given), administrator rights on
    each, the decision readable by ``by``, every unit active. Raises DomainError or
    AccessDenied before anything is written."""
    check_date(on)
    units_now = locked(*units)
    check_admin(by, *units_now)
    check_decision(by, decision)
    check_active(*units_now)
    return units_now


def check_admin(by: Any, *units: Unit) -> None:
    """Administrator rights on every one of ``units`` (AccessDenied otherwise)."""
    for unit in units:
        authorize(by, Action.ADMINISTER, unit)


def check_active(*units: Unit) -> None:
    for unit in units:
        if not unit.is_active:
            raise DomainError(
                f"“{unit.name}” đã ngừng hoạt động (đã hợp nhất, chia tách hoặc giải thể)."
            )


def check_decision(by: Any, decision: Document | None) -> None:
    if decision is not None:
        authorize(by, Action.VIEW, decision.owner)


def parent_of(unit: Unit) -> Unit | None:
    return Unit.objects.get_parent(unit, update=True) if unit.depth > 1 else None


def start_change(
    *,
    kind: ChangeKind,
    on: dt.date,
    decision: Document | None,
    decision_number: str,
    note: str,
    summary: str,
    by: Any,
    sources: Iterable[Unit],
    results: Iterable[Unit] = (),
) -> UnitChange:
    change = UnitChange.objects.create(
        kind=kind,
        effective_on=on,
        decision=decision,
        decision_number=decision_number.strip(),
        note=note.strip(),
        summary=summary[:1000],
        created_by=by,
    )
    add_parts(change, sources, Part.SOURCE)
    add_parts(change, results, Part.RESULT)
    return change


def add_parts(change: UnitChange, units: Iterable[Unit], part: Part) -> None:
    UnitChangePart.objects.bulk_create(
        [UnitChangePart(change=change, unit=u, part=part) for u in units], ignore_conflicts=True
    )


def check_after_last_change(unit: Unit, on: dt.date) -> None:
    """The effective date must be after the start of the unit's current version."""
    current = UnitVersion.objects.filter(unit=unit, valid_to__isnull=True).first()
    if current is not None and current.valid_from is not None and on <= current.valid_from:
        raise DomainError(
            f"Ngày hiệu lực {vn(on)} không sau lần thay đổi gần nhất của “{unit.name}” "
            f"({vn(current.valid_from)}); không ghi đè lịch sử."
        )


def new_version(
    unit: Unit,
    *,
    on: dt.date,
    change: UnitChange,
    name: Any = KEEP,
    parent: Any = KEEP,
    is_active: Any = KEEP,
) -> UnitVersion:
    """End the version in force the day before ``on`` and open the next from ``on``.

    A unit without history first gets the version "since always" with what it is now.
    Call before changing the unit itself (its parent is read from the tree).
    """
    check_after_last_change(unit, on)
    current = UnitVersion.objects.filter(unit=unit, valid_to__isnull=True).first()
    if current is None:
        current = UnitVersion.objects.create(
            unit=unit,
            name=unit.name,
            kind=unit.kind,
            parent=parent_of(unit),
            valid_from=None,
            is_active=unit.is_active,
        )
    current.valid_to = on - dt.timedelta(days=1)
    current.save(update_fields=["valid_to"])
    return UnitVersion.objects.create(
        unit=unit,
        name=current.name if name is KEEP else name,
        kind=current.kind,
        parent=current.parent if parent is KEEP else parent,
        valid_from=on,
        is_active=current.is_active if is_active is KEEP else is_active,
        started_by=change,
    )


def first_version(unit: Unit, *, on: dt.date, change: UnitChange, parent: Unit | None) -> None:
    """The history of a unit created by a change starts on ``on``."""
    UnitVersion.objects.create(
        unit=unit, name=unit.name, kind=unit.kind, parent=parent, valid_from=on, started_by=change
    )


def transfer_people(people: Iterable[Person], *, to_unit: Unit, on: dt.date) -> list[int]:
    """Each person becomes the responsibility of ``to_unit`` from ``on`` through the one
    membership history (``pledges.actions.memberships.record_transfer``: closes their
    period, moves their open plans and their member grant). The caller has checked the
    administrator's right; the transfer runs as the system. Returns the person ids."""
    moved = []
    for person in people:
        record_transfer(person=person, to_unit=to_unit, on=on, by=None)
        moved.append(person.pk)
    return moved


def copy_grants(change: UnitChange, sources: Iterable[Unit], to_unit: Unit) -> int:
    """Copy the non-member role grants on ``sources`` onto ``to_unit`` and list each new copy
    for review (members' grants follow the person through ``transfer_people``)."""
    copied = 0
    grants = RoleGrant.objects.filter(unit__in=list(sources)).exclude(role=Role.MEMBER)
    for grant in grants.select_related("unit").order_by("pk"):
        copy, created = RoleGrant.objects.get_or_create(
            user_id=grant.user_id, unit=to_unit, role=grant.role
        )
        if created:
            GrantTransfer.objects.create(
                change=change,
                grant=copy,
                user_id=grant.user_id,
                role=grant.role,
                from_unit=grant.unit,
                to_unit=to_unit,
            )
            copied += 1
    return copied


def now() -> dt.datetime:
    return timezone.now()
