"""A members import records each person's dated membership of their cell (pledges.Membership,
the history restructuring and transfers use); importing again adds none (issue 11 §1–2)."""

from __future__ import annotations

import datetime as dt

from lamtheobac.pledges.models import Membership
from lamtheobac.roster.actions.members import SINCE_BEFORE_RECORDS
from lamtheobac.roster.tests.test_members_import import AN, BINH, CUONG, ROSTER, _import
from lamtheobac.structure.actions.restructure import merge_units
from lamtheobac.structure.queries import member_counts_on
from lamtheobac.testing import make_person
from lamtheobac.units.models import Person


def _periods() -> list[tuple[str, int, dt.date, dt.date | None]]:
    return list(
        Membership.objects.order_by("person__given_name", "start").values_list(
            "person__given_name", "unit_id", "start", "end"
        )
    )


def test_each_imported_person_gets_a_membership_of_their_cell_from_joining_the_party(world):
    report = _import(world, ROSTER)

    assert report.ok, report.errors
    assert _periods() == [
        ("An", world.cell.pk, dt.date(2005, 2, 3), None),  # ngày vào Đảng
        ("Bình", world.cell.pk, dt.date(2010, 1, 15), None),
        ("Cường", world.other_cell.pk, SINCE_BEFORE_RECORDS, None),  # not a party member
    ]
    assert report.event is not None and report.event.after["memberships_opened"] == 3


def test_importing_the_same_roster_again_records_no_second_membership(world):
    _import(world, ROSTER)
    first = _periods()

    report = _import(world, ROSTER)

    assert report.unchanged == 3
    assert _periods() == first
    assert report.event is not None and report.event.after["memberships_opened"] == 0


def test_a_person_already_on_the_roster_without_history_gets_one(world):
    person = make_person(unit=world.cell, family_name="Nguyễn", middle_name="Văn", given_name="An")
    Person.objects.filter(pk=person.pk).update(card_number="01000001")

    _import(world, [AN])

    assert list(Membership.objects.values_list("person_id", "unit_id", "end")) == [
        (person.pk, world.cell.pk, None)
    ]


def test_a_corrected_cell_moves_the_person_from_today_keeping_the_old_period(world):
    _import(world, ROSTER)
    moved = (*BINH[:4], "Chi bộ Phòng Tin học", *BINH[5:])

    report = _import(world, [AN, moved, CUONG])

    assert report.updated == 1
    binh = Person.objects.get(card_number="01000002")
    assert binh.unit == world.other_cell
    periods = list(
        Membership.objects.filter(person=binh).order_by("start").values_list("unit_id", "end")
    )
    assert [unit for unit, _ in periods] == [world.cell.pk, world.other_cell.pk]
    assert periods[0][1] is not None and periods[1][1] is None


def test_imported_members_follow_a_later_merge_of_their_cells(world):
    _import(world, ROSTER)
    change = merge_units(
        sources=[world.cell, world.other_cell],
        new_name="Chi bộ Phòng Ngân sách - Tin học",
        on=dt.date(2025, 7, 1),
        by=world.admin,
    )
    merged = change.parts.get(part="result").unit

    assert set(Person.objects.values_list("unit_id", flat=True)) == {merged.pk}
    assert Membership.objects.filter(unit=world.cell, end=dt.date(2025, 6, 30)).count() == 2
    counts = member_counts_on([world.cell, merged], dt.date(2025, 1, 1))
    assert counts == {world.cell.pk: 2, merged.pk: 0}
    counts = member_counts_on([world.cell, merged], dt.date(2025, 7, 1))
    assert counts == {world.cell.pk: 0, merged.pk: 2}
