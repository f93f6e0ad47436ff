"""Write functions of unit reports (docs/domain.md §4.4): drafts, submission, acceptance, return
and attachments. Round-level writes are ``rounds.py`` and ``outline.py``.

Each is atomic, checks the acting user's right through the one policy (``by=None`` is the
system), the current state (through the declared transitions of ``UnitReport.workflow``) and
the domain rules, writes the audit record and returns what it changed. Views never save
these models directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.core.dates import short_date
from lamtheobac.core.errors import DomainError, Locked, StaleEdit, StateError
from lamtheobac.core.transitions import perform, perform_many
from lamtheobac.core.uploads import check_upload
from lamtheobac.notifications import moments
from lamtheobac.notifications.services import notify_users
from lamtheobac.reporting.access import authorize_runner
from lamtheobac.reporting.actions import ReportingAction
from lamtheobac.reporting.models import (
    Attachment,
    Indicator,
    IndicatorValue,
    ReportingRound,
    ReportingRoundState,
    ReportSubmission,
    RoundTarget,
    SectionAnswer,
    UnitReport,
)
from lamtheobac.reporting.queries import sections_for
from lamtheobac.units.models import Unit, staff_of
from lamtheobac.units.policy import Action, authorize

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _vn_number(value: Decimal) -> str:
    """12.50 → "12,5" (decimal comma, as Vietnamese texts write it)."""
    return f"{value.normalize():f}".replace(".", ",")


def _target(round: ReportingRound, unit: Unit) -> RoundTarget:
    target = RoundTarget.objects.filter(round=round, unit=unit).first()
    if target is None:
        raise DomainError("Đơn vị không thuộc danh sách phải báo cáo của đợt này.")
    return target


def _check_entry_open(round: ReportingRound, target: RoundTarget) -> None:
    """Refuse entry unless the round, as stored now, is open and not locked for ``target``.

    The round's row is re-read under a lock that a closing or an edit of the round's settings
    (``FOR UPDATE``) waits for and that waits for them, so a save racing a close is refused
    rather than landing after it, whatever copy of the round the caller holds.
    """
    round = ReportingRound.objects.select_for_update(no_key=True, of=("self",)).get(pk=round.pk)
    if round.state != ReportingRoundState.OPEN:
        raise StateError("Đợt báo cáo chưa mở hoặc đã kết thúc.")
    lock_at = round.lock_instant(target.lock_exception_until)
    if lock_at is not None and timezone.now() >= lock_at:
        day = target.lock_exception_until or round.lock_date
        raise Locked(
            f"Đợt báo cáo đã khóa nhập liệu sau ngày {short_date(day)}. "
            "Liên hệ Ban Tuyên giáo để được gia hạn."
        )


def _editable_report(round: ReportingRound, unit: Unit, version: int | None) -> UnitReport:
    """The unit's report in ``round``, locked (created as a draft when there is none yet)."""
    target = _target(round, unit)
    _check_entry_open(round, target)
    report, created = UnitReport.objects.select_for_update().get_or_create(round=round, unit=unit)
    if not created and version is not None and report.version != version:
        raise StaleEdit()
    if not report.is_editable:
        raise StateError("Báo cáo đã nộp và đang bị khóa; không sửa được.")
    return report


def _bump(report: UnitReport) -> None:
    report.version += 1
    report.save(update_fields=["version", "updated_at"])


@transaction.atomic
def save_report_draft(
    round: ReportingRound,
    *,
    unit: Unit,
    answers: Mapping[int, str],
    values: Mapping[int, Decimal | None],
    version: int | None,
    by: User | None,
) -> UnitReport:
    """Save what the unit wrote (section id → text; indicator id → number or None to clear).

    ``version`` is the report version the form was built from (None for a new report); a
    mismatch raises StaleEdit and changes nothing. Needs REPORT on ``unit`` (AccessDenied).
    Returns the report with its new version.
    """
    authorize(by, Action.REPORT, unit)
    report = _editable_report(round, unit, version)
    section_ids = {s.pk for s in sections_for(round, unit)}
    indicators = {i.pk: i for i in Indicator.objects.filter(section__outline=round.outline)}
    indicator_ids = set(indicators)
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
        if value is None:  # the cells' part, once consolidated, stays (the own part is 0)
            stored = IndicatorValue.objects.filter(report=report, indicator_id=indicator_id)
            stored.filter(cells_value__isnull=True).delete()
            stored.filter(cells_value__isnull=False).update(value=F("cells_value"))
        else:
            if value < 0:
                raise DomainError("Số liệu không được âm.")
            indicator = indicators[indicator_id]
            if indicator.is_count and value != value.to_integral_value():
                raise DomainError(
                    f"“{indicator.name}” tính bằng {indicator.unit_label}: hãy nhập số nguyên "
                    f"(không có phần thập phân), không phải {_vn_number(value)}."
                )
            cells = (
                IndicatorValue.objects.filter(report=report, indicator_id=indicator_id)
                .values_list("cells_value", flat=True)
                .first()
            )
            if cells is not None and value < cells:
                raise DomainError(
                    f"“{indicator.name}”: tổng không được nhỏ hơn phần của các chi bộ "
                    f"({_vn_number(cells)}) đã tổng hợp."
                )
            IndicatorValue.objects.update_or_create(
                report=report, indicator_id=indicator_id, defaults={"value": value}
            )
    _bump(report)
    record(
        actor=by,
        action=ReportingAction.REPORT_SAVED,
        target=report,
        unit=unit,
        after={"version": report.version},
    )
    return report


def _snapshot(report: UnitReport) -> dict[str, Any]:
    return {
        "answers": {str(a.section_id): a.text for a in report.answers.all()},
        "values": {str(v.indicator_id): str(v.value) for v in report.indicator_values.all()},
        "attachments": [
            {"id": a.pk, "name": a.original_name, "sha256": a.sha256}
            for a in report.attachments.present()
        ],
    }


@transaction.atomic
def submit_unit_report(
    round: ReportingRound, *, unit: Unit, version: int | None, by: User
) -> UnitReport:
    """DRAFT/RETURNED → SUBMITTED (transition ``unit_report.submit``). Marks the report late
    when submitted at or after the round's due instant (docs/domain.md §5), freezes a copy of the
    content, and locks the report. A second post of the same form raises StateError (the
    report is already submitted) or StaleEdit."""
    authorize(by, Action.REPORT, unit)
    report = _editable_report(round, unit, version)
    if not report.answers.exclude(text="").exists():
        raise DomainError("Báo cáo chưa có nội dung; hãy điền ít nhất một mục trước khi nộp.")
    now = timezone.now()
    is_late = round.is_past_deadline(now)
    sequence = (report.submissions.aggregate(m=Max("sequence"))["m"] or 0) + 1
    report = perform(
        report,
        "submit",
        by=by,
        changes={
            "submitted_at": now,
            "submitted_by": by,
            "first_submitted_at": report.first_submitted_at or now,
            "is_late": is_late,
        },
        unit=unit,
        audit_after={"is_late": is_late, "submission": sequence},
    )
    ReportSubmission.objects.create(
        report=report,
        sequence=sequence,
        submitted_at=now,
        submitted_by=by,
        is_late=is_late,
        content=_snapshot(report),
    )
    moments.report_submitted(report)  # the committee's staff hear of it (issue 14 §6)
    return report


@transaction.atomic
def withdraw_unit_report(report: UnitReport, *, version: int | None, by: User) -> UnitReport:
    """SUBMITTED → DRAFT (rút lại; transition ``unit_report.withdraw``, REPORT on the unit):
    the unit takes back a submission the committee has not accepted yet, to correct it and
    submit again (issue 14 §2). Its frozen submissions stay on record; the audit event says who
    and when; the committee's staff are told (``moments.report_withdrawn``). Raises StateError once accepted or returned (or when the round is closed or
    locked for the unit: it could not submit again), StaleEdit when ``version`` is not the
    current one (e.g. the committee accepted meanwhile)."""
    authorize(by, Action.REPORT, report.unit)
    _check_entry_open(report.round, _target(report.round, report.unit))
    report = perform(report, "withdraw", by=by, version=version, unit=report.unit)
    moments.report_withdrawn(report)
    return report


@transaction.atomic
def accept_unit_report(
    report: UnitReport, *, by: User | None, version: int | None = None
) -> UnitReport:
    """SUBMITTED → ACCEPTED (tiếp nhận; transition ``unit_report.accept``, MANAGE on the
    round's committee). ``version``, when given, is the report version the officer saw; a
    mismatch raises StaleEdit and changes nothing (an accept racing a return)."""
    authorize_runner(by, report.round)
    report = perform(
        report,
        "accept",
        by=by,
        version=version,
        changes={"reviewed_at": timezone.now(), "reviewed_by": by},
        unit=report.unit,
    )
    moments.report_accepted(report)
    return report


@transaction.atomic
def accept_unit_reports(
    round: ReportingRound, *, report_ids: Iterable[int], by: User | None
) -> int:
    """Accept several submitted reports of one round at once (one audit event each, written
    in one insert); returns how many were accepted. Reports not in SUBMITTED state are left
    as they are. Needs MANAGE on the round's committee. Raises DomainError when nothing was
    selected, or when none of the selected reports could be accepted (nothing changes, and
    no "accepted 0" success is shown; issue 14 §4)."""
    authorize_runner(by, round)
    report_ids = list(report_ids)
    if not report_ids:
        raise DomainError("Chưa chọn báo cáo nào để tiếp nhận.")
    accepted = perform_many(
        UnitReport.objects.filter(round=round, pk__in=report_ids).select_related(
            "unit", "round__committee"
        ),
        "accept",
        by=by,
        changes={"reviewed_at": timezone.now(), "reviewed_by": by},
        unit_path="unit",
    )
    if not accepted:
        raise DomainError(
            "Không báo cáo nào được tiếp nhận: các báo cáo đã chọn không còn ở trạng thái "
            "“Đã nộp” (đã được tiếp nhận hoặc trả lại trước đó)."
        )
    moments.reports_accepted(accepted)
    return len(accepted)


@transaction.atomic
def return_unit_report(
    report: UnitReport, *, comment: str, by: User | None, version: int | None = None
) -> UnitReport:
    """SUBMITTED/ACCEPTED → RETURNED with a comment (transition ``unit_report.return``); the
    unit's staff are notified (and e-mailed after commit) with a link to the report. Raises
    DomainError without a comment; StaleEdit when ``version`` is given and the report has
    changed since."""
    authorize_runner(by, report.round)
    if not comment.strip():
        raise DomainError("Hãy ghi rõ lý do trả lại báo cáo.")
    comment = comment.strip()
    report = perform(
        report,
        "return",
        by=by,
        version=version,
        changes={"return_comment": comment, "reviewed_at": timezone.now(), "reviewed_by": by},
        reason=comment,
        unit=report.unit,
    )
    notify_users(
        staff_of(report.unit),
        message=(
            f"Báo cáo “{report.round.title}” của {report.unit.name} được trả lại để hoàn chỉnh: "
            f"{report.return_comment}"
        ),
        url=reverse("reporting:report_edit", args=[report.round_id, report.unit_id]),
        subject="Báo cáo được trả lại",
    )
    return report


@transaction.atomic
def add_attachment(
    round: ReportingRound,
    *,
    unit: Unit,
    upload: UploadedFile,
    version: int | None,
    by: User,
) -> Attachment:
    """Attach one file (pdf, docx, xlsx, jpg, png; at most 20 MB; type by content) to the
    unit's report, creating the draft if needed. Raises DomainError for a refused file."""
    authorize(by, Action.REPORT, unit)
    checked = check_upload(upload)
    report = _editable_report(round, unit, version)
    attachment = Attachment.store(upload, checked, by=by, prefix=str(report.pk), report=report)
    _bump(report)
    record(
        actor=by,
        action=ReportingAction.ATTACHMENT_ADDED,
        target=report,
        unit=unit,
        after={"name": attachment.original_name, "size": attachment.size},
    )
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, by: User | None) -> Attachment:
    """Take an attachment off a draft or returned report: the file is kept, marked removed,
    and is no longer listed or served to anyone (``reporting.access``)."""
    authorize(by, Action.REPORT, attachment.report.unit)
    report = _editable_report(attachment.report.round, attachment.report.unit, None)
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if not attachment.is_removed:
        attachment.mark_removed()
        attachment.save(update_fields=["removed_at"])
        _bump(report)
        record(
            actor=by,
            action=ReportingAction.ATTACHMENT_REMOVED,
            target=report,
            unit=report.unit,
            before={"name": attachment.original_name},
        )
    return attachment


@transaction.atomic
def save_and_maybe_submit(
    round: ReportingRound,
    *,
    unit: Unit,
    answers: Mapping[int, str],
    values: Mapping[int, Decimal | None],
    version: int | None,
    submit: bool,
    by: User,
) -> UnitReport:
    """Save the unit's draft and, when ``submit``, submit it — one transaction, so a refused
    submission (no content, entry locked) leaves the draft as it was before the post."""
    report = save_report_draft(
        round, unit=unit, answers=answers, values=values, version=version, by=by
    )
    if submit:
        report = submit_unit_report(round, unit=unit, version=report.version, by=by)
    return report
