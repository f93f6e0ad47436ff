"""Views of the committee's review of a commendation round: the nominations that left their
units (with filters), return / shortlist / decide / judge a criterion, and the old
download addresses (tờ trình, quyết định, the list workbook), which lead to the drafting step.

Thin glue over ``review`` and ``outputs``; reading needs READ_REPORTS on the round's
committee, changing a nomination needs MANAGE; a unit's draft is never shown here.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lamtheobac.commendations import access, queries
from lamtheobac.commendations.access import HIDDEN_FROM_COMMITTEE
from lamtheobac.commendations.actions import review
from lamtheobac.commendations.forms import DecideForm, OverrideForm, ReturnForm
from lamtheobac.commendations.models import Criterion, NominationState
from lamtheobac.commendations.views import form_errors, to_nomination
from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.drafting.links import to_drafting
from lamtheobac.drafting.models import DocumentKind
from lamtheobac.structure.queries import as_of_ids, day_of
from lamtheobac.units.policy import Action, policy_for


@require_GET
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """All nominations that left their units, by unit, with filters and their evidence."""
    round = access.round_for(policy_for(request), pk, Action.READ_REPORTS)
    chosen = request.GET.get("loc") or None
    if chosen not in queries.FILTERS:
        chosen = None
    visible = [s for s in NominationState.values if s not in HIDDEN_FROM_COMMITTEE]
    rows = queries.nominations_by_unit(round, states=visible, filter=chosen)
    return render(
        request,
        "commendations/round_detail.html",
        {
            "round": round,
            "rows": rows,
            "filters": queries.FILTERS.items(),
            "chosen": chosen,
            "can_manage": access.may_run(policy_for(request), round),
            # units renamed, moved or merged since show as they were then (issue 11 §2)
            "then": as_of_ids({r.nomination.unit_id for r in rows}, day_of(round)),
        },
    )


# Old addresses of the tờ trình, the quyết định and the nominees list: each is drafted first
# now (issue 12 §1), so they answer 303 to the drafting page after the same permission check.


@require_GET
def petition_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.READ_REPORTS)
    return to_drafting(DocumentKind.PETITION, round.pk)


@require_GET
def decision_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.READ_REPORTS)
    return to_drafting(DocumentKind.DECISION, round.pk)


@require_GET
def list_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.READ_REPORTS)
    return to_drafting(DocumentKind.NOMINEES, round.pk)


@require_POST
def nomination_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = access.reviewed_nomination(policy_for(request), pk)
    form = ReturnForm(request.POST)
    # An empty comment is refused by the write function itself, with its own message.
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    review.return_nomination(nomination, comment=comment, by=request.user)
    messages.success(request, _("Đã trả lại đề nghị; đơn vị đã được thông báo."))
    return to_nomination(nomination)


@require_POST
def nomination_shortlist(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = access.reviewed_nomination(policy_for(request), pk)
    review.shortlist_nomination(nomination, by=request.user)
    messages.success(
        request, _("Đã đưa “%(name)s” vào danh sách xét.") % {"name": nomination.nominee_name}
    )
    if request.POST.get("next") == "round":
        return redirect("commendations:round_detail", nomination.round_id)
    return to_nomination(nomination)


@require_POST
def nomination_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = access.reviewed_nomination(policy_for(request), pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return to_nomination(nomination)
    review.decide_nomination(
        nomination,
        award_kind=form.cleaned_data["award_kind"],
        reason=form.cleaned_data["reason"],
        version=form.cleaned_data["version"],
        by=request.user,
    )
    messages.success(request, _("Đã ghi quyết định."))
    return to_nomination(nomination)


@require_POST
def nomination_override(request: AuthenticatedRequest, pk: int, criterion_pk: int) -> HttpResponse:
    nomination = access.reviewed_nomination(policy_for(request), pk)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, round_id=nomination.round_id)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return to_nomination(nomination)
    review.override_eligibility(
        nomination,
        criterion=criterion,
        passed=form.cleaned_data["passed"],
        reason=form.cleaned_data["reason"],
        by=request.user,
    )
    messages.success(request, _("Đã ghi xác nhận tiêu chuẩn."))
    return to_nomination(nomination)
