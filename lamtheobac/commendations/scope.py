"""Whom and what a unit nominates in a commendation round: the one rule the candidate list
(``candidates``), the nomination form and the write (``actions.nominations.nominate``) all
read, so that whatever the list offers the write accepts and whatever it hides the write
refuses.

The rule (issue 11 §2, ADR 0011): a round is judged on its reference date (ngày chốt số
liệu, ``CommendationRound.reference_date``). A unit puts forward the collectives of its
subtree *in the tree of that day* (``structure.queries.subtree_on``: a cell moved to
another đảng bộ afterwards is still its own for the round, one moved in afterwards is not)
and the people it answered for that day: the ``pledges.Membership`` period covering the day
lies in that subtree, or, for a person without any recorded period, their present unit does
(there at every date). Without a day, the present subtree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from lamtheobac.pledges.models import Membership
from lamtheobac.structure.queries import subtree_on
from lamtheobac.units.models import Person, PersonQuerySet, Unit


def covering(day: dt.date) -> Q:
    """Membership periods in force on ``day`` (both ends inclusive)."""
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


@dataclass(frozen=True)
class NominatingScope:
    """What ``unit`` answers for on ``day``: ``units`` (the unit first, in the order of the
    tree of that day), each one's ``parent_ids`` then (the unit itself left out) and
    ``moved_out``, the ids of units that have since left the unit's present subtree."""

    unit: Unit
    day: dt.date | None
    units: list[Unit]
    parent_ids: dict[int, int]
    moved_out: frozenset[int]

    @property
    def unit_ids(self) -> list[int]:
        return [u.pk for u in self.units]

    def holds_unit(self, collective: Unit) -> bool:
        """Whether ``unit`` may put ``collective`` forward (no query)."""
        return collective.pk in {u.pk for u in self.units}

    def people(self) -> PersonQuerySet:
        """The people ``unit`` may put forward, wherever they are now (one query when
        evaluated; both arms are IN over indexed columns, so the database reads the
        subtree's people and periods, never every person of the country)."""
        units = self.unit_ids
        if self.day is None:
            return Person.objects.filter(unit__in=units)
        then_here = Membership.objects.filter(covering(self.day), unit__in=units)
        no_periods = ~Exists(Membership.objects.filter(person=OuterRef("pk")))
        return Person.objects.filter(
            (Q(unit__in=units) & Q(no_periods)) | Q(pk__in=then_here.values("person_id"))
        )

    def holds_person(self, person: Person) -> bool:
        """Whether ``unit`` may put ``person`` forward: ``people`` holds them (one query)."""
        return self.people().filter(pk=person.pk).exists()


def nominating_scope(unit: Unit, day: dt.date | None) -> NominatingScope:
    """The scope of ``unit`` for a round judged on ``day`` (its reference date): two
    queries (``structure.queries.subtree_on``); one without a day."""
    if day is None:
        units = list(Unit.objects.subtree(unit).in_tree_order())
        by_path = {u.path: u.pk for u in units}
        parents = {u.pk: by_path[u.path[: -Unit.steplen]] for u in units if u.pk != unit.pk}
        return NominatingScope(unit, None, units, parents, frozenset())
    then = subtree_on(unit, day)
    return NominatingScope(unit, day, then.units, then.parent_ids, then.moved_out)
