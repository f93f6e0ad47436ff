"""Write functions for unit reports (DESIGN.md §4.4): drafts, submission, acceptance, return
and attachments. Round-level writes (prefill, settings, opening, outline editing, reminders)
live in ``rounds.py``.

Each is atomic, checks the current state and the domain rules, writes the audit record and
returns what it changed. Views never save these models directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from lamtheobac.audit.models import AuditEvent, record, unsaved_event
from lamtheobac.core.dates import short_date
from lamtheobac.core.errors import DomainError, Locked, StaleEdit, StateError
from lamtheobac.core.uploads import check_upload
from lamtheobac.notifications.services import notify_users
from lamtheobac.reporting.models import (
    Attachment,
    Indicator,
    IndicatorValue,
    ReportingRound,
    ReportState,
    ReportSubmission,
    RoundState,
    RoundTarget,
    SectionAnswer,
    UnitReport,
)
from lamtheobac.units.models import Role, RoleGrant, Unit

# --- unit reports -----------------------------------------------------------------------


def _target(round: ReportingRound, unit: Unit) -> RoundTarget:
    target = RoundTarget.objects.filter(round=round, unit=unit).first()
    if target is None:
        raise DomainError("Đơn vị không thuộc danh sách phải báo cáo của đợt này.")
    return target


def _check_entry_open(round: ReportingRound, target: RoundTarget) -> None:
    if round.state != RoundState.OPEN:
        raise StateError("Đợt báo cáo chưa mở hoặc đã kết thúc.")
    lock_at = round.lock_instant(target.lock_exception_until)
    if lock_at is not None and timezone.now() >= lock_at:
        day = target.lock_exception_until or round.lock_date
        raise Locked(
            f"Đợt báo cáo đã khóa nhập liệu sau ngày {short_date(day)}. "
            "Liên hệ Ban Tuyên giáo để được gia hạn."
        )


def _editable_report(round: ReportingRound, unit: Unit, version: int | None) -> UnitReport:
    target = _target(round, unit)
    _check_entry_open(round, target)
    report, created = UnitReport.objects.select_for_update().get_or_create(round=round, unit=unit)
    if not created and version is not None and report.version != version:
        raise StaleEdit()
    if report.state not in (ReportState.DRAFT, ReportState.RETURNED):
        raise StateError("Báo cáo đã nộp và đang bị khóa; không sửa được.")
    return report


@transaction.atomic
def save_report_draft(
    round: ReportingRound,
    *,
    unit: Unit,
    answers: Mapping[int, str],
    values: Mapping[int, Decimal | None],
    version: int | None,
    by: Any,
) -> UnitReport:
    """Save what the unit wrote (section id → text; indicator id → number or None to clear).

    ``version`` is the report version the form was built from (None for a new report); a
    mismatch raises StaleEdit and changes nothing. Returns the report with its new version.
    """
    report = _editable_report(round, unit, version)
    section_ids = set(round.outline.sections.values_list("pk", flat=True))
    indicator_ids = set(
        Indicator.objects.filter(section__outline=round.outline).values_list("pk", flat=True)
    )
    existing = {a.section_id: a for a in report.answers.all()}
    to_create, to_update = [], []
    for section_id, text in answers.items():
        if section_id not in section_ids:
            raise DomainError("Mục báo cáo không thuộc đề cương của đợt này.")
        text = text.strip()
        if section_id in existing:
            if existing[section_id].text != text:
                existing[section_id].text = text
                to_update.append(existing[section_id])
        elif text:
            to_create.append(SectionAnswer(report=report, section_id=section_id, text=text))
    SectionAnswer.objects.bulk_create(to_create)
    SectionAnswer.objects.bulk_update(to_update, ["text"])
    for indicator_id, value in values.items():
        if indicator_id not in indicator_ids:
            raise DomainError("Chỉ tiêu không thuộc đề cương của đợt này.")
        if value is None:
            IndicatorValue.objects.filter(report=report, indicator_id=indicator_id).delete()
        else:
            if value < 0:
                raise DomainError("Số liệu không được âm.")
            IndicatorValue.objects.update_or_create(
                report=report, indicator_id=indicator_id, defaults={"value": value}
            )
    report.version += 1
    report.save(update_fields=["version", "updated_at"])
    record(
        actor=by, action="report.saved", target=report, unit=unit, after={"version": report.version}
    )
    return report


def _snapshot(report: UnitReport) -> dict[str, Any]:
    return {
        "answers": {str(a.section_id): a.text for a in report.answers.all()},
        "values": {str(v.indicator_id): str(v.value) for v in report.indicator_values.all()},
        "attachments": [
            {"id": a.pk, "name": a.original_name, "sha256": a.sha256}
            for a in report.attachments.filter(removed_at__isnull=True)
        ],
    }


@transaction.atomic
def submit_unit_report(
    round: ReportingRound, *, unit: Unit, version: int | None, by: Any
) -> UnitReport:
    """DRAFT/RETURNED → SUBMITTED. Marks the report late when submitted at or after the
    round's due instant (DESIGN.md §5), freezes a copy of the content, and locks the report.
    A second post of the same form raises StateError (the report is already submitted)."""
    report = _editable_report(round, unit, version)
    if not report.answers.exclude(text="").exists():
        raise DomainError("Báo cáo chưa có nội dung; hãy điền ít nhất một mục trước khi nộp.")
    now = timezone.now()
    before_state = report.state
    report.state = ReportState.SUBMITTED
    report.submitted_at = now
    report.submitted_by = by
    report.first_submitted_at = report.first_submitted_at or now
    report.is_late = now >= round.due_at
    report.version += 1
    report.save()
    sequence = (report.submissions.aggregate(m=Max("sequence"))["m"] or 0) + 1
    ReportSubmission.objects.create(
        report=report,
        sequence=sequence,
        submitted_at=now,
        submitted_by=by,
        is_late=report.is_late,
        content=_snapshot(report),
    )
    record(
        actor=by,
        action="report.submitted",
        target=report,
        unit=unit,
        before={"state": before_state},
        after={"state": report.state, "is_late": report.is_late, "submission": sequence},
    )
    return report


def _review(report: UnitReport, allowed: tuple[str, ...], version: int | None) -> UnitReport:
    locked = (
        UnitReport.objects.select_for_update(of=("self",))
        .select_related("round", "unit")
        .get(pk=report.pk)
    )
    if version is not None and locked.version != version:
        # Another officer acted on the report since this one's page was drawn (an accept
        # racing a return): refuse rather than overturn a decision they have not seen.
        raise StaleEdit()
    if locked.state not in allowed:
        raise StateError(
            f"Báo cáo của {locked.unit.name} đang ở trạng thái “{locked.get_state_display()}”, "
            "không thực hiện được thao tác này."
        )
    return locked


@transaction.atomic
def accept_unit_report(report: UnitReport, *, by: Any, version: int | None = None) -> UnitReport:
    """SUBMITTED → ACCEPTED (tiếp nhận). ``version``, when given, is the report version the
    officer saw; a mismatch raises StaleEdit and changes nothing."""
    report = _review(report, (ReportState.SUBMITTED,), version)
    event = _mark_accepted(report, by=by, at=timezone.now())
    report.save()
    event.save()
    return report


@transaction.atomic
def accept_unit_reports(round: ReportingRound, *, report_ids: Iterable[int], by: Any) -> int:
    """Accept several submitted reports of one round at once; returns how many were accepted.
    Reports not in SUBMITTED state are left as they are."""
    reports = list(
        UnitReport.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(round=round, pk__in=list(report_ids), state=ReportState.SUBMITTED)
    )
    now = timezone.now()
    events = [_mark_accepted(report, by=by, at=now) for report in reports]
    UnitReport.objects.bulk_update(reports, ["state", "reviewed_at", "reviewed_by", "version"])
    AuditEvent.objects.bulk_create(events)
    return len(reports)


def _mark_accepted(report: UnitReport, *, by: Any, at: dt.datetime) -> AuditEvent:
    """Set a submitted report's fields to ACCEPTED (not saved); return its unsaved audit event."""
    report.state = ReportState.ACCEPTED
    report.reviewed_at = at
    report.reviewed_by = by
    report.version += 1
    return unsaved_event(
        actor=by,
        action="report.accepted",
        target=report,
        unit=report.unit,
        before={"state": ReportState.SUBMITTED},
        after={"state": ReportState.ACCEPTED},
    )


def unit_staff_users(unit: Unit) -> list[Any]:
    """Users holding the unit-staff role on exactly ``unit`` (who write its reports)."""
    return [
        g.user
        for g in RoleGrant.objects.filter(unit=unit, role=Role.UNIT_STAFF).select_related("user")
    ]


@transaction.atomic
def return_unit_report(
    report: UnitReport, *, comment: str, by: Any, version: int | None = None
) -> UnitReport:
    """SUBMITTED/ACCEPTED → RETURNED with a comment; the unit's staff are notified (and
    e-mailed after commit) with a link to the report. Raises DomainError without a comment;
    StaleEdit when ``version`` is given and the report has changed since."""
    if not comment.strip():
        raise DomainError("Hãy ghi rõ lý do trả lại báo cáo.")
    report = _review(report, (ReportState.SUBMITTED, ReportState.ACCEPTED), version)
    before = report.state
    report.state = ReportState.RETURNED
    report.return_comment = comment.strip()
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    report.version += 1
    report.save()
    record(
        actor=by,
        action="report.returned",
        target=report,
        unit=report.unit,
        before={"state": before},
        after={"state": ReportState.RETURNED},
        reason=report.return_comment,
    )
    url = reverse("reporting:report_edit", args=[report.round_id, report.unit_id])
    notify_users(
        unit_staff_users(report.unit),
        message=(
            f"Báo cáo “{report.round.title}” của {report.unit.name} được trả lại để hoàn chỉnh: "
            f"{report.return_comment}"
        ),
        url=url,
        subject="Báo cáo được trả lại",
    )
    return report


@transaction.atomic
def add_attachment(
    round: ReportingRound, *, unit: Unit, upload: Any, version: int | None, by: Any
) -> Attachment:
    """Attach one file (pdf, docx, xlsx, jpg, png; at most 20 MB; type by content) to the
    unit's report, creating the draft if needed. Raises DomainError for a refused file."""
    checked = check_upload(upload)
    report = _editable_report(round, unit, version)
    attachment = Attachment(
        report=report,
        original_name=(upload.name or "tep")[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    attachment.file.save(
        f"{report.pk}-{checked.sha256[:12]}.{checked.extension}", upload, save=False
    )
    attachment.save()
    report.version += 1
    report.save(update_fields=["version", "updated_at"])
    record(
        actor=by,
        action="report.attachment_added",
        target=report,
        unit=unit,
        after={"name": attachment.original_name, "size": attachment.size},
    )
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, by: Any) -> Attachment:
    """Take an attachment off a draft report (the file is kept, marked removed)."""
    report = _editable_report(attachment.report.round, attachment.report.unit, None)
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if attachment.removed_at is None:
        attachment.removed_at = timezone.now()
        attachment.save(update_fields=["removed_at"])
        report.version += 1
        report.save(update_fields=["version", "updated_at"])
        record(
            actor=by,
            action="report.attachment_removed",
            target=report,
            unit=report.unit,
            before={"name": attachment.original_name},
        )
    return attachment
