"""Writes of the cells' quarterly themed sessions (seed 004 §II.2.2) and their reminders.

The cell's staff, or its grassroots organisation's (``Action.REPORT`` on the cell), record a
session: date, topic, presenter, main points, conclusions, attendance of the cell's members
and the minutes. A recorded session counts as held; reopening it takes it out of the counts
until recorded again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.core.dates import short_date, today
from lamtheobac.core.errors import DomainError, Locked, StaleEdit
from lamtheobac.core.transitions import lock, perform
from lamtheobac.core.uploads import check_upload
from lamtheobac.core.vietnamese import nfc
from lamtheobac.notifications.services import notify_users
from lamtheobac.programme.actions import ProgrammeAudit
from lamtheobac.programme.models import (
    QUARTERS,
    ROMAN,
    Attendance,
    Presence,
    SessionMinutes,
    SessionReminder,
    SessionState,
    ThematicSession,
    Theme,
    quarter_start,
)
from lamtheobac.units.models import CELL_KINDS, Person, Role, RoleGrant, Unit
from lamtheobac.units.policy import Action, authorize

TEXT_FIELDS = ("topic", "presenter", "main_points", "conclusions")


def _check_cell(theme: Theme, cell: Unit, quarter: int) -> None:
    if cell.kind not in CELL_KINDS:
        raise DomainError("Chỉ chi bộ mới ghi nhận sinh hoạt chuyên đề.")
    if not cell.is_within(theme.scope):
        raise DomainError("Chi bộ không thuộc phạm vi của chương trình năm này.")
    if not theme.is_published:
        raise DomainError("Chương trình năm chưa được ban hành.")
    if theme.locked:
        raise Locked(f"Năm {theme.year} đã khóa: không ghi nhận thêm.")
    if quarter not in QUARTERS:
        raise DomainError(f"Quý {quarter} không hợp lệ (chỉ có quý I–IV).")


def _check_date(theme: Theme, quarter: int, held_on: dt.date | None) -> None:
    if held_on is None:
        raise DomainError("Chưa nhập ngày sinh hoạt.")
    start = quarter_start(theme.year, quarter)
    if held_on < start:
        raise DomainError(
            f"Ngày sinh hoạt {short_date(held_on)} trước khi quý {ROMAN[quarter]}/{theme.year} "
            f"bắt đầu ({short_date(start)})."
        )
    if held_on > today():
        raise DomainError(f"Ngày sinh hoạt {short_date(held_on)} chưa đến.")


def attendance_people(session: ThematicSession | None, cell: Unit) -> list[Person]:
    """Who the attendance table lists: the cell's members today, plus anyone already on the
    session's list (a member who moved away after the session stays on it), office order."""
    people = {p.pk: p for p in Person.objects.filter(unit=cell, is_party_member=True)}
    if session is not None and session.pk:
        for a in session.attendance.select_related("person"):
            people.setdefault(a.person_id, a.person)
    return sorted(people.values(), key=lambda p: (p.sort_key, p.pk))


@transaction.atomic
def save_session(
    *,
    theme: Theme,
    cell: Unit,
    quarter: int,
    by: Any,
    version: int | None,
    held_on: dt.date | None,
    texts: Mapping[str, str],
    attendance: Mapping[int, str],
    record_it: bool = False,
) -> ThematicSession:
    """Create or update ``cell``'s session of ``quarter`` and, with ``record_it``, record it.

    ``texts``: any of ``topic``, ``presenter``, ``main_points``, ``conclusions`` (the topic
    defaults to the quarter's topic); ``attendance``: ``{person_id: Presence value}`` for the
    people :func:`attendance_people` lists. Raises AccessDenied, StaleEdit, Locked (year
    locked), StateError (already recorded: reopen first), DomainError for a person not of
    the cell, an unknown presence, a date before the quarter or in the future, or recording
    with nobody present. Audited ``thematic_session.save`` (and ``.record``).
    """
    authorize(by, Action.REPORT, cell)
    _check_cell(theme, cell, quarter)
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"unknown session fields: {sorted(unknown)}")
    session = ThematicSession.objects.filter(theme=theme, cell=cell, quarter=quarter).first()
    if session is None and version in (None, 0):
        topic = theme.topics.filter(quarter=quarter).first()
        try:
            with transaction.atomic():
                session = ThematicSession.objects.create(
                    theme=theme,
                    cell=cell,
                    quarter=quarter,
                    topic=topic.title if topic else "",
                    created_by=by,
                )
        except IntegrityError as exc:  # created meanwhile by someone else
            raise StaleEdit() from exc
        session = lock(session)
    elif session is None:
        raise StaleEdit()
    else:
        session = lock(session, version)  # a form built before it existed sends 0: stale
    if session.state != SessionState.DRAFT:
        raise DomainError("Buổi sinh hoạt đã được ghi nhận; mở lại để sửa.", code="state")
    allowed = {p.pk for p in attendance_people(session, cell)}
    for person_id, presence in attendance.items():
        if person_id not in allowed:
            raise DomainError(f"Người có mã {person_id} không thuộc {cell.name}.")
        if presence not in Presence.values:
            raise DomainError(f"Tình trạng dự họp “{presence}” không hợp lệ.")
    for name, value in texts.items():
        setattr(session, name, nfc(value).strip())
    session.held_on = held_on
    if held_on is not None:
        _check_date(theme, quarter, held_on)
    Attendance.objects.filter(session=session).exclude(person_id__in=list(attendance)).delete()
    existing = {a.person_id: a for a in Attendance.objects.filter(session=session)}
    changed = []
    for person_id, presence in attendance.items():
        row = existing.get(person_id)
        if row is None:
            changed.append(Attendance(session=session, person_id=person_id, presence=presence))
        elif row.presence != presence:
            row.presence = presence
            row.save(update_fields=["presence"])
    Attendance.objects.bulk_create(changed)
    values = list(attendance.values())
    session.present_count = values.count(Presence.PRESENT)
    session.excused_count = values.count(Presence.EXCUSED)
    session.absent_count = values.count(Presence.ABSENT)
    session.version += 1
    session.save()
    record(
        actor=by,
        action=ProgrammeAudit.SESSION_SAVE,
        target=session,
        unit=cell,
        after={
            "held_on": held_on.isoformat() if held_on else None,
            "present": session.present_count,
            "excused": session.excused_count,
            "absent": session.absent_count,
        },
    )
    if record_it:
        session = record_session(session, by=by, version=session.version)
    return session


def record_session(session: ThematicSession, *, by: Any, version: int | None) -> ThematicSession:
    """Mark the session held: needs a date, a topic and someone present."""
    _check_cell(session.theme, session.cell, session.quarter)
    if session.held_on is None:
        raise DomainError("Chưa nhập ngày sinh hoạt.")
    if not session.topic.strip():
        raise DomainError("Chưa nhập chủ điểm của buổi sinh hoạt.")
    if session.present_count == 0:
        raise DomainError("Chưa điểm danh: cần ít nhất một đảng viên có mặt.")
    return perform(
        session, "record", by=by, version=version, changes={"recorded_at": timezone.now()}
    )


def reopen_session(
    session: ThematicSession, *, by: Any, version: int | None, reason: str = ""
) -> ThematicSession:
    """Take a recorded session back to draft to correct it (it stops counting as held)."""
    if session.theme.locked:
        raise Locked(f"Năm {session.theme.year} đã khóa: không sửa được.")
    return perform(session, "reopen", by=by, version=version, reason=reason)


@transaction.atomic
def add_session_file(session: ThematicSession, *, upload: Any, by: Any) -> SessionMinutes:
    """Attach the minutes (biên bản) or another file; allowed in any state, the year unlocked."""
    authorize(by, Action.REPORT, session.cell)
    if session.theme.locked:
        raise Locked(f"Năm {session.theme.year} đã khóa: không ghi nhận thêm.")
    checked = check_upload(upload)
    stored = SessionMinutes.store(upload, checked, by=by, prefix=str(session.pk), session=session)
    record(
        actor=by,
        action=ProgrammeAudit.SESSION_FILE_ADD,
        target=session,
        unit=session.cell,
        after={"name": stored.original_name, "size": stored.size},
    )
    return stored


@transaction.atomic
def remove_session_file(stored: SessionMinutes, *, by: Any) -> SessionMinutes:
    """Mark a file removed (kept on record, no longer listed or served)."""
    session = stored.session
    authorize(by, Action.REPORT, session.cell)
    stored = SessionMinutes.objects.select_for_update().get(pk=stored.pk)
    if stored.removed_at is None:
        stored.mark_removed()
        stored.save(update_fields=["removed_at"])
        record(
            actor=by,
            action=ProgrammeAudit.SESSION_FILE_REMOVE,
            target=session,
            unit=session.cell,
            before={"name": stored.original_name},
        )
    return stored


def _staff_by_unit(units: list[Unit]) -> dict[int, list[Any]]:
    """Unit staff granted on each unit of ``units`` (one query)."""
    grants = RoleGrant.objects.filter(unit__in=units, role=Role.UNIT_STAFF).select_related("user")
    staff: dict[int, list[Any]] = {}
    for g in grants:
        staff.setdefault(g.unit_id, []).append(g.user)
    return staff


@transaction.atomic
def send_session_reminders(*, on: dt.date | None = None) -> list[SessionReminder]:
    """Remind every cell that has not recorded a quarter's session by the programme's grace
    day (``Theme.session_due``; issue 8 point 3). Idempotent: a cell is reminded once per
    quarter (``SessionReminder``), so running it daily sends nothing new on the second run.

    Recipients: the cell's unit staff, else the staff of its nearest ancestor in the
    programme's scope; a notification each (and an e-mail after commit). Returns the
    reminders created. The system acts (no user): audited with no actor.
    """
    day = on or today()
    sent: list[SessionReminder] = []
    for theme in Theme.objects.published().filter(year__lte=day.year).select_related("scope"):
        due_quarters = [q for q in QUARTERS if day > theme.session_due(q)]
        if not due_quarters:
            continue
        cells = list(Unit.objects.subtree(theme.scope).filter(kind__in=CELL_KINDS, is_active=True))
        held = set(
            ThematicSession.objects.filter(
                theme=theme, state=SessionState.RECORDED, quarter__in=due_quarters
            ).values_list("cell_id", "quarter")
        )
        done = set(SessionReminder.objects.filter(theme=theme).values_list("cell_id", "quarter"))
        owing = [
            (cell, q)
            for q in due_quarters
            for cell in cells
            if (cell.pk, q) not in held and (cell.pk, q) not in done
        ]
        if not owing:
            continue
        ancestors = Unit.objects.filter(
            path__in={c.path[:i] for c, _ in owing for i in range(4, len(c.path) + 1, 4)},
            path__startswith=theme.scope.path,
        )
        by_path = {u.path: u for u in ancestors}
        staff = _staff_by_unit(list(by_path.values()))
        for cell, q in owing:
            users: list[Any] = []
            for i in range(len(cell.path), len(theme.scope.path) - 1, -4):
                unit = by_path.get(cell.path[:i])
                if unit is not None and staff.get(unit.pk):
                    users = staff[unit.pk]
                    break
            reminder = SessionReminder.objects.create(
                theme=theme, cell=cell, quarter=q, recipients=len(users)
            )
            message = (
                f"{cell.name} chưa ghi nhận sinh hoạt chuyên đề quý {ROMAN[q]}/{theme.year} "
                f"(hạn {short_date(theme.session_due(q))}). Đề nghị ghi nhận ngày sinh hoạt, "
                "điểm danh và biên bản."
            )
            url = reverse("programme:session_edit", args=[theme.pk, cell.pk, q])
            notify_users(users, message=message, url=url, subject="Đôn đốc sinh hoạt chuyên đề")
            record(
                actor=None,
                action=ProgrammeAudit.SESSION_REMIND,
                target=reminder,
                unit=cell,
                after={"quarter": q, "recipients": len(users)},
            )
            sent.append(reminder)
    return sent
