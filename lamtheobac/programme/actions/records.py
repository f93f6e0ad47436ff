"""Writes of a unit's standards of conduct and programme activities (issue 8 point 5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from lamtheobac.audit.models import record
from lamtheobac.core.dates import short_date, today
from lamtheobac.core.errors import DomainError
from lamtheobac.core.uploads import check_upload
from lamtheobac.core.vietnamese import nfc
from lamtheobac.programme.actions import ProgrammeAudit
from lamtheobac.programme.models import Activity, ActivityFile, ActivityKind, EthicsStandard
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, authorize


def _not_future(day: dt.date, what: str) -> None:
    if day > today():
        raise DomainError(f"{what} {short_date(day)} chưa đến.")


@transaction.atomic
def add_standard(
    *,
    unit: Unit,
    by: Any,
    title: str,
    document: str,
    adopted_on: dt.date,
    reviewed_on: dt.date | None = None,
    review_note: str = "",
) -> EthicsStandard:
    """Record a standard of conduct (chuẩn mực đạo đức công vụ / nghề nghiệp) ``unit``
    adopted (seed 004 §II.3.2). Raises AccessDenied without REPORT on ``unit``, DomainError
    for an empty title, a date to come or a review before adoption."""
    authorize(by, Action.REPORT, unit)
    title = nfc(title).strip()
    if not title:
        raise DomainError("Chưa nhập tên chuẩn mực.")
    _not_future(adopted_on, "Ngày ban hành")
    if reviewed_on is not None:
        _not_future(reviewed_on, "Ngày rà soát")
        if reviewed_on < adopted_on:
            raise DomainError("Ngày rà soát trước ngày ban hành.")
    standard = EthicsStandard.objects.create(
        unit=unit,
        title=title,
        document=nfc(document).strip(),
        adopted_on=adopted_on,
        reviewed_on=reviewed_on,
        review_note=nfc(review_note).strip(),
        created_by=by,
    )
    record(
        actor=by,
        action=ProgrammeAudit.STANDARD_ADD,
        target=standard,
        unit=unit,
        after={"title": title, "adopted_on": adopted_on.isoformat()},
    )
    return standard


@transaction.atomic
def add_activity(
    *,
    unit: Unit,
    by: Any,
    kind: str,
    title: str,
    held_on: dt.date,
    participants: int,
    note: str = "",
    uploads: Sequence[Any] = (),
) -> Activity:
    """Record an activity ``unit`` held (hội nghị, tọa đàm, giao lưu điển hình, thi tìm hiểu,
    hành hương về địa chỉ đỏ, tuyên truyền; seeds 002 §II.2, 004 §II.4) with its files.
    Raises AccessDenied, DomainError (unknown kind, empty title, date to come, negative
    participants, a refused file — then nothing is kept)."""
    authorize(by, Action.REPORT, unit)
    if kind not in ActivityKind.values:
        raise DomainError(f"Hình thức hoạt động “{kind}” không hợp lệ.")
    title = nfc(title).strip()
    if not title:
        raise DomainError("Chưa nhập tên hoạt động.")
    _not_future(held_on, "Ngày tổ chức")
    if participants < 0:
        raise DomainError("Số người tham gia không thể âm.")
    checked = [(u, check_upload(u)) for u in uploads]
    activity = Activity.objects.create(
        unit=unit,
        kind=kind,
        title=title,
        held_on=held_on,
        participants=participants,
        note=nfc(note).strip(),
        created_by=by,
    )
    for upload, c in checked:
        stored = ActivityFile(
            activity=activity,
            original_name=nfc(upload.name or "tep")[:255],
            content_type=c.content_type,
            size=c.size,
            sha256=c.sha256,
            uploaded_by=by,
        )
        stored.file.save(f"{activity.pk}-{c.sha256[:12]}.{c.extension}", upload, save=False)
        stored.save()
    record(
        actor=by,
        action=ProgrammeAudit.ACTIVITY_ADD,
        target=activity,
        unit=unit,
        after={"kind": kind, "held_on": held_on.isoformat(), "files": len(checked)},
    )
    return activity
