"""The year of "làm theo" in a real browser (issue 8): a member writes and submits a plan, the
cell secretary accepts it and records the cell's quarter III themed session with attendance
and minutes, and the committee's year page shows both counts changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from lamtheobac.core.dates import today
from lamtheobac.pledges.models import Pledge
from lamtheobac.programme.actions import themes
from lamtheobac.programme.models import (
    SessionState,
    ThematicSession,
    quarter_end,
    quarter_of,
    quarter_start,
)
from lamtheobac.testing import World, build_world, make_person

from .test_main_job import log_in, log_out, small_pdf

TOPICS = {
    1: ("Về ý chí tự lực, tự cường", ""),
    2: ("Về xây dựng đạo đức cách mạng", ""),
    3: ("Về độc lập dân tộc gắn liền với chủ nghĩa xã hội", "Liên hệ trách nhiệm đảng viên"),
    4: ("Đánh giá kết quả sinh hoạt theo chủ điểm", ""),
}


@pytest.fixture
def world(transactional_db: None) -> World:
    """The cast, a published programme for this year and three members in the cell,
    committed before the browser starts (the live server's thread must see them)."""
    w = build_world()
    make_person(unit=w.cell, family_name="Lê", middle_name="Thị", given_name="Mai", user=w.member)
    make_person(unit=w.cell, given_name="Bình")
    make_person(unit=w.cell, given_name="Cường")
    theme = themes.create_theme(
        committee=w.committee,
        scope=w.committee,
        year=today().year,
        by=w.officer,
        settings={"title": "Chuyên đề năm về đội ngũ cán bộ, đảng viên gương mẫu"},
        topics=TOPICS,
    )
    themes.publish_theme(theme, by=w.officer, version=theme.version)
    return w


def _counts(page: Page) -> dict[str, str]:
    cells = page.locator("#year-total td[data-count]")
    return {
        cells.nth(i).get_attribute("data-count") or "": cells.nth(i).inner_text().split(" ")[0]
        for i in range(cells.count())
    }


@pytest.mark.browser
def test_a_plan_and_a_quarter_iii_session_show_up_on_the_committee_year_page(
    world: World, browser_page: Page, live_server: Any, tmp_path: Path
) -> None:
    page = browser_page
    base = live_server.url
    day = today()
    quarter = 3 if day >= quarter_start(day.year, 3) else quarter_of(day)
    held_on = min(quarter_start(day.year, quarter) + dt.timedelta(days=20), day)
    assert held_on <= quarter_end(day.year, quarter)

    # The committee officer reads the year page before anything happened.
    log_in(page, base, world.officer.username)
    page.get_by_role("link", name="Chương trình năm").click()
    page.get_by_role("link", name="Kết quả").first.click()
    year_url = page.url
    before = _counts(page)
    assert (before["submitted"], before["accepted"], before[f"held-q{quarter}"]) == (
        "0",
        "0",
        "0/3",
    )
    page.screenshot(path=str(tmp_path / "1-year-before.png"))
    log_out(page)

    # The member writes and submits their plan; the home page shows the year's theme.
    log_in(page, base, world.member.username)
    expect(page.locator("#year-theme")).to_have_text(
        "Chuyên đề năm về đội ngũ cán bộ, đảng viên gương mẫu"
    )
    page.get_by_role("link", name="Xem, viết kế hoạch").click()
    page.locator("#items").fill(
        "Giải quyết đúng hạn 100% hồ sơ được giao | nhiệm vụ chuyên môn | cả năm\n"
        "Thực hành tiết kiệm văn phòng phẩm | công tác hành chính | hằng tháng"
    )
    page.get_by_role("button", name="Lưu và nộp cho chi bộ").click()
    pledge = Pledge.objects.get(person__user=world.member)
    assert pledge.state == "submitted"
    log_out(page)

    # The cell secretary accepts it, then records the quarter's session.
    log_in(page, base, world.cell_secretary.username)
    page.goto(f"{base}/lam-theo/chi-bo/{world.cell.pk}/")
    page.get_by_role("link", name="Lê Thị Mai").first.click()
    page.get_by_role("button", name="Duyệt bản đăng ký").click()
    pledge.refresh_from_db()
    assert pledge.state == "accepted"

    theme_pk = world.committee.themes.get().pk
    page.goto(f"{base}/chuong-trinh/{theme_pk}/chi-bo/{world.cell.pk}/quy/{quarter}/")
    page.get_by_label("Ngày sinh hoạt").fill(held_on.isoformat())
    page.get_by_label("Người trình bày").fill("Đồng chí Bí thư chi bộ")
    page.get_by_label("Nội dung chính").fill("Quán triệt chủ điểm; mỗi đảng viên liên hệ bản thân.")
    page.get_by_label("Kết luận").fill("Bổ sung một việc làm cụ thể vào kế hoạch cá nhân.")
    page.locator("tr[data-person='Nguyễn Văn Cường'] input[value='excused']").check()
    minutes = tmp_path / "bien-ban.pdf"
    minutes.write_bytes(small_pdf())
    page.locator("#id_minutes").set_input_files(str(minutes))
    page.get_by_role("button", name="Ghi nhận đã sinh hoạt").click()
    expect(page.locator("#attendance-count")).to_contain_text("2/3 có mặt, 1 vắng có lý do")
    expect(page.locator("#files")).to_contain_text("bien-ban.pdf")
    session = ThematicSession.objects.get(cell=world.cell, quarter=quarter)
    assert (session.state, session.files.count()) == (SessionState.RECORDED, 1)
    page.screenshot(path=str(tmp_path / "2-session.png"))
    log_out(page)

    # The committee sees both counts changed.
    log_in(page, base, world.officer.username)
    page.goto(year_url)
    after = _counts(page)
    assert (after["submitted"], after["accepted"], after[f"held-q{quarter}"]) == ("1", "1", "1/3")
    expect(page.locator("tr[data-unit='Đảng bộ Sở Tài chính']")).to_contain_text("1/2")
    page.screenshot(path=str(tmp_path / "3-year-after.png"))
