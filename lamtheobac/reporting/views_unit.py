"""The unit's side of a round: its report form, attachments, submission, withdrawal, .docx.

Nothing typed is lost (issue 14 §1): every button of the report form posts the whole form, so
attaching or removing a file and submitting save the draft first; a post built on an older
version (another tab, another person) is not written and the page shows the saved text beside
the user's to merge; drafts autosave (``static/js/forms.js`` → ``report_autosave``).
Irreversible steps ask first (issue 14 §2, ``core.confirm.ask_first``).
"""

from __future__ import annotations

from typing import Any, Literal

from django.contrib import messages
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lamtheobac.core.confirm import ask_first, is_confirmed
from lamtheobac.core.dates import VN_TZ
from lamtheobac.core.downloads import file_download
from lamtheobac.core.errors import DomainError, StaleEdit
from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.core.readcache import cached_read, now_minute
from lamtheobac.programme import queries as programme_queries
from lamtheobac.reporting import access, outputs, queries
from lamtheobac.reporting.actions import reports
from lamtheobac.reporting.forms import AttachmentForm, ReportForm
from lamtheobac.reporting.models import (
    OutlineSection,
    ReportingRound,
    ReportingRoundState,
    RoundTarget,
    UnitReport,
)
from lamtheobac.units.models import Unit, UnitKind
from lamtheobac.units.policy import Policy, policy_for

CONFLICT = (
    "Báo cáo đã được lưu ở nơi khác (một tab khác hoặc người khác) sau khi bạn mở trang, nên "
    "chưa ghi nội dung của bạn. Bên trái là bản đã lưu, bên phải là nội dung bạn vừa nhập: hãy "
    "hợp nhất rồi bấm “Lưu nháp”."
)
AUTOSAVE_CONFLICT = (
    "Báo cáo vừa được lưu ở nơi khác; chưa tự động lưu để không ghi đè. Bấm “Lưu nháp” để so "
    "sánh hai bản."
)


def _posted_version(request: AuthenticatedRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _edit_url(round: ReportingRound, unit: Unit) -> str:
    return reverse("reporting:report_edit", args=[round.pk, unit.pk])


def _render_form(
    request: AuthenticatedRequest,
    *,
    round: ReportingRound,
    unit: Unit,
    target: RoundTarget,
    form: ReportForm,
    status: int = 200,
    conflicts: set[int] | None = None,
    error: str = "",
    report: UnitReport | Literal["unread"] | None = "unread",
    content: tuple[Any, Any, Any] | None = None,
    cascade: dict[str, Any] | None = None,
) -> HttpResponse:
    """The report page; ``report``, ``content`` (``queries.report_content``) and
    ``cascade`` (``_cascade_context``) when the caller already read them."""
    if report == "unread":
        report = UnitReport.objects.filter(round=round, unit=unit).first()
    editable = report is None or report.is_editable
    if content is None:
        content = queries.report_content(report) if report else ({}, {}, [])
    _answers, values, attachments = content
    if cascade is None:
        cascade = _cascade_context(round, unit, report)
    for indicator_id, cells in cascade["cells_values"].items():  # own + cells', shown
        field = form.fields.get(f"indicator_{indicator_id}")
        if field is not None and indicator_id in values:
            field.help_text = (
                f"Tổng = của đơn vị {queries.number_text(values[indicator_id] - cells)} "
                f"+ của các chi bộ {queries.number_text(cells)}."
            )
    return render(
        request,
        "reporting/report_edit.html",
        {
            "round": round,
            "unit": unit,
            "target": target,
            "report": report,
            "form": form,
            "editable": editable and round.state == ReportingRoundState.OPEN,
            "can_withdraw": bool(
                report and report.can("withdraw") and round.state == ReportingRoundState.OPEN
            ),
            "attachments": attachments,
            # Inside the report form: "Lưu nháp" must not require a file.
            "attachment_form": AttachmentForm(use_required_attribute=False),
            "conflicts": conflicts or set(),
            "error": error,
            **cascade,
        },
        status=status,
    )


def _cascade_context(
    round: ReportingRound, unit: Unit, report: UnitReport | None
) -> dict[str, Any]:
    """What the report page shows of a cascading round (issue 9 §4): may the unit forward the
    round to its cells, its cells' progress there, and each indicator's cells' part."""
    child = round.child_rounds.filter(committee=unit).first()
    progress = queries.cascade_progress(round).get(unit.pk) if child else None
    return {
        "child_round": child,
        "child_progress": progress,
        "can_cascade": child is None
        and unit.kind == UnitKind.GRASSROOTS_COMMITTEE
        and round.state == ReportingRoundState.OPEN,
        "cells_values": queries.cells_values(report) if report else {},
        "parent_round": round.parent,
    }


@require_http_methods(["GET", "POST"])
def report_edit(request: AuthenticatedRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Unit staff fill the form section by section, save a draft, attach files and submit
    (docs/domain.md §4.3), every button through this one form."""
    policy = policy_for(request)
    if request.method == "GET":
        # Read once per user and minute while the database is unchanged (core.readcache);
        # a refusal (404, 403) is raised again on every request, never kept.
        page = cached_read(
            ("report_form", request.user.pk, pk, unit_pk, now_minute()),
            lambda: _form_page(policy, pk, unit_pk),
        )
        report = page["report"]
        answers, values, _ = page["content"]
        # 0 for a report not yet saved: if someone else saves first, this form is stale.
        initial: dict[str, object] = {"version": report.version if report else 0}
        initial.update({f"section_{sid}": text for sid, text in answers.items()})
        initial.update({f"indicator_{iid}": v for iid, v in values.items()})
        for sid, text in page["prefill"].items():
            initial.setdefault(f"section_{sid}", text)
        editable = report is None or report.is_editable
        form = ReportForm(initial=initial, sections=page["sections"], disabled=not editable)
        return _render_form(
            request,
            round=page["round"],
            unit=page["unit"],
            target=page["target"],
            form=form,
            report=report,
            content=page["content"],
            cascade=page["cascade"],
        )

    round, unit, target = access.reporting_target(policy, pk, unit_pk)
    sections = queries.sections_for(round, unit)
    form = ReportForm(request.POST, sections=sections)
    if not form.is_valid():  # e.g. a negative number: the page keeps every typed word
        return _render_form(request, round=round, unit=unit, target=target, form=form, status=400)
    try:
        report = reports.save_report_draft(
            round,
            unit=unit,
            answers=form.answers(),
            values=form.values(),
            version=form.cleaned_data.get("version"),
            by=request.user,
        )
    except StaleEdit:
        return _conflict(request, round=round, unit=unit, target=target, sections=sections)
    except DomainError as error:  # locked, closed, submitted meanwhile: keep the text on screen
        return _render_form(
            request,
            round=round,
            unit=unit,
            target=target,
            form=form,
            status=409,
            error=error.message + " Nội dung bạn vừa nhập vẫn còn dưới đây; chưa được lưu.",
        )
    back = redirect("reporting:report_edit", round.pk, unit.pk)
    if "attach" in request.POST:
        upload = request.FILES.get("file")
        if upload is None:
            messages.warning(request, "Đã lưu bản nháp. Chưa chọn tệp đính kèm.")
            return back
        # A refused file raises DomainError after the draft was saved: the text stays.
        reports.add_attachment(
            round, unit=unit, upload=upload, version=report.version, by=request.user
        )
        messages.success(request, f"Đã lưu bản nháp và đính kèm “{upload.name}”.")
        return back
    if remove := request.POST.get("remove_attachment", ""):
        messages.info(request, "Đã lưu bản nháp.")
        return redirect("reporting:attachment_remove", int(remove) if remove.isdigit() else 0)
    if "submit" in request.POST:
        if is_confirmed(request):  # confirmed in the dialog: submit what was just saved
            return _submit(request, round=round, unit=unit, version=report.version)
        return redirect("reporting:report_submit", round.pk, unit.pk)
    messages.success(request, "Đã lưu bản nháp.")
    return back


def _form_page(policy: Policy, pk: int, unit_pk: int) -> dict[str, Any]:
    """What the report form's GET reads: the target (``access.reporting_target``, which
    refuses), the unit's sections, its report and content, the programme's prefill of empty
    sections (issue 8) and the cascade's context."""
    round, unit, target = access.reporting_target(policy, pk, unit_pk)
    sections = queries.sections_for(round, unit)
    report = UnitReport.objects.filter(round=round, unit=unit).first()
    editable = report is None or report.is_editable
    return {
        "round": round,
        "unit": unit,
        "target": target,
        "sections": sections,
        "report": report,
        "content": queries.report_content(report) if report else ({}, {}, []),
        "prefill": programme_queries.section_prefill(unit, sections) if editable else {},
        "cascade": _cascade_context(round, unit, report),
    }


def _conflict(
    request: AuthenticatedRequest,
    *,
    round: ReportingRound,
    unit: Unit,
    target: RoundTarget,
    sections: list[OutlineSection],
) -> HttpResponse:
    """The post was built on an older version: write nothing, show per section the saved text
    beside the user's (which stays in the field, now based on the current version)."""
    current = UnitReport.objects.get(round=round, unit=unit)
    saved, _values, _ = queries.report_content(current)
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = ReportForm(data, sections=sections)
    form.is_valid()
    conflicts = set()
    for s in sections:
        if (data.get(f"section_{s.pk}") or "").strip() != saved.get(s.pk, "").strip():
            conflicts.add(s.pk)
            s.saved_text = saved.get(s.pk, "")  # type: ignore[attr-defined]  # shown beside
    error = CONFLICT
    if request.FILES:
        error += " Tệp đính kèm chưa được lưu: hãy chọn lại tệp sau khi lưu."
    return _render_form(
        request,
        round=round,
        unit=unit,
        target=target,
        form=form,
        status=409,
        conflicts=conflicts,
        error=error,
    )


@require_POST
def report_autosave(request: AuthenticatedRequest, pk: int, unit_pk: int) -> JsonResponse:
    """Save the draft in the background: ``{"version": n, "saved_at": "hh:mm"}``, or
    ``{"error": "…"}`` with 400 (a field is invalid) / 409 (stale, locked, submitted)."""
    round, unit, _target = access.reporting_target(policy_for(request), pk, unit_pk)
    form = ReportForm(request.POST, sections=queries.sections_for(round, unit))
    if not form.is_valid():
        return JsonResponse(
            {"error": "Có ô chưa hợp lệ (ví dụ số âm); chưa tự động lưu."}, status=400
        )
    try:
        report = reports.save_report_draft(
            round,
            unit=unit,
            answers=form.answers(),
            values=form.values(),
            version=form.cleaned_data.get("version"),
            by=request.user,
        )
    except StaleEdit:
        return JsonResponse({"error": AUTOSAVE_CONFLICT}, status=409)
    except DomainError as error:
        return JsonResponse({"error": error.message}, status=409)
    saved_at = timezone.localtime(timezone.now(), VN_TZ)
    return JsonResponse({"version": report.version, "saved_at": f"{saved_at:%H:%M}"})


def _submit(
    request: AuthenticatedRequest, *, round: ReportingRound, unit: Unit, version: int | None
) -> HttpResponse:
    report = reports.submit_unit_report(round, unit=unit, version=version, by=request.user)
    late = " (nộp muộn)" if report.is_late else ""
    messages.success(
        request,
        f"Đã nộp báo cáo{late}. Báo cáo đã được khóa; có thể rút lại khi cấp ủy chưa tiếp nhận.",
    )
    return redirect("reporting:report_edit", round.pk, unit.pk)


def empty_sections(report: UnitReport, sections: list[OutlineSection]) -> list[str]:
    """Labels of the sections with nothing written and no number given (headings with
    sub-items are not counted: their detail goes under the sub-items)."""
    answers, values, _ = queries.report_content(report)
    parents = {s.parent_id for s in sections if s.parent_id}
    return [
        s.label
        for s in sections
        if s.pk not in parents
        and not answers.get(s.pk, "").strip()
        and not any(values.get(i.pk) is not None for i in s.indicators.all())
    ]


@require_http_methods(["GET", "POST"])
def report_submit(request: AuthenticatedRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Ask before submitting, saying how many sections are still empty and that the report is
    locked afterwards; submit when confirmed (issue 14 §2)."""
    round, unit, _target = access.reporting_target(policy_for(request), pk, unit_pk)
    report = get_object_or_404(UnitReport, round=round, unit=unit)
    if not report.is_editable:
        messages.info(request, "Báo cáo đã được nộp.")
        return redirect("reporting:report_edit", round.pk, unit.pk)
    sections = queries.sections_for(round, unit)
    empty = empty_sections(report, sections)
    counted = len(sections) - len({s.parent_id for s in sections if s.parent_id})
    if empty:
        head = f"Nộp báo cáo: {len(empty)}/{counted} mục còn trống."
    else:
        head = f"Nộp báo cáo: cả {counted} mục đã có nội dung."
    message = (
        f"{head} Sau khi nộp, đơn vị không sửa được báo cáo nữa; chỉ rút lại được khi cấp ủy "
        "chưa tiếp nhận, hoặc sửa khi cấp ủy trả lại."
    )
    if round.is_past_deadline():
        message += " Đã quá hạn nộp: báo cáo sẽ được đánh dấu nộp muộn."
    page = ask_first(
        request,
        title="Xác nhận nộp báo cáo",
        message=message,
        details=[f"Còn trống: {label}" for label in empty],
        confirm_label="Nộp báo cáo",
        back_url=_edit_url(round, unit),
        extra={"version": str(report.version)} if request.method == "GET" else None,
    )
    if page is not None:
        return page
    return _submit(request, round=round, unit=unit, version=_posted_version(request))


@require_POST
def report_withdraw(request: AuthenticatedRequest, pk: int, unit_pk: int) -> HttpResponse:
    """The unit takes back its submission before the committee accepts it (asks first)."""
    round, unit, _target = access.reporting_target(policy_for(request), pk, unit_pk)
    report = get_object_or_404(UnitReport, round=round, unit=unit)
    page = ask_first(
        request,
        title="Rút lại báo cáo đã nộp",
        message=(
            "Rút lại báo cáo: báo cáo trở về bản nháp để đơn vị sửa và nộp lại; cấp ủy không "
            "xem được cho đến khi nộp lại. Lần nộp trước vẫn được lưu trong lịch sử."
        ),
        confirm_label="Rút lại báo cáo",
        back_url=_edit_url(round, unit),
    )
    if page is not None:
        return page
    reports.withdraw_unit_report(report, version=_posted_version(request), by=request.user)
    messages.success(request, "Đã rút lại báo cáo; báo cáo trở về bản nháp. Nhớ nộp lại.")
    return redirect("reporting:report_edit", round.pk, unit.pk)


@require_GET
def report_docx(request: AuthenticatedRequest, pk: int, unit_pk: int) -> HttpResponse:
    """The unit's own report as .docx in the Party format, to sign and stamp (what was saved;
    unit staff only, as for the form)."""
    round, unit, _target = access.reporting_target(policy_for(request), pk, unit_pk)
    report = get_object_or_404(
        UnitReport.objects.select_related("round__committee", "unit"), round=round, unit=unit
    )
    answers, values, _ = queries.report_content(report)
    items = [
        (s, answers.get(s.pk, ""), [(i, values.get(i.pk)) for i in s.indicators.all()])
        for s in queries.sections_for(round, unit)
    ]
    return file_download(outputs.unit_report(report, items), f"bao-cao-{round.pk}-{unit.pk}.docx")


@require_POST
def attachment_add(request: AuthenticatedRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Attach a file alone (scripts, older pages); the report page attaches through its form."""
    round, unit, _ = access.reporting_target(policy_for(request), pk, unit_pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chưa chọn tệp đính kèm.")
    else:
        reports.add_attachment(
            round,
            unit=unit,
            upload=form.cleaned_data["file"],
            version=form.cleaned_data.get("version"),
            by=request.user,
        )
        messages.success(request, f"Đã đính kèm “{form.cleaned_data['file'].name}”.")
    return redirect("reporting:report_edit", round.pk, unit.pk)


@require_http_methods(["GET", "POST"])
def attachment_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Asks first (GET shows the question), then takes the file off the report."""
    attachment = access.attachment_to_remove(policy_for(request), pk)
    report = attachment.report
    back = reverse("reporting:report_edit", args=[report.round_id, report.unit_id])
    page = ask_first(
        request,
        title="Gỡ tệp đính kèm",
        message=(
            f"Gỡ tệp “{attachment.original_name}” khỏi báo cáo? Tệp không còn trong báo cáo và "
            "không tải xuống được nữa."
        ),
        confirm_label="Gỡ tệp",
        back_url=back,
    )
    if page is not None:
        return page
    reports.remove_attachment(attachment, by=request.user)
    messages.success(request, "Đã gỡ tệp đính kèm.")
    return redirect(back)


@require_GET
def attachment_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """Served only to whom ``reporting.access`` allows: the unit's own staff, or the
    committee once submitted; a removed attachment to nobody."""
    attachment = access.attachment_to_download(policy_for(request), pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
