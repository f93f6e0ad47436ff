"""Register pages: the registers the user may see, one register's entries, its .xlsx, and
registering a document issued outside the drafting screens."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lamtheobac.core.downloads import file_download
from lamtheobac.registers import queries
from lamtheobac.registers.actions.registers import register_document
from lamtheobac.registers.forms import RegisterForm
from lamtheobac.registers.outputs import register_workbook
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, policy_for


@require_http_methods(["GET"])
def register_list(request: HttpRequest) -> HttpResponse:
    policy = policy_for(request)
    if not (policy.can_manage_any or policy.can_read_reports_any or policy.can_report_any):
        raise PermissionDenied("Bạn không có quyền xem sổ văn bản.")
    return render(
        request,
        "registers/list.html",
        {
            "registers": queries.visible_registers(policy)[:200],
            "can_register": policy.can_manage_any,
        },
    )


@require_http_methods(["GET"])
def register_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = policy_for(request)
    register = queries.register_for(policy, pk)
    return render(
        request,
        "registers/detail.html",
        {"register": register, "entries": register.entries.select_related("created_by")},
    )


@require_http_methods(["GET"])
def register_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    policy = policy_for(request)
    register = queries.register_for(policy, pk)
    data = register_workbook(register, register.entries.all(), request.build_absolute_uri("/")[:-1])
    return file_download(data, f"so-van-ban-di-{register.year}-{register.pk}.xlsx")


@require_http_methods(["GET", "POST"])
def register_new(request: HttpRequest) -> HttpResponse:
    """Take a number for a document drafted outside the app, in a unit the user manages."""
    policy = policy_for(request)
    units = policy.units(Action.MANAGE).exclude(issuer_code="")
    if not units.exists():
        raise PermissionDenied("Bạn không có quyền đăng ký văn bản.")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = units.filter(pk=request.POST.get("unit")).first()
        if unit is None:
            messages.error(request, "Chọn đơn vị ban hành.")
        else:
            entry = register_document(
                unit=unit,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                on=form.cleaned_data["issued_on"],
                recipients=form.cleaned_data["recipients"],
                by=request.user,
            )
            messages.success(request, f"Đã cấp số {entry.number}.")
            return HttpResponseRedirect(
                reverse("registers:detail", args=[entry.register_id]), status=303
            )
    units_list: list[Unit] = list(units[:200])
    return render(request, "registers/new.html", {"form": form, "units": units_list})
