"""Ratings pages: the list, the edit form, the template download and the import page."""

from __future__ import annotations

import io
import re

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from lamtheobac.audit.models import AuditEvent
from lamtheobac.ratings.actions.ratings import set_rating
from lamtheobac.ratings.models import Rating, RatingLevel
from lamtheobac.ratings.tests.conftest import xlsx
from lamtheobac.testing import make_person, make_unit
from lamtheobac.units.models import UnitKind


def _list(client, **params):
    return client.get(reverse("ratings:list"), params)


def _names(response) -> list[str]:
    body = response.content.decode()
    rows = re.findall(r'<td class="num">\d+</td>\s*<td>([^<]+)</td>', body)
    return rows


# --- the list --------------------------------------------------------------------------------


def test_the_list_shows_the_subtrees_people_in_office_order_with_their_level(client, world, cast):
    set_rating(cast.an, year=2023, level=RatingLevel.EXCELLENT, by=world.officer)
    client.force_login(world.officer)

    response = _list(client, unit=world.grassroots.pk, year=2023)

    # An < Bình < Cường: by given name first; Dũng is in another grassroots organisation.
    assert _names(response) == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    assertInHTML(
        '<span class="badge level-excellent">Hoàn thành xuất sắc nhiệm vụ</span>',
        response.content.decode(),
    )
    assertContains(response, "Chưa có dữ liệu", count=2)


def test_the_list_defaults_to_the_latest_rated_year_of_the_users_scope(client, world, cast):
    set_rating(cast.binh, year=2021, level=RatingLevel.GOOD, by=world.officer)
    client.force_login(world.secretary)

    response = _list(client)

    assert response.context["unit"] == world.grassroots
    assert response.context["year"] == 2021


def test_the_collectives_tab_lists_the_units_of_the_subtree_with_their_level(client, world):
    set_rating(world.cell, year=2023, level=RatingLevel.GOOD, by=world.officer)
    client.force_login(world.leader)

    response = _list(client, unit=world.grassroots.pk, year=2023, kind="tap-the")

    assert _names(response) == []  # units are links
    body = response.content.decode()
    assert body.index("Đảng bộ Sở Tài chính") < body.index("Chi bộ Phòng Ngân sách")
    assertInHTML('<span class="badge level-good">Hoàn thành tốt nhiệm vụ</span>', body)
    assertNotContains(response, "Chi bộ Sở Tư pháp</a>")


def test_readers_get_no_edit_links_and_managers_do(client, world, cast):
    client.force_login(world.secretary)
    read_only = _list(client, unit=world.grassroots.pk, year=2023)
    client.force_login(world.officer)
    managed = _list(client, unit=world.grassroots.pk, year=2023)

    edit = reverse("ratings:edit_person", args=[cast.an.pk, 2023])
    assertNotContains(read_only, edit)
    assertNotContains(read_only, reverse("ratings:import"))
    assertContains(managed, edit)


def test_the_list_is_paginated(client, world):
    for n in range(55):
        make_person(unit=world.cell, family_name="Đỗ", middle_name="", given_name=f"Tên{n:02d}")
    client.force_login(world.officer)

    first = _list(client, unit=world.grassroots.pk, year=2023)
    second = _list(client, unit=world.grassroots.pk, year=2023, p=2)

    assert len(_names(first)) == 50
    assert len(_names(second)) == 5
    assertContains(first, "Trang 1/2")


def test_the_list_query_count_does_not_grow_with_the_number_of_people(client, world, cast):
    client.force_login(world.officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = _list(client, unit=world.grassroots.pk, year=2023)
        assert response.status_code == 200
        return len(queries)

    count()  # the first request of a session also saves the session and checks the 2FA device
    few = count()
    for n in range(30):
        unit = make_unit(
            parent=world.grassroots, name=f"Chi bộ {n}", kind=UnitKind.SUBORDINATE_CELL
        )
        person = make_person(unit=unit)
        set_rating(person, year=2023, level=RatingLevel.GOOD, by=world.officer)
        set_rating(unit, year=2023, level=RatingLevel.GOOD, by=world.officer)

    assert count() == few
    with CaptureQueriesContext(connection) as queries:
        _list(client, unit=world.grassroots.pk, year=2023, kind="tap-the")
    assert len(queries) == few


# --- editing one rating ---------------------------------------------------------------------


def test_the_officer_sets_a_persons_rating_and_returns_to_the_list(client, world, cast):
    client.force_login(world.officer)
    url = reverse("ratings:edit_person", args=[cast.an.pk, 2023])
    back = f"{reverse('ratings:list')}?unit={world.grassroots.pk}&year=2023"

    form = client.get(url, {"next": back})
    response = client.post(
        url, {"level": "excellent", "note": "QĐ 15-QĐ/ĐUK", "previous": "", "next": back}
    )

    assert form.status_code == 200
    assert response.status_code == 303
    assert response["Location"] == back
    rating = Rating.objects.get(person=cast.an, year=2023)
    assert (rating.level, rating.note) == ("excellent", "QĐ 15-QĐ/ĐUK")


def test_the_edit_page_shows_the_history_of_the_rating(client, world, cast):
    set_rating(world.grassroots, year=2023, level=RatingLevel.GOOD, by=world.officer)
    set_rating(world.grassroots, year=2023, level=RatingLevel.EXCELLENT, by=world.officer)
    client.force_login(world.officer)

    response = client.get(reverse("ratings:edit_unit", args=[world.grassroots.pk, 2023]))

    body = response.content.decode()
    assertInHTML("<del>Hoàn thành tốt nhiệm vụ</del>", body)
    assertInHTML("<ins>Hoàn thành xuất sắc nhiệm vụ</ins>", body, count=1)
    assertInHTML("<ins>Hoàn thành tốt nhiệm vụ</ins>", body, count=1)


def test_an_edit_based_on_an_old_level_is_refused_and_nothing_is_overwritten(client, world, cast):
    set_rating(cast.an, year=2023, level=RatingLevel.GOOD, by=world.officer)
    client.force_login(world.officer)
    url = reverse("ratings:edit_person", args=[cast.an.pk, 2023])

    response = client.post(url, {"level": "complete", "previous": ""}, follow=True)

    assertContains(response, "Dữ liệu đã thay đổi")
    assert Rating.objects.get(person=cast.an).level == "good"


def test_an_unknown_level_is_shown_on_the_form(client, world, cast):
    client.force_login(world.officer)

    response = client.post(
        reverse("ratings:edit_person", args=[cast.an.pk, 2023]), {"level": "great"}
    )

    assert response.status_code == 400
    assert not Rating.objects.exists()


def test_an_unsafe_next_address_is_ignored(client, world, cast):
    client.force_login(world.officer)

    response = client.post(
        reverse("ratings:edit_person", args=[cast.an.pk, 2023]),
        {"level": "good", "next": "https://evil.example/"},
    )

    assert response["Location"].startswith(reverse("ratings:list"))


# --- template and import --------------------------------------------------------------------


def test_the_template_downloads_as_an_xlsx_with_two_sheets(client, world):
    client.force_login(world.officer)

    response = client.get(reverse("ratings:template"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "mau-nhap-xep-loai.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Cá nhân", "Tập thể"]


def _post_import(client, world, data: bytes, scope=None):
    return client.post(
        reverse("ratings:import"),
        {
            "scope": (scope or world.grassroots).pk,
            "file": SimpleUploadedFile("xep-loai-2023.xlsx", data),
        },
    )


def test_a_good_import_leads_to_its_row_by_row_result(client, world, cast):
    client.force_login(world.officer)
    data = xlsx(
        [
            ("Nguyễn Văn An", 1980, "Chi bộ Phòng Ngân sách", 2023, "HTXSNV"),
            ("Lê Văn Cường", None, "Chi bộ Phòng Tin học", 2023, "HTTNV"),
        ]
    )

    response = _post_import(client, world, data)

    event = AuditEvent.objects.get(action="ratings.import")
    assert response.status_code == 303
    assert response["Location"] == reverse("ratings:import_result", args=[event.pk])
    result = client.get(response["Location"])
    assertContains(result, "2 mới")
    assertInHTML(
        '<tr class="outcome-created"><td>Cá nhân</td><td class="num">3</td>'
        '<td>Nguyễn Văn An</td><td>Chi bộ Phòng Ngân sách</td><td class="num">2023</td>'
        "<td></td><td>Hoàn thành xuất sắc nhiệm vụ</td><td>Thêm mới</td></tr>",
        result.content.decode(),
    )


def test_the_same_file_twice_shows_everything_unchanged(client, world, cast):
    client.force_login(world.officer)
    data = xlsx([("Nguyễn Văn An", 1980, "Chi bộ Phòng Ngân sách", 2023, "HTXSNV")])
    _post_import(client, world, data)

    result = client.get(_post_import(client, world, data)["Location"])

    assertContains(result, "0 mới")
    assertContains(result, "1 không đổi")
    assert Rating.objects.count() == 1


def test_a_bad_import_shows_each_bad_row_and_changes_nothing(client, world, cast):
    client.force_login(world.officer)
    data = xlsx(
        [
            ("Nguyễn Văn An", 1980, "Chi bộ Phòng Ngân sách", 2023, "HTXSNV"),
            ("Nguyễn Văn Ann", None, "Chi bộ Phòng Ngân sách", 2023, "HTTNV"),
        ],
        [("Chi bộ Sở Tư pháp", 2023, "HTTNV")],
    )

    response = _post_import(client, world, data)

    assert response.status_code == 400
    body = response.content.decode()
    assertInHTML(
        "<tr><td>Cá nhân</td><td>Dòng 4: không tìm thấy đảng viên “Nguyễn Văn Ann” ở đơn vị "
        "“Chi bộ Phòng Ngân sách”</td></tr>",
        body,
    )
    assert "Dòng 3: không tìm thấy tổ chức “Chi bộ Sở Tư pháp” trong phạm vi" in body
    assert not Rating.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_corrupt_upload_is_answered_with_a_vietnamese_message_and_changes_nothing(
    client, world, cast
):
    client.force_login(world.officer)

    response = _post_import(client, world, b"PK\x03\x04 this is not a workbook")
    page = client.get(response["Location"])

    assert response.status_code == 303
    assertContains(page, "Chưa có xếp loại nào được nhập")
    assert not Rating.objects.exists()


def test_the_import_page_offers_the_scopes_the_officer_manages(client, world):
    client.force_login(world.officer)

    response = client.get(reverse("ratings:import"))

    assertContains(response, f'<option value="{world.committee.pk}" selected>', html=False)
    assertContains(response, "Đảng bộ Sở Tài chính")


def test_the_navigation_links_ratings_for_committee_staff_only(client, world):
    client.force_login(world.officer)
    officer_home = client.get(reverse("ratings:list"))
    client.force_login(world.secretary)
    secretary_page = client.get(reverse("ratings:list"))

    link = f'href="{reverse("ratings:list")}"'
    assertContains(officer_home, link)
    assertNotContains(secretary_page, link)
