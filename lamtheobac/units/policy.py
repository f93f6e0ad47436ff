"""The one permission policy over the unit tree (docs/architecture.md (practice 5)).

It answers both "may this user do X on this unit?" and "on which units may they do X?".
Views reach objects only through it: outside every grant's subtree → 404 (nothing leaks);
inside the scope but without the right → 403.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest

from lamtheobac.units.models import Role, RoleGrant, Unit, UnitQuerySet


class Action(StrEnum):
    VIEW = "view"  # see the unit, its rounds and their progress
    READ_REPORTS = "read_reports"  # read what the subtree submitted, consolidated outputs
    MANAGE = "manage"  # import documents, open rounds, accept/return, remind, consolidate
    REPORT = "report"  # write, attach and submit the unit's own reports
    ADMINISTER = "administer"  # accounts, unit tree, settings


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.ADMINISTRATOR: frozenset({Action.VIEW, Action.ADMINISTER}),
    Role.COMMITTEE_STAFF: frozenset({Action.VIEW, Action.READ_REPORTS, Action.MANAGE}),
    Role.COMMITTEE_LEADER: frozenset({Action.VIEW, Action.READ_REPORTS}),
    Role.UNIT_STAFF: frozenset({Action.VIEW, Action.REPORT}),
    Role.MEMBER: frozenset({Action.VIEW}),
}


class Policy:
    """Permissions of one user, with their grants loaded once (one query per request)."""

    def __init__(self, user: AbstractBaseUser | AnonymousUser) -> None:
        self.user = user

    @cached_property
    def grants(self) -> list[RoleGrant]:
        if not self.user.is_authenticated:
            return []
        from lamtheobac.core.readcache import cached_read

        pk = self.user.pk
        return cached_read(
            ("grants", pk),
            lambda: list(RoleGrant.objects.filter(user_id=pk).select_related("unit")),
        )

    def roles(self) -> set[str]:
        return {g.role for g in self.grants}

    def _grant_units(self, action: Action) -> list[Unit]:
        return [g.unit for g in self.grants if action in ROLE_ACTIONS[g.role]]

    def can(self, action: Action, unit: Unit) -> bool:
        """True when some grant allowing ``action`` sits on ``unit`` or one of its ancestors."""
        return any(unit.path.startswith(u.path) for u in self._grant_units(action))

    def in_scope(self, unit: Unit) -> bool:
        """True when ``unit`` lies in the subtree of any of the user's grants."""
        return any(unit.path.startswith(g.unit.path) for g in self.grants)

    def units(self, action: Action) -> UnitQuerySet:
        """Every unit on which the user may do ``action`` (a queryset; one prefix filter per grant)."""
        return Unit.objects.subtrees(self._grant_units(action))

    def unit_filter(self, action: Action, field: str = "unit") -> Q:
        """A Q object restricting ``<field>`` (a Unit foreign key) to the units of ``action``."""
        condition = Q(pk__in=[])
        for unit in self._grant_units(action):
            condition |= Q(**{f"{field}__path__startswith": unit.path})
        return condition

    def require(self, action: Action, unit: Unit) -> None:
        """Refuse unless allowed: Http404 outside the user's scope, PermissionDenied inside it."""
        if not self.in_scope(unit):
            raise Http404("Không tìm thấy.")
        if not self.can(action, unit):
            raise PermissionDenied("Bạn không có quyền thực hiện thao tác này trên đơn vị này.")

    def has_any(self, action: Action) -> bool:
        return bool(self._grant_units(action))

    @property
    def can_manage_any(self) -> bool:
        return self.has_any(Action.MANAGE)

    @property
    def can_read_reports_any(self) -> bool:
        return self.has_any(Action.READ_REPORTS)

    @property
    def can_report_any(self) -> bool:
        return self.has_any(Action.REPORT)


def policy_of(user: AbstractBaseUser | AnonymousUser) -> Policy:
    """The user's policy, built once per user object (its grants loaded by one query).

    Write functions call it with their acting user; a view's ``request.user`` shares the
    policy that ``policy_for(request)`` built, so checking again in the write costs nothing.
    """
    policy = getattr(user, "_lamtheobac_policy", None)
    if policy is None:
        policy = Policy(user)
        user._lamtheobac_policy = policy  # type: ignore[union-attr]
    return policy


def policy_for(request: HttpRequest) -> Policy:
    """The request's policy, built once per request."""
    return policy_of(request.user)


def authorize(by: AbstractBaseUser | AnonymousUser | None, action: Action, *units: Unit) -> None:
    """Refuse a write unless ``by`` may do ``action`` on one of ``units`` (ADR 0005).

    Every write function calls it (or ``core.transitions.perform``, which does) with its
    acting user; ``by=None`` is the system itself (demo builder, scheduled jobs) and passes.
    Raises ``core.errors.AccessDenied`` (a PermissionDenied: 403 in a view).
    """
    from lamtheobac.core.errors import AccessDenied

    if by is None:
        return
    policy = policy_of(by)
    if not any(policy.can(action, unit) for unit in units):
        raise AccessDenied()
