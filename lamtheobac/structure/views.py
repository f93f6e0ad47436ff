"""Restructuring pages: the administered tree, a unit's page with its history, the five
restructuring forms, and the review of grants copied by merges (issue 11 §2)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lamtheobac.core.dates import today
from lamtheobac.documents.models import Document
from lamtheobac.structure import access, queries
from lamtheobac.structure.actions import grants as grant_actions
from lamtheobac.structure.actions import restructure
from lamtheobac.structure.forms import (
    DecisionForm,
    DissolveForm,
    MergeForm,
    MoveForm,
    RenameForm,
    SplitForm,
)
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action, Policy, policy_for

LIST_LIMIT = 500


def _require_admin_any(policy: Policy) -> None:
    if not policy.has_any(Action.ADMINISTER):
        raise PermissionDenied("Chỉ quản trị hệ thống được tổ chức lại đơn vị.")


@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    """The units the administrator may restructure, in tree order (search by name)."""
    policy = policy_for(request)
    _require_admin_any(policy)
    units = queries.administered_units(policy)
    q = request.GET.get("q", "").strip()
    if q:
        units = units.filter(name__icontains=q)
    return render(
        request,
        "structure/unit_list.html",
        {"units": units[:LIST_LIMIT], "q": q, "limit": LIST_LIMIT},
    )


@require_GET
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit now (parent, sub-units, people) and its history: versions and changes."""
    policy = policy_for(request)
    unit = access.unit_for(policy, pk)
    parent = Unit.objects.get_parent(unit) if unit.depth > 1 else None
    return render(
        request,
        "structure/unit_detail.html",
        {
            "unit": unit,
            "parent": parent,
            "children": Unit.objects.get_children(unit),
            "people_count": Person.objects.filter(unit=unit).count(),
            "timeline": queries.history_of(unit),
            "can_administer": policy.can(Action.ADMINISTER, unit),
        },
    )


OPERATIONS: dict[str, tuple[type[DecisionForm], str]] = {
    "doi-ten": (RenameForm, "Đổi tên"),
    "chuyen": (MoveForm, "Chuyển sang trực thuộc đơn vị khác"),
    "hop-nhat": (MergeForm, "Hợp nhất"),
    "chia-tach": (SplitForm, "Chia tách"),
    "giai-the": (DissolveForm, "Giải thể"),
}


def _targets(policy: Policy, unit: Unit) -> QuerySet[Unit]:
    return (
        policy.units(Action.ADMINISTER).filter(is_active=True).exclude(pk=unit.pk).in_tree_order()
    )


def _documents(policy: Policy) -> QuerySet[Document]:
    return Document.objects.filter(policy.unit_filter(Action.VIEW, "owner")).order_by(
        "-date", "-pk"
    )


def _apply(op: str, unit: Unit, data: dict[str, Any], by: Any) -> Any:
    if op == "doi-ten":
        return restructure.rename_unit(unit=unit, by=by, **data)
    if op == "chuyen":
        return restructure.move_unit(unit=unit, by=by, **data)
    if op == "hop-nhat":
        others = data.pop("others")
        return restructure.merge_units(sources=[unit, *others], by=by, **data)
    if op == "chia-tach":
        return restructure.split_unit(unit=unit, by=by, **data)
    return restructure.dissolve_unit(unit=unit, by=by, **data)


@require_http_methods(["GET", "POST"])
def restructure_unit(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    """One restructuring of ``unit`` (form, then the write; errors come back as messages)."""
    if op not in OPERATIONS:
        raise Http404("Không có thao tác này.")
    policy = policy_for(request)
    unit = access.unit_for(policy, pk, Action.ADMINISTER)
    form_class, title = OPERATIONS[op]
    kwargs: dict[str, Any] = {"units": _targets(policy, unit), "documents": _documents(policy)}
    if form_class is SplitForm:
        kwargs["people"] = list(Person.objects.filter(unit=unit).in_office_order())
    form = form_class(request.POST or None, initial={"on": today()}, **kwargs)
    if request.method == "POST" and form.is_valid():
        change = _apply(op, unit, form.cleaned(), request.user)
        messages.success(request, f"Đã ghi nhận: {change.summary}.")
        return HttpResponseRedirect(reverse("structure:unit", args=[unit.pk]), status=303)
    return render(
        request,
        "structure/restructure.html",
        {"unit": unit, "form": form, "title": title, "op": op},
    )


@require_GET
def grant_review(request: HttpRequest) -> HttpResponse:
    """Grants copied by merges and splits onto units the user administers."""
    policy = policy_for(request)
    _require_admin_any(policy)
    return render(
        request, "structure/grant_review.html", {"transfers": queries.grants_to_review(policy)}
    )


@require_POST
def grant_keep(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = access.transfer_for(policy_for(request), pk)
    grant_actions.keep_grant(transfer=transfer, by=request.user)
    messages.success(request, "Đã giữ quyền.")
    return HttpResponseRedirect(reverse("structure:grants"), status=303)


@require_POST
def grant_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = access.transfer_for(policy_for(request), pk)
    grant_actions.revoke_grant(transfer=transfer, by=request.user)
    messages.success(request, f"Đã thu hồi quyền của {transfer.user} trên {transfer.to_unit}.")
    return HttpResponseRedirect(reverse("structure:grants"), status=303)
