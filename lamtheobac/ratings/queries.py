"""Reads for the ratings pages: who may read or manage ratings where, and the rating lists.

Who may do what (decided here, in one place, on top of the one policy):
- committee staff (``Action.MANAGE``) import and edit ratings in their subtree;
- committee leaders (``Action.READ_REPORTS``) and unit staff (``Action.REPORT``) read the
  ratings of their own subtree, nothing more;
- members and administrators see the unit but not its ratings (403), and whoever has no role
  on the unit or above it gets 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from lamtheobac.audit.models import AuditEvent, history
from lamtheobac.ratings.actions import RatingsAction
from lamtheobac.ratings.models import Rating
from lamtheobac.units.models import Person, PersonQuerySet, Unit, UnitQuerySet
from lamtheobac.units.policy import ROLE_ACTIONS, Action, Policy

READ_ACTIONS = frozenset({Action.MANAGE, Action.READ_REPORTS, Action.REPORT})
# The unit filter lists the top of the user's scope and two levels below (committee →
# grassroots → cell); deeper units are reached from the table's links.
FILTER_DEPTH = 2


def _read_roots(policy: Policy) -> list[Unit]:
    return [g.unit for g in policy.grants if ROLE_ACTIONS[g.role] & READ_ACTIONS]


def may_read(policy: Policy, unit: Unit) -> bool:
    return any(policy.can(action, unit) for action in READ_ACTIONS)


def require_read(policy: Policy, unit: Unit) -> None:
    """Refuse to show ``unit``'s ratings: 404 outside the user's scope, 403 without a read right."""
    if not policy.in_scope(unit):
        raise Http404("Không tìm thấy.")
    if not may_read(policy, unit):
        raise PermissionDenied("Bạn không có quyền xem xếp loại của đơn vị này.")


def default_unit(policy: Policy) -> Unit | None:
    """The top of the user's readable scope: the highest grant (tree order) with a read right."""
    roots = sorted(_read_roots(policy), key=lambda u: u.path)
    return roots[0] if roots else None


def unit_choices(policy: Policy) -> UnitQuerySet:
    """Units offered in the list's filter: the readable scope down to FILTER_DEPTH levels."""
    roots = _read_roots(policy)
    if not roots:
        return Unit.objects.none()
    top = min(u.depth for u in roots)
    return Unit.objects.subtrees(roots).filter(depth__lte=top + FILTER_DEPTH).in_tree_order()


def import_scopes(policy: Policy) -> UnitQuerySet:
    """Units offered as the scope of an import: where the user manages, two levels deep."""
    roots = [g.unit for g in policy.grants if Action.MANAGE in ROLE_ACTIONS[g.role]]
    if not roots:
        return Unit.objects.none()
    top = min(u.depth for u in roots)
    return Unit.objects.subtrees(roots).filter(depth__lte=top + FILTER_DEPTH).in_tree_order()


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
    policy.require(Action.MANAGE, event.unit)  # type: ignore[arg-type]
    return event


# --- lists -----------------------------------------------------------------------------------


def latest_year(unit: Unit) -> int | None:
    """The latest year with a rating of a person in ``unit``'s subtree."""
    return Rating.objects.filter(person__unit__path__startswith=unit.path).aggregate(
        year=Max("year")
    )["year"]


def people_with_ratings(unit: Unit, year: int) -> PersonQuerySet:
    """People of ``unit``'s subtree in office order, each with ``level`` and ``note`` for
    ``year`` (None when not rated) and their unit loaded: one query per page."""
    rating = Rating.objects.filter(person=OuterRef("pk"), year=year)
    return (
        Person.objects.in_subtree(unit)
        .select_related("unit")
        .annotate(
            level=Subquery(rating.values("level")[:1]),
            rating_note=Subquery(rating.values("note")[:1]),
        )
        .in_office_order()
    )


def units_with_ratings(unit: Unit, year: int) -> UnitQuerySet:
    """``unit`` and its subtree in tree order, each with ``level`` and ``note`` for ``year``."""
    rating = Rating.objects.filter(unit=OuterRef("pk"), year=year)
    return (
        Unit.objects.subtree(unit)
        .annotate(
            level=Subquery(rating.values("level")[:1]),
            rating_note=Subquery(rating.values("note")[:1]),
        )
        .in_tree_order()
    )


def rating_of(target: Person | Unit, year: int) -> Rating | None:
    owner = {"person": target} if isinstance(target, Person) else {"unit": target}
    return Rating.objects.filter(year=year, **owner).first()


def rating_history(rating: Rating | None) -> QuerySet[AuditEvent]:
    """Edits of this rating, newest first (imports are recorded once per file, on its scope)."""
    if rating is None:
        return AuditEvent.objects.none()
    return history(rating)


def recent_imports(scope: Unit, limit: int = 10) -> QuerySet[AuditEvent]:
    """The latest imports made for ``scope``'s subtree, actors loaded."""
    return (
        AuditEvent.objects.filter(action=RatingsAction.IMPORTED, unit__path__startswith=scope.path)
        .select_related("actor", "unit")
        .defer("before")[:limit]
    )
