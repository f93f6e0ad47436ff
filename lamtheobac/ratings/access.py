"""Who may reach which ratings (issue 7, ADR 0005): the one place the ratings pages fetch a
unit, a person or an import, on top of the one policy.

- committee staff (``Action.MANAGE``) import and edit ratings in their subtree;
- committee leaders (``Action.READ_REPORTS``) and unit staff (``Action.REPORT``) read the
  ratings of their own subtree, nothing more;
- members and administrators see the unit but not its ratings (403), and whoever has no role
  on the unit or above it gets 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from lamtheobac.audit.models import AuditEvent
from lamtheobac.ratings.actions import RatingsAction
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import ROLE_ACTIONS, Action, Policy

READ_ACTIONS = frozenset({Action.MANAGE, Action.READ_REPORTS, Action.REPORT})


def read_roots(policy: Policy) -> list[Unit]:
    """The units at the top of the user's grants that give a right to read ratings."""
    return [g.unit for g in policy.grants if ROLE_ACTIONS[g.role] & READ_ACTIONS]


def may_read(policy: Policy, unit: Unit) -> bool:
    return any(policy.can(action, unit) for action in READ_ACTIONS)


def require_read(policy: Policy, unit: Unit) -> None:
    """Refuse to show ``unit``'s ratings: 404 outside the user's scope, 403 without a read right."""
    if not policy.in_scope(unit):
        raise Http404("Không tìm thấy.")
    if not may_read(policy, unit):
        raise PermissionDenied("Bạn không có quyền xem xếp loại của đơn vị này.")


def unit_for(policy: Policy, pk: int | str | None, *, manage: bool = False) -> Unit:
    """The unit ``pk`` if the user may read (or, with ``manage``, manage) its ratings."""
    try:
        pk = int(pk or "")
    except ValueError:
        raise Http404("Không tìm thấy.") from None
    unit = get_object_or_404(Unit, pk=pk)
    if manage:
        policy.require(Action.MANAGE, unit)
    else:
        require_read(policy, unit)
    return unit


def person_for(policy: Policy, pk: int) -> Person:
    """The person ``pk`` if the user may edit their ratings (MANAGE on their unit)."""
    person = get_object_or_404(Person.objects.select_related("unit"), pk=pk)
    policy.require(Action.MANAGE, person.unit)
    return person


def import_event_for(policy: Policy, pk: int) -> AuditEvent:
    """The audit event of one import, if the user manages the scope it was made for."""
    event = get_object_or_404(
        AuditEvent.objects.select_related("unit", "actor"),
        pk=pk,
        action=RatingsAction.IMPORTED,
        unit__isnull=False,
    )
    if event.unit is None:  # excluded by the query; says so to the type checker
        raise Http404("Không tìm thấy.")
    policy.require(Action.MANAGE, event.unit)
    return event
