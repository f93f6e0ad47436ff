"""A person moves to another cell (or union unit): the plan follows them (issue 8 rules)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from lamtheobac.audit.models import record
from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.pledges.actions import AuditAction
from lamtheobac.pledges.models import Membership, Pledge
from lamtheobac.units.models import Person, Role, RoleGrant, Unit
from lamtheobac.units.policy import Action, policy_of


@transaction.atomic
def record_transfer(*, person: Person, to_unit: Unit, on: dt.date, by: Any) -> Membership:
    """From ``on`` (Asia/Ho_Chi_Minh date) ``to_unit`` is responsible for ``person``.

    Closes the open period on the day before ``on`` (opening one for the old unit first if
    the person had no history), opens the new period, sets ``Person.unit``, moves the
    person's plans that are not yet evaluated to the new unit, and moves their MEMBER grant.
    Counts already made stay with the old unit: each plan keeps the unit of every past
    event (submitted / accepted / assessed / evaluated).

    Refused: the caller cannot REPORT (or MANAGE) on both units (AccessDenied); the same
    unit, or a date before the open period starts (DomainError).
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    old_unit = Unit.objects.get(pk=person.unit_id)
    if by is not None:
        policy = policy_of(by)
        for unit in (old_unit, to_unit):
            if not (policy.can(Action.REPORT, unit) or policy.can(Action.MANAGE, unit)):
                raise AccessDenied()
    if old_unit.pk == to_unit.pk:
        raise DomainError("Đồng chí đã sinh hoạt ở đơn vị này.")
    current = Membership.objects.filter(person=person, end__isnull=True).order_by("-start").first()
    if current is None:
        current = Membership.objects.create(person=person, unit=old_unit, start=dt.date(1900, 1, 1))
    if on <= current.start:
        raise DomainError("Ngày chuyển sinh hoạt phải sau ngày bắt đầu ở đơn vị cũ.")
    current.end = on - dt.timedelta(days=1)
    current.save(update_fields=["end"])
    period = Membership.objects.create(person=person, unit=to_unit, start=on)
    person.unit = to_unit
    person.save(update_fields=["unit"])
    moved = Pledge.objects.filter(person=person, year__gte=on.year).exclude(state="evaluated")
    moved_ids = list(moved.values_list("pk", flat=True))
    moved.update(unit=to_unit)
    if person.user_id:
        RoleGrant.objects.filter(user_id=person.user_id, unit=old_unit, role=Role.MEMBER).delete()
        RoleGrant.objects.get_or_create(user_id=person.user_id, unit=to_unit, role=Role.MEMBER)
    record(
        actor=by,
        action=AuditAction.PERSON_MOVED,
        target=person,
        unit=to_unit,
        before={"unit": old_unit.pk},
        after={"unit": to_unit.pk, "on": on, "pledges": moved_ids},
    )
    return period
