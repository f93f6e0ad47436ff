"""Issue 11, in a real browser: an administrator merges two cells through the restructuring
pages; the committee officer opens the matrix of a round opened after the merge and sees the
merged unit (its members counted there), while the cells' page keeps their history.

The import of a tree and a roster (issue 11 §1) is another helper's part; this test starts
from the shared cast and stands alone, so the two can be chained later.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from lamtheobac.e2e.tests.test_main_job import log_in, log_out
from lamtheobac.reporting.actions.rounds import default_targets
from lamtheobac.testing import (
    World,
    build_world,
    grant,
    make_person,
    make_round,
    make_unit,
    make_user,
)
from lamtheobac.units.models import Person, Role, Unit, UnitKind

MERGED = "Chi bộ Sở Tư pháp - Nội vụ"


@pytest.fixture
def world(transactional_db: None) -> World:
    """The shared cast, committed for real: the live server's thread must see it."""
    return build_world()


@pytest.mark.browser
def test_an_administrator_merges_two_cells_and_the_round_shows_the_merged_unit(
    world: World, browser_page: Page, live_server: Any, tmp_path: Path
) -> None:
    b = make_unit(parent=world.committee, name="Chi bộ Sở Nội vụ", kind=UnitKind.GRASSROOTS_CELL)
    grant(make_user("bithu.noivu"), b, Role.UNIT_STAFF)
    for unit, n in ((world.sibling, 2), (b, 3)):
        for _ in range(n):
            make_person(unit=unit)
    page = browser_page
    base = live_server.url

    # 1. The administrator finds Chi bộ Sở Tư pháp in the tree and merges Sở Nội vụ into it.
    log_in(page, base, world.admin.username)
    page.get_by_role("navigation").get_by_role("link", name="Cơ cấu tổ chức").click()
    page.get_by_role("link", name="Chi bộ Sở Tư pháp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chi bộ Sở Tư pháp")
    page.get_by_role("link", name="Hợp nhất", exact=True).click()
    page.get_by_label("Hợp nhất cùng các đơn vị").select_option(str(b.pk))
    page.get_by_label("Tên đơn vị mới").fill(MERGED)
    page.get_by_label("Số quyết định").fill("Quyết định số 35-QĐ/ĐUK")
    page.get_by_role("button", name="Hợp nhất").click()
    expect(page.locator("ul.messages")).to_contain_text("Đã ghi nhận: Hợp nhất")
    expect(page.locator("#changes")).to_contain_text("Quyết định số 35-QĐ/ĐUK")
    expect(page.locator("body")).to_contain_text("ngừng hoạt động")
    page.screenshot(path=str(tmp_path / "1-merged.png"), full_page=True)

    # 2. The grants the merge copied wait for review; the administrator keeps the secretary's.
    page.get_by_role("navigation").get_by_role("link", name="Cơ cấu tổ chức").click()
    page.get_by_role("link", name="Quyền đã chuyển theo hợp nhất").click()
    row = page.locator("#grants tr", has_text="bithu.tuphap")
    expect(row).to_contain_text(MERGED)
    row.get_by_role("button", name="Giữ").click()
    expect(page.locator("#grants tr", has_text="bithu.tuphap")).to_contain_text("Đã giữ")
    log_out(page)

    merged = Unit.objects.get(name=MERGED)
    assert Person.objects.filter(unit=merged).count() == 5
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=default_targets(world.committee),
        title="Sơ kết năm 2025",
    )

    # 3. The officer's matrix of the open round lists the merged unit, not the two cells.
    log_in(page, base, world.officer.username)
    page.goto(f"{base}/bao-cao/dot/{round.pk}/")
    matrix = page.locator("#matrix")
    expect(matrix.locator("tr", has_text=MERGED)).to_have_count(1)
    expect(matrix).not_to_contain_text("Chi bộ Sở Nội vụ")
    page.screenshot(path=str(tmp_path / "2-matrix.png"), full_page=True)
