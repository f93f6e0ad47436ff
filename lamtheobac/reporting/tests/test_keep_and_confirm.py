"""Issue 14 §1–3 on the reporting side: nothing typed is lost, irreversible or broadcast steps ask
first, a unit withdraws a submission until it is accepted, repeated reminders are refused,
deadlines are checked and proposed from today, and the unit downloads its report as .docx."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from docx import Document as DocxDocument

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.dates import today
from lamtheobac.core.errors import DomainError, StateError
from lamtheobac.documents.models import Document
from lamtheobac.notifications.models import Notification
from lamtheobac.reporting.actions import reports, rounds
from lamtheobac.reporting.models import ReportingRoundState, ReportState, UnitReport
from lamtheobac.testing import make_round

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def round(world):
    return make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.sibling],
        deadline=today() + dt.timedelta(days=20),
    )


def _sections(round):
    return list(round.outline.sections.order_by("position"))


def _edit_url(round, unit):
    return reverse("reporting:report_edit", args=[round.pk, unit.pk])


def _submitted(round, world, text="Nội dung mục I."):
    first = _sections(round)[0]
    reports.save_report_draft(
        round,
        unit=world.grassroots,
        answers={first.pk: text},
        values={},
        version=None,
        by=world.secretary,
    )
    return reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )


# --- §1 nothing typed is lost -------------------------------------------------------------


def test_attaching_a_file_through_the_report_form_saves_the_typed_text_too(client, world, round):
    client.force_login(world.secretary)
    first = _sections(round)[0]
    response = client.post(
        _edit_url(round, world.grassroots),
        {
            f"section_{first.pk}": "Đang gõ dở thì đính kèm",
            "version": "0",
            "file": SimpleUploadedFile("anh.png", PNG),
            "attach": "1",
        },
        follow=True,
    )
    report = UnitReport.objects.get(unit=world.grassroots)
    assert report.answers.get(section=first).text == "Đang gõ dở thì đính kèm"
    assert [a.original_name for a in report.attachments.present()] == ["anh.png"]
    assert "Đã lưu bản nháp và đính kèm “anh.png”." in response.content.decode()


def test_a_refused_file_does_not_cost_the_typed_text(client, world, round):
    client.force_login(world.secretary)
    first = _sections(round)[0]
    response = client.post(
        _edit_url(round, world.grassroots),
        {
            f"section_{first.pk}": "Văn bản vẫn được giữ",
            "version": "0",
            "file": SimpleUploadedFile("virus.exe", b"MZ" + b"\x00" * 64),
            "attach": "1",
        },
        follow=True,
    )
    report = UnitReport.objects.get(unit=world.grassroots)
    assert report.answers.get(section=first).text == "Văn bản vẫn được giữ"
    assert not report.attachments.exists()
    assert "Văn bản vẫn được giữ" in response.content.decode()


def test_removing_an_attachment_saves_the_text_then_asks_before_removing(client, world, round):
    client.force_login(world.secretary)
    attachment = reports.add_attachment(
        round,
        unit=world.grassroots,
        upload=SimpleUploadedFile("anh.png", PNG),
        version=None,
        by=world.secretary,
    )
    report = UnitReport.objects.get(unit=world.grassroots)
    first = _sections(round)[0]
    response = client.post(
        _edit_url(round, world.grassroots),
        {
            f"section_{first.pk}": "Gõ trước khi gỡ tệp",
            "version": report.version,
            "remove_attachment": attachment.pk,
        },
    )
    remove_url = reverse("reporting:attachment_remove", args=[attachment.pk])
    assert response.status_code == 302 and response["Location"] == remove_url
    assert report.answers.get(section=first).text == "Gõ trước khi gỡ tệp"
    page = client.get(remove_url)
    assert page.status_code == 200
    assert "Gỡ tệp “anh.png” khỏi báo cáo?" in page.content.decode()
    attachment.refresh_from_db()
    assert not attachment.is_removed
    client.post(remove_url, {"confirmed": "1"})
    attachment.refresh_from_db()
    assert attachment.is_removed


def test_a_stale_save_shows_both_texts_and_keeps_the_users_in_the_field(client, world, round):
    client.force_login(world.secretary)
    first, second = _sections(round)[:2]
    url = _edit_url(round, world.grassroots)
    client.post(url, {f"section_{first.pk}": "Tab một", "version": "0", "save": "1"})
    response = client.post(
        url,
        {f"section_{first.pk}": "Tab hai", f"section_{second.pk}": "Mục hai", "version": "0"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    report = UnitReport.objects.get(unit=world.grassroots)
    assert report.answers.get(section=first).text == "Tab một"  # nothing overwritten
    assert f'data-conflict="{first.pk}"' in html and f'data-conflict="{second.pk}"' in html
    assert '<div class="theirs" data-saved>Tab một</div>' in html
    assert "Tab hai</textarea>" in html and "Mục hai</textarea>" in html
    # The form now carries the current version: saving the merged text goes through.
    assert f'name="version" value="{report.version}"' in html
    client.post(
        url,
        {f"section_{first.pk}": "Tab một + Tab hai", "version": report.version, "save": "1"},
    )
    assert report.answers.get(section=first).text == "Tab một + Tab hai"


def test_autosave_saves_the_draft_and_answers_the_new_version(client, world, round):
    client.force_login(world.secretary)
    first = _sections(round)[0]
    url = reverse("reporting:report_autosave", args=[round.pk, world.grassroots.pk])
    response = client.post(url, {f"section_{first.pk}": "Tự lưu", "version": "0"})
    assert response.status_code == 200
    report = UnitReport.objects.get(unit=world.grassroots)
    assert response.json()["version"] == report.version
    assert report.answers.get(section=first).text == "Tự lưu"
    stale = client.post(url, {f"section_{first.pk}": "Bản cũ", "version": "0"})
    assert stale.status_code == 409
    assert "chưa tự động lưu để không ghi đè" in stale.json()["error"]
    assert report.answers.get(section=first).text == "Tự lưu"


def test_the_report_page_warns_before_leaving_and_autosaves(client, world, round):
    client.force_login(world.secretary)
    html = client.get(_edit_url(round, world.grassroots)).content.decode()
    autosave = reverse("reporting:report_autosave", args=[round.pk, world.grassroots.pk])
    assert f'data-keep data-autosave-url="{autosave}"' in html
    assert "js/forms.js" in html


# --- §2 ask first ---------------------------------------------------------------------------


def test_submitting_asks_first_saying_how_many_sections_are_empty(client, world, round):
    client.force_login(world.secretary)
    first = _sections(round)[0]
    url = _edit_url(round, world.grassroots)
    response = client.post(
        url, {f"section_{first.pk}": "Chỉ mục I", "version": "0", "submit": "1"}, follow=True
    )
    html = response.content.decode()
    assert "Nộp báo cáo: 1/2 mục còn trống." in html
    assert "Sau khi nộp, đơn vị không sửa được báo cáo nữa" in html
    assert "Còn trống: II- KẾT QUẢ ĐẠT ĐƯỢC" in html
    report = UnitReport.objects.get(unit=world.grassroots)
    assert report.state == ReportState.DRAFT
    assert report.answers.get(section=first).text == "Chỉ mục I"  # saved before asking
    submit_url = reverse("reporting:report_submit", args=[round.pk, world.grassroots.pk])
    client.post(submit_url, {"version": report.version, "confirmed": "1"})
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_opening_a_round_asks_first_saying_the_targets_become_fixed(client, world):
    draft = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.sibling],
        open=False,
        deadline=today() + dt.timedelta(days=20),
    )
    client.force_login(world.officer)
    url = reverse("reporting:round_open", args=[draft.pk])
    html = client.post(url).content.decode()
    assert "Mở đợt báo cáo: 2 đơn vị phải báo cáo" in html
    assert "danh sách đơn vị được cố định" in html
    draft.refresh_from_db()
    assert draft.state == ReportingRoundState.DRAFT
    client.post(url, {"confirmed": "1"})
    draft.refresh_from_db()
    assert draft.state == ReportingRoundState.OPEN


def test_removing_a_section_and_accepting_ask_first(client, world, round):
    report = _submitted(round, world)
    client.force_login(world.officer)
    page = client.post(reverse("reporting:report_accept", args=[report.pk]), {"version": 0})
    assert "Tiếp nhận báo cáo của Đảng bộ Sở Tài chính?" in page.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    draft = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots], open=False
    )
    section = _sections(draft)[0]
    url = reverse("reporting:section_remove", args=[draft.pk, section.pk])
    assert "Xóa mục “I- ĐẶC ĐIỂM TÌNH HÌNH”" in client.post(url).content.decode()
    assert draft.outline.sections.filter(pk=section.pk).exists()


def test_reminding_asks_first_with_the_number_of_units(client, world, round):
    client.force_login(world.officer)
    url = reverse("reporting:remind", args=[round.pk])
    before = Notification.objects.count()  # the "round opened" notices
    html = client.post(url).content.decode()
    assert "Gửi nhắc nhở tới 2 đơn vị chưa nộp báo cáo" in html
    assert Notification.objects.count() == before  # asked, nothing sent
    detail = client.get(reverse("reporting:round_detail", args=[round.pk])).content.decode()
    assert 'data-confirm="Gửi nhắc nhở tới 2 đơn vị chưa nộp báo cáo' in detail


def test_a_repeated_reminder_within_the_window_is_refused_with_a_message(world, round):
    assert rounds.send_reminders(round, by=world.officer) == 2
    sent = Notification.objects.count()
    with pytest.raises(DomainError, match=r"^Đã gửi nhắc nhở tới 2 đơn vị chưa nộp lúc .*"):
        rounds.send_reminders(round, by=world.officer)
    assert Notification.objects.count() == sent
    assert AuditEvent.objects.filter(action="reporting_round.reminded").count() == 1


def test_the_refusal_says_when_a_reminder_may_be_sent_again(client, world, round):
    rounds.send_reminders(round, by=world.officer)
    client.force_login(world.officer)
    detail = reverse("reporting:round_detail", args=[round.pk])
    response = client.post(
        reverse("reporting:remind", args=[round.pk]),
        {"confirmed": "1"},
        HTTP_REFERER=f"http://testserver{detail}",
        follow=True,
    )
    assert "chỉ gửi lại sau 6 giờ" in response.content.decode()


@override_settings(REMINDER_REPEAT_HOURS=6)
def test_after_the_window_or_for_units_not_yet_reminded_a_reminder_goes_out(world, round):
    rounds.send_reminders(round, by=world.officer)
    AuditEvent.objects.filter(action="reporting_round.reminded").update(
        at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=7)
    )
    assert rounds.send_reminders(round, by=world.officer) == 2
    event = AuditEvent.objects.filter(action="reporting_round.reminded").first()
    assert event is not None and event.after is not None
    assert sorted(event.after["unit_ids"]) == sorted([world.grassroots.pk, world.sibling.pk])


def test_nobody_to_remind_is_said_not_counted_as_zero(world):
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    _submitted(round, world)
    with pytest.raises(DomainError, match="Tất cả đơn vị đã nộp báo cáo"):
        rounds.send_reminders(round, by=world.officer)


# --- withdraw ---------------------------------------------------------------------------------


def test_a_unit_withdraws_its_submission_before_acceptance_and_it_is_audited(world, round):
    report = _submitted(round, world)
    report = reports.withdraw_unit_report(report, version=report.version, by=world.secretary)
    assert report.state == ReportState.DRAFT and report.is_editable
    assert report.submissions.count() == 1  # the earlier submission stays on record
    event = AuditEvent.objects.get(action="unit_report.withdraw")
    assert event.actor == world.secretary
    assert (event.before, event.after) == ({"state": "submitted"}, {"state": "draft"})
    # It can be submitted again.
    report = reports.submit_unit_report(
        round, unit=world.grassroots, version=report.version, by=world.secretary
    )
    assert report.state == ReportState.SUBMITTED and report.submissions.count() == 2


def test_the_committee_staff_are_told_when_a_unit_withdraws_its_report(world, round):
    report = _submitted(round, world)
    Notification.objects.all().delete()
    reports.withdraw_unit_report(report, version=report.version, by=world.secretary)
    told = Notification.objects.filter(message__contains="đã rút lại báo cáo")
    assert {n.user for n in told} == {world.officer}
    assert told[0].message.startswith("Đảng bộ Sở Tài chính đã rút lại báo cáo “")
    assert told[0].url == reverse("reporting:report_view", args=[report.pk])
    assert not Notification.objects.filter(user=world.secretary).exists()


def test_withdrawing_is_refused_once_accepted(world, round):
    report = _submitted(round, world)
    report = reports.accept_unit_report(report, by=world.officer)
    with pytest.raises(StateError, match="Không thể rút lại báo cáo đã nộp: đang ở trạng thái"):
        reports.withdraw_unit_report(report, version=None, by=world.secretary)
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED


def test_the_committee_cannot_withdraw_a_units_report(world, round):
    from lamtheobac.core.errors import AccessDenied

    report = _submitted(round, world)
    with pytest.raises(AccessDenied):
        reports.withdraw_unit_report(report, version=None, by=world.officer)


def test_withdrawing_through_the_page_asks_first(client, world, round):
    report = _submitted(round, world)
    client.force_login(world.secretary)
    page = client.get(_edit_url(round, world.grassroots)).content.decode()
    assert "Rút lại báo cáo</button>" in page
    url = reverse("reporting:report_withdraw", args=[round.pk, world.grassroots.pk])
    html = client.post(url, {"version": report.version}).content.decode()
    assert "Rút lại báo cáo: báo cáo trở về bản nháp" in html
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    client.post(url, {"version": report.version, "confirmed": "1"})
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    reports.submit_unit_report(
        round, unit=world.grassroots, version=report.version, by=world.secretary
    )
    reports.accept_unit_report(UnitReport.objects.get(pk=report.pk), by=world.officer)
    page = client.get(_edit_url(round, world.grassroots)).content.decode()
    assert "Rút lại báo cáo</button>" not in page


# --- the unit's .docx -------------------------------------------------------------------------


def test_the_unit_downloads_its_own_report_as_docx_to_sign(client, world, round):
    _submitted(round, world, text="Đảng bộ có 112 đảng viên.\n# không phải tiêu đề")
    client.force_login(world.secretary)
    response = client.get(reverse("reporting:report_docx", args=[round.pk, world.grassroots.pk]))
    assert response.status_code == 200
    doc = DocxDocument(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text
    assert "Đảng bộ có 112 đảng viên." in text and "không phải tiêu đề" in text
    assert "I- ĐẶC ĐIỂM TÌNH HÌNH" in text and "(Không có nội dung)" in text
    assert "BÍ THƯ" in "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)


# --- §3 deadlines -----------------------------------------------------------------------------


def _settings(round, deadline: str, **extra):
    return {
        "title": round.title,
        "report_title": "",
        "deadline": deadline,
        "version": round.version,
        **extra,
    }


def test_a_past_deadline_in_round_settings_needs_a_confirmation(client, world):
    draft = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots],
        open=False,
        deadline=today() + dt.timedelta(days=20),
    )
    client.force_login(world.officer)
    url = reverse("reporting:round_edit", args=[draft.pk])
    targets = [world.grassroots.pk]
    response = client.post(url, _settings(draft, "1/1/2020", targets=targets))
    html = response.content.decode()
    assert "Ngày 01/01/2020 đã qua" in html and 'name="confirm_dates"' in html
    draft.refresh_from_db()
    assert draft.deadline == today() + dt.timedelta(days=20)
    client.post(url, _settings(draft, "1/1/2020", targets=targets, confirm_dates="on"))
    draft.refresh_from_db()
    assert draft.deadline == dt.date(2020, 1, 1)


def test_a_date_typed_03_05_2026_is_the_third_of_may(client, world):
    draft = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots], open=False
    )
    client.force_login(world.officer)
    url = reverse("reporting:round_edit", args=[draft.pk])
    client.post(
        url,
        _settings(draft, "03/05/2026", targets=[world.grassroots.pk], confirm_dates="on"),
    )
    draft.refresh_from_db()
    assert draft.deadline == dt.date(2026, 5, 3)
    assert 'value="03/05/2026"' in client.get(url).content.decode()


def test_a_round_from_a_plan_with_no_lead_time_proposes_thirty_days_from_today(world):
    plan = Document.objects.create(
        owner=world.committee, title="Kế hoạch cũ", uploaded_by=world.officer, text=""
    )
    plan.deadlines.create(due=dt.date(2019, 5, 1), text="chậm nhất ngày 01/5/2019", what="báo cáo")
    proposed, note = rounds.proposed_deadline(plan)
    assert proposed == today() + dt.timedelta(days=30)
    assert note.startswith("Hạn trong văn bản (1/5/2019) đã qua; đề xuất hạn mới")


def test_a_plan_whose_deadline_is_ahead_keeps_it(world):
    ahead = today() + dt.timedelta(days=40)
    plan = Document.objects.create(
        owner=world.committee, title="Kế hoạch mới", uploaded_by=world.officer, text=""
    )
    plan.deadlines.create(due=ahead, text="chậm nhất", what="báo cáo")
    assert rounds.proposed_deadline(plan) == (ahead, "")
