"""Role × view for the restructuring pages, the forms end to end, the grant review, and
constant query counts of the history reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

from lamtheobac.structure.actions.restructure import merge_units, rename_unit
from lamtheobac.structure.models import GrantTransfer, UnitChange
from lamtheobac.structure.queries import as_of, member_counts_on
from lamtheobac.testing import PASSWORD, World, grant, make_person, make_unit, make_user
from lamtheobac.units.models import Role, RoleGrant, Unit, UnitKind

D2025 = dt.date(2025, 7, 1)


def _client(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


PAGES = {
    "unit": lambda w: f"/co-cau/{w.cell.pk}/",
    "rename": lambda w: f"/co-cau/{w.cell.pk}/doi-ten/",
    "merge": lambda w: f"/co-cau/{w.cell.pk}/hop-nhat/",
    "split": lambda w: f"/co-cau/{w.cell.pk}/chia-tach/",
    "list": lambda w: "/co-cau/",
    "grants": lambda w: "/co-cau/quyen-chuyen/",
    "people": lambda w: f"/tai-khoan/don-vi/{w.cell.pk}/",
}
# who → page → status: VIEW reaches the unit page; only administrators restructure.
EXPECTED = {
    "admin": dict.fromkeys(PAGES, 200),
    "officer": {**dict.fromkeys(PAGES, 403), "unit": 200},
    "leader": {**dict.fromkeys(PAGES, 403), "unit": 200},
    "secretary": {**dict.fromkeys(PAGES, 403), "unit": 200},
    "cell_secretary": {**dict.fromkeys(PAGES, 403), "unit": 200},
    "member": {**dict.fromkeys(PAGES, 403), "unit": 200},
    "sibling_officer": {
        **dict.fromkeys(PAGES, 404),
        "list": 403,
        "grants": 403,
    },
    "stranger": {**dict.fromkeys(PAGES, 404), "list": 403, "grants": 403},
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_each_role_reaches_exactly_its_pages(world: World, who: str):
    client = _client(getattr(world, who))
    got = {page: client.get(url(world)).status_code for page, url in PAGES.items()}
    assert got == EXPECTED[who]


def test_an_unknown_operation_is_not_found(world: World):
    assert _client(world.admin).get(f"/co-cau/{world.cell.pk}/xoa/").status_code == 404


def test_an_administrator_renames_through_the_form(world: World):
    client = _client(world.admin)
    response = client.post(
        f"/co-cau/{world.cell.pk}/doi-ten/",
        {
            "on": "2025-07-01",
            "name": "Chi bộ Ngân sách",
            "decision_number": "Quyết định số 3-QĐ/ĐU",
        },
    )
    assert response.status_code == 303
    assert Unit.objects.get(pk=world.cell.pk).name == "Chi bộ Ngân sách"
    page = client.get(f"/co-cau/{world.cell.pk}/").content.decode()
    assert "Quyết định số 3-QĐ/ĐU" in page


def test_a_refused_merge_through_the_form_shows_why_and_changes_nothing(world: World):
    client = _client(world.admin)
    url = f"/co-cau/{world.grassroots.pk}/hop-nhat/"
    response = client.post(
        url, {"on": "2025-07-01", "into": world.cell.pk}, HTTP_REFERER=f"http://testserver{url}"
    )
    assert response.status_code == 303
    page = client.get(url).content.decode()
    assert "Không thể hợp nhất “Đảng bộ Sở Tài chính” vào chính đơn vị trực thuộc của nó" in page
    assert not UnitChange.objects.exists() and Unit.objects.get(pk=world.grassroots.pk).is_active


def test_a_merge_through_the_form_creates_the_new_unit(world: World):
    person = make_person(unit=world.other_cell)
    response = _client(world.admin).post(
        f"/co-cau/{world.cell.pk}/hop-nhat/",
        {"on": "2025-07-01", "others": [world.other_cell.pk], "new_name": "Chi bộ Hợp nhất"},
    )
    assert response.status_code == 303
    merged = Unit.objects.get(name="Chi bộ Hợp nhất")
    assert merged.people.get() == person


def test_a_split_through_the_form_assigns_by_line_number(world: World):
    first, second = make_person(unit=world.sibling), make_person(unit=world.sibling)
    response = _client(world.admin).post(
        f"/co-cau/{world.sibling.pk}/chia-tach/",
        {
            "on": "2025-07-01",
            "names": "Chi bộ Một\nChi bộ Hai",
            f"person_{first.pk}": "1",
            f"person_{second.pk}": "2",
        },
    )
    assert response.status_code == 303
    assert Unit.objects.get(name="Chi bộ Hai").people.get() == second


@pytest.mark.parametrize("op", ["hop-nhat", "chia-tach", "giai-the"])
def test_the_restructure_pages_say_what_happens_to_running_rounds(world: World, op: str):
    page = _client(world.admin).get(f"/co-cau/{world.sibling.pk}/{op}/")
    assert page.status_code == 200
    assertContains(
        page,
        '<p class="helptext">Các đợt báo cáo đang soạn hoặc đang mở: đơn vị chưa nộp báo cáo '
        "được thay bằng đơn vị mới (hợp nhất, chia tách) hoặc bỏ khỏi danh sách (giải thể); "
        "đơn vị đã nộp giữ nguyên báo cáo; đợt đã kết thúc không thay đổi.</p>",
        html=True,
    )


@pytest.fixture
def copied(world: World) -> GrantTransfer:
    merge_units(
        sources=[world.cell, world.other_cell], new_name="Chi bộ Hợp nhất", on=D2025, by=None
    )
    return GrantTransfer.objects.get(user=world.cell_secretary)


def test_the_review_lists_copied_grants_and_revokes_one(world: World, copied: GrantTransfer):
    client = _client(world.admin)
    page = client.get("/co-cau/quyen-chuyen/").content.decode()
    assert "bithu.ngansach" in page and "Chi bộ Hợp nhất" in page
    response = client.post(f"/co-cau/quyen-chuyen/{copied.pk}/thu-hoi/")
    assert response.status_code == 303
    assert not RoleGrant.objects.filter(user=world.cell_secretary, unit=copied.to_unit).exists()
    assert RoleGrant.objects.filter(user=world.cell_secretary, unit=world.cell).exists()
    again = client.post(
        f"/co-cau/quyen-chuyen/{copied.pk}/giu/",
        HTTP_REFERER="http://testserver/co-cau/quyen-chuyen/",
    )
    assert again.status_code == 303
    assert "Quyền này đã được xem xét." in client.get("/co-cau/quyen-chuyen/").content.decode()
    assert GrantTransfer.objects.get(pk=copied.pk).revoked


def test_keeping_a_copied_grant_keeps_the_role(world: World, copied: GrantTransfer):
    _client(world.admin).post(f"/co-cau/quyen-chuyen/{copied.pk}/giu/")
    transfer = GrantTransfer.objects.get(pk=copied.pk)
    assert transfer.reviewed_by == world.admin and not transfer.revoked
    assert RoleGrant.objects.filter(pk=transfer.grant_id or 0).exists()


def test_an_administrator_of_another_tree_cannot_revoke(world: World, copied: GrantTransfer):
    other = make_user("quantri.khac")
    grant(other, make_unit(name="Đảng ủy Khối Doanh nghiệp"), Role.ADMINISTRATOR)
    assert _client(other).post(f"/co-cau/quyen-chuyen/{copied.pk}/thu-hoi/").status_code == 404
    assert RoleGrant.objects.filter(pk=copied.grant_id or 0).exists()


def _tree(world: World, cells: int) -> list[Unit]:
    made = []
    for i in range(cells):
        cell = make_unit(
            parent=world.grassroots, name=f"Chi bộ {i}", kind=UnitKind.SUBORDINATE_CELL
        )
        make_person(unit=cell)
        made.append(cell)
    for cell in made[::2]:
        rename_unit(unit=cell, name=f"{cell.name} mới", on=D2025, by=None)
    return made


def test_history_reads_run_a_constant_number_of_queries(world: World):
    small = _tree(world, 3)
    large = small + _tree(world, 12)
    day = dt.date(2024, 1, 1)
    counts = []
    for units in (small, large):
        with CaptureQueriesContext(connection) as captured:
            as_of(units, day)
            member_counts_on(units, day)
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 9
    assert member_counts_on([world.grassroots], day)[world.grassroots.pk] == 15
