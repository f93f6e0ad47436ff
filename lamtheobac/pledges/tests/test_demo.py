"""The demo's plans, exemplars and models for the current year, whatever today's date."""

from __future__ import annotations

import datetime as dt

import pytest

from lamtheobac.demo.builder import build_demo_committee
from lamtheobac.pledges import queries
from lamtheobac.pledges.demo import build_pledges
from lamtheobac.pledges.models import Exemplar, ExemplaryModel, Pledge
from lamtheobac.units.models import GRASSROOTS_KINDS, Person, Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", [dt.date(2026, 2, 10), dt.date(2026, 12, 4)])
def test_the_demo_gives_most_people_a_plan_in_several_states_and_dangvien_their_own(day):
    demo = build_demo_committee(import_seeds=False)
    counts = build_pledges(demo.root, users=demo.users, day=day)
    people = Person.objects.filter(unit__path__startswith=demo.root.path, unit__depth__gt=2)
    pledges = Pledge.objects.filter(year=day.year)
    assert pledges.count() >= 0.8 * people.count()
    assert len(set(pledges.values_list("state", flat=True))) >= 4
    mine = pledges.get(person__user=demo.users["dangvien"])
    assert mine.items.count() == 3
    assert len(set(ExemplaryModel.objects.values_list("state", flat=True))) >= 3
    assert len(set(Exemplar.objects.values_list("state", flat=True))) >= 2
    orgs = list(Unit.objects.filter(kind__in=GRASSROOTS_KINDS, path__startswith=demo.root.path))
    rolled = queries.pledge_counts([demo.root], day.year)[demo.root.pk]
    assert (
        rolled.submitted
        == pledges.filter(state__in=["submitted", "accepted", "self_assessed", "evaluated"]).count()
    )
    assert (
        sum(queries.exemplar_counts(orgs, day.year)[o.pk].exemplars_registered for o in orgs)
        == counts["exemplars"]
    )
    assert build_pledges(demo.root, users=demo.users, day=day)["pledges"] == 0  # idempotent
