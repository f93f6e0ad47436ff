"""Inspection pages: the programmes, one programme with its counts, one inspection and its
steps (notify, start, conclude, close), the notice .docx."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lamtheobac.core.downloads import file_download
from lamtheobac.inspections import queries
from lamtheobac.inspections.actions import inspections as actions
from lamtheobac.inspections.forms import ConcludeForm, InspectionForm, ProgrammeForm
from lamtheobac.inspections.outputs import notice_docx
from lamtheobac.units.models import Unit, UnitKind, UnitQuerySet
from lamtheobac.units.policy import Action, policy_for


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


def _runnable_committees(request: HttpRequest) -> UnitQuerySet:
    policy = policy_for(request)
    managed = policy.units(Action.MANAGE).filter(kind=UnitKind.COMMITTEE)
    grassroots = policy.units(Action.REPORT).filter(kind=UnitKind.GRASSROOTS_COMMITTEE)
    return Unit.objects.filter(Q(pk__in=managed.values("pk")) | Q(pk__in=grassroots.values("pk")))


@require_http_methods(["GET", "POST"])
def programme_list(request: HttpRequest) -> HttpResponse:
    policy = policy_for(request)
    committees = _runnable_committees(request)
    if not (policy.can_manage_any or policy.can_read_reports_any or committees.exists()):
        raise PermissionDenied("Bạn không có quyền xem chương trình kiểm tra, giám sát.")
    form = ProgrammeForm(request.POST or None, committees=committees)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, "Chọn cấp ủy và năm.")
        else:
            programme = actions.create_programme(
                committee=form.cleaned_data["committee"],
                year=form.cleaned_data["year"],
                by=request.user,
            )
            return _see_other(reverse("inspections:programme", args=[programme.pk]))
    return render(
        request,
        "inspections/list.html",
        {
            "programmes": queries.visible_programmes(policy)[:200],
            "form": form,
            "can_create": committees.exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme's inspections and its counts; staff add an inspection here."""
    policy = policy_for(request)
    programme = queries.programme_for(policy, pk)
    can_run = queries.may_run(policy, programme)
    units = Unit.objects.subtree(programme.committee).exclude(pk=programme.committee.pk)
    form = InspectionForm(request.POST or None, units=units)
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied("Bạn không có quyền lập chương trình này.")
        if form.is_valid():
            inspection = actions.plan_inspection(
                programme=programme, by=request.user, **form.cleaned_data
            )
            messages.success(request, "Đã thêm cuộc kiểm tra vào chương trình.")
            return _see_other(reverse("inspections:detail", args=[inspection.pk]))
    return render(
        request,
        "inspections/programme.html",
        {
            "programme": programme,
            "inspections": programme.inspections.select_related("target", "notice"),
            "counts": queries.counts(programme),
            "form": form,
            "can_run": can_run,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = policy_for(request)
    inspection = queries.inspection_for(policy, pk)
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "recommendations": inspection.recommendations.select_related("task"),
            "can_run": queries.may_run(policy, inspection.programme),
            "conclude_form": ConcludeForm(initial={"version": inspection.version}),
        },
    )


@require_http_methods(["POST"])
def inspection_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One transition: notify, start, conclude (with the form), close."""
    policy = policy_for(request)
    inspection = queries.inspection_for(policy, pk)
    if not queries.may_run(policy, inspection.programme):
        raise PermissionDenied("Bạn không có quyền thực hiện bước này.")
    back = reverse("inspections:detail", args=[inspection.pk])
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, "Thiếu phiên bản của trang; vui lòng tải lại.")
        return _see_other(back)
    if step == "conclude":
        form = ConcludeForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)  # type: ignore[arg-type]
            return _see_other(back)
        actions.conclude(
            inspection=inspection,
            by=request.user,
            version=version,
            findings=form.cleaned_data["findings"],
            conclusions=form.cleaned_data["conclusions"],
            recommendations=form.cleaned_data["recommendations"],
        )
    elif step in ("notify", "start", "close"):
        getattr(actions, step)(inspection=inspection, by=request.user, version=version)
    else:
        raise Http404("Không có bước này.")
    messages.success(request, "Đã cập nhật cuộc kiểm tra.")
    return _see_other(back)


@require_http_methods(["GET"])
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    policy = policy_for(request)
    inspection = queries.inspection_for(policy, pk)
    return file_download(notice_docx(inspection), f"thong-bao-kiem-tra-{inspection.pk}.docx")
