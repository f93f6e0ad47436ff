"""A commendation round clicked through in Debian's chromium (issue 4, acceptance):
the secretary of Đảng bộ Sở Tài chính nominates an individual with a complete dossier and
submits; the committee officer shortlists and decides; the decision .docx lists the person."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from playwright.sync_api import FilePayload, Page, expect
from pypdf import PdfWriter

from lamtheobac.commendations.models import CommendationRound
from lamtheobac.commendations.tests.factories import (
    SEED_003_CRITERIA,
    SEED_003_QUOTAS,
    make_commendation_round,
    rate,
)
from lamtheobac.testing import PASSWORD, World, build_world, make_person

BROWSER = Path("/usr/bin/chromium")
REQUIREMENTS = (
    "Tờ trình của cấp ủy",
    "Trích biên bản họp xét",
    "Báo cáo tóm tắt thành tích (có xác nhận của cấp ủy)",
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def page(monkeypatch: pytest.MonkeyPatch) -> Iterator[Page]:
    """Debian's chromium, headless, never a downloaded browser."""
    if not BROWSER.exists():
        message = f"{BROWSER} không có; cài bằng: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API keeps an event loop in this thread; nothing here is async.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(BROWSER),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        context = browser.new_context(accept_downloads=True, locale="vi-VN")
        context.set_default_timeout(10_000)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


@pytest.fixture
def world(transactional_db: None) -> World:
    """The cast, committed: the live server runs in another thread. The award kinds come from
    a data migration that an earlier transactional test in the same worker may have flushed."""
    from lamtheobac.commendations.models import AwardKind

    AwardKind.objects.get_or_create(
        name="Giấy khen của Ban Thường vụ Đảng ủy Khối", defaults={"position": 1}
    )
    return build_world()


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Trang chính", level=1)).to_be_visible()


@pytest.fixture
def round(world: World) -> CommendationRound:
    """The round and the people, written before the browser starts: data written from this
    thread once Playwright's event loop runs would use a second, never-closed connection,
    and PostgreSQL would then refuse to drop the test database."""
    round = make_commendation_round(
        committee=world.committee,
        by=world.officer,
        quotas=SEED_003_QUOTAS,
        criteria=SEED_003_CRITERIA,
        requirements=REQUIREMENTS,
    )
    hoa = make_person(
        unit=world.cell,
        family_name="Trần",
        middle_name="Thị",
        given_name="Hoa",
        position="Chuyên viên",
    )
    make_person(unit=world.cell, family_name="Nguyễn", middle_name="Văn", given_name="Hòa")
    rate(hoa, y2017="excellent", y2018="excellent", y2019="excellent")
    return round


@pytest.mark.browser
def test_a_unit_nominates_and_the_committee_decides_in_the_browser(
    live_server, world: World, round: CommendationRound, page: Page
) -> None:
    base = live_server.url

    # 1. The secretary finds the round, picks the person by name, writes the summary.
    sign_in(page, base, world.secretary.username)
    page.get_by_role("navigation").get_by_role("link", name="Khen thưởng").click()
    page.get_by_role("link", name=round.title).click()
    expect(page.get_by_role("heading", name="Chỉ tiêu của đơn vị")).to_be_visible()
    page.get_by_label("Tìm cá nhân theo tên").fill("Hoa")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.locator("#id_person").select_option(label=f"Trần Thị Hoa — {world.cell.name}")
    page.locator("#id_summary").fill("Tiêu biểu trong làm theo Bác về tiết kiệm, chống lãng phí.")
    page.get_by_role("button", name="Lập đề nghị").click()
    expect(page.get_by_role("heading", name="Trần Thị Hoa", level=1)).to_be_visible()
    expect(page.locator("tr.passed")).to_have_count(1)  # ít nhất 03 năm xuất sắc: 2017–2019
    expect(page.locator("table.criteria-results")).to_contain_text("2019: Hoàn thành xuất sắc")

    # 2. One file per dossier item; each turns from missing to present.
    files = [
        ("to-trinh.pdf", "application/pdf", blank_pdf()),
        ("bien-ban.png", "image/png", PNG),
        ("bao-cao.pdf", "application/pdf", blank_pdf()),
    ]
    for requirement, (name, mime, data) in zip(REQUIREMENTS, files, strict=True):
        field = page.get_by_label(f"Tệp: {requirement}", exact=True)
        field.set_input_files(files=[FilePayload(name=name, mimeType=mime, buffer=data)])
        page.locator("form", has=field).get_by_role("button", name="Tải lên").click()
        expect(page.get_by_text(f"Đã tải lên “{name}”.")).to_be_visible()
    expect(page.locator("tr.missing-item")).to_have_count(0)
    expect(page.get_by_text("Đạt các tiêu chuẩn đã xét được và đủ hồ sơ.")).to_be_visible()
    page.get_by_role("button", name="Gửi đề nghị").click()
    dialog = page.get_by_role("dialog")  # sending asks first, saying what will happen
    expect(dialog).to_contain_text("sau khi gửi, đơn vị không sửa được đề nghị")
    dialog.get_by_role("button", name="Đồng ý").click()
    expect(page.get_by_text("Đã gửi đề nghị khen thưởng.")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    # 3. The officer shortlists from the round's list, decides the award kind, downloads.
    sign_in(page, base, world.officer.username)
    page.get_by_role("navigation").get_by_role("link", name="Khen thưởng").click()
    page.get_by_role("link", name=round.title).click()
    page.get_by_role("button", name="Đưa Trần Thị Hoa vào danh sách xét").click()
    expect(page.get_by_text("Đã đưa “Trần Thị Hoa” vào danh sách xét.")).to_be_visible()
    page.get_by_role("link", name="Trần Thị Hoa").click()
    page.get_by_label("Hình thức khen thưởng").select_option(
        label="Giấy khen của Ban Thường vụ Đảng ủy Khối"
    )
    page.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_text("Đã ghi quyết định.")).to_be_visible()
    expect(page.locator(".badge.nomination-decided")).to_have_text("Được khen thưởng")
    page.get_by_role("link", name=round.title).click()
    # The decision is drafted first (issue 12 §1): the signer's name and the signing date.
    page.get_by_role("link", name="Soạn và tải quyết định").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Soạn quyết định khen thưởng")
    page.get_by_label("Họ và tên người ký").fill("Phạm Văn Sáu")
    page.get_by_label("Ngày ký").fill("2026-04-03")
    with page.expect_download() as download:
        page.get_by_role("button", name="Soạn và tải", exact=True).click()
    assert re.match(r"quyet-dinh-khen-thuong-\d+\.docx", download.value.suggested_filename)
    decision = DocxDocument(str(download.value.path()))
    cells = [c.text for t in decision.tables for row in t.rows for c in row.cells]
    assert "Trần Thị Hoa" in cells
    assert "Giấy khen của Ban Thường vụ Đảng ủy Khối" in cells
    assert "Nguyễn Văn Hòa" not in cells
    lines = [p.text for p in decision.paragraphs] + [
        line for text in cells for line in text.split("\n")
    ]
    assert "Phạm Văn Sáu" in lines and "Quảng Nam, ngày 03 tháng 4 năm 2026" in lines
