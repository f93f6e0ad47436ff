"""A round that cascades (issue 9 §4), clicked through in a real browser: the secretary of Đảng bộ
Sở Tài chính forwards the committee's round to its chi bộ trực thuộc, the secretary of Chi bộ
Phòng Ngân sách submits, the đảng bộ consolidates in one click, adds its own figure and submits
upward; the committee's officer reads it with the indicator total and its breakdown.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from lamtheobac.core.dates import today
from lamtheobac.e2e.tests.test_main_job import log_in, log_out, vn
from lamtheobac.reporting.actions import rounds
from lamtheobac.reporting.models import Indicator, ReportingRound
from lamtheobac.testing import World, build_world, make_round

CELL_TEXT = "Chi bộ tổ chức 2 buổi sinh hoạt chuyên đề, 12 đảng viên tham gia."
INDICATOR = "Số đảng viên tham gia sinh hoạt chuyên đề (người)"


@pytest.fixture
def world(transactional_db: None) -> World:
    """The shared cast, committed for real: the live server's thread must see it."""
    return build_world()


def test_a_grassroots_committee_forwards_consolidates_and_submits_upward(
    browser_page: Page, live_server: Any, world: World, tmp_path: Path
) -> None:
    page, base = browser_page, live_server.url
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.sibling],
        title="Báo cáo kết quả sinh hoạt chuyên đề 6 tháng",
        deadline=today() + dt.timedelta(days=20),
        deadline_exclusive=False,
        open=False,
    )
    first = round.outline.sections.order_by("position").first()
    Indicator.objects.create(
        section=first, name="Số đảng viên tham gia sinh hoạt chuyên đề", unit_label="người"
    )
    round = rounds.open_reporting_round(round, by=world.officer)
    own_url = f"{base}/bao-cao/dot/{round.pk}/don-vi/{world.grassroots.pk}/"

    # 1. The đảng bộ forwards the round to its two chi bộ trực thuộc.
    log_in(page, base, world.secretary.username)
    page.goto(own_url)
    page.get_by_role("link", name="Chuyển tiếp xuống các chi bộ trực thuộc").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chuyển tiếp")
    page.get_by_label("Hạn nộp của các chi bộ").fill(vn(today() + dt.timedelta(days=12)))
    page.get_by_role("button", name="Chuyển tiếp xuống các chi bộ").click()
    expect(page.get_by_text("Đã chuyển tiếp đợt báo cáo tới 2 chi bộ trực thuộc.")).to_be_visible()
    child = ReportingRound.objects.get(parent=round)
    log_out(page)

    # 2. A cell fills the same outline and submits.
    log_in(page, base, world.cell_secretary.username)
    page.goto(f"{base}/bao-cao/dot/{child.pk}/don-vi/{world.cell.pk}/")
    expect(page.locator("#parent-round")).to_contain_text("chuyển tiếp")
    page.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH").fill(CELL_TEXT)
    page.get_by_label(INDICATOR).fill("12")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_role("heading", name="Xác nhận nộp báo cáo")).to_be_visible()
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text("Đã nộp báo cáo.", exact=False)).to_be_visible()
    log_out(page)

    # 3. The đảng bộ consolidates in one click, adds its own figure, submits upward.
    log_in(page, base, world.secretary.username)
    page.goto(own_url)
    expect(page.locator("#cascade")).to_contain_text("1/2 chi bộ đã nộp")
    page.get_by_role("button", name="Tổng hợp từ báo cáo các chi bộ").click()
    expect(page.get_by_text("Đã tổng hợp báo cáo của các chi bộ")).to_be_visible()
    expect(page.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH")).to_have_value(
        f"Chi bộ Phòng Ngân sách: {CELL_TEXT}"
    )
    expect(page.get_by_label(INDICATOR)).to_have_value("12.00")
    page.get_by_label(INDICATOR).fill("16")  # its own 4 besides the cells' 12
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    expect(page.locator("[data-breakdown]")).to_contain_text(
        "Tổng = của đơn vị 4 + của các chi bộ 12."
    )
    page.screenshot(path=tmp_path / "consolidated.png", full_page=True)
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text("Đã nộp báo cáo.", exact=False)).to_be_visible()
    log_out(page)

    # 4. The committee sees the report with the indicator total and its breakdown.
    log_in(page, base, world.officer.username)
    page.goto(f"{base}/bao-cao/dot/{round.pk}/")
    row = page.get_by_role("row").filter(has_text=world.grassroots.name)
    expect(row).to_contain_text(re.compile("Đã nộp"))
    row.get_by_role("link", name="Xem báo cáo").click()
    expect(page.locator("[data-breakdown]")).to_contain_text("đơn vị 4, các chi bộ 12")
    expect(page.locator(".section-form").first).to_contain_text("16")
    expect(page.locator("#child-round")).to_be_visible()
    page.screenshot(path=tmp_path / "committee-reads.png", full_page=True)
