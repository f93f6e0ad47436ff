"""Views of the committee's set-up of a commendation round: create it from a plan, edit its
settings, its quota rules, criteria and dossier requirements, and open, close and finish it.

Thin glue over ``prefill``, ``setup`` and ``round_rules``; every view needs MANAGE on the
round's committee (or the document's owner).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheobac.commendations import access
from lamtheobac.commendations.actions import prefill, round_rules, setup
from lamtheobac.commendations.forms import (
    CriterionForm,
    QuotaRuleForm,
    RequirementForm,
    RoundSettingsForm,
)
from lamtheobac.commendations.models import (
    AppliesTo,
    AwardKind,
    CommendationRound,
    Criterion,
    CriterionKind,
    DossierRequirement,
    QuotaRule,
    QuotaScope,
)
from lamtheobac.commendations.views import form_errors
from lamtheobac.core.confirm import ask_first
from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.documents.models import Document
from lamtheobac.ratings.models import RatingLevel
from lamtheobac.units.policy import Action, policy_for


@require_http_methods(["GET", "POST"])
def round_create(request: AuthenticatedRequest, document_pk: int) -> HttpResponse:
    """Confirm, then prefill a draft round from the plan (issue 4 point 1)."""
    document = get_object_or_404(Document.objects.select_related("owner"), pk=document_pk)
    policy_for(request).require(Action.MANAGE, document.owner)
    if request.method == "POST":
        round = prefill.create_commendation_round_from_document(document=document, by=request.user)
        messages.success(
            request,
            _("Đã lập đợt khen thưởng từ văn bản; kiểm tra lại rồi bấm “Mở nhận đề nghị”."),
        )
        return redirect("commendations:round_edit", round.pk)
    extraction = document.extraction or {}
    return render(
        request,
        "commendations/round_create.html",
        {
            "document": document,
            "existing": document.commendations_rounds.all(),
            "counts": {
                "quotas": len(extraction.get("quotas") or []),
                "criteria": len(extraction.get("criteria") or []),
                "dossier_items": len(extraction.get("dossier_items") or []),
            },
        },
    )


@require_http_methods(["GET", "POST"])
def round_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Settings, quota rules (with the plan's gaps), criteria, dossier, award kinds, states."""
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    if request.method == "POST":
        form = RoundSettingsForm(request.POST, stored_dates={"deadline": round.deadline})
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "confirm_dates"}
            setup.update_commendation_round(round, by=request.user, **data)
            messages.success(request, _("Đã lưu thiết lập đợt khen thưởng."))
            return redirect("commendations:round_edit", round.pk)
    else:
        form = RoundSettingsForm(
            initial={
                "title": round.title,
                "deadline": round.deadline,
                "deadline_exclusive": round.deadline_exclusive,
                "accept_late": round.accept_late,
                "period_start": round.period_start,
                "period_end": round.period_end,
                "reference_date": round.reference_date,
                "version": round.version,
            }
        )
    return render(
        request,
        "commendations/round_edit.html",
        {
            "round": round,
            "form": form,
            "quota_rules": round.quota_rules.select_related("award_kind"),
            "criteria": round.criteria.all(),
            "requirements": round.dossier_requirements.all(),
            "award_kinds": AwardKind.objects.all(),
            "quota_form": QuotaRuleForm(),
            "criterion_form": CriterionForm(),
            "requirement_form": RequirementForm(),
            "scopes": QuotaScope.choices,
            "applies": AppliesTo.choices,
            "kinds": CriterionKind.choices,
            "levels": RatingLevel.choices,
            "editable": not round.is_decided,
            "open_question": open_question(round),
            "close_question": CLOSE_QUESTION,
            "finish_question": FINISH_QUESTION,
        },
    )


def _back_to_settings(round: CommendationRound, anchor: str) -> HttpResponse:
    return redirect(reverse("commendations:round_edit", args=[round.pk]) + f"#{anchor}")


@require_POST
def quota_save(request: AuthenticatedRequest, pk: int, rule_pk: int | None = None) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    rule = get_object_or_404(QuotaRule, pk=rule_pk, round=round) if rule_pk else None
    form = QuotaRuleForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back_to_settings(round, "quotas")
    round_rules.save_quota_rule(round, rule=rule, by=request.user, **form.cleaned_data)
    messages.success(request, _("Đã lưu chỉ tiêu."))
    return _back_to_settings(round, "quotas")


@require_POST
def quota_remove(request: AuthenticatedRequest, pk: int, rule_pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    rule = get_object_or_404(QuotaRule, pk=rule_pk, round=round)
    round_rules.remove_quota_rule(round, rule=rule, by=request.user)
    messages.success(request, _("Đã bỏ chỉ tiêu."))
    return _back_to_settings(round, "quotas")


@require_POST
def criterion_save(
    request: AuthenticatedRequest, pk: int, criterion_pk: int | None = None
) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, round=round) if criterion_pk else None
    form = CriterionForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back_to_settings(round, "criteria")
    round_rules.save_criterion(round, criterion=criterion, by=request.user, **form.cleaned_data)
    messages.success(request, _("Đã lưu tiêu chuẩn."))
    return _back_to_settings(round, "criteria")


@require_POST
def requirement_save(
    request: AuthenticatedRequest, pk: int, requirement_pk: int | None = None
) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    requirement = (
        get_object_or_404(DossierRequirement, pk=requirement_pk, round=round)
        if requirement_pk
        else None
    )
    form = RequirementForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back_to_settings(round, "dossier")
    round_rules.save_dossier_requirement(
        round, requirement=requirement, text=form.cleaned_data["text"], by=request.user
    )
    messages.success(request, _("Đã lưu thành phần hồ sơ."))
    return _back_to_settings(round, "dossier")


def open_question(round: CommendationRound) -> str:
    """What opening the round does, and the plan's open questions still unresolved."""
    text = _(
        "Mở nhận đề nghị: các đơn vị gửi đề nghị khen thưởng theo chỉ tiêu và tiêu chuẩn đã thiết lập."
    )
    if round.warnings:
        text += " " + _(
            "Lưu ý: còn %(n)s điều kế hoạch bỏ ngỏ chưa quyết định (xem mục cảnh báo ở trang thiết lập)."
        ) % {"n": len(round.warnings)}
    return str(text)


CLOSE_QUESTION = _(
    "Dừng nhận đề nghị: các đơn vị không gửi thêm, không sửa được đề nghị nữa; đợt chuyển sang xét."
)
FINISH_QUESTION = _("Kết thúc đợt khen thưởng: kết quả được chốt, không xét thêm được nữa.")


def _ask(
    request: AuthenticatedRequest, round: CommendationRound, title: str, message: str
) -> HttpResponse | None:
    return ask_first(
        request,
        title=title,
        message=message,
        confirm_label=title,
        back_url=reverse("commendations:round_edit", args=[round.pk]),
    )


@require_POST
def round_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    if page := _ask(request, round, _("Mở nhận đề nghị"), open_question(round)):
        return page
    round = setup.open_commendation_round(round, by=request.user)
    messages.success(request, _("Đã mở nhận đề nghị khen thưởng."))
    return redirect("commendations:round_detail", round.pk)


@require_POST
def round_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    if page := _ask(request, round, _("Dừng nhận đề nghị"), str(CLOSE_QUESTION)):
        return page
    round = setup.close_nominations(round, by=request.user)
    messages.success(request, _("Đã dừng nhận đề nghị; đợt chuyển sang xét."))
    return redirect("commendations:round_detail", round.pk)


@require_POST
def round_finish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = access.round_for(policy_for(request), pk, Action.MANAGE)
    if page := _ask(request, round, _("Kết thúc đợt khen thưởng"), str(FINISH_QUESTION)):
        return page
    round = setup.finish_commendation_round(round, by=request.user)
    messages.success(request, _("Đã kết thúc đợt khen thưởng."))
    return redirect("commendations:round_detail", round.pk)
