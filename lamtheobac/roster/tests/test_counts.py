"""Member counts come from the roster; the declared figure only without one (issue 11 §3)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lamtheobac.commendations.queries import member_counts
from lamtheobac.testing import make_person, make_unit
from lamtheobac.units.models import Unit, UnitKind


def _declare(unit: Unit, n: int | None) -> None:
    unit.declared_member_count = n
    unit.save()


def test_a_unit_without_a_roster_counts_its_declared_figure(world):
    _declare(world.sibling, 230)

    assert world.sibling.party_member_count() == 230
    assert member_counts([world.sibling]) == {world.sibling.pk: 230}


def test_a_roster_replaces_the_declared_figure_and_counts_only_party_members(world):
    _declare(world.grassroots, 230)
    make_person(unit=world.cell)
    make_person(unit=world.other_cell)
    make_person(unit=world.other_cell, is_party_member=False)

    assert world.grassroots.party_member_count() == 2
    assert member_counts([world.grassroots, world.cell]) == {
        world.grassroots.pk: 2,
        world.cell.pk: 1,
    }


def test_a_roster_of_non_members_only_is_a_roster_of_zero_members(world):
    _declare(world.sibling, 12)
    make_person(unit=world.sibling, is_party_member=False)

    assert world.sibling.party_member_count() == 0


def test_counts_for_many_units_take_one_query_per_tree_depth(world):
    units = [
        make_unit(parent=world.committee, name=f"Chi bộ {i}", kind=UnitKind.GRASSROOTS_CELL)
        for i in range(30)
    ]
    for unit in units[:10]:
        make_person(unit=unit)
    for unit in units[10:]:
        _declare(unit, 7)

    with CaptureQueriesContext(connection) as queries:
        counts = member_counts(units)

    assert len(queries) == 1
    assert sorted(counts.values()) == [1] * 10 + [7] * 20


def test_the_roster_page_shows_a_count_that_disagrees_with_the_declared_figure(client, world):
    _declare(world.cell, 5)
    make_person(unit=world.cell)
    _declare(world.other_cell, 9)  # no roster: the declared figure is used, no warning
    client.force_login(world.secretary)

    response = client.get(reverse("roster:unit", args=[world.grassroots.pk]))

    rows = {row.unit.pk: row.count for row in response.context["counts"]}
    assert rows[world.cell.pk].disagrees and rows[world.cell.pk].value == 1
    assert not rows[world.other_cell.pk].disagrees and rows[world.other_cell.pk].value == 9
    body = response.content.decode()
    assert body.count('class="badge warning"') == 1
    assert "Danh sách có 1 đảng viên, khai báo 5" in body
