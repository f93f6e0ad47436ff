"""Issue 14 §7–8, in a real browser: on a 390 px phone the committee filters the matrix by name
without diacritics; the page itself does not widen, the table scrolls inside its box."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from lamtheobac.e2e.tests.test_main_job import log_in
from lamtheobac.testing import World, build_world, make_round


@pytest.fixture
def world(transactional_db: None) -> World:
    """The shared cast, committed for real: the live server's thread must see it."""
    return build_world()


@pytest.mark.browser
def test_the_matrix_filters_by_name_and_fits_a_390_px_phone(
    world: World, browser_page: Page, live_server: Any
) -> None:
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.cell, world.other_cell, world.sibling],
    )
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, world.officer.username)
    page.goto(f"{live_server.url}/bao-cao/dot/{round.pk}/")
    page.get_by_label("Tên đơn vị").fill("phong tin hoc")
    page.get_by_role("button", name="Lọc").click()
    rows = page.locator("#matrix tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Chi bộ Phòng Tin học")
    expect(rows.first).to_contain_text("thuộc Đảng bộ Sở Tài chính")
    expect(page.locator(".counts a[aria-current=true]")).to_have_text("Tất cả: 1")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
