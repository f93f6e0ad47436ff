"""Reads for the ratings pages: the units offered in filters, the rating lists, history.

Who may read or manage which ratings is decided in ``access.py``.
"""

from __future__ import annotations

from django.db.models import Max, OuterRef, QuerySet, Subquery

from lamtheobac.audit.models import AuditEvent, history
from lamtheobac.ratings.access import read_roots
from lamtheobac.ratings.actions import RatingsAction
from lamtheobac.ratings.models import Rating
from lamtheobac.units.models import Person, PersonQuerySet, Unit, UnitQuerySet
from lamtheobac.units.policy import ROLE_ACTIONS, Action, Policy

# The unit filter lists the top of the user's scope and two levels below (committee →
# grassroots → cell); deeper units are reached from the table's links.
FILTER_DEPTH = 2


def default_unit(policy: Policy) -> Unit | None:
    """The top of the user's readable scope: the highest grant (tree order) with a read right."""
    roots = sorted(read_roots(policy), key=lambda u: u.path)
    return roots[0] if roots else None


def unit_choices(policy: Policy) -> UnitQuerySet:
    """Units offered in the list's filter: the readable scope down to FILTER_DEPTH levels."""
    roots = read_roots(policy)
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


def template_rows(unit: Unit) -> tuple[list[Person], list[Unit]]:
    """The people of ``unit``'s subtree in the office order (units loaded) and its units in
    tree order, to prefill the import template (issue 14 §7): two queries."""
    people = list(Person.objects.in_subtree(unit).select_related("unit").in_office_order())
    return people, list(Unit.objects.subtree(unit).in_tree_order())
