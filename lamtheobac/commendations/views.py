"""Views of commendations on the unit side, and the access helpers all its views share.

Thin glue — check access, parse, call one write function, redirect with a message. Access
goes through the one policy: 404 outside the user's scope, 403 inside it without the right;
a unit's draft nomination is never shown to the committee. Here: the rounds list, a unit's
nominations in a round, one nomination (the unit edits it, the committee reads it) and its
dossier files. The committee's set-up of a round is ``views_setup.py``; its review of the
nominations and the downloads are ``views_review.py``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lamtheobac.commendations import access, queries
from lamtheobac.commendations.actions import NominationStep, nominations
from lamtheobac.commendations.candidates import candidates
from lamtheobac.commendations.forms import (
    DecideForm,
    NominateForm,
    OverrideForm,
    ReturnForm,
    SubmitForm,
    SummaryForm,
    UploadForm,
)
from lamtheobac.commendations.models import (
    CommendationRound,
    DossierRequirement,
    Nomination,
    NominationState,
)
from lamtheobac.core.confirm import ask_first
from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.units.models import CELL_KINDS, Unit
from lamtheobac.units.policy import Action, Policy, policy_for

EVENT_LABELS: dict[str, str] = {
    NominationStep.NOMINATED: "lập đề nghị",
    NominationStep.DOSSIER_ITEM_ADDED: "tải hồ sơ lên",
    NominationStep.DOSSIER_ITEM_REMOVED: "gỡ tệp hồ sơ",
    NominationStep.SUBMITTED: "gửi đề nghị",
    NominationStep.WITHDRAWN: "rút đề nghị",
    NominationStep.RETURNED: "trả lại để bổ sung",
    NominationStep.SHORTLISTED: "đưa vào danh sách xét",
    NominationStep.DECIDED: "quyết định",
    NominationStep.ELIGIBILITY_OVERRIDDEN: "xác nhận tiêu chuẩn",
    NominationStep.ROUND_FINISHED: "kết thúc đợt",
}


def _state_label(value: str) -> str:
    return str(NominationState(value).label) if value in NominationState.values else ""


def to_nomination(nomination: Nomination) -> HttpResponse:
    return redirect("commendations:nomination", nomination.pk)


def form_errors(request: AuthenticatedRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


# --- the rounds list -----------------------------------------------------------------------


@require_GET
def rounds(request: AuthenticatedRequest) -> HttpResponse:
    """The committee's rounds, and the open rounds the user's units may nominate in."""
    policy = policy_for(request)
    committee_rounds = (
        CommendationRound.objects.filter(
            committee__in=policy.units(Action.READ_REPORTS)
        ).select_related("committee")[:200]
        if policy.can_read_reports_any
        else []
    )
    return render(
        request,
        "commendations/rounds.html",
        {
            "committee_rounds": committee_rounds,
            "to_nominate": _rounds_to_nominate(policy),
        },
    )


def _rounds_to_nominate(policy: Policy) -> list[tuple[CommendationRound, Unit]]:
    """(round, unit) for each unit of the user's that nominates, in each round above it
    that is not a draft; a bounded number of queries."""
    if not policy.can_report_any:
        return []
    units = list(
        policy.units(Action.REPORT)
        .filter(kind__in=nominations.NOMINATING_KINDS)
        .order_by("path")[:100]
    )
    ancestors = {u.path[:i] for u in units for i in range(Unit.steplen, len(u.path), Unit.steplen)}
    found = (
        CommendationRound.objects.filter(committee__path__in=ancestors)
        .opened()
        .select_related("committee")
        .order_by("-created_at", "-pk")[:100]
    )
    return [(r, u) for r in found for u in units if u.is_within(r.committee) and u != r.committee]


# --- nominating (unit staff) -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def unit_nominations(request: AuthenticatedRequest, pk: int, unit_pk: int) -> HttpResponse:
    """The unit's quota and what is left, its nominations, and the form to nominate."""
    round, unit = access.nominating_unit(policy_for(request), pk, unit_pk)
    search = request.GET.get("tim", "").strip()
    if request.method == "POST":
        form = NominateForm(request.POST, unit=unit, on=round.reference_date)
        if form.is_valid():
            nomination = nominations.nominate(
                round,
                unit=unit,
                collective=form.cleaned_data["collective"],
                person=form.cleaned_data["person"],
                summary=form.cleaned_data["summary"],
                by=request.user,
            )
            messages.success(
                request,
                _("Đã lập đề nghị khen thưởng “%(name)s”; tải hồ sơ lên rồi gửi.")
                % {"name": nomination.nominee_name},
            )
            return to_nomination(nomination)
        form_errors(request, form)
        return redirect("commendations:unit_nominations", round.pk, unit.pk)
    form = NominateForm(
        unit=unit, on=round.reference_date, found=candidates(round, unit, search=search)
    )
    rows = queries.nominations_by_unit(round, units=[unit])
    return render(
        request,
        "commendations/unit_nominations.html",
        {
            "round": round,
            "unit": unit,
            "quota": queries.unit_quota(round, unit),
            "rows": rows,
            "form": form,
            "search": search,
            "can_nominate": round.can("close_nominations")
            and (
                unit.kind in nominations.NOMINATING_KINDS
                or (round.parent_id is not None and unit.kind in CELL_KINDS)
            ),
            # a đảng bộ cơ sở's own round for its cells (issue 9 §4)
            "own_round": round.child_rounds.filter(committee=unit).first(),
        },
    )


@require_GET
def nomination(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One nomination with its evidence: the unit edits and submits; the committee reviews."""
    policy = policy_for(request)
    nomination, side = access.readable_nomination(policy, pk)
    row = queries.nomination_row(nomination)
    round = nomination.round
    can_review = side == access.Side.COMMITTEE and policy.can(Action.MANAGE, round.committee)
    editable = side == access.Side.UNIT and nomination.is_editable
    return render(
        request,
        "commendations/nomination.html",
        {
            "nomination": row.nomination,
            "round": round,
            "row": row,
            "side": side,
            "editable": editable,
            "can_review": can_review and round.in_review,
            "events": [
                (
                    e,
                    EVENT_LABELS.get(e.action, e.action),
                    _state_label(e.from_state),
                    _state_label(e.to_state),
                )
                for e in nomination.events.select_related("actor")
            ],
            "summary_form": SummaryForm(
                initial={"summary": nomination.summary, "version": nomination.version}
            ),
            "submit_form": SubmitForm(initial={"version": nomination.version}),
            "submit_question": submit_question(nomination, row.issues()),
            "decide_form": DecideForm(
                initial={"award_kind": nomination.award_kind_id, "version": nomination.version}
            ),
            "override_form": OverrideForm(),
            "return_form": ReturnForm(),
        },
    )


@require_POST
def nomination_summary(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = access.unit_nomination(policy_for(request), pk)
    form = SummaryForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return to_nomination(nomination)
    nominations.update_nomination(
        nomination,
        summary=form.cleaned_data["summary"],
        version=form.cleaned_data["version"],
        by=request.user,
    )
    messages.success(request, _("Đã lưu tóm tắt thành tích."))
    return to_nomination(nomination)


@require_POST
def dossier_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = access.unit_nomination(policy_for(request), pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chưa chọn tệp hồ sơ."))
        return to_nomination(nomination)
    requirement_pk = form.cleaned_data["requirement"]
    requirement = (
        get_object_or_404(DossierRequirement, pk=requirement_pk, round_id=nomination.round_id)
        if requirement_pk
        else None
    )
    item = nominations.upload_dossier_item(
        nomination, requirement=requirement, upload=form.cleaned_data["file"], by=request.user
    )
    messages.success(request, _("Đã tải lên “%(name)s”.") % {"name": item.original_name})
    return to_nomination(nomination)


@require_POST
def dossier_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = access.dossier_item_to_remove(policy_for(request), pk)
    page = ask_first(
        request,
        title=_("Gỡ tệp hồ sơ"),
        message=_("Gỡ tệp “%(name)s” khỏi hồ sơ đề nghị? Tệp không tải xuống được nữa.")
        % {"name": item.original_name},
        confirm_label=_("Gỡ tệp"),
        back_url=reverse("commendations:nomination", args=[item.nomination_id]),
    )
    if page is not None:
        return page
    nominations.remove_dossier_item(item, by=request.user)
    messages.success(request, _("Đã gỡ tệp “%(name)s”.") % {"name": item.original_name})
    return to_nomination(item.nomination)


@require_GET
def dossier_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """Served only to whom ``commendations.access`` allows; a removed file to nobody."""
    item = access.dossier_item_to_download(policy_for(request), pk)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )


def submit_question(nomination: Nomination, issues: list[str]) -> str:
    """What sending a nomination does (issue 14 §2), asked before it is sent."""
    text = _(
        "Gửi đề nghị “%(name)s” lên %(committee)s: sau khi gửi, đơn vị không sửa được đề nghị "
        "và hồ sơ nữa, trừ khi cấp trên trả lại."
    ) % {"name": nomination.nominee_name, "committee": nomination.round.committee.name}
    if issues:
        text += " " + _(
            "Đề nghị còn %(n)s điều chưa đạt hoặc thiếu; lý do bạn ghi được gửi kèm."
        ) % {"n": len(issues)}
    return str(text)


@require_POST
def nomination_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = access.unit_nomination(policy_for(request), pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return to_nomination(nomination)
    page = ask_first(
        request,
        title=_("Gửi đề nghị khen thưởng"),
        message=submit_question(nomination, queries.nomination_row(nomination).issues()),
        confirm_label=_("Gửi đề nghị"),
        back_url=reverse("commendations:nomination", args=[nomination.pk]),
    )
    if page is not None:
        return page
    nomination = nominations.submit_nomination(
        nomination,
        reason=form.cleaned_data["reason"],
        version=form.cleaned_data["version"],
        by=request.user,
    )
    late = _(" (gửi sau hạn)") if nomination.is_late else ""
    messages.success(request, _("Đã gửi đề nghị khen thưởng%(late)s.") % {"late": late})
    return to_nomination(nomination)


@require_POST
def nomination_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = access.unit_nomination(policy_for(request), pk)
    page = ask_first(
        request,
        title=_("Rút đề nghị"),
        message=_("Rút đề nghị: đề nghị bị hủy và chỉ tiêu được trả lại cho đơn vị."),
        confirm_label=_("Rút đề nghị"),
        back_url=reverse("commendations:nomination", args=[nomination.pk]),
    )
    if page is not None:
        return page
    nominations.withdraw_nomination(
        nomination, reason=request.POST.get("reason", ""), by=request.user
    )
    messages.success(request, _("Đã rút đề nghị; chỉ tiêu được trả lại cho đơn vị."))
    return redirect("commendations:unit_nominations", nomination.round_id, nomination.unit_id)
