"""Write functions of reporting rounds: states, lateness, locking, double posts, returns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.dates import VN_TZ
from lamtheobac.core.errors import DomainError, Locked, StaleEdit, StateError
from lamtheobac.notifications.models import Notification
from lamtheobac.reporting.actions import outline, reports, rounds
from lamtheobac.reporting.models import (
    MatrixState,
    ReportingRoundState,
    ReportState,
    ReportSubmission,
)
from lamtheobac.testing import make_round, make_unit
from lamtheobac.units.models import UnitKind

pytestmark = pytest.mark.django_db


def _section_ids(round):
    return list(round.outline.sections.order_by("position").values_list("pk", flat=True))


def _fill(round, unit, user, text="Đã quán triệt Chỉ thị tới 100% đảng viên."):
    first = _section_ids(round)[0]
    return reports.save_report_draft(
        round, unit=unit, answers={first: text}, values={}, version=None, by=user
    )


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=VN_TZ)


def test_a_report_submitted_before_an_exclusive_deadline_is_on_time(world, monkeypatch):
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots],
        deadline=dt.date(2020, 4, 30),
        deadline_exclusive=True,
    )
    monkeypatch.setattr(timezone, "now", lambda: _at(dt.date(2020, 4, 29), 23))
    _fill(round, world.grassroots, world.secretary)
    report = reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )
    assert report.state == ReportState.SUBMITTED
    assert report.is_late is False
    assert report.matrix_state == MatrixState.ON_TIME


def test_trước_ngày_makes_a_report_on_the_deadline_day_late(world, monkeypatch):
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots],
        deadline=dt.date(2020, 4, 30),
        deadline_exclusive=True,
    )
    monkeypatch.setattr(timezone, "now", lambda: _at(dt.date(2020, 4, 30), 8))
    _fill(round, world.grassroots, world.secretary)
    report = reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )
    assert report.is_late is True
    assert report.matrix_state == MatrixState.LATE


def test_chậm_nhất_ngày_accepts_the_whole_deadline_day(world, monkeypatch):
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots],
        deadline=dt.date(2022, 3, 4),
        deadline_exclusive=False,
    )
    monkeypatch.setattr(timezone, "now", lambda: _at(dt.date(2022, 3, 4), 23))
    _fill(round, world.grassroots, world.secretary)
    report = reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )
    assert report.is_late is False


def test_a_late_report_is_still_accepted_when_no_lock_date_is_set(world, monkeypatch):
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots],
        deadline=dt.date(2020, 4, 30),
    )
    monkeypatch.setattr(timezone, "now", lambda: _at(dt.date(2020, 6, 1)))
    _fill(round, world.grassroots, world.secretary)
    report = reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )
    assert report.state == ReportState.SUBMITTED and report.is_late


def test_it_refuses_entry_after_the_lock_date_unless_the_unit_has_an_exception(world, monkeypatch):
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.sibling],
        deadline=dt.date(2020, 4, 30),
        lock_date=dt.date(2020, 5, 10),
    )
    monkeypatch.setattr(timezone, "now", lambda: _at(dt.date(2020, 5, 11)))
    with pytest.raises(Locked):
        _fill(round, world.grassroots, world.secretary)
    assert not round.reports.exists()
    rounds.set_lock_exception(
        round, unit=world.sibling, until=dt.date(2020, 5, 15), by=world.officer
    )
    report = _fill(round, world.sibling, world.sibling_officer)
    assert report.answers.count() == 1


def test_a_submitted_report_is_locked_and_a_second_submit_changes_nothing(world):
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    report = _fill(round, world.grassroots, world.secretary)
    report = reports.submit_unit_report(
        round, unit=world.grassroots, version=report.version, by=world.secretary
    )
    with pytest.raises(StateError):
        reports.submit_unit_report(
            round, unit=world.grassroots, version=report.version, by=world.secretary
        )
    with pytest.raises(StateError):
        _fill(round, world.grassroots, world.secretary, "sửa sau khi nộp")
    assert ReportSubmission.objects.filter(report=report).count() == 1
    assert report.answers.get().text == "Đã quán triệt Chỉ thị tới 100% đảng viên."


def test_a_form_built_from_an_old_version_is_refused_and_changes_nothing(world):
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    first = _fill(round, world.grassroots, world.secretary, "bản 1")
    old_version = first.version
    reports.save_report_draft(
        round,
        unit=world.grassroots,
        answers={_section_ids(round)[0]: "bản 2"},
        values={},
        version=old_version,
        by=world.secretary,
    )
    with pytest.raises(StaleEdit):
        reports.save_report_draft(
            round,
            unit=world.grassroots,
            answers={_section_ids(round)[0]: "bản cũ"},
            values={},
            version=old_version,
            by=world.secretary,
        )
    assert round.reports.get().answers.get().text == "bản 2"


def test_submitting_an_empty_report_is_refused(world):
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    with pytest.raises(DomainError, match="chưa có nội dung"):
        reports.submit_unit_report(round, unit=world.grassroots, version=None, by=world.secretary)


def test_a_returned_report_goes_back_to_the_unit_with_the_comment_and_can_be_resubmitted(world):
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    _fill(round, world.grassroots, world.secretary)
    report = reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )
    with pytest.raises(DomainError):
        reports.return_unit_report(report, comment="  ", by=world.officer)
    report = reports.return_unit_report(report, comment="Bổ sung số liệu mục II.", by=world.officer)
    assert report.state == ReportState.RETURNED
    note = Notification.objects.get(user=world.secretary, message__contains="trả lại")
    assert "Bổ sung số liệu mục II." in note.message
    assert note.url.endswith(f"/dot/{round.pk}/don-vi/{world.grassroots.pk}/")
    assert not Notification.objects.filter(user=world.sibling_officer).exists()
    _fill(round, world.grassroots, world.secretary, "Đã bổ sung số liệu.")
    report = reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )
    assert [s.sequence for s in report.submissions.all()] == [1, 2]
    assert report.submissions.get(sequence=1).content[
        "answers"
    ]  # the first submission is kept as it was


def test_accepting_in_bulk_accepts_only_submitted_reports(world):
    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots, world.sibling]
    )
    _fill(round, world.grassroots, world.secretary)
    submitted = reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )
    draft = _fill(round, world.sibling, world.sibling_officer)
    n = reports.accept_unit_reports(round, report_ids=[submitted.pk, draft.pk], by=world.officer)
    assert n == 1
    submitted.refresh_from_db()
    draft.refresh_from_db()
    assert submitted.state == ReportState.ACCEPTED
    assert draft.state == ReportState.DRAFT


def test_every_state_change_is_in_the_audit_trail(world):
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    _fill(round, world.grassroots, world.secretary)
    report = reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )
    reports.accept_unit_report(report, by=world.officer)
    events = list(
        AuditEvent.objects.filter(target_type="reporting.unitreport", target_id=str(report.pk))
        .order_by("pk")
        .values_list("action", "actor__username", "before", "after")
    )
    assert events[-2][:3] == ("unit_report.submit", "bithu.taichinh", {"state": "draft"})
    assert events[-1][0] == "unit_report.accept"
    assert events[-1][2] == {"state": "submitted"} and events[-1][3] == {"state": "accepted"}


def test_targets_are_fixed_when_the_round_opens(world):
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    with pytest.raises(StateError):
        rounds.update_round(
            round,
            title=round.title,
            report_title="",
            deadline=round.deadline,
            deadline_exclusive=True,
            lock_date=None,
            target_units=[world.grassroots, world.sibling],
            version=round.version,
            by=world.officer,
        )
    new_unit = make_unit(
        parent=world.committee, name="Chi bộ mới thành lập", kind=UnitKind.GRASSROOTS_CELL
    )
    assert list(round.targets.values_list("unit_id", flat=True)) == [world.grassroots.pk]
    assert new_unit.pk not in round.targets.values_list("unit_id", flat=True)


def test_a_unit_outside_the_targets_cannot_report(world):
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    with pytest.raises(DomainError, match="không thuộc danh sách"):
        _fill(round, world.sibling, world.sibling_officer)


def test_indicator_values_are_saved_and_negative_numbers_refused(world):
    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots], open=False
    )
    section = round.outline.sections.first()
    indicator = outline.add_indicator(
        round, section=section, name="Số đảng viên đăng ký", unit_label="người", by=world.officer
    )
    round = rounds.open_reporting_round(round, by=world.officer)
    with pytest.raises(DomainError, match="không được âm"):
        reports.save_report_draft(
            round,
            unit=world.grassroots,
            answers={},
            values={indicator.pk: Decimal(-1)},
            version=None,
            by=world.secretary,
        )
    report = reports.save_report_draft(
        round,
        unit=world.grassroots,
        answers={},
        values={indicator.pk: Decimal(215)},
        version=None,
        by=world.secretary,
    )
    assert report.indicator_values.get().value == Decimal(215)


def test_an_attachment_is_checked_by_content_not_by_name(world):
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    fake = SimpleUploadedFile("bao-cao.pdf", b"this is plain text pretending to be a pdf")
    with pytest.raises(DomainError, match="không phải loại được nhận"):
        reports.add_attachment(
            round, unit=world.grassroots, upload=fake, version=None, by=world.secretary
        )
    png = SimpleUploadedFile("anh.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    attachment = reports.add_attachment(
        round, unit=world.grassroots, upload=png, version=None, by=world.secretary
    )
    assert attachment.content_type == "image/png"
    assert attachment.original_name == "anh.txt"


def test_an_attachment_over_20_mb_is_refused(world, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    with pytest.raises(DomainError, match="quá lớn"):
        reports.add_attachment(
            round, unit=world.grassroots, upload=big, version=None, by=world.secretary
        )
    assert not round.reports.exists()


def test_opening_needs_targets_and_sections(world):
    round = make_round(committee=world.committee, by=world.officer, targets=[], open=False)
    with pytest.raises(DomainError, match="Chưa chọn đơn vị"):
        rounds.open_reporting_round(round, by=world.officer)
    round.refresh_from_db()
    assert round.state == ReportingRoundState.DRAFT


def test_a_round_from_a_plan_takes_the_firm_report_deadline_not_an_occasion(world, seed_path):
    from lamtheobac.documents.actions.documents import import_document

    document = import_document(
        owner=world.committee,
        data=seed_path("003").read_bytes(),
        filename="59.txt",
        by=world.officer,
    )
    assert document.deadlines.filter(tentative=True).exists()  # "vào dịp … 19/5/2020"
    round = rounds.create_round_from_document(document=document, by=world.officer)
    assert (round.deadline, round.deadline_exclusive) == (dt.date(2020, 4, 30), True)
    assert round.deadline_text == "trước ngày 30/4/2020"
    assert [s.heading for s in round.outline.sections.filter(depth=1)][:2] == [
        "ĐẶC ĐIỂM TÌNH HÌNH",
        "KẾT QUẢ ĐẠT ĐƯỢC",
    ]
    assert round.targets.count() == 2  # the grassroots committee and the sibling cell
