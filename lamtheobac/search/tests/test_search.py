"""The search page (issue 14 §7): documents by number, title and text; persons without
diacritics in the office order; units with their parent; only what the caller may see."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from lamtheobac.documents.actions.documents import import_document
from lamtheobac.documents.models import Document
from lamtheobac.search import queries
from lamtheobac.testing import World, make_person, make_unit
from lamtheobac.units.models import UnitKind

PLAN = (
    "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\nSố 59-KH/ĐUK\nKẾ HOẠCH\n"
    "tổng kết 5 năm thực hiện Chỉ thị 05-CT/TW\n"
    "Các chi bộ tổ chức hội nghị điển hình tiên tiến trong Quý II.\n"
)


def _import(world: World, text: str, name: str = "van-ban.txt") -> Document:
    return import_document(
        owner=world.committee, data=text.encode(), filename=name, by=world.officer
    )


def _search(client, user, q: str, kind: str = "", page: int | None = None):
    client.force_login(user)
    params = {"q": q}
    if kind:
        params["loai"] = kind
    if page:
        params["trang"] = str(page)
    return client.get(reverse("search:search"), params)


def _found(response, code: str) -> list:
    for section in response.context["sections"]:
        if section["code"] == code:
            return section["rows"]
    raise AssertionError(f"no section {code}")


@pytest.mark.parametrize(
    "q", ["59-KH/ĐUK", "59-kh/duk", "tong ket chi thi", "điển hình tiên tiến", "dien hinh"]
)
def test_a_document_is_found_by_number_title_or_text_with_or_without_diacritics(
    client, world: World, q: str
) -> None:
    document = _import(world, PLAN)

    response = _search(client, world.officer, q)

    assert [d.pk for d in _found(response, "van-ban")] == [document.pk]


def test_found_documents_are_listed_without_loading_their_texts(client, world: World) -> None:
    _import(world, PLAN)

    response = _search(client, world.officer, "hoi nghi")

    (document,) = _found(response, "van-ban")
    assert {"text", "extraction"} <= document.get_deferred_fields()


def test_every_word_must_be_found(client, world: World) -> None:
    _import(world, PLAN)

    assert _found(_search(client, world.officer, "hội nghị bóng đá"), "van-ban") == []


def test_khanh_an_finds_khanh_an_and_khanh_an_with_a_circumflex(client, world: World) -> None:
    an = make_person(unit=world.cell, family_name="Lê", middle_name="Khánh", given_name="An")
    circumflex = make_person(
        unit=world.cell, family_name="Nguyễn", middle_name="Khánh", given_name="Ân"
    )
    make_person(unit=world.cell, family_name="Trần", middle_name="Văn", given_name="Lan")

    rows = _found(_search(client, world.officer, "khanh an"), "nguoi")

    assert [r.item.pk for r in rows] == [an.pk, circumflex.pk]  # An before Ân


def test_persons_come_in_vietnamese_order_by_given_name_then_middle_then_family(
    client, world: World
) -> None:
    names = [
        ("Võ", "Thị", "Đào"),
        ("Bùi", "Văn", "Dũng"),
        ("Đặng", "Văn", "Dũng"),
        ("Lê", "", "Ánh"),
    ]
    for family, middle, given in names:
        make_person(unit=world.cell, family_name=family, middle_name=middle, given_name=given)

    rows = _found(_search(client, world.officer, "d"), "nguoi")

    assert [r.item.full_name for r in rows] == ["Bùi Văn Dũng", "Đặng Văn Dũng", "Võ Thị Đào"]


def test_units_alike_are_shown_with_their_parent(client, world: World) -> None:
    health = make_unit(
        parent=world.committee, name="Đảng bộ Sở Y tế", kind=UnitKind.GRASSROOTS_COMMITTEE
    )
    make_unit(parent=health, name="Chi bộ Văn phòng", kind=UnitKind.SUBORDINATE_CELL)
    make_unit(parent=world.grassroots, name="Chi bộ Văn phòng", kind=UnitKind.SUBORDINATE_CELL)

    response = _search(client, world.officer, "chi bo van phong")

    labels = [r.unit_label for r in _found(response, "don-vi")]
    assert sorted(labels) == [
        "Chi bộ Văn phòng — Đảng bộ Sở Tài chính",
        "Chi bộ Văn phòng — Đảng bộ Sở Y tế",
    ]
    assertContains(response, "Chi bộ Văn phòng — Đảng bộ Sở Y tế")


def test_a_person_is_shown_with_their_unit_and_its_parent(client, world: World) -> None:
    make_person(unit=world.cell, family_name="Lê", middle_name="Khánh", given_name="An")

    response = _search(client, world.officer, "khanh an")

    assertContains(response, "Chi bộ Phòng Ngân sách — Đảng bộ Sở Tài chính")


def test_a_stranger_finds_nothing(client, world: World) -> None:
    _import(world, PLAN)
    make_person(unit=world.cell, family_name="Lê", middle_name="Khánh", given_name="An")

    response = _search(client, world.stranger, "khanh an chi bo")
    for code in ("van-ban", "nguoi", "don-vi"):
        assert _found(response, code) == []
    assert _found(_search(client, world.stranger, "59-KH"), "van-ban") == []


def test_a_sibling_units_officer_sees_nothing_of_another_unit(client, world: World) -> None:
    _import(world, PLAN)
    make_person(unit=world.cell, family_name="Lê", middle_name="Khánh", given_name="An")
    mine = make_person(unit=world.sibling, family_name="Hồ", middle_name="Khánh", given_name="An")

    response = _search(client, world.sibling_officer, "khanh an")

    assert [r.item.pk for r in _found(response, "nguoi")] == [mine.pk]
    assert _found(_search(client, world.sibling_officer, "59-KH"), "van-ban") == []
    assert _found(_search(client, world.sibling_officer, "tai chinh"), "don-vi") == []
    assertNotContains(response, "Lê Khánh An")


def test_a_unit_secretary_finds_the_people_of_their_cells_not_the_committees_documents(
    client, world: World
) -> None:
    _import(world, PLAN)
    cell_member = make_person(
        unit=world.cell, family_name="Lê", middle_name="Khánh", given_name="An"
    )

    response = _search(client, world.secretary, "khanh an")

    assert [r.item.pk for r in _found(response, "nguoi")] == [cell_member.pk]
    assert _found(_search(client, world.secretary, "59-KH"), "van-ban") == []


def test_one_kind_is_paginated(client, world: World) -> None:
    for n in range(30):
        make_person(
            unit=world.cell, family_name="Phạm", middle_name="Văn", given_name=f"Bình{n:02d}"
        )

    first = _search(client, world.officer, "binh", kind="nguoi")
    second = _search(client, world.officer, "binh", kind="nguoi", page=2)

    assert len(_found(first, "nguoi")) == 25
    assert len(_found(second, "nguoi")) == 5
    assert [s["code"] for s in first.context["sections"]] == ["nguoi"]


def test_the_page_makes_as_many_queries_with_many_results_as_with_one(
    client, world: World, django_assert_max_num_queries
) -> None:
    health = make_unit(
        parent=world.committee, name="Đảng bộ Sở Y tế", kind=UnitKind.GRASSROOTS_COMMITTEE
    )
    make_person(unit=world.cell, family_name="Lê", middle_name="Khánh", given_name="An")
    make_unit(parent=health, name="Chi bộ An ninh", kind=UnitKind.SUBORDINATE_CELL)
    _import(world, PLAN + "An toàn.\n")
    _search(client, world.officer, "an")
    with django_assert_max_num_queries(50) as one:
        _search(client, world.officer, "an")
    for n in range(8):
        unit = make_unit(parent=health, name=f"Chi bộ An ninh {n}", kind=UnitKind.SUBORDINATE_CELL)
        make_person(unit=unit, family_name="Lê", middle_name="Khánh", given_name=f"An{n}")
        _import(world, f"ĐẢNG ỦY KHỐI\nSố {n + 100}-KH/ĐUK\nKẾ HOẠCH\nvề an toàn {n}\n")

    with django_assert_max_num_queries(len(one)):
        response = _search(client, world.officer, "an")
    assert len(_found(response, "nguoi")) == 9


def test_an_empty_query_shows_the_box_and_no_results(client, world: World) -> None:
    response = _search(client, world.officer, "  ")
    assert response.context["sections"] == []
    assertContains(
        response,
        '<input type="search" id="search-q" name="q" value="" '
        'placeholder="Số văn bản, trích yếu, nội dung, họ tên, tên đơn vị">',
        html=True,
    )


def test_unit_labels_read_the_parents_in_one_query(world: World, django_assert_num_queries) -> None:
    units = [world.cell, world.other_cell, world.committee]
    with django_assert_num_queries(1):
        labels = queries.unit_labels(units)
    assert labels[world.committee.pk] == "Đảng ủy Khối các cơ quan tỉnh"
    assert labels[world.cell.pk] == "Chi bộ Phòng Ngân sách — Đảng bộ Sở Tài chính"


def test_the_header_has_a_search_box(client, world: World) -> None:
    client.force_login(world.member)
    response = client.get(reverse("home"))
    assertContains(response, 'action="/tim-kiem/"')
