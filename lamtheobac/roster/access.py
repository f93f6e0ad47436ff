"""Who may reach which roster page (issue 11 §4; ADR 0005), on top of the one policy.

- Anyone with a role on a unit or above it sees its roster: names, positions, whether each
  person is a party member, and the member counts (``Action.VIEW``).
- Personal data — date of birth, party card number, the dates of joining and confirmation —
  and the .xlsx export holding them, and the roster import, belong to the unit's staff
  (``Action.REPORT``: bí thư, văn phòng cấp ủy of the unit or a unit above it) and to
  administrators (``Action.ADMINISTER``). Committee staff and leaders see the counts only.
- The unit tree is imported by administrators (``Action.ADMINISTER``).
- Outside every grant's subtree a unit does not exist (404); inside it without the right: 403.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied
from lamtheobac.roster.actions import RosterAction
from lamtheobac.units.models import Unit, UnitQuerySet
from lamtheobac.units.policy import ROLE_ACTIONS, Action, Policy, policy_of

PERSONAL_DATA = frozenset({Action.REPORT, Action.ADMINISTER})


def may_see_personal_data(policy: Policy, unit: Unit) -> bool:
    """True for the unit's staff (or a superior unit's) and administrators over it."""
    return any(policy.can(action, unit) for action in PERSONAL_DATA)


def authorize_personal_data(by: AbstractBaseUser | AnonymousUser | None, unit: Unit) -> None:
    """Refuse a write or export of personal data unless ``by`` may see it on ``unit``
    (``by=None`` is the system). Raises AccessDenied (403)."""
    if by is not None and not may_see_personal_data(policy_of(by), unit):
        raise AccessDenied("Bạn không có quyền xem hoặc sửa thông tin cá nhân của đơn vị này.")


def _unit(pk: int | str | None) -> Unit:
    try:
        number = int(pk or "")
    except ValueError:
        raise Http404("Không tìm thấy.") from None
    return get_object_or_404(Unit, pk=number)


def unit_for(policy: Policy, pk: int | str | None) -> Unit:
    """The unit whose roster the user may see (VIEW); 404 outside their scope."""
    unit = _unit(pk)
    policy.require(Action.VIEW, unit)
    return unit


def personal_unit_for(policy: Policy, pk: int | str | None) -> Unit:
    """The unit whose personal data the user may see, export or import: 404 outside the
    user's scope, 403 inside it without the right."""
    unit = _unit(pk)
    if not policy.in_scope(unit):
        raise Http404("Không tìm thấy.")
    if not may_see_personal_data(policy, unit):
        raise PermissionDenied("Bạn không có quyền xem thông tin cá nhân của đơn vị này.")
    return unit


def tree_unit_for(policy: Policy, pk: int | str | None) -> Unit:
    """The unit under which the user may import the tree (ADMINISTER): 404 / 403."""
    unit = _unit(pk)
    policy.require(Action.ADMINISTER, unit)
    return unit


def import_scopes(policy: Policy, *, tree: bool) -> UnitQuerySet:
    """The units at the top of the grants allowing a tree (or roster) import."""
    actions = {Action.ADMINISTER} if tree else set(PERSONAL_DATA)
    return Unit.objects.filter(
        pk__in=[g.unit.pk for g in policy.grants if ROLE_ACTIONS[g.role] & actions]
    )


def import_event_for(policy: Policy, pk: int) -> AuditEvent:
    """One import's audit event, for whoever may import at its scope (404 / 403)."""
    event = get_object_or_404(
        AuditEvent.objects.select_related("unit", "actor"),
        pk=pk,
        action__in=[RosterAction.UNITS_IMPORTED, RosterAction.MEMBERS_IMPORTED],
        unit__isnull=False,
    )
    if event.unit is None:
        raise Http404("Không tìm thấy.")
    if event.action == RosterAction.UNITS_IMPORTED:
        policy.require(Action.ADMINISTER, event.unit)
    else:
        personal_unit_for(policy, event.unit.pk)
    return event
