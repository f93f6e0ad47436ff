"""Views of cascading rounds (issue 9 §4): a grassroots committee forwards a round to its
cells, consolidates their reports into its own; a round's staff give a section to a unit.

Thin glue: fetch through ``reporting.access`` (404 outside the user's scope, 403 without the
right), parse, call one write of ``actions/cascade.py``, respond.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from lamtheobac.core.dates import today
from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.reporting import access
from lamtheobac.reporting.actions import cascade
from lamtheobac.reporting.forms import AssignSectionForm, CascadeForm
from lamtheobac.units.policy import Action, policy_for


def _default_cells_deadline(parent_deadline: dt.date | None) -> dt.date:
    """Five days before the superior's deadline (time to consolidate), not before today."""
    if parent_deadline is None:
        return today() + dt.timedelta(days=14)
    return max(today(), parent_deadline - dt.timedelta(days=5))


@require_http_methods(["GET", "POST"])
def cascade_open(request: AuthenticatedRequest, pk: int, unit_pk: int) -> HttpResponse:
    """A grassroots committee's staff forward a round to the unit's cells (with their deadline)."""
    round, unit, _target = access.reporting_target(policy_for(request), pk, unit_pk)
    cells = cascade.cells_of(unit)
    if request.method == "POST":
        form = CascadeForm(request.POST)
        if form.is_valid():
            child = cascade.open_child_round(
                round, unit=unit, deadline=form.cleaned_data["deadline"], by=request.user
            )
            messages.success(
                request,
                f"Đã chuyển tiếp đợt báo cáo tới {child.targets.count()} chi bộ trực thuộc.",
            )
            return redirect("reporting:round_detail", child.pk)
        status = 400
    else:
        form = CascadeForm(initial={"deadline": _default_cells_deadline(round.deadline)})
        status = 200
    return render(
        request,
        "reporting/cascade_open.html",
        {"round": round, "unit": unit, "cells": cells, "form": form},
        status=status,
    )


@require_POST
def consolidate(request: AuthenticatedRequest, pk: int, unit_pk: int) -> HttpResponse:
    """One click: the unit's report takes its cells' texts and figures, to edit then submit."""
    round, unit, _target = access.reporting_target(policy_for(request), pk, unit_pk)
    version = request.POST.get("version", "")
    report = cascade.consolidate_from_cells(
        round, unit=unit, version=int(version) if version.isdigit() else None, by=request.user
    )
    n = report.answers.exclude(text="").count()
    messages.success(
        request,
        f"Đã tổng hợp báo cáo của các chi bộ vào báo cáo của đơn vị ({n} mục có nội dung; "
        "chỉ tiêu = số của đơn vị + các chi bộ). Hãy rà soát, chỉnh sửa rồi nộp lên cấp trên.",
    )
    return redirect("reporting:report_edit", round.pk, unit.pk)


@require_POST
def section_assign(request: AuthenticatedRequest, pk: int, section_pk: int) -> HttpResponse:
    """Give a section of a draft round's outline to one unit (the youth section to the Đoàn
    Khối), or take it back."""
    policy = policy_for(request)
    round = access.round_for(policy, pk, Action.MANAGE)
    if not access.may_run(policy, round):
        raise PermissionDenied("Bạn không có quyền thiết lập đợt báo cáo này.")
    section = access.section_of(round, section_pk)
    form = AssignSectionForm(request.POST, round=round)
    if not form.is_valid():
        messages.error(request, "Đơn vị được chọn không thuộc cấp ủy mở đợt.")
        return redirect("reporting:round_edit", round.pk)
    unit = form.cleaned_data["unit"]
    cascade.assign_section(round, section=section, unit=unit, by=request.user)
    if unit is None:
        messages.success(request, f"Mục “{section.label}” không còn giao riêng cho đơn vị nào.")
    else:
        messages.success(request, f"Đã giao mục “{section.label}” cho {unit.name}.")
    return redirect("reporting:round_edit", round.pk)
