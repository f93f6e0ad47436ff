"""Roster pages: a unit's members and counts, the export, the templates, both imports.

Every view: fetch through ``access`` (404 outside the user's scope, 403 without the right),
parse input, call one write function, respond. Imports run as background jobs (ADR 0008).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lamtheobac.core.downloads import file_download
from lamtheobac.core.errors import DomainError
from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.jobs import runner as jobs
from lamtheobac.jobs.models import JobKind, JobStatus
from lamtheobac.roster import access, queries, sheets
from lamtheobac.roster.actions.exports import export_roster
from lamtheobac.roster.forms import ImportForm
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, policy_for

PAGE_SIZE = 100


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


@require_http_methods(["GET"])
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The top of the user's scope: go to its roster page."""
    roots = queries.roots(policy_for(request))
    if not roots:
        raise PermissionDenied(_("Bạn chưa được phân quyền trên đơn vị nào."))
    return _see_other(reverse("roster:unit", args=[roots[0].pk]))


@require_http_methods(["GET"])
def unit_roster(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Counts of the unit and its children (roster beside declared) and its people."""
    policy = policy_for(request)
    unit = access.unit_for(policy, pk)
    personal = access.may_see_personal_data(policy, unit)
    page = Paginator(queries.people(unit), PAGE_SIZE).get_page(request.GET.get("p"))
    return render(
        request,
        "roster/unit.html",
        {
            "unit": unit,
            "ancestors": [a for a in Unit.objects.get_ancestors(unit) if policy.in_scope(a)],
            "counts": queries.count_rows(unit),
            "page": page,
            "personal": personal,
            "can_import_tree": policy.can(Action.ADMINISTER, unit),
        },
    )


@require_http_methods(["GET"])
def export(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The unit's roster with personal data as .xlsx (audited)."""
    unit = access.personal_unit_for(policy_for(request), pk)
    data = export_roster(unit, by=request.user)
    return file_download(data, f"danh-sach-dang-vien-{unit.pk}.xlsx")


@require_http_methods(["GET"])
def units_template(request: AuthenticatedRequest) -> HttpResponse:
    if not access.import_scopes(policy_for(request), tree=True).exists():
        raise PermissionDenied(_("Bạn không có quyền nhập danh sách tổ chức."))
    return file_download(sheets.units_template(), "mau-nhap-to-chuc.xlsx")


@require_http_methods(["GET"])
def members_template(request: AuthenticatedRequest) -> HttpResponse:
    if not access.import_scopes(policy_for(request), tree=False).exists():
        raise PermissionDenied(_("Bạn không có quyền nhập danh sách đảng viên."))
    return file_download(sheets.members_template(), "mau-nhap-dang-vien.xlsx")


def _import(request: AuthenticatedRequest, *, tree: bool) -> HttpResponse:
    policy = policy_for(request)
    fetch = access.tree_unit_for if tree else access.personal_unit_for
    scopes = access.import_scopes(policy, tree=tree)
    template = "roster/import_units.html" if tree else "roster/import_members.html"
    refused = _("Bạn không có quyền nhập danh sách này.")
    if request.method == "GET":
        if request.GET.get("unit"):
            scope: Unit | None = fetch(policy, request.GET["unit"])
        else:
            scope = scopes.order_by("path").first()
        if scope is None:
            raise PermissionDenied(refused)
        form = ImportForm(initial={"scope": scope.pk}, scopes=_with(scopes, scope))
        return render(request, template, _context(form, scope, tree=tree))
    form = ImportForm(request.POST, request.FILES, scopes=scopes)
    if not form.is_valid():
        if not scopes.exists():
            raise PermissionDenied(refused)
        return render(request, template, _context(form, None, tree=tree), status=400)
    scope = fetch(policy, form.cleaned_data["scope"].pk)
    upload = form.cleaned_data["file"]
    job = jobs.start(
        kind=JobKind.UNITS_IMPORT if tree else JobKind.MEMBERS_IMPORT,
        by=request.user,
        unit=scope,
        upload=upload,
        params={"scope": scope.pk},
    )
    if not job.finished:
        return _see_other(reverse("jobs:detail", args=[job.pk]))
    if job.status == JobStatus.FAILED:
        if "errors" not in job.result:
            raise DomainError(job.error)
        context = {
            **_context(form, scope, tree=tree),
            "job": job,
            "errors": job.result["errors"],
            "error_count": job.result["error_count"],
        }
        return render(request, template, context, status=400)
    messages.success(
        request,
        _("Đã nhập %(file)s: %(created)s mới, %(updated)s sửa, %(unchanged)s không đổi.")
        % {"file": upload.name, **{k: job.result[k] for k in ("created", "updated", "unchanged")}},
    )
    return _see_other(reverse("roster:import_result", args=[job.result["event"]]))


def _with(scopes: Any, unit: Unit) -> list[Unit]:
    units = list(scopes.order_by("path"))
    return units if any(u.pk == unit.pk for u in units) else [*units, unit]


def _context(form: ImportForm, scope: Unit | None, *, tree: bool) -> dict[str, Any]:
    return {
        "form": form,
        "scope": scope,
        "imports": queries.recent_imports(scope, tree=tree) if scope else [],
    }


@require_http_methods(["GET", "POST"])
def import_units(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a unit-tree workbook (administrators): all rows or none, row report."""
    return _import(request, tree=True)


@require_http_methods(["GET", "POST"])
def import_members(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a roster workbook (unit staff, administrators): all rows or none, row report."""
    return _import(request, tree=False)


@require_http_methods(["GET"])
def import_result(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """What one import did, row by row (kept in its audit event)."""
    event = access.import_event_for(policy_for(request), pk)
    after = event.after or {}
    return render(
        request,
        "roster/import_result.html",
        {"event": event, "summary": after, "rows": after.get("rows", [])},
    )
