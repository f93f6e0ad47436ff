"""Issue 11, in a real browser, from the committee's own files to a restructuring: the
administrator imports a unit-tree workbook and a roster workbook through the roster pages
(/to-chuc/), merges the two imported cells on the restructuring pages (/co-cau/), and sees
the members moved into the merged cell — with the dated history of their membership and the
change on the unit's page. Then the acceptance point: the matrix of a round that was open
before the merge lists the merged unit (one row, not the two cells), while a round closed
before it keeps the two cells under their old names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from lamtheobac.e2e.tests.test_main_job import log_in, log_out
from lamtheobac.pledges.models import Membership
from lamtheobac.reporting.actions.rounds import close_reporting_round, default_targets
from lamtheobac.roster.tests.conftest import members_xlsx, units_xlsx
from lamtheobac.testing import World, build_world, make_round
from lamtheobac.units.models import Person, Unit

MERGED = "Chi bộ Sở Xây dựng - Công Thương"
MERGED_ON = dt.date(2025, 7, 1)
TREE = [
    ("CB-XD", "Chi bộ Sở Xây dựng", "Chi bộ cơ sở", "", 3),
    ("CB-CT", "Chi bộ Sở Công Thương", "Chi bộ cơ sở", "", 2),
]
# (name, birth, gender, position, unit, member, joined, confirmed, card)
ROSTER = [
    (
        "Nguyễn Văn An",
        "03/05/1980",
        "Nam",
        "Bí thư",
        "CB-XD",
        "x",
        "03/02/2005",
        "03/02/2006",
        "XD0001",
    ),
    (
        "Trần Thị Bình",
        "20/07/1985",
        "Nữ",
        "Chuyên viên",
        "CB-XD",
        "x",
        "15/01/2010",
        "15/01/2011",
        "XD0002",
    ),
    ("Lê Văn Cường", "1990", "Nam", "Nhân viên", "CB-XD", "không", None, None, None),
    (
        "Phạm Thị Dung",
        "02/09/1978",
        "Nữ",
        "Bí thư",
        "CB-CT",
        "x",
        "02/09/2004",
        "02/09/2005",
        "CT0001",
    ),
    (
        "Hoàng Văn Em",
        "11/11/1988",
        "Nam",
        "Chuyên viên",
        "CB-CT",
        "x",
        "19/05/2015",
        "19/05/2016",
        "CT0002",
    ),
]


@pytest.fixture
def world(transactional_db: None) -> World:
    """The shared cast, committed for real: the live server's thread must see it."""
    return build_world()


def _upload(page: Page, tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Nhập", exact=True).click()


@pytest.mark.browser
def test_an_administrator_imports_a_tree_and_a_roster_then_merges_two_cells(
    world: World, browser_page: Page, live_server: Any, tmp_path: Path
) -> None:
    page = browser_page
    base = live_server.url
    log_in(page, base, world.admin.username)

    # 1. The tree: two grassroots cells under the committee, from the template's columns.
    page.get_by_role("navigation").get_by_role("link", name="Tổ chức, đảng viên").click()
    page.get_by_role("link", name="Nhập danh sách tổ chức").first.click()
    page.get_by_label("Đơn vị nhập").select_option(str(world.committee.pk))
    _upload(page, tmp_path, "to-chuc.xlsx", units_xlsx(TREE))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả nhập")
    expect(page.locator("p.counts")).to_contain_text("2 mới")
    page.screenshot(path=str(tmp_path / "1-tree.png"), full_page=True)

    # 2. The roster: five people of the two cells, named by the cells' codes.
    page.goto(f"{base}/to-chuc/nhap-dang-vien/?unit={world.committee.pk}")
    _upload(page, tmp_path, "dang-vien.xlsx", members_xlsx(ROSTER))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả nhập")
    expect(page.locator("p.counts")).to_contain_text("5 mới")
    page.screenshot(path=str(tmp_path / "2-roster.png"), full_page=True)
    construction = Unit.objects.get(code="CB-XD")
    trade = Unit.objects.get(code="CB-CT")
    assert Membership.objects.filter(unit__in=[construction, trade], end=None).count() == 5
    # Before the merge: a round already closed, and this year's round, open, asking every
    # grassroots organisation (the two imported cells among them).
    closed = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[construction, trade],
        title="Sơ kết 6 tháng đầu năm 2025",
    )
    close_reporting_round(closed, by=world.officer)
    open_round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=default_targets(world.committee),
        title="Tổng kết năm 2025",
    )
    assert {construction.pk, trade.pk} <= set(open_round.targets.values_list("unit_id", flat=True))

    # 3. The restructuring: Sở Công Thương's cell merged with Sở Xây dựng's on 01/07/2025.
    page.get_by_role("navigation").get_by_role("link", name="Cơ cấu tổ chức").click()
    page.get_by_role("link", name="Chi bộ Sở Xây dựng").click()
    expect(page.locator("body")).to_contain_text("3 người sinh hoạt")
    page.get_by_role("link", name="Hợp nhất", exact=True).click()
    page.get_by_label("Hợp nhất cùng các đơn vị").select_option(str(trade.pk))
    page.get_by_label("Tên đơn vị mới").fill(MERGED)
    page.get_by_label("Ngày hiệu lực").fill(MERGED_ON.isoformat())
    page.get_by_label("Số quyết định").fill("Quyết định số 41-QĐ/ĐUK")
    page.get_by_role("button", name="Hợp nhất").click()
    expect(page.locator("ul.messages")).to_contain_text("Đã ghi nhận: Hợp nhất")
    expect(page.locator("#changes")).to_contain_text("Quyết định số 41-QĐ/ĐUK")
    expect(page.locator("#changes")).to_contain_text("5 người chuyển sinh hoạt")
    page.screenshot(path=str(tmp_path / "3-merged.png"), full_page=True)

    # 4. The merged cell's roster lists all five; each kept the period in their old cell.
    merged = Unit.objects.get(name=MERGED)
    page.goto(f"{base}/to-chuc/don-vi/{merged.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(MERGED)
    roster = page.locator("table.roster")
    for name, *_ in ROSTER:
        expect(roster).to_contain_text(name)
    page.screenshot(path=str(tmp_path / "4-merged-roster.png"), full_page=True)
    assert Person.objects.filter(unit=merged).count() == 5
    an = Person.objects.get(card_number="XD0001")
    assert list(
        Membership.objects.filter(person=an)
        .order_by("start")
        .values_list("unit_id", "start", "end")
    ) == [
        (construction.pk, dt.date(2005, 2, 3), MERGED_ON - dt.timedelta(days=1)),
        (merged.pk, MERGED_ON, None),
    ]

    log_out(page)

    # 5. The committee officer's matrix of the open round: the merged cell is one row, the two
    # old cells are no longer asked.
    log_in(page, base, world.officer.username)
    page.goto(f"{base}/bao-cao/dot/{open_round.pk}/")
    matrix = page.locator("#matrix")
    expect(matrix.locator("tbody tr", has_text=MERGED)).to_have_count(1)
    expect(matrix.locator("tbody tr", has_text="Chi bộ Sở Xây dựng")).to_have_count(1)
    expect(matrix).not_to_contain_text("Chi bộ Sở Công Thương")
    page.screenshot(path=str(tmp_path / "5-open-round.png"), full_page=True)

    # 6. The round closed before the merge keeps the two cells, under their old names.
    page.goto(f"{base}/bao-cao/dot/{closed.pk}/")
    matrix = page.locator("#matrix")
    expect(matrix).to_contain_text("Chi bộ Sở Công Thương")
    expect(matrix.locator("tbody tr", has_text="Chi bộ Sở Xây dựng")).to_have_count(1)
    expect(matrix).not_to_contain_text(MERGED)
    page.screenshot(path=str(tmp_path / "6-closed-round.png"), full_page=True)
