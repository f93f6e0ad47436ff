"""Views of reporting rounds: thin glue — check access, parse, call one write function, respond."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lamtheobac.core.dates import today
from lamtheobac.core.downloads import file_download
from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.documents.models import Document
from lamtheobac.drafting.links import to_drafting
from lamtheobac.drafting.models import DocumentKind
from lamtheobac.programme import queries as programme_queries
from lamtheobac.reporting import access, outputs, queries
from lamtheobac.reporting.actions import outline, reports
from lamtheobac.reporting.actions import rounds as round_writes
from lamtheobac.reporting.forms import (
    AttachmentForm,
    IndicatorForm,
    LockExceptionForm,
    ReportForm,
    ReturnForm,
    RoundSettingsForm,
    SectionForm,
)
from lamtheobac.reporting.models import MatrixState, ReportingRoundState, UnitReport
from lamtheobac.structure.queries import as_of_ids, day_of
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, policy_for


def _posted_version(request: AuthenticatedRequest) -> int | None:
    """The object version a review form was built from (None when the form sent none)."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


# --- rounds -------------------------------------------------------------------------------


@require_GET
def rounds(request: AuthenticatedRequest) -> HttpResponse:
    policy = policy_for(request)
    return render(
        request,
        "reporting/rounds.html",
        {
            "rounds": queries.visible_rounds(policy).order_by("-created_at", "-pk")[:200],
            "to_report": queries.rounds_to_report(policy),
        },
    )


@require_http_methods(["GET", "POST"])
def round_create(request: AuthenticatedRequest, document_pk: int) -> HttpResponse:
    """One action turns an imported plan into a draft round (docs/domain.md §4.2)."""
    document = get_object_or_404(Document.objects.select_related("owner"), pk=document_pk)
    policy_for(request).require(Action.MANAGE, document.owner)
    if request.method == "POST":
        round = round_writes.create_round_from_document(document=document, by=request.user)
        messages.success(
            request, "Đã tạo đợt báo cáo từ văn bản; kiểm tra lại rồi bấm “Mở đợt báo cáo”."
        )
        return redirect("reporting:round_edit", round.pk)
    return render(
        request,
        "reporting/round_create.html",
        {"document": document, "existing": document.reporting_rounds.all()},
    )


@require_http_methods(["GET", "POST"])
def round_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    if request.method == "POST":
        form = RoundSettingsForm(request.POST, round=round)
        if form.is_valid():
            data = form.cleaned_data
            round_writes.update_round(
                round,
                title=data["title"],
                report_title=data["report_title"],
                deadline=data["deadline"],
                deadline_exclusive=data["deadline_exclusive"],
                lock_date=data["lock_date"],
                target_units=data["targets"] if round.is_draft else None,
                version=data["version"],
                by=request.user,
            )
            messages.success(request, "Đã lưu thiết lập đợt báo cáo.")
            return redirect("reporting:round_edit", round.pk)
    else:
        form = RoundSettingsForm(
            round=round,
            initial={
                "title": round.title,
                "report_title": round.report_title,
                "deadline": round.deadline,
                "deadline_exclusive": round.deadline_exclusive,
                "lock_date": round.lock_date,
                "targets": list(round.targets.values_list("unit_id", flat=True)),
                "version": round.version,
            },
        )
    return render(
        request,
        "reporting/round_edit.html",
        {
            "round": round,
            "form": form,
            "sections": queries.sections_of(round),
            "section_form": SectionForm(),
            "indicator_form": IndicatorForm(),
            "target_count": round.targets.count(),
        },
    )


@require_POST
def section_save(
    request: AuthenticatedRequest, pk: int, section_pk: int | None = None
) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    section = None
    if section_pk is not None:
        section = access.section_of(round, section_pk)
    form = SectionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Đề mục không hợp lệ: " + "; ".join(str(e) for e in form.errors.get("heading") or []),
        )
        return redirect("reporting:round_edit", round.pk)
    outline.save_section(round, section=section, by=request.user, **form.cleaned_data)
    messages.success(request, "Đã lưu mục đề cương.")
    return redirect("reporting:round_edit", round.pk)


@require_POST
def section_remove(request: AuthenticatedRequest, pk: int, section_pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    section = access.section_of(round, section_pk)
    outline.remove_section(round, section=section, by=request.user)
    messages.success(request, "Đã xóa mục đề cương.")
    return redirect("reporting:round_edit", round.pk)


@require_POST
def indicator_add(request: AuthenticatedRequest, pk: int, section_pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    section = access.section_of(round, section_pk)
    form = IndicatorForm(request.POST)
    if form.is_valid():
        outline.add_indicator(round, section=section, by=request.user, **form.cleaned_data)
        messages.success(request, "Đã thêm chỉ tiêu.")
    else:
        messages.error(request, "Tên chỉ tiêu không được để trống.")
    return redirect("reporting:round_edit", round.pk)


@require_POST
def indicator_remove(request: AuthenticatedRequest, pk: int, indicator_pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    indicator = access.indicator_of(round, indicator_pk)
    outline.remove_indicator(round, indicator=indicator, by=request.user)
    return redirect("reporting:round_edit", round.pk)


@require_POST
def round_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    round = round_writes.open_reporting_round(round, by=request.user)
    messages.success(request, f"Đã mở đợt báo cáo; {round.targets.count()} đơn vị phải báo cáo.")
    return redirect("reporting:round_detail", round.pk)


@require_POST
def round_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The committee ends an open round: no more entry; reports stay readable."""
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    round = round_writes.close_reporting_round(
        round, version=_posted_version(request), by=request.user
    )
    messages.success(request, "Đã kết thúc đợt báo cáo; các đơn vị không nhập thêm được nữa.")
    return redirect("reporting:round_detail", round.pk)


@require_POST
def lock_exception(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    form = LockExceptionForm(request.POST)
    if form.is_valid():
        unit = get_object_or_404(Unit, pk=form.cleaned_data["unit"])
        round_writes.set_lock_exception(
            round, unit=unit, until=form.cleaned_data["until"], by=request.user
        )
        messages.success(request, f"Đã cập nhật gia hạn nhập liệu cho {unit.name}.")
    return redirect("reporting:round_detail", round.pk)


@require_GET
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The completeness matrix: every target unit × state, with counts and percentages."""
    round = access.round_for(policy_for(request), pk, Action.READ_REPORTS)
    state = request.GET.get("trang-thai") or None
    if state not in MatrixState.values:
        state = None
    all_rows, counts = queries.matrix(round)
    rows = [row for row in all_rows if state is None or row.state.value == state]
    total = sum(counts.values())
    summary = [
        (s, counts.get(s.value, 0), round_percent(counts.get(s.value, 0), total))
        for s in MatrixState
    ]
    policy = policy_for(request)
    return render(
        request,
        "reporting/round_detail.html",
        {
            "round": round,
            "rows": rows,
            "all_rows": all_rows,
            "summary": summary,
            "total": total,
            "state": state,
            "can_manage": policy.can(Action.MANAGE, round.committee),
            "today": today(),
            # units renamed, moved or merged since show as they were then (issue 11 §2)
            "then": as_of_ids([row.target.unit_id for row in all_rows], day_of(round)),
        },
    )


def round_percent(part: int, total: int) -> str:
    return f"{(100 * part / total):.0f}%" if total else "0%"


@require_GET
def matrix_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.READ_REPORTS)
    rows, counts = queries.matrix(round)
    data = outputs.matrix_workbook(round, rows, counts)
    return file_download(data, f"tinh-hinh-bao-cao-{round.pk}.xlsx")


@require_GET
def reminder_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Old address of the công văn đôn đốc: it is drafted first now (issue 12 §1), 303 there."""
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    return to_drafting(DocumentKind.REMINDER, round.pk)


@require_POST
def remind(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    n = round_writes.send_reminders(round, by=request.user)
    messages.success(request, f"Đã gửi nhắc nhở tới {n} đơn vị chưa nộp báo cáo.")
    return redirect("reporting:round_detail", round.pk)


@require_GET
def consolidated_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Old address of the consolidated report: it is drafted first now (issue 12 §1), 303 there."""
    round = access.round_for(policy_for(request), pk, Action.READ_REPORTS)
    return to_drafting(DocumentKind.CONSOLIDATED, round.pk)


@require_POST
def accept_bulk(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    ids = [int(i) for i in request.POST.getlist("report") if i.isdigit()]
    n = reports.accept_unit_reports(round, report_ids=ids, by=request.user)
    messages.success(request, f"Đã tiếp nhận {n} báo cáo.")
    return redirect("reporting:round_detail", round.pk)


# --- one unit's report --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def report_edit(request: AuthenticatedRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Unit staff fill the form section by section, save a draft, submit (§4.3)."""
    round, unit, target = access.reporting_target(policy_for(request), pk, unit_pk)
    report = UnitReport.objects.filter(round=round, unit=unit).first()
    sections = queries.sections_of(round)
    editable = report is None or report.is_editable
    if request.method == "POST":
        form = ReportForm(request.POST, sections=sections)
        if form.is_valid():
            submit = "submit" in request.POST
            report = reports.save_and_maybe_submit(
                round,
                unit=unit,
                answers=form.answers(),
                values=form.values(),
                version=form.cleaned_data.get("version"),
                submit=submit,
                by=request.user,
            )
            if submit:
                late = " (nộp muộn)" if report.is_late else ""
                messages.success(request, f"Đã nộp báo cáo{late}. Báo cáo đã được khóa.")
            else:
                messages.success(request, "Đã lưu bản nháp.")
            return redirect("reporting:report_edit", round.pk, unit.pk)
    answers, values, attachments = queries.report_content(report) if report else ({}, {}, [])
    if request.method == "GET":
        # 0 for a report not yet saved: if someone else saves first, this form is stale.
        initial: dict[str, object] = {"version": report.version if report else 0}
        initial.update({f"section_{sid}": text for sid, text in answers.items()})
        initial.update({f"indicator_{iid}": v for iid, v in values.items()})
        if editable:  # issue 8: the unit's standards and activities prefill empty sections
            for sid, text in programme_queries.section_prefill(unit, sections).items():
                initial.setdefault(f"section_{sid}", text)
        form = ReportForm(initial=initial, sections=sections, disabled=not editable)
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
            "attachments": attachments,
            "attachment_form": AttachmentForm(initial={"version": report.version if report else 0}),
        },
    )


@require_POST
def attachment_add(request: AuthenticatedRequest, pk: int, unit_pk: int) -> HttpResponse:
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


@require_POST
def attachment_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    attachment = access.attachment_to_remove(policy_for(request), pk)
    reports.remove_attachment(attachment, by=request.user)
    messages.success(request, "Đã gỡ tệp đính kèm.")
    return redirect("reporting:report_edit", attachment.report.round_id, attachment.report.unit_id)


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


@require_GET
def report_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A submitted report as the committee reads it, with accept / return actions."""
    report = access.submitted_report(policy_for(request), pk, Action.READ_REPORTS)
    sections = queries.sections_of(report.round)
    answers, values, attachments = queries.report_content(report)
    policy = policy_for(request)
    return render(
        request,
        "reporting/report_view.html",
        {
            "report": report,
            "round": report.round,
            "items": [
                (s, answers.get(s.pk, ""), [(i, values.get(i.pk)) for i in s.indicators.all()])
                for s in sections
            ],
            "attachments": attachments,
            "submissions": report.submissions.select_related("submitted_by"),
            "can_manage": policy.can(Action.MANAGE, report.round.committee),
            "return_form": ReturnForm(),
        },
    )


@require_POST
def report_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = access.submitted_report(policy_for(request), pk, Action.MANAGE)
    reports.accept_unit_report(report, by=request.user, version=_posted_version(request))
    messages.success(request, f"Đã tiếp nhận báo cáo của {report.unit.name}.")
    return redirect("reporting:round_detail", report.round_id)


@require_POST
def report_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = access.submitted_report(policy_for(request), pk, Action.MANAGE)
    form = ReturnForm(request.POST)
    # An empty comment is refused by the write function itself, with its own message.
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    reports.return_unit_report(
        report,
        comment=comment,
        by=request.user,
        version=_posted_version(request),
    )
    messages.success(
        request, f"Đã trả lại báo cáo của {report.unit.name}; đơn vị đã được thông báo."
    )
    return redirect("reporting:round_detail", report.round_id)
