"""Thin views: a member's own plan, a plan's page, the cell's quick entry and import,
exemplars and models of an organisation. Rights through ``access``; rules in ``actions``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lamtheobac.core.dates import today
from lamtheobac.core.downloads import file_download
from lamtheobac.core.errors import DomainError
from lamtheobac.pledges import access, queries
from lamtheobac.pledges.actions import exemplars as ex
from lamtheobac.pledges.actions import imports
from lamtheobac.pledges.actions import pledges as actions
from lamtheobac.pledges.models import (
    Exemplar,
    ExemplaryModel,
    ModelOutcome,
    Pledge,
    PledgeState,
    Result,
)
from lamtheobac.pledges.outputs import pledge_docx
from lamtheobac.units.models import CELL_KINDS, GRASSROOTS_KINDS, Person, Unit, UnitKind
from lamtheobac.units.policy import Action, policy_for


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("nam") or request.POST.get("year") or today().year)
    except ValueError:
        return today().year


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _items_text(pledge: Pledge | None) -> str:
    if pledge is None:
        return ""
    lines = []
    for i in pledge.items.all():
        parts = [i.content, i.job_link, i.timeframe]
        while parts and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Where each role starts: unit staff see their cells (quick entry) and organisations
    (exemplars, models); committee staff and leaders the organisations of their subtree
    with the year's counts. Only units the policy grants are listed."""
    policy = policy_for(request)
    year = _year(request)
    staff_units = list(
        policy.units(Action.REPORT).filter(kind__in=[*CELL_KINDS, UnitKind.MASS_ORGANISATION])
    )
    org_ids = {u.pk for u in policy.units(Action.REPORT).filter(kind__in=GRASSROOTS_KINDS)}
    org_ids |= {u.pk for u in policy.units(Action.READ_REPORTS).filter(kind__in=GRASSROOTS_KINDS)}
    orgs = list(Unit.objects.filter(pk__in=org_ids).order_by("path"))
    plans = queries.pledge_counts(orgs, year)
    examples = queries.exemplar_counts(orgs, year)
    people = queries.people_counts(orgs)
    return render(
        request,
        "pledges/index.html",
        {
            "year": year,
            "cells": staff_units,
            "orgs": [(o, people[o.pk], plans[o.pk], examples[o.pk]) for o in orgs],
        },
    )


@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    """The member's own plan for the year: write, save, submit, self-assess."""
    person = access.person_of(request)
    year = _year(request)
    pledge = queries.pledge_of(person, year)
    if request.method == "POST":
        items = actions.items_from_text(request.POST.get("items", ""))
        if pledge is None:
            pledge = actions.start_pledge(person=person, year=year, by=request.user, items=items)
        elif "self_assess" in request.POST:
            return _self_assess(request, pledge)
        else:
            pledge = actions.save_pledge(
                pledge=pledge, items=items, by=request.user, version=_version(request)
            )
        if "submit" in request.POST:
            actions.submit_pledge(pledge=pledge, by=request.user, version=pledge.version)
            messages.success(request, "Đã nộp bản đăng ký cho chi bộ.")
        else:
            messages.success(request, "Đã lưu bản đăng ký.")
        return redirect(f"{reverse('pledges:mine')}?nam={year}")
    settings = queries.year_settings(person.unit, year)
    return render(
        request,
        "pledges/mine.html",
        {
            "person": person,
            "year": year,
            "pledge": pledge,
            "items_text": _items_text(pledge),
            "settings": settings,
            "results": Result.choices,
        },
    )


def _self_assess(request: HttpRequest, pledge: Pledge) -> HttpResponse:
    assessments = [
        actions.ItemAssessment(
            item.pk,
            request.POST.get(f"result-{item.pk}", ""),
            request.POST.get(f"note-{item.pk}", ""),
        )
        for item in pledge.items.all()
    ]
    actions.self_assess_pledge(
        pledge=pledge,
        by=request.user,
        version=_version(request),
        assessments=assessments,
        summary=request.POST.get("summary", ""),
    )
    messages.success(request, "Đã gửi tự đánh giá cho chi bộ.")
    return redirect("pledges:detail", pledge.pk)


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan: its items and state; staff accept / return / evaluate; the owner self-assesses."""
    pledge = access.pledge_for(request, pk, write=request.method == "POST")
    if request.method == "POST":
        version = _version(request)
        op = request.POST.get("op", "")
        if op == "self_assess":
            return _self_assess(request, pledge)
        if op == "accept":
            actions.accept_pledge(pledge=pledge, by=request.user, version=version)
            messages.success(request, "Đã duyệt bản đăng ký.")
        elif op == "return":
            actions.return_pledge(
                pledge=pledge,
                by=request.user,
                version=version,
                comment=request.POST.get("comment", ""),
            )
            messages.success(request, "Đã trả lại bản đăng ký.")
        elif op == "evaluate":
            actions.evaluate_pledge(
                pledge=pledge,
                by=request.user,
                version=version,
                result=request.POST.get("result", ""),
                comment=request.POST.get("comment", ""),
            )
            messages.success(request, "Đã ghi kết quả đánh giá.")
        elif op == "submit":
            actions.submit_pledge(pledge=pledge, by=request.user, version=version)
            messages.success(request, "Đã nộp thay bản đăng ký.")
        else:
            raise DomainError("Thao tác không hợp lệ.")
        return redirect("pledges:detail", pledge.pk)
    policy = policy_for(request)
    return render(
        request,
        "pledges/detail.html",
        {
            "pledge": pledge,
            "items": list(pledge.items.all()),
            "is_owner": pledge.person.user_id == request.user.pk,
            "is_staff": policy.can(Action.REPORT, pledge.unit),
            "results": Result.choices,
        },
    )


@require_GET
def pledge_document(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = access.pledge_for(request, pk)
    return file_download(pledge_docx(pledge), f"ke-hoach-ca-nhan-{pledge.pk}.docx")


@require_http_methods(["GET", "POST"])
def cell(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The cell clerk's page: one row per person, items one per line, Tab from row to row."""
    unit = access.unit_for(request, unit_pk, Action.REPORT)
    year = _year(request)
    people = list(Person.objects.in_subtree(unit).in_office_order())
    pledges = {p.person_id: p for p in Pledge.objects.filter(year=year, person__in=people)}
    if request.method == "POST":
        if request.POST.get("op") == "accept":
            chosen = [pledges[int(v)] for v in request.POST.getlist("accept") if int(v) in pledges]
            for p in chosen:
                actions.accept_pledge(pledge=p, by=request.user, version=p.version)
            messages.success(request, f"Đã duyệt {len(chosen)} bản đăng ký.")
        else:
            entries = []
            for person in people:
                shown = request.POST.get(f"version-{person.pk}", "")
                entries.append(
                    actions.CellRow(
                        person.pk,
                        request.POST.get(f"items-{person.pk}", ""),
                        is_leader=f"leader-{person.pk}" in request.POST,
                        submit=f"submit-{person.pk}" in request.POST,
                        version=int(shown) if shown.isdigit() else None,
                    )
                )
            counts = actions.enter_for_cell(unit=unit, year=year, rows=entries, by=request.user)
            messages.success(
                request,
                f"Đã ghi: {counts['started']} bản mới, {counts['edited']} bản sửa, "
                f"{counts['submitted']} bản nộp thay.",
            )
        return redirect(f"{reverse('pledges:cell', args=[unit.pk])}?nam={year}")
    rows: list[dict[str, Any]] = [
        {"person": p, "pledge": pledges.get(p.pk), "text": _items_text(pledges.get(p.pk))}
        for p in people
    ]
    return render(
        request,
        "pledges/cell.html",
        {
            "unit": unit,
            "year": year,
            "rows": rows,
            "editable": (PledgeState.DRAFT, PledgeState.RETURNED, PledgeState.SUBMITTED),
            "settings": queries.year_settings(unit, year),
            "counts": queries.pledge_counts([unit], year)[unit.pk],
            "leaders": [r for r in rows if r["pledge"] and r["pledge"].is_leader],
        },
    )


@require_POST
def cell_import(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """Import the cell's pledges from .xlsx or .docx; on error, the row-by-row report,
    nothing written."""
    unit = access.unit_for(request, unit_pk, Action.REPORT)
    year = _year(request)
    upload = request.FILES.get("file")
    if upload is None:
        raise DomainError("Hãy chọn tệp Excel (.xlsx) hoặc Word (.docx).")
    try:
        report = imports.import_cell_pledges(
            unit=unit, year=year, data=upload.read(), by=request.user
        )
    except imports.ImportFailed as failure:
        return render(
            request,
            "pledges/import_report.html",
            {"unit": unit, "year": year, "report": failure.report, "failed": True},
            status=422,
        )
    return render(
        request,
        "pledges/import_report.html",
        {"unit": unit, "year": year, "report": report, "failed": False},
    )


@require_GET
def cell_template(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = access.unit_for(request, unit_pk, Action.REPORT)
    return file_download(imports.import_template(unit), f"mau-dang-ky-{unit.pk}.xlsx")


@require_http_methods(["GET", "POST"])
def organisation(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """Exemplars (mẫu 03) and models of a grassroots organisation for the year."""
    unit = access.unit_for(request, unit_pk)
    year = _year(request)
    policy = policy_for(request)
    if request.method == "POST":
        op = request.POST.get("op", "")
        if op == "nominate":
            return _nominate(request, unit, year)
        policy.require(Action.REPORT, unit)
        if op == "propose":
            kind, _, target = request.POST.get("nominee", "").partition(":")
            collective = person = None
            if kind == "u" and target.isdigit():
                collective = get_object_or_404(Unit, pk=int(target))
            elif kind == "p" and target.isdigit():
                person = get_object_or_404(Person, pk=int(target))
            ex.propose_exemplar(
                organisation=unit,
                year=year,
                by=request.user,
                collective=collective,
                person=person,
                achievements=request.POST.get("achievements", ""),
            )
            messages.success(request, "Đã đăng ký gương điển hình.")
        elif op in ("approve", "withdraw"):
            exemplar = get_object_or_404(
                Exemplar, pk=request.POST.get("exemplar"), organisation=unit
            )
            fn = ex.approve_exemplar if op == "approve" else ex.withdraw_exemplar
            fn(exemplar=exemplar, by=request.user, version=_version(request))
            messages.success(request, "Đã cập nhật gương điển hình.")
        elif op == "model":
            target_unit = get_object_or_404(
                Unit, pk=request.POST.get("unit") or unit.pk, path__startswith=unit.path
            )
            model = ex.register_model(
                unit=target_unit,
                year=year,
                by=request.user,
                name=request.POST.get("name", ""),
                field=request.POST.get("field", ""),
                description=request.POST.get("description", ""),
                results=request.POST.get("results", ""),
            )
            return redirect("pledges:model", model.pk)
        else:
            raise DomainError("Thao tác không hợp lệ.")
        return redirect(f"{reverse('pledges:organisation', args=[unit.pk])}?nam={year}")
    units = list(Unit.objects.filter(path__startswith=unit.path).order_by("path"))
    return render(
        request,
        "pledges/organisation.html",
        {
            "unit": unit,
            "year": year,
            "can_write": policy.can(Action.REPORT, unit),
            "exemplars": Exemplar.objects.filter(organisation=unit, year=year)
            .select_related("person", "collective")
            .order_by("kind", "pk"),
            "models": ExemplaryModel.objects.filter(organisation=unit, year=year)
            .select_related("unit")
            .order_by("pk"),
            "quota": queries.exemplar_quota(unit, year),
            "counts": queries.exemplar_counts([unit], year)[unit.pk],
            "units": units,
            "people": Person.objects.in_subtree(unit).in_office_order()[:500],
            "can_nominate": policy.can(Action.REPORT, unit) or policy.can(Action.MANAGE, unit),
            "rounds": _open_rounds(unit),
        },
    )


def _open_rounds(unit: Unit) -> list[Any]:
    """Open commendation rounds of the committees above ``unit``."""
    from lamtheobac.commendations.models import CommendationRound

    step = Unit.steplen
    ancestors = [unit.path[:end] for end in range(step, len(unit.path), step)]
    return list(
        CommendationRound.objects.opened().filter(committee__path__in=ancestors).order_by("-pk")
    )


def _nominate(request: HttpRequest, unit: Unit, year: int) -> HttpResponse:
    """Put the chosen approved exemplars into an open commendation round as nominations
    (the organisation's staff, or committee staff acting for it)."""
    policy = policy_for(request)
    if not (policy.can(Action.REPORT, unit) or policy.can(Action.MANAGE, unit)):
        policy.require(Action.REPORT, unit)
    rounds = {str(r.pk): r for r in _open_rounds(unit)}
    round = rounds.get(request.POST.get("round", ""))
    if round is None:
        raise DomainError("Hãy chọn một đợt khen thưởng đang mở.")
    ids = [int(v) for v in request.POST.getlist("exemplar") if v.isdigit()]
    chosen = list(Exemplar.objects.filter(pk__in=ids, organisation=unit, year=year))
    if not chosen:
        raise DomainError("Hãy chọn ít nhất một gương điển hình đã được thông qua.")
    nominations = ex.nominate_exemplars(round=round, exemplars=chosen, by=request.user)
    messages.success(request, f"Đã đưa {len(nominations)} gương điển hình vào “{round.title}”.")
    return redirect(f"{reverse('pledges:organisation', args=[unit.pk])}?nam={year}")


@require_http_methods(["GET", "POST"])
def model(request: HttpRequest, pk: int) -> HttpResponse:
    """A model: its record, files, approval by the organisation and year-end evaluation."""
    obj = access.model_for(request, pk)
    policy = policy_for(request)
    if request.method == "POST":
        version = _version(request)
        op = request.POST.get("op", "")
        if op == "edit":
            ex.update_model(
                model=obj,
                by=request.user,
                version=version,
                **{
                    k: request.POST[k]
                    for k in ("name", "field", "description", "results")
                    if k in request.POST
                },
            )
        elif op == "submit":
            ex.submit_model(model=obj, by=request.user, version=version)
        elif op == "approve":
            ex.approve_model(model=obj, by=request.user, version=version)
        elif op == "return":
            ex.return_model(
                model=obj, by=request.user, version=version, comment=request.POST.get("comment", "")
            )
        elif op == "evaluate":
            ex.evaluate_model(
                model=obj,
                by=request.user,
                version=version,
                outcome=request.POST.get("outcome", ""),
                note=request.POST.get("note", ""),
            )
        elif op == "upload" and (upload := request.FILES.get("file")) is not None:
            ex.add_model_file(model=obj, upload=upload, by=request.user)
        else:
            raise DomainError("Thao tác không hợp lệ.")
        messages.success(request, "Đã cập nhật mô hình.")
        return redirect("pledges:model", obj.pk)
    return render(
        request,
        "pledges/model.html",
        {
            "model": obj,
            "files": obj.files.present(),
            "can_unit": policy.can(Action.REPORT, obj.unit),
            "can_approve": policy.can(Action.REPORT, obj.organisation),
            "can_evaluate": policy.can(Action.MANAGE, obj.organisation),
            "outcomes": ModelOutcome.choices,
        },
    )


@require_GET
def model_file(request: HttpRequest, pk: int) -> FileResponse:
    stored = access.model_file_for(request, pk)
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
