"""The ratings template downloaded for a unit comes prefilled with its people (Vietnamese
order, their unit) and its units, so only the levels are typed; re-imported as it is filled
(issue 14 §7)."""

from __future__ import annotations

import io

import openpyxl
from django.urls import reverse

from lamtheobac.ratings.actions.ratings import import_ratings
from lamtheobac.ratings.models import Rating, RatingLevel
from lamtheobac.testing import make_person


def _download(client, user, unit, year=2024):
    client.force_login(user)
    return client.get(reverse("ratings:template"), {"unit": unit.pk, "year": year})


def test_the_template_for_a_unit_lists_its_people_in_vietnamese_order_and_its_units(
    client, world
) -> None:
    make_person(
        unit=world.cell, family_name="Võ", middle_name="Thị", given_name="Đào", birth_year=1980
    )
    make_person(unit=world.other_cell, family_name="Bùi", middle_name="Văn", given_name="Dũng")
    make_person(unit=world.cell, family_name="Lê", middle_name="", given_name="Ánh")
    make_person(unit=world.sibling, family_name="Hồ", middle_name="Văn", given_name="An")

    response = _download(client, world.officer, world.grassroots)

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    people = [tuple(c.value for c in row) for row in workbook["Cá nhân"].iter_rows(min_row=3)]
    assert people == [
        (1, "Lê Ánh", None, "Chi bộ Phòng Ngân sách", 2024, None),
        (2, "Bùi Văn Dũng", None, "Chi bộ Phòng Tin học", 2024, None),
        (3, "Võ Thị Đào", 1980, "Chi bộ Phòng Ngân sách", 2024, None),
    ]
    units = [row[1].value for row in workbook["Tập thể"].iter_rows(min_row=3)]
    assert units == ["Đảng bộ Sở Tài chính", "Chi bộ Phòng Ngân sách", "Chi bộ Phòng Tin học"]


def test_the_prefilled_template_with_some_levels_chosen_imports_them_and_skips_the_rest(
    client, world
) -> None:
    dao = make_person(unit=world.cell, family_name="Võ", middle_name="Thị", given_name="Đào")
    make_person(unit=world.other_cell, family_name="Bùi", middle_name="Văn", given_name="Dũng")
    workbook = openpyxl.load_workbook(
        io.BytesIO(_download(client, world.officer, world.grassroots).content)
    )
    people = workbook["Cá nhân"]
    for row in people.iter_rows(min_row=3):
        if row[1].value == "Võ Thị Đào":
            row[5].value = "Hoàn thành xuất sắc nhiệm vụ"
    workbook["Tập thể"]["D4"] = "HTTNV"  # Chi bộ Phòng Ngân sách
    out = io.BytesIO()
    workbook.save(out)

    report = import_ratings(
        scope=world.grassroots, data=out.getvalue(), filename="mau.xlsx", by=world.officer
    )

    assert report.ok, report.errors
    assert Rating.objects.get(person=dao, year=2024).level == RatingLevel.EXCELLENT
    assert Rating.objects.get(unit=world.cell, year=2024).level == RatingLevel.GOOD
    assert Rating.objects.count() == 2


def test_a_unit_outside_the_users_scope_gets_no_template(client, world) -> None:
    assert _download(client, world.sibling_officer, world.grassroots).status_code in (403, 404)
    assert _download(client, world.stranger, world.grassroots).status_code in (403, 404)
    assert _download(client, world.leader, world.grassroots).status_code == 403
