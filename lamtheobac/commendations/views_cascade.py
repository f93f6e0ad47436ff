"""A grassroots organisation's own commendation round (issue 9 §4): open it from the
committee's round, forward its picks upward. Thin glue over ``actions/cascade.py``; access
through ``commendations.access`` (404 outside the user's scope, 403 without the right)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from lamtheobac.commendations import access
from lamtheobac.commendations.actions import cascade
from lamtheobac.core.dates import today
from lamtheobac.core.forms import VNDateField
from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.units.policy import Action, policy_for


class GrassrootsRoundForm(forms.Form):
    deadline = VNDateField(label="Hạn gửi hồ sơ của các chi bộ")


@require_http_methods(["GET", "POST"])
def grassroots_open(request: AuthenticatedRequest, pk: int, unit_pk: int) -> HttpResponse:
    """A đảng bộ cơ sở's staff open its own round for its cells and members."""
    parent, unit = access.nominating_unit(policy_for(request), pk, unit_pk)
    status = 200
    if request.method == "POST":
        form = GrassrootsRoundForm(request.POST)
        if form.is_valid():
            round = cascade.open_grassroots_round(
                parent, unit=unit, deadline=form.cleaned_data["deadline"], by=request.user
            )
            messages.success(
                request,
                "Đã mở đợt khen thưởng của đảng bộ cho các chi bộ và đảng viên; các chi bộ "
                "gửi đề nghị theo cùng tiêu chuẩn, hồ sơ và chỉ tiêu.",
            )
            return redirect("commendations:round_detail", round.pk)
        status = 400
    else:
        default = parent.deadline - dt.timedelta(days=7) if parent.deadline else None
        form = GrassrootsRoundForm(initial={"deadline": max(default or today(), today())})
    return render(
        request,
        "commendations/grassroots_open.html",
        {"round": parent, "unit": unit, "form": form},
        status=status,
    )


@require_POST
def forward(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The đảng bộ cơ sở puts its picks forward into the committee's round."""
    policy = policy_for(request)
    round = access.round_for(policy, pk, Action.MANAGE)
    if not access.may_run(policy, round):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
    forwarded = cascade.forward_picks(round, by=request.user)
    messages.success(
        request,
        f"Đã đề nghị {len(forwarded)} tập thể, cá nhân lên đợt khen thưởng cấp trên; hãy tải "
        "hồ sơ và gửi đề nghị ở đó.",
    )
    if round.parent_id is None:  # forward_picks refuses it first; for the type checker
        return redirect("commendations:round_detail", round.pk)
    return redirect("commendations:unit_nominations", round.parent_id, round.committee_id)
