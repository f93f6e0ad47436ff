"""The main job (docs/domain.md §4), clicked through in a real browser by the people who do it.

Committee officer imports plan 59-KH/ĐUK and opens a round from it; the secretary of Đảng bộ
Sở Tài chính fills, attaches and submits; the officer follows up on the matrix, drafts and
downloads the consolidated report (.docx) and downloads the matrix (.xlsx), which are opened and
read back.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfWriter

from lamtheobac.core.dates import today
from lamtheobac.testing import PASSWORD, World, build_world

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SITUATION = "Đảng bộ có 5 chi bộ trực thuộc, 112 đảng viên; 100% đăng ký làm theo Bác."
RESULTS = "Tổ chức 12 buổi sinh hoạt chuyên đề; xây dựng 3 mô hình “Dân vận khéo”."


@pytest.fixture
def world(transactional_db: None) -> World:
    """The shared cast, committed for real: the live server's thread must see it."""
    return build_world()


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Trang chính", level=1)).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập", level=1)).to_be_visible()


def vn(day: dt.date) -> str:
    """How the date boxes show a date: dd/mm/yyyy."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def small_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def table_rows(table: Any) -> list[list[str]]:
    return [[cell.text.strip() for cell in row.cells] for row in table.rows]


def submit_for_download(page: Page, button_name: str, keep_in: Path) -> bytes:
    """Submit a form whose answer is a file (the drafting step); the file is kept as above."""
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name, exact=True).click()
    target = keep_in / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


def download(page: Page, link_name: str, keep_in: Path) -> bytes:
    """Click a download link; the file is kept beside the screenshots for a person to open."""
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    target = keep_in / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


@pytest.mark.browser
def test_a_round_goes_from_the_plan_to_the_consolidated_report(
    world: World, browser_page: Page, live_server: Any, tmp_path: Path
) -> None:
    # ``world`` comes before ``browser_page``: the cast is written on the main database
    # connection before Playwright's event loop starts. Built afterwards, it went through a second
    # connection nobody closed, and PostgreSQL refused to drop the test database.
    page = browser_page
    base = live_server.url
    unit = world.grassroots.name  # "Đảng bộ Sở Tài chính"
    new_deadline = today() + dt.timedelta(days=30)

    # 1. The officer imports plan 59-KH/ĐUK and sees what the reader found.
    log_in(page, base, world.officer.username)
    page.get_by_role("navigation").get_by_role("link", name="Văn bản").click()
    page.get_by_role("link", name="Nhập văn bản").click()
    page.get_by_label("Tệp văn bản").set_input_files(next(SEEDS.glob("003_*.txt")))
    page.get_by_role("button", name="Nhập", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("59-KH/ĐUK")
    expect(page.locator("dl.fields")).to_contain_text("ngày 06 tháng 3 năm 2020")

    # 2. One click makes a draft round; the outline and the plan's deadline are there.
    page.get_by_role("link", name="Mở đợt báo cáo từ văn bản này").click()
    page.get_by_role("button", name="Lập đợt báo cáo").click()
    expect(page.get_by_role("heading", name="Thiết lập đợt báo cáo")).to_be_visible()
    for heading in ("ĐẶC ĐIỂM TÌNH HÌNH", "KẾT QUẢ ĐẠT ĐƯỢC"):
        expect(page.locator(".section-form strong", has_text=heading)).to_be_visible()
    deadline = page.get_by_label("Hạn nộp")
    # The plan's 30/4/2020 has long passed: the round proposes today + the plan's lead time
    # (06/3 → 30/4/2020, 55 days) and says why (issue 14 §3).
    expect(page.locator("#plan-note")).to_contain_text("Hạn trong văn bản (30/4/2020) đã qua")
    expect(deadline).to_have_value(vn(today() + dt.timedelta(days=55)))
    expect(page.get_by_label("“Trước ngày”")).to_be_checked()
    expect(page.get_by_label(unit)).to_be_checked()
    # Staff choose their own deadline before opening, typed the Vietnamese way.
    deadline.fill(vn(new_deadline))
    page.get_by_role("button", name="Lưu thiết lập").click()
    expect(page.get_by_text("Đã lưu thiết lập đợt báo cáo.")).to_be_visible()
    expect(page.get_by_label("Hạn nộp")).to_have_value(vn(new_deadline))
    page.get_by_role("button", name="Mở đợt báo cáo").click()
    # Opening fixes the target list: it asks first (issue 14 §2).
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("danh sách đơn vị được cố định")
    dialog.get_by_role("button", name="Đồng ý").click()
    expect(
        page.get_by_text(re.compile(r"Đã mở đợt báo cáo; \d+ đơn vị phải báo cáo"))
    ).to_be_visible()
    round_url = page.url
    log_out(page)

    # 3. The secretary finds the open round on the home page, fills it, attaches, submits.
    log_in(page, base, world.secretary.username)
    to_report = page.get_by_role("table").filter(has_text="Thời gian còn lại")
    row = to_report.get_by_role("row").filter(has_text=unit)
    # "trước ngày X" is due at 00:00 on X: 29 whole days and some hours remain.
    due = f"trước ngày {new_deadline.day}/{new_deadline.month}/{new_deadline.year}"
    expect(row).to_contain_text(due)
    expect(row).to_contain_text(re.compile(r"còn 2[89] ngày"))
    expect(row).to_contain_text("Chưa thực hiện")
    row.get_by_role("link").click()
    form_page_url = page.url
    page.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH").fill(SITUATION)
    page.get_by_label(re.compile(r"KẾT QUẢ ĐẠT ĐƯỢC")).first.fill(RESULTS)
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    expect(page.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH")).to_have_value(SITUATION)
    page.get_by_label(re.compile(r"^Thêm tệp")).set_input_files(
        {"name": "bien-ban-hoi-nghi.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
    )
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.get_by_text("Đã lưu bản nháp và đính kèm “bien-ban-hoi-nghi.pdf”.")).to_be_visible()
    expect(page.get_by_role("link", name="bien-ban-hoi-nghi.pdf")).to_be_visible()
    page.screenshot(path=tmp_path / "report-form.png", full_page=True)
    page.get_by_role("button", name="Nộp báo cáo").click()
    # Submitting locks the report: a page asks first, counting the empty sections.
    expect(page.get_by_role("heading", name="Xác nhận nộp báo cáo")).to_be_visible()
    expect(page.locator("#confirm-message")).to_contain_text("mục còn trống")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text("Đã nộp báo cáo. Báo cáo đã được khóa;")).to_be_visible()
    expect(page.get_by_text("Báo cáo đã nộp và được khóa; chỉ xem.")).to_be_visible()
    # Locked: the text reads as text, with no box left to type in.
    expect(page.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH")).to_have_count(0)
    expect(
        page.locator(".section-form").filter(has_text="I- ĐẶC ĐIỂM TÌNH HÌNH").first
    ).to_contain_text(SITUATION)
    expect(page.get_by_role("button", name="Nộp báo cáo")).to_have_count(0)
    assert page.url == form_page_url
    page.screenshot(path=tmp_path / "report-locked.png", full_page=True)
    log_out(page)

    # 4. The officer follows up: the unit is on time, and the count says so.
    log_in(page, base, world.officer.username)
    page.get_by_role("link", name=re.compile(r"^Sơ kết 04 năm thực hiện Chỉ thị")).click()
    assert page.url.split("?")[0] == round_url.split("?")[0]
    matrix_row = page.locator("#matrix").get_by_role("row").filter(has_text=unit)
    expect(matrix_row).to_contain_text("Đã nộp đúng hạn")
    counts = page.get_by_label("Tổng hợp theo tình trạng")
    expect(counts.get_by_role("link", name=re.compile(r"^Đã nộp đúng hạn: 1 "))).to_be_visible()
    page.screenshot(path=tmp_path / "matrix.png", full_page=True)
    # The officer reads the submitted report, attachment included, then comes back.
    matrix_row.get_by_role("link", name="Xem báo cáo").click()
    expect(page.get_by_text(SITUATION)).to_be_visible()
    expect(page.get_by_role("link", name="bien-ban-hoi-nghi.pdf")).to_be_visible()
    page.go_back()

    # 5. The consolidated report, drafted first (issue 12 §1: who signs, on which day), in the
    # Party's format, says who wrote what.
    page.get_by_role("link", name="Soạn và tải báo cáo tổng hợp").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Soạn báo cáo tổng hợp")
    expect(page.get_by_label("Thẩm quyền ký")).to_have_value("T/M")
    page.get_by_label("Họ và tên người ký").fill("Phạm Văn Sáu")
    page.get_by_label("Ngày ký").fill("03/04/2026")
    doc = DocxDocument(io.BytesIO(submit_for_download(page, "Soạn và tải", tmp_path)))
    issuer, state = table_rows(doc.tables[0])[0]
    assert issuer.splitlines()[:2] == ["ĐẢNG BỘ TỈNH QUẢNG NAM", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN"]
    assert state == "ĐẢNG CỘNG SẢN VIỆT NAM"
    paragraphs = [p.text.strip() for p in doc.paragraphs if p.text.strip()]
    assert "BÁO CÁO" in paragraphs
    for heading, text in (
        ("I- ĐẶC ĐIỂM TÌNH HÌNH", SITUATION),
        ("II- KẾT QUẢ ĐẠT ĐƯỢC", RESULTS),
    ):
        assert heading in paragraphs, f"thiếu đề mục {heading!r}"
        # Issue 12 §4: under its heading, the share of units that reported it, then what the
        # unit wrote, attributed to the unit.
        index = paragraphs.index(heading)
        assert paragraphs[index + 1] == "1/2 đơn vị (50,0%) đã báo cáo nội dung này."
        assert paragraphs[index + 2] == f"{unit}: {text}"
    # Issue 12 §4: sections nobody reported on are left out and listed once at the end.
    empty = next(p for p in paragraphs if p.startswith("Các nội dung chưa có đơn vị nào báo cáo:"))
    for heading in (
        "III- HẠN CHẾ, KHUYẾT ĐIỂM; NGUYÊN NHÂN; KINH NGHIỆM",
        "1. Hạn chế, khuyết điểm",
    ):
        assert heading not in paragraphs and heading in empty, f"đề mục trống {heading!r}"
    who_reported = next(t for t in doc.tables if "Thời điểm nộp" in table_rows(t)[0])
    assert next(r for r in table_rows(who_reported) if unit in r)[-1] == "Đúng hạn"
    cells = [
        line for t in doc.tables for row in table_rows(t) for c in row for line in c.split("\n")
    ]
    assert "Quảng Nam, ngày 03 tháng 4 năm 2026" in paragraphs + cells  # the signing date
    assert "Phạm Văn Sáu" in paragraphs + cells  # the drafted signer's name
    page.get_by_role("link", name="Quay lại đợt").click()

    # The matrix as a spreadsheet: the unit's row says it submitted on time.
    xlsx = download(page, "Xuất Excel (.xlsx)", tmp_path)
    sheet = load_workbook(io.BytesIO(xlsx), read_only=True).worksheets[0]
    unit_rows = [row for row in sheet.iter_rows(values_only=True) if unit in row]
    assert len(unit_rows) == 1, f"{unit} phải có đúng một dòng trong tệp Excel"
    assert "Đã nộp đúng hạn" in unit_rows[0]
