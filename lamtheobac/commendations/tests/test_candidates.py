"""The nomination form lists eligible candidates first, with the reason for the others
(issue 14 §7), computed in bulk."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lamtheobac.commendations.candidates import candidates
from lamtheobac.commendations.tests.factories import make_commendation_round, make_members, rate
from lamtheobac.testing import World, make_person

pytestmark = pytest.mark.django_db

TWO_EXCELLENT = {
    "applies_to": "individual",
    "kind": "rating_count",
    "min_level": "excellent",
    "count": 2,
    "text": "Ít nhất 02 năm hoàn thành xuất sắc nhiệm vụ",
}
EACH_YEAR_GOOD = {
    "applies_to": "collective",
    "kind": "rating_each_year",
    "min_level": "good",
    "years": [2017, 2018, 2019],
    "text": "Hoàn thành tốt nhiệm vụ trở lên trong các năm 2017, 2018, 2019",
}


def _round(world: World):
    return make_commendation_round(
        committee=world.committee, by=world.officer, criteria=[TWO_EXCELLENT, EACH_YEAR_GOOD]
    )


def test_eligible_people_come_first_and_the_others_say_why(world: World) -> None:
    round = _round(world)
    anh = make_person(unit=world.cell, family_name="Lê", middle_name="Thị", given_name="Anh")
    hoa = make_person(unit=world.cell, family_name="Trần", middle_name="Thị", given_name="Hoa")
    rate(hoa, y2017="excellent", y2018="excellent", y2019="good")
    rate(anh, y2017="excellent", y2018="good", y2019="good")

    found = candidates(round, world.grassroots)

    assert [(c.pk, c.eligible) for c in found.persons] == [(hoa.pk, True), (anh.pk, False)]
    assert found.persons[1].reasons == ["chưa đủ 2 năm hoàn thành xuất sắc nhiệm vụ"]
    assert found.persons[0].label == (
        "Trần Thị Hoa — Chi bộ Phòng Ngân sách — Đảng bộ Sở Tài chính"
    )


def test_collectives_are_checked_too(world: World) -> None:
    round = _round(world)
    rate(world.cell, y2017="good", y2018="excellent", y2019="good")

    found = candidates(round, world.grassroots)

    assert found.collectives[0].pk == world.cell.pk
    assert found.collectives[0].eligible
    rest = {c.pk: c.reasons for c in found.collectives[1:]}
    assert rest[world.grassroots.pk] == ["chưa có dữ liệu xếp loại"]
    rate(world.other_cell, y2017="good", y2018="complete", y2019="good")
    found = candidates(round, world.grassroots)
    rest = {c.pk: c.reasons for c in found.collectives if not c.eligible}
    assert rest[world.other_cell.pk] == [
        "chưa đạt hoàn thành tốt nhiệm vụ trở lên trong từng năm 2017, 2018, 2019"
    ]


def test_the_form_shows_the_groups_and_the_reasons(client, world: World) -> None:
    round = _round(world)
    hoa = make_person(unit=world.cell, family_name="Trần", middle_name="Thị", given_name="Hoa")
    rate(hoa, y2017="excellent", y2018="excellent")
    anh = make_person(unit=world.cell, family_name="Lê", middle_name="Thị", given_name="Anh")
    rate(anh, y2017="excellent")
    client.force_login(world.secretary)

    html = client.get(
        reverse("commendations:unit_nominations", args=[round.pk, world.grassroots.pk])
    ).content.decode()
    html = html[html.index('name="person"') :]  # the person select (the collectives come first)

    eligible = html.index('<optgroup label="Đủ tiêu chuẩn xếp loại">')
    others = html.index('<optgroup label="Chưa đủ tiêu chuẩn">')
    assert eligible < html.index("Trần Thị Hoa — Chi bộ Phòng Ngân sách") < others
    assert others < html.index(
        "Lê Thị Anh — Chi bộ Phòng Ngân sách — Đảng bộ Sở Tài chính "
        "(chưa đủ 2 năm hoàn thành xuất sắc nhiệm vụ)"
    )


def test_the_person_search_needs_no_diacritics(client, world: World) -> None:
    round = _round(world)
    an = make_person(unit=world.cell, family_name="Lê", middle_name="Khánh", given_name="An")
    rate(an, y2019="good")
    make_person(unit=world.cell, family_name="Trần", middle_name="Thị", given_name="Hoa")
    client.force_login(world.secretary)

    response = client.get(
        reverse("commendations:unit_nominations", args=[round.pk, world.grassroots.pk]),
        {"tim": "khanh an"},
    )

    (_blank, (_group, options)) = response.context["form"].fields["person"].choices
    options = [label for _pk, label in options]
    assert options == [
        "Lê Khánh An — Chi bộ Phòng Ngân sách — Đảng bộ Sở Tài chính "
        "(chưa đủ 2 năm hoàn thành xuất sắc nhiệm vụ)"
    ]


def test_candidates_take_as_many_queries_for_260_people_as_for_two(
    world: World, django_assert_max_num_queries
) -> None:
    round = _round(world)
    few = make_members(world.cell, 2)
    rate(few[0], y2018="excellent")
    with django_assert_max_num_queries(10) as small:
        candidates(round, world.grassroots)
    people = make_members(world.cell, 130) + make_members(world.other_cell, 128)
    for person in people[::3]:
        rate(person, y2017="excellent", y2018="excellent")

    with django_assert_max_num_queries(len(small)):
        found = candidates(round, world.grassroots)

    assert len(found.persons) == 260
    assert sum(c.eligible for c in found.persons) == 86


def test_no_rating_at_all_is_no_data_not_a_failure(world: World) -> None:
    round = _round(world)
    unrated = make_person(unit=world.cell, family_name="Vũ", middle_name="Văn", given_name="Nam")
    weak = make_person(unit=world.cell, family_name="Lê", middle_name="Thị", given_name="Anh")
    rate(weak, y2017="good", y2018="good", y2019="good")

    found = {c.pk: c.reasons for c in candidates(round, world.grassroots).persons}

    assert found[unrated.pk] == ["chưa có dữ liệu xếp loại"]
    assert found[weak.pk] == ["chưa đủ 2 năm hoàn thành xuất sắc nhiệm vụ"]


def test_a_nomination_without_ratings_shows_no_data_and_one_with_low_ratings_not_met(
    client, world: World
) -> None:
    from lamtheobac.commendations.actions import nominations

    round = _round(world)
    unrated = make_person(unit=world.cell, family_name="Vũ", middle_name="Văn", given_name="Nam")
    weak = make_person(unit=world.cell, family_name="Lê", middle_name="Thị", given_name="Anh")
    rate(weak, y2017="good", y2018="good", y2019="good")
    no_data = nominations.nominate(
        round, unit=world.grassroots, person=unrated, summary="x", by=world.secretary
    )
    not_met = nominations.nominate(
        round, unit=world.grassroots, person=weak, summary="x", by=world.secretary
    )
    client.force_login(world.secretary)

    first = client.get(reverse("commendations:nomination", args=[no_data.pk])).content.decode()
    second = client.get(reverse("commendations:nomination", args=[not_met.pk])).content.decode()

    assert '<strong class="warn">Chưa có dữ liệu</strong>' in first
    assert '<strong class="bad">Chưa đạt</strong>' not in first
    assert '<strong class="bad">Chưa đạt</strong>' in second
