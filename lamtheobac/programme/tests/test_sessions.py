"""Recording quarterly themed sessions, their rules, completeness and reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied, DomainError, Locked, StaleEdit, StateError
from lamtheobac.notifications.models import Notification
from lamtheobac.programme import queries
from lamtheobac.programme.actions import sessions, themes
from lamtheobac.programme.models import SessionReminder, SessionState, ThematicSession
from lamtheobac.programme.queries import SessionStatus
from lamtheobac.testing import make_person

from .conftest import YEAR, set_today

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _record(scene, *, quarter=3, cell=None, by=None, held_on=None, attendance=None, **kw):
    w = scene.world
    cell = cell or w.cell
    people = scene.cell_people if cell == w.cell else scene.other_people
    return sessions.save_session(
        theme=scene.theme,
        cell=cell,
        quarter=quarter,
        by=by or w.cell_secretary,
        version=None,
        held_on=held_on or dt.date(YEAR, 3 * quarter - 1, 10),
        texts={"presenter": "Đ/c Bí thư", "main_points": "Liên hệ bản thân."},
        attendance=attendance
        if attendance is not None
        else {p.pk: "present" for p in people[:-1]} | {people[-1].pk: "excused"},
        record_it=True,
        **kw,
    )


def test_a_cell_secretary_records_a_session_with_attendance_and_the_quarter_topic(scene):
    session = _record(scene)
    assert session.state == SessionState.RECORDED
    assert session.topic == "Về độc lập dân tộc gắn liền với chủ nghĩa xã hội"
    assert (session.present_count, session.excused_count, session.absent_count) == (2, 1, 0)
    assert session.attendance_rate == pytest.approx(2 / 3)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"thematic_session.save", "thematic_session.record"} <= actions


def test_the_minutes_are_attached_and_a_non_document_is_refused(scene):
    session = _record(scene)
    stored = sessions.add_session_file(
        session, upload=SimpleUploadedFile("bien-ban.pdf", PDF), by=scene.world.cell_secretary
    )
    assert stored.content_type == "application/pdf"
    with pytest.raises(DomainError, match="không phải loại được nhận"):
        sessions.add_session_file(
            session,
            upload=SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf"),
            by=scene.world.cell_secretary,
        )
    assert session.files.count() == 1


def test_a_person_from_another_cell_in_the_attendance_is_refused_and_nothing_is_saved(scene):
    stranger = scene.sibling_people[0]
    with pytest.raises(DomainError, match="không thuộc Chi bộ Phòng Ngân sách"):
        _record(scene, attendance={stranger.pk: "present"})
    assert not ThematicSession.objects.exists()


def test_recording_needs_a_date_in_the_quarter_not_in_the_future_and_someone_present(scene):
    with pytest.raises(DomainError, match="trước khi quý III/2030 bắt đầu"):
        _record(scene, held_on=dt.date(YEAR, 6, 30))
    with pytest.raises(DomainError, match="chưa đến"):
        _record(scene, held_on=dt.date(YEAR, 8, 20))
    with pytest.raises(DomainError, match="ít nhất một đảng viên có mặt"):
        _record(scene, attendance={p.pk: "absent" for p in scene.cell_people})
    assert not ThematicSession.objects.filter(state=SessionState.RECORDED).exists()


def test_only_staff_of_the_cell_or_above_record_it(scene):
    w = scene.world
    for outsider in (w.sibling_officer, w.member, w.leader, w.stranger):
        with pytest.raises(AccessDenied):
            _record(scene, by=outsider)
    assert _record(scene, by=w.secretary).state == SessionState.RECORDED  # grassroots staff


def test_a_recorded_session_is_reopened_before_it_is_edited_and_a_stale_form_is_refused(scene):
    session = _record(scene)
    with pytest.raises(StaleEdit):
        sessions.save_session(
            theme=scene.theme,
            cell=scene.world.cell,
            quarter=3,
            by=scene.world.cell_secretary,
            version=0,  # a form opened before the session existed
            held_on=dt.date(YEAR, 8, 1),
            texts={},
            attendance={},
        )
    with pytest.raises(DomainError, match="mở lại để sửa"):
        _record(scene)
    reopened = sessions.reopen_session(
        session, by=scene.world.cell_secretary, version=session.version
    )
    assert reopened.state == SessionState.DRAFT
    with pytest.raises(StateError):
        sessions.reopen_session(reopened, by=scene.world.cell_secretary, version=reopened.version)


def test_a_locked_year_refuses_new_sessions(scene):
    theme = themes.update_theme(
        scene.theme, by=scene.world.officer, version=scene.theme.version, settings={"locked": True}
    )
    scene.theme = theme
    with pytest.raises(Locked, match="đã khóa"):
        _record(scene)


def test_a_member_who_moved_away_stays_on_the_session_they_attended(scene):
    session = _record(scene)
    mover = scene.cell_people[0]
    mover.unit = scene.world.other_cell
    mover.save()
    listed = sessions.attendance_people(session, scene.world.cell)
    assert mover in listed
    new_cell_list = sessions.attendance_people(None, scene.world.other_cell)
    assert mover in new_cell_list
    # The old cell's recorded session keeps its count.
    assert ThematicSession.objects.get(pk=session.pk).present_count == 2


def test_completeness_per_cell_is_held_not_yet_or_overdue_by_the_grace_day(scene, monkeypatch):
    _record(scene, quarter=2, held_on=dt.date(YEAR, 5, 5))
    rows = {r.cell.name: r for r in queries.cell_sessions(scene.theme, scene.world.grassroots)}
    cell, other = rows["Chi bộ Phòng Ngân sách"], rows["Chi bộ Phòng Tin học"]
    assert cell.statuses[2] == SessionStatus.HELD
    assert other.statuses[1] == SessionStatus.OVERDUE  # 31/3 + 10 days long past on 15/8
    assert other.statuses[2] == SessionStatus.OVERDUE
    assert other.statuses[3] == SessionStatus.NOT_YET
    set_today(monkeypatch, dt.date(YEAR, 7, 10))  # quarter II ended 30/6; due 10/7 inclusive
    rows = {r.cell.name: r for r in queries.cell_sessions(scene.theme, scene.world.grassroots)}
    assert rows["Chi bộ Phòng Tin học"].statuses[2] == SessionStatus.NOT_YET
    set_today(monkeypatch, dt.date(YEAR, 7, 11))
    rows = {r.cell.name: r for r in queries.cell_sessions(scene.theme, scene.world.grassroots)}
    assert rows["Chi bộ Phòng Tin học"].statuses[2] == SessionStatus.OVERDUE


def test_reminders_go_once_to_the_staff_of_cells_that_have_not_recorded(scene):
    w = scene.world
    _record(scene, quarter=1, held_on=dt.date(YEAR, 2, 1))
    _record(scene, quarter=2, held_on=dt.date(YEAR, 5, 1))
    first = sessions.send_session_reminders(on=dt.date(YEAR, 8, 15))
    owing = {(r.cell.name, r.quarter) for r in first}
    assert owing == {
        ("Chi bộ Phòng Tin học", 1),
        ("Chi bộ Phòng Tin học", 2),
        ("Chi bộ Sở Tư pháp", 1),
        ("Chi bộ Sở Tư pháp", 2),
    }
    # Phòng Tin học has no staff of its own: its grassroots secretary is told.
    assert Notification.objects.filter(user=w.secretary).count() == 2
    assert Notification.objects.filter(user=w.sibling_officer).count() == 2
    assert not Notification.objects.filter(user=w.cell_secretary).exists()
    call_command("remind_sessions", "--ngay", f"{YEAR}-08-15")
    assert SessionReminder.objects.count() == 4
    assert Notification.objects.count() == 4


def test_a_new_member_of_the_cell_appears_in_the_next_attendance_table(scene):
    newcomer = make_person(unit=scene.world.cell, given_name="Yến")
    assert newcomer in sessions.attendance_people(None, scene.world.cell)
