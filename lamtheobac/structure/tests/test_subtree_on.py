"""A unit's subtree in the tree of a day (``subtree_on``): the whole of what ``was_within``
says unit by unit, read in two queries."""

from __future__ import annotations

import datetime as dt

import pytest

from lamtheobac.structure.actions.restructure import merge_units, move_unit, split_unit
from lamtheobac.structure.queries import subtree_on, was_within
from lamtheobac.testing import World, make_person, make_unit
from lamtheobac.units.models import Person, Unit, UnitKind

pytestmark = pytest.mark.django_db


def _names(units: list[Unit]) -> list[str]:
    return [u.name for u in units]


def test_a_cell_moved_away_stays_below_its_old_parent_before_the_move(world: World):
    team = make_unit(parent=world.other_cell, name="Tổ đảng 1", kind=UnitKind.SUBORDINATE_CELL)
    move_unit(
        unit=world.other_cell, to_parent=world.sibling, on=dt.date(2025, 6, 1), by=world.admin
    )
    grassroots = Unit.objects.get(pk=world.grassroots.pk)
    sibling = Unit.objects.get(pk=world.sibling.pk)

    before = subtree_on(grassroots, dt.date(2025, 5, 31))
    assert _names(before.units) == [
        "Đảng bộ Sở Tài chính",
        "Chi bộ Phòng Ngân sách",
        "Chi bộ Phòng Tin học",
        "Tổ đảng 1",
    ]
    assert before.moved_out == {world.other_cell.pk, team.pk}
    assert before.parent_ids[world.other_cell.pk] == world.grassroots.pk
    assert before.parent_ids[team.pk] == world.other_cell.pk
    assert _names(subtree_on(sibling, dt.date(2025, 5, 31)).units) == ["Chi bộ Sở Tư pháp"]

    assert _names(subtree_on(grassroots, dt.date(2025, 6, 1)).units) == [
        "Đảng bộ Sở Tài chính",
        "Chi bộ Phòng Ngân sách",
    ]
    after = subtree_on(sibling, dt.date(2025, 6, 1))
    assert _names(after.units) == ["Chi bộ Sở Tư pháp", "Chi bộ Phòng Tin học", "Tổ đảng 1"]
    assert after.moved_out == frozenset()


def test_it_agrees_with_was_within_for_every_unit_and_day(world: World):
    b = make_unit(
        parent=world.committee, name="Đảng bộ Sở Xây dựng", kind=UnitKind.GRASSROOTS_COMMITTEE
    )
    c1 = make_unit(parent=b, name="Chi bộ Quy hoạch", kind=UnitKind.SUBORDINATE_CELL)
    c2 = make_unit(parent=b, name="Chi bộ Nhà ở", kind=UnitKind.SUBORDINATE_CELL)
    for cell in (world.cell, world.other_cell, c1, c2):
        make_person(unit=cell)
    move_unit(unit=world.other_cell, to_parent=b, on=dt.date(2025, 2, 1), by=world.admin)
    move_unit(unit=b, to_parent=world.grassroots, on=dt.date(2025, 4, 1), by=world.admin)
    move_unit(unit=c1, to_parent=world.sibling, on=dt.date(2025, 5, 1), by=world.admin)
    move_unit(unit=b, to_parent=world.committee, on=dt.date(2025, 8, 1), by=world.admin)
    merge_units(
        sources=[world.cell, c2], new_name="Chi bộ hợp nhất", on=dt.date(2025, 9, 1), by=world.admin
    )
    people = {p.pk: 0 for p in Person.objects.filter(unit=world.other_cell)}
    split_unit(
        unit=Unit.objects.get(pk=world.other_cell.pk),
        names=["Chi bộ Tin học 1", "Chi bộ Tin học 2"],
        assignments=people,
        on=dt.date(2025, 10, 1),
        by=world.admin,
    )
    units = list(Unit.objects.all())
    for day in (
        dt.date(2024, 12, 31),
        dt.date(2025, 3, 1),
        dt.date(2025, 4, 1),
        dt.date(2025, 6, 1),
        dt.date(2025, 8, 15),
        dt.date(2025, 12, 31),
    ):
        for top in units:
            expected = {u.pk for u in units if was_within(u.pk, top, day)}
            assert subtree_on(top, day).ids == expected, (top.name, day)


def test_it_reads_the_tree_in_two_queries(world: World, django_assert_num_queries):
    move_unit(
        unit=world.other_cell, to_parent=world.sibling, on=dt.date(2025, 6, 1), by=world.admin
    )
    for n in range(5):
        make_unit(parent=world.cell, name=f"Tổ {n}", kind=UnitKind.SUBORDINATE_CELL)
    grassroots = Unit.objects.get(pk=world.grassroots.pk)
    with django_assert_num_queries(2):
        found = subtree_on(grassroots, dt.date(2025, 1, 1))
    assert len(found.units) == 8
