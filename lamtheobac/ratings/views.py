"""Ratings pages: the list by unit and year, the edit form, the template, the import.

Every view: check access (``queries`` on top of the one policy — who may do what is written
there), parse input, call one write function, respond. A DomainError raised by a write function
(an unreadable file, a stale edit) is shown by ``core.middleware``; nothing was changed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.downloads import file_download
from lamtheobac.core.errors import DomainError
from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.jobs import runner as jobs
from lamtheobac.jobs.models import Job, JobKind, JobStatus
from lamtheobac.ratings import access, queries
from lamtheobac.ratings.actions import ratings
from lamtheobac.ratings.forms import PEOPLE, UNITS, FilterForm, ImportForm, RatingForm
from lamtheobac.ratings.importing import RowError
from lamtheobac.ratings.levels import current_year, year_error
from lamtheobac.ratings.models import RatingLevel
from lamtheobac.ratings.xlsx_template import build_template
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action, policy_for

PAGE_SIZE = 50


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


def list_url(unit: Unit, year: int, kind: str = PEOPLE) -> str:
    query = urlencode({"unit": unit.pk, "year": year, "kind": kind})
    return f"{reverse('ratings:list')}?{query}"


@require_http_methods(["GET"])
def rating_list(request: AuthenticatedRequest) -> HttpResponse:
    """Ratings of a unit's subtree for one year: people in office order, or collectives."""
    policy = policy_for(request)
    form = FilterForm(request.GET, units=queries.unit_choices(policy))
    form.is_valid()  # a missing or malformed value falls back to its default below
    data = form.cleaned_data
    unit = access.unit_for(policy, data["unit"]) if data.get("unit") else None
    unit = unit or queries.default_unit(policy)
    if unit is None:
        raise PermissionDenied(_("Bạn không có quyền xem xếp loại."))
    form.offer(unit)
    year = data.get("year") or queries.latest_year(unit) or current_year() - 1
    kind = data.get("kind") or PEOPLE
    rows = (
        queries.people_with_ratings(unit, year)
        if kind == PEOPLE
        else queries.units_with_ratings(unit, year)
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("p"))
    can_manage = policy.can(Action.MANAGE, unit)
    return render(
        request,
        "ratings/list.html",
        {
            "form": form,
            "unit": unit,
            "year": year,
            "kind": kind,
            "people": kind == PEOPLE,
            "page": page,
            "page_query": urlencode({"unit": unit.pk, "year": year, "kind": kind}),
            "people_url": list_url(unit, year, PEOPLE),
            "units_url": list_url(unit, year, UNITS),
            "can_manage": can_manage,
            "back": request.get_full_path(),
        },
    )


@require_http_methods(["GET", "POST"])
def edit_person(request: AuthenticatedRequest, pk: int, year: int) -> HttpResponse:
    """Set one person's rating for ``year`` (committee staff of their unit)."""
    person = access.person_for(policy_for(request), pk)
    return _edit(request, target=person, unit=person.unit, year=year, kind=PEOPLE)


@require_http_methods(["GET", "POST"])
def edit_unit(request: AuthenticatedRequest, pk: int, year: int) -> HttpResponse:
    """Set one unit's (collective's) rating for ``year`` (committee staff above it)."""
    unit = access.unit_for(policy_for(request), pk, manage=True)
    return _edit(request, target=unit, unit=unit, year=year, kind=UNITS)


def _back(request: AuthenticatedRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _edit(
    request: AuthenticatedRequest, *, target: Person | Unit, unit: Unit, year: int, kind: str
) -> HttpResponse:
    if year_error(year):
        raise Http404(_("Năm không hợp lệ."))
    rating = queries.rating_of(target, year)
    back = _back(request, list_url(unit, year, kind))
    context: dict[str, Any] = {
        "target": target,
        "unit": unit,
        "year": year,
        "is_person": kind == PEOPLE,
        "rating": rating,
        "events": queries.rating_history(rating),
        "back": back,
    }
    if request.method == "GET":
        current = rating.level if rating else ""
        context["form"] = RatingForm(
            initial={
                "level": current or RatingLevel.GOOD,
                "note": rating.note if rating else "",
                "previous": current,
            }
        )
        return render(request, "ratings/edit.html", context)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return render(request, "ratings/edit.html", {**context, "form": form}, status=400)
    change = ratings.set_rating(
        target,
        year=year,
        level=form.cleaned_data["level"],
        note=form.cleaned_data["note"],
        by=request.user,
        previous=form.cleaned_data["previous"] if "previous" in request.POST else ratings.UNSET,
    )
    if change.outcome == ratings.UNCHANGED:
        messages.info(request, _("Không có gì thay đổi."))
    else:
        messages.success(
            request,
            _("Đã lưu xếp loại năm %(year)s của %(name)s: %(level)s.")
            % {"year": year, "name": target, "level": change.rating.get_level_display()},
        )
    return _see_other(back)


@require_http_methods(["GET"])
def download_template(request: AuthenticatedRequest) -> HttpResponse:
    """The .xlsx import template (for users who manage ratings somewhere); with ``?unit=``
    (a unit they manage) prefilled with its people in the office order and its units, for
    ``?year=`` (default: last year)."""
    policy = policy_for(request)
    if not policy.can_manage_any:
        raise PermissionDenied(_("Bạn không có quyền nhập xếp loại."))
    if not request.GET.get("unit"):
        return file_download(build_template(), "mau-nhap-xep-loai.xlsx")
    unit = access.unit_for(policy, request.GET["unit"], manage=True)
    try:
        year = int(request.GET.get("year") or current_year() - 1)
    except ValueError:
        year = current_year() - 1
    if year_error(year):
        year = current_year() - 1
    people, units = queries.template_rows(unit)
    return file_download(
        build_template(people=people, units=units, year=year),
        f"mau-nhap-xep-loai-{unit.pk}-{year}.xlsx",
    )


@require_http_methods(["GET", "POST"])
def import_ratings(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a workbook; all rows are imported, or none and the page lists each bad row."""
    policy = policy_for(request)
    scopes = queries.import_scopes(policy)
    if request.method == "GET":
        if request.GET.get("unit"):
            scope = access.unit_for(policy, request.GET["unit"], manage=True)
        else:
            scope = scopes.first()
            if scope is None:
                raise PermissionDenied(_("Bạn không có quyền nhập xếp loại."))
        form = ImportForm(initial={"scope": scope.pk}, scopes=scopes)
        return render(request, "ratings/import.html", _import_context(form, scope))
    form = ImportForm(request.POST, request.FILES, scopes=scopes)
    if not form.is_valid():
        if not policy.can_manage_any:
            raise PermissionDenied(_("Bạn không có quyền nhập xếp loại."))
        return render(request, "ratings/import.html", _import_context(form, None), status=400)
    scope = form.cleaned_data["scope"]
    policy.require(Action.MANAGE, scope)  # 404 outside the user's scope, 403 without the right
    upload = form.cleaned_data["file"]
    # Imported in the background worker (issue 13 §2); the job page shows progress and result.
    job = jobs.start(
        kind=JobKind.RATINGS_IMPORT,
        by=request.user,
        unit=scope,
        upload=upload,
        params={"scope": scope.pk},
    )
    if not job.finished:
        return _see_other(reverse("jobs:detail", args=[job.pk]))
    report = _report_of(job)
    if not report.ok:
        context = {**_import_context(form, scope), "report": report, "filename": upload.name}
        return render(request, "ratings/import.html", context, status=400)
    assert report.event is not None
    messages.success(
        request,
        _("Đã nhập %(file)s: %(created)s mới, %(updated)s thay thế, %(unchanged)s không đổi.")
        % {
            "file": upload.name,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
    )
    return _see_other(reverse("ratings:import_result", args=[report.event.pk]))


def _report_of(job: Job) -> ratings.ImportReport:
    """The finished job's outcome as the import page shows it (the job ran in this request)."""
    if job.status == JobStatus.FAILED and "errors" not in job.result:
        raise DomainError(job.error)
    errors = [RowError(e["sheet"], e["line"], e["message"]) for e in job.result.get("errors", [])]
    report = ratings.ImportReport(errors=errors)
    if not errors:
        report.created = job.result["created"]
        report.updated = job.result["updated"]
        report.unchanged = job.result["unchanged"]
        report.event = AuditEvent.objects.get(pk=job.result["event"])
    return report


def _import_context(form: ImportForm, scope: Unit | None) -> dict[str, Any]:
    return {
        "form": form,
        "scope": scope,
        "imports": queries.recent_imports(scope) if scope else [],
    }


@require_http_methods(["GET"])
def import_result(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """What one import did, row by row (kept in its audit event)."""
    event = access.import_event_for(policy_for(request), pk)
    after = event.after or {}
    return render(
        request,
        "ratings/import_result.html",
        {"event": event, "summary": after, "rows": after.get("rows", [])},
    )
