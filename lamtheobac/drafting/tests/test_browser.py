"""The drafting step in a real browser: a deputy head of the Propaganda Board signs a tờ trình
K/T; the downloaded .docx carries the board's header, its symbol, the K/T block and the name."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from playwright.sync_api import Page, expect

from lamtheobac.commendations.models import CommendationRound
from lamtheobac.drafting.tests.builders import commendation_round
from lamtheobac.testing import PASSWORD, World, build_world


@pytest.fixture
def world(transactional_db: None) -> World:
    return build_world()


@pytest.fixture
def round(world: World) -> CommendationRound:
    """Built before ``browser_page``: written after Playwright's event loop starts, it went
    through a second connection nobody closed, and PostgreSQL could not drop the test database."""
    return commendation_round(world)


def _lines(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
    return out


@pytest.mark.browser
def test_a_deputy_head_of_the_propaganda_board_drafts_and_downloads_a_tờ_trình(
    world: World, round: CommendationRound, browser_page: Page, live_server: Any, tmp_path: Path
) -> None:
    page = browser_page
    base = live_server.url
    page.goto(f"{base}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(world.officer.get_username())
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Trang chính", level=1)).to_be_visible()

    page.goto(f"{base}/khen-thuong/dot/{round.pk}/")
    page.get_by_role("link", name="Soạn và tải tờ trình").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Soạn tờ trình")
    expect(page.get_by_label("Cơ quan ban hành", exact=True)).to_have_value(str(world.board.pk))
    expect(page.get_by_label("Ký hiệu cơ quan (sau dấu /)")).to_have_value("BTGĐUK")
    page.get_by_label("Thẩm quyền ký").select_option("K/T")
    page.get_by_label("Sau tiền tố (BAN THƯỜNG VỤ, TRƯỞNG BAN…)").fill("TRƯỞNG BAN")
    page.get_by_label("Chức vụ người ký").fill("PHÓ TRƯỞNG BAN")
    page.get_by_label("Họ và tên người ký").fill("Nguyễn Thị Hoa")
    page.get_by_label("Số văn bản (để trống nếu văn thư cấp số sau)").fill("12")
    page.get_by_label("Ngày ký").fill("2026-04-03")
    with page.expect_download() as info:
        page.get_by_role("button", name="Soạn và tải").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    lines = _lines(target.read_bytes())
    assert target.name.endswith(".docx")
    assert "ĐẢNG ỦY KHỐI CÁC CƠ QUAN" in lines and "BAN TUYÊN GIÁO" in lines
    assert "Số 12-TTr/BTGĐUK" in lines
    assert "Quảng Nam, ngày 03 tháng 4 năm 2026" in lines
    assert "K/T TRƯỞNG BAN" in lines and "PHÓ TRƯỞNG BAN" in lines
    assert "Nguyễn Thị Hoa" in lines

    page.goto(f"{base}/soan-van-ban/petition/{round.pk}/")
    expect(page.get_by_label("Họ và tên người ký")).to_have_value("Nguyễn Thị Hoa")
    expect(page.get_by_role("link", name="Tải lại")).to_have_count(1)
