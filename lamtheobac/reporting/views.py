"""Views of reporting rounds: thin glue — check access, parse, call one write function, respond."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lamtheobac.core.confirm import ask_first
from lamtheobac.core.dates import short_date, today
from lamtheobac.core.downloads import file_download
from lamtheobac.core.forms import implausible_deadline
from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.core.readcache import cached_read, now_minute
from lamtheobac.documents.models import Document
from lamtheobac.drafting.links import to_drafting
from lamtheobac.drafting.models import DocumentKind
from lamtheobac.jobs import background
from lamtheobac.reporting import access, outputs, queries
from lamtheobac.reporting import matrix as matrix_reads
from lamtheobac.reporting.actions import outline, reports
from lamtheobac.reporting.actions import rounds as round_writes
from lamtheobac.reporting.forms import (
    AssignSectionForm,
    IndicatorForm,
    LockExceptionForm,
    ReturnForm,
    RoundSettingsForm,
    SectionForm,
)
from lamtheobac.reporting.matrix import MatrixFilter
from lamtheobac.reporting.models import MatrixState, ReportingRound
from lamtheobac.structure.queries import as_of_ids, day_of
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, Policy, policy_for


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
        if note := round_writes.stale_plan_deadline(round):
            messages.warning(request, note)
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
            "plan_note": round_writes.stale_plan_deadline(round),
            "assign_form": AssignSectionForm(round=round),
            "open_question": _open_question(round),
        },
    )


def _open_question(round: ReportingRound) -> str:
    """What opening ``round`` does, asked before it happens (issue 14 §2)."""
    n = round.targets.count()
    text = (
        f"Mở đợt báo cáo: {n} đơn vị phải báo cáo, hạn {short_date(round.deadline)}. Sau khi "
        "mở, danh sách đơn vị được cố định, không thêm bớt được."
    )
    if warning := implausible_deadline(round.deadline):
        text += f" Lưu ý hạn nộp: {warning}"
    return text


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
    page = ask_first(
        request,
        title="Xóa mục đề cương",
        message=f"Xóa mục “{section.label}” cùng các tiểu mục và chỉ tiêu của nó khỏi đề cương?",
        confirm_label="Xóa mục",
        back_url=reverse("reporting:round_edit", args=[round.pk]),
    )
    if page is not None:
        return page
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
    page = ask_first(
        request,
        title="Mở đợt báo cáo",
        message=_open_question(round),
        confirm_label="Mở đợt báo cáo",
        back_url=reverse("reporting:round_edit", args=[round.pk]),
    )
    if page is not None:
        return page
    round = round_writes.open_reporting_round(round, by=request.user)
    messages.success(request, f"Đã mở đợt báo cáo; {round.targets.count()} đơn vị phải báo cáo.")
    return redirect("reporting:round_detail", round.pk)


@require_POST
def round_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The committee ends an open round: no more entry; reports stay readable."""
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    page = ask_first(
        request,
        title="Kết thúc đợt báo cáo",
        message=_close_question(round),
        confirm_label="Kết thúc đợt báo cáo",
        back_url=reverse("reporting:round_detail", args=[round.pk]),
    )
    if page is not None:
        return page
    round = round_writes.close_reporting_round(
        round, version=_posted_version(request), by=request.user
    )
    messages.success(request, "Đã kết thúc đợt báo cáo; các đơn vị không nhập thêm được nữa.")
    return redirect("reporting:round_detail", round.pk)


def _close_question(round: ReportingRound) -> str:
    return (
        "Kết thúc đợt báo cáo: các đơn vị không nhập, nộp thêm được nữa; báo cáo đã nộp vẫn "
        "xem và tổng hợp được."
    )


def _remind_question(round: ReportingRound, units: list[int] | None = None) -> str:
    n = len(round_writes.units_to_remind(round, units))
    return _remind_text(n)


def _remind_text(n: int) -> str:
    if not n:
        return "Không còn đơn vị nào cần nhắc (đã nộp, hoặc vừa được nhắc)."
    return f"Gửi nhắc nhở tới {n} đơn vị chưa nộp báo cáo (thông báo và thư điện tử)?"


def _page_remind_question(round: ReportingRound, pending: int, reminded: bool | None) -> str:
    """The toolbar's reminder question from the page's counts; reads every target only when
    a reminder went out within the repeat window (``reminded``, from the same counts query:
    ``matrix.page(reminders=True)``; then some pending units are not counted)."""
    if round.state != "open":
        return ""
    if pending and reminded:
        return _remind_question(round)
    return _remind_text(pending)


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
    """The completeness matrix, a page at a time: counts per state on top (the active filter
    marked), filters by state, đảng bộ and name, bulk accept / remind (issue 13 §5, 14 §7).

    Read once per user, query string and minute while the database is unchanged
    (``core.readcache``); a refusal is raised again on every request, never kept."""
    policy = policy_for(request)
    query = request.GET
    context = cached_read(
        ("matrix", request.user.pk, pk, query.urlencode(), now_minute()),
        lambda: _matrix_context(policy, pk, query),
    )
    return render(
        request,
        "reporting/round_detail.html",
        {**context, "today": today(), "lock_form": LockExceptionForm()},
    )


def _matrix_context(policy: Policy, pk: int, query: QueryDict) -> dict[str, Any]:
    round = access.round_for(policy, pk, Action.READ_REPORTS)
    flt = MatrixFilter.from_query(query)
    page = matrix_reads.page(
        round,
        flt,
        query.get(matrix_reads.PAGE_PARAM),
        after=query.get(matrix_reads.AFTER_PARAM),
        before=query.get(matrix_reads.BEFORE_PARAM),
        reminders=round.state == "open",  # the toolbar's question needs it (one query)
    )
    counts, total = page.counts, page.total
    summary = [
        (s, counts[s.value], round_percent(counts[s.value], total), flt.query(state=s.value))
        for s in MatrixState
    ]
    parents = matrix_reads.parent_choices(round)
    pending = sum(counts[s] for s in matrix_reads.PENDING)
    return {
        "round": round,
        "page": page,
        "rows": page.rows,
        "last_number": page.first_number + len(page.rows) - 1,
        "summary": summary,
        "total": total,
        "state": flt.state,
        "filter": flt,
        "filter_fields": sorted(flt.params().items()),
        "all_states_url": flt.query(state=None),
        "parents": parents,
        "parent_name": dict(parents).get(flt.parent, "") if flt.parent else "",
        "acceptable_count": sum(counts[s] for s in matrix_reads.ACCEPTABLE),
        "pending_count": pending,
        "can_manage": access.may_run(policy, round),
        "remind_open": round.state == "open",
        "remind_question": _page_remind_question(round, pending, page.recently_reminded),
        "close_question": _close_question(round),
        # units renamed, moved or merged since show as they were then (issue 11 §2)
        "then": as_of_ids([row.unit_id for row in page.rows], day_of(round)),
        # each đảng bộ's cells in a cascading round, for this page's rows (issue 9 §4)
        # (no query when none of them forwarded the round: the rows know their child round)
        "cells": (
            queries.cascade_progress(round, forwarded)
            if (forwarded := [row.unit_id for row in page.rows if row.child_round_id])
            else {}
        ),
    }


def round_percent(part: int, total: int) -> str:
    return f"{(100 * part / total):.0f}%" if total else "0%"


@require_GET
def matrix_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.READ_REPORTS)
    if started := background.matrix_export(request, round):  # a large round: in the worker
        return started
    rows, counts = queries.matrix(round, MatrixFilter.from_query(request.GET))
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
    flt = MatrixFilter.from_query(request.POST)
    back = reverse("reporting:round_detail", args=[round.pk]) + flt.query()
    units: list[int] | None = None  # the toolbar's button: every unit not submitted
    if request.POST.get("tat-ca") == "1":
        units = matrix_reads.unit_ids(round, flt, matrix_reads.PENDING)
    elif request.POST.get("pham-vi") == "chon":
        units = [int(i) for i in request.POST.getlist("don-vi") if i.isdigit()]
        if not units:
            messages.warning(request, "Chưa chọn đơn vị nào để nhắc.")
            return redirect(back)
    page = ask_first(
        request,
        title="Gửi nhắc nhở",
        message=_remind_question(round, units),
        confirm_label="Gửi nhắc nhở",
        back_url=back,
    )
    if page is not None:
        return page
    if started := background.reminders(request, round, units):  # many units: in the worker
        return started
    n = round_writes.send_reminders(round, by=request.user, units=units)
    messages.success(request, f"Đã gửi nhắc nhở tới {n} đơn vị chưa nộp báo cáo.")
    return redirect(back)


@require_GET
def consolidated_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Old address of the consolidated report: it is drafted first now (issue 12 §1), 303 there."""
    round = access.round_for(policy_for(request), pk, Action.READ_REPORTS)
    return to_drafting(DocumentKind.CONSOLIDATED, round.pk)


@require_POST
def accept_bulk(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    flt = MatrixFilter.from_query(request.POST)
    back = reverse("reporting:round_detail", args=[round.pk]) + flt.query()
    everything = request.POST.get("tat-ca") == "1"
    if everything:  # "select all": every submitted report the filter keeps, on every page
        ids = matrix_reads.report_ids(round, flt, matrix_reads.ACCEPTABLE)
    else:
        ids = [int(i) for i in request.POST.getlist("report") if i.isdigit()]
    if not ids:
        messages.warning(
            request,
            "Không có báo cáo đã nộp nào theo bộ lọc để tiếp nhận."
            if everything
            else "Chưa chọn báo cáo nào để tiếp nhận.",
        )
        return redirect(back)
    which = "đã nộp theo bộ lọc" if everything else "đã chọn"
    page = ask_first(
        request,
        title="Tiếp nhận báo cáo",
        message=(
            f"Tiếp nhận {len(ids)} báo cáo {which}? Sau khi tiếp nhận, đơn vị không rút lại "
            "được nữa (cấp ủy vẫn trả lại được nếu cần)."
        ),
        confirm_label="Tiếp nhận",
        back_url=back,
    )
    if page is not None:
        return page
    n = reports.accept_unit_reports(round, report_ids=ids, by=request.user)
    messages.success(request, f"Đã tiếp nhận {n} báo cáo.")
    return redirect(back)


# --- the committee reads a unit's report (the unit's side: views_unit.py) ---------------


@require_GET
def report_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A submitted report as the committee reads it, with accept / return actions."""
    report = access.submitted_report(policy_for(request), pk, Action.READ_REPORTS)
    sections = queries.sections_for(report.round, report.unit)
    answers, values, attachments = queries.report_content(report)
    cells = queries.cells_values(report)  # own + cells' breakdown (issue 9 §4)
    policy = policy_for(request)
    return render(
        request,
        "reporting/report_view.html",
        {
            "report": report,
            "round": report.round,
            "items": [
                (
                    s,
                    answers.get(s.pk, ""),
                    [
                        (
                            i,
                            values.get(i.pk),
                            queries.number_text(cells[i.pk]) if i.pk in cells else None,
                            _own(values, cells, i.pk),
                        )
                        for i in s.indicators.all()
                    ],
                )
                for s in sections
            ],
            "child_round": report.round.child_rounds.filter(committee=report.unit).first(),
            "attachments": attachments,
            "submissions": report.submissions.select_related("submitted_by"),
            "can_manage": access.may_run(policy, report.round),
            "return_form": ReturnForm(),
        },
    )


def _own(values: dict[int, Decimal], cells: dict[int, Decimal], pk: int) -> str | None:
    """The unit's own part of a consolidated figure (total minus its cells') as text, or None."""
    if pk not in cells or pk not in values:
        return None
    return queries.number_text(values[pk] - cells[pk])


@require_POST
def report_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = access.submitted_report(policy_for(request), pk, Action.MANAGE)
    page = ask_first(
        request,
        title="Tiếp nhận báo cáo",
        message=(
            f"Tiếp nhận báo cáo của {report.unit.name}? Sau khi tiếp nhận, đơn vị không rút lại "
            "được nữa (cấp ủy vẫn trả lại được nếu cần)."
        ),
        confirm_label="Tiếp nhận",
        back_url=reverse("reporting:report_view", args=[report.pk]),
    )
    if page is not None:
        return page
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
