"""Issue 14 §1–3 in a real browser: attaching keeps the typed text, two tabs never lose a text,
submitting with empty sections asks first, reminders ask and are not sent twice, autosave, and a
date typed "03/05/2026" is the 3rd of May."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfWriter

from lamtheobac.core.dates import today
from lamtheobac.reporting.models import ReportingRound, ReportState, UnitReport
from lamtheobac.testing import PASSWORD, World, build_world, make_round

SITUATION = "Đảng bộ có 5 chi bộ trực thuộc, 112 đảng viên."


@pytest.fixture
def world(transactional_db: None) -> World:
    return build_world()


@pytest.fixture
def round(world: World) -> ReportingRound:
    return make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.sibling],
        deadline=today() + dt.timedelta(days=20),
    )


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Trang chính", level=1)).to_be_visible()


def small_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _form_url(base: str, round: ReportingRound, world: World) -> str:
    return f"{base}/bao-cao/dot/{round.pk}/don-vi/{world.grassroots.pk}/"


def test_attaching_a_file_keeps_the_text_typed_before(
    browser_page: Page, live_server, world: World, round: ReportingRound
) -> None:
    page = browser_page
    log_in(page, live_server.url, world.secretary.username)
    page.goto(_form_url(live_server.url, round, world))
    page.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH").fill(SITUATION)  # typed, never saved
    page.get_by_label("Thêm tệp").set_input_files(
        {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
    )
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.get_by_text("Đã lưu bản nháp và đính kèm “bien-ban.pdf”.")).to_be_visible()
    expect(page.get_by_role("link", name="bien-ban.pdf")).to_be_visible()
    expect(page.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH")).to_have_value(SITUATION)
    report = UnitReport.objects.get(round=round, unit=world.grassroots)
    assert report.answers.get().text == SITUATION


def test_two_tabs_saving_in_turn_keep_both_texts_to_merge(
    browser_page: Page, live_server, world: World, round: ReportingRound
) -> None:
    first = browser_page
    log_in(first, live_server.url, world.secretary.username)
    url = _form_url(live_server.url, round, world)
    first.goto(url)
    second = first.context.new_page()
    second.goto(url)
    first.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH").fill("Văn bản của tab một")
    first.get_by_role("button", name="Lưu nháp").click()
    expect(first.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    second.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH").fill("Văn bản của tab hai")
    second.get_by_role("button", name="Lưu nháp").click()
    # The second save is not written, and neither text is thrown away: side by side.
    expect(second.locator("#form-error")).to_contain_text("đã được lưu ở nơi khác")
    conflict = second.locator(".conflict")
    expect(conflict.locator("[data-saved]")).to_have_text("Văn bản của tab một")
    box = second.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH")
    expect(box).to_have_value("Văn bản của tab hai")
    # The user merges and saves: this time it goes through.
    box.fill("Văn bản của tab một. Văn bản của tab hai")
    second.get_by_role("button", name="Lưu nháp").click()
    expect(second.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    report = UnitReport.objects.get(round=round, unit=world.grassroots)
    assert report.answers.get().text == "Văn bản của tab một. Văn bản của tab hai"


def test_submitting_with_empty_sections_asks_first(
    browser_page: Page, live_server, world: World, round: ReportingRound
) -> None:
    page = browser_page
    log_in(page, live_server.url, world.secretary.username)
    page.goto(_form_url(live_server.url, round, world))
    page.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH").fill(SITUATION)
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_role("heading", name="Xác nhận nộp báo cáo")).to_be_visible()
    message = page.locator("#confirm-message")
    expect(message).to_contain_text("Nộp báo cáo: 1/2 mục còn trống.")
    expect(message).to_contain_text("Sau khi nộp, đơn vị không sửa được báo cáo nữa")
    expect(message).to_contain_text("Còn trống: II- KẾT QUẢ ĐẠT ĐƯỢC")
    report = UnitReport.objects.get(round=round, unit=world.grassroots)
    assert report.state == ReportState.DRAFT and report.answers.get().text == SITUATION
    # Going back keeps the text (it was saved before asking).
    page.get_by_role("link", name="Quay lại, chưa thực hiện").click()
    expect(page.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH")).to_have_value(SITUATION)
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text("Báo cáo đã nộp và được khóa; chỉ xem.")).to_be_visible()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    # Not accepted yet: the unit may take it back, after a dialog.
    page.get_by_role("button", name="Rút lại báo cáo").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Rút lại báo cáo")
    dialog.get_by_role("button", name="Đồng ý").click()
    expect(page.get_by_text("Đã rút lại báo cáo")).to_be_visible()
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_a_draft_autosaves_after_typing_stops(
    browser_page: Page, live_server, world: World, round: ReportingRound
) -> None:
    page = browser_page
    log_in(page, live_server.url, world.secretary.username)
    page.goto(_form_url(live_server.url, round, world))
    page.get_by_label("I- ĐẶC ĐIỂM TÌNH HÌNH").fill(SITUATION)
    expect(page.locator("[data-autosave-status]")).to_contain_text(
        "Đã tự động lưu nháp lúc", timeout=15_000
    )
    report = UnitReport.objects.get(round=round, unit=world.grassroots)
    assert report.answers.get().text == SITUATION
    # The page now carries the new version: a manual save right after is not a conflict.
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()


def test_reminders_ask_with_the_count_and_are_not_sent_twice(
    browser_page: Page, live_server, world: World, round: ReportingRound
) -> None:
    page = browser_page
    log_in(page, live_server.url, world.officer.username)
    page.goto(f"{live_server.url}/bao-cao/dot/{round.pk}/")
    page.get_by_role("button", name="Gửi nhắc nhở đơn vị chưa nộp").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Gửi nhắc nhở tới 2 đơn vị chưa nộp báo cáo")
    dialog.get_by_role("button", name="Đồng ý").click()
    expect(page.get_by_text("Đã gửi nhắc nhở tới 2 đơn vị chưa nộp báo cáo.")).to_be_visible()
    page.get_by_role("button", name="Gửi nhắc nhở đơn vị chưa nộp").click()
    expect(page.get_by_role("dialog")).to_contain_text("Không còn đơn vị nào cần nhắc")
    page.get_by_role("dialog").get_by_role("button", name="Đồng ý").click()
    expect(page.get_by_text("chỉ gửi lại sau 6 giờ")).to_be_visible()


def test_a_date_typed_03_05_2026_is_stored_as_the_third_of_may(
    browser_page: Page, live_server, world: World
) -> None:
    draft = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots],
        open=False,
        deadline=today() + dt.timedelta(days=20),
    )
    page = browser_page
    log_in(page, live_server.url, world.officer.username)
    page.goto(f"{live_server.url}/bao-cao/dot/{draft.pk}/thiet-lap/")
    page.get_by_label("Hạn nộp").fill("03/05/2026")
    page.get_by_role("button", name="Lưu thiết lập").click()
    # 3 May 2026 is before today (December 2026): saving asks for a confirmation first.
    expect(page.get_by_text("Ngày 03/05/2026 đã qua")).to_be_visible()
    draft.refresh_from_db()
    assert draft.deadline == today() + dt.timedelta(days=20)
    page.get_by_label("Tôi đã kiểm tra, vẫn dùng ngày này").check()
    page.get_by_role("button", name="Lưu thiết lập").click()
    expect(page.get_by_text("Đã lưu thiết lập đợt báo cáo.")).to_be_visible()
    expect(page.get_by_label("Hạn nộp")).to_have_value("03/05/2026")
    draft.refresh_from_db()
    assert draft.deadline == dt.date(2026, 5, 3)
