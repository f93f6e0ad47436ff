"""Views of commendation rounds: thin glue — check access, parse, call one write function,
redirect with a message. Access goes through the one policy: 404 outside the user's scope,
403 inside it without the right; a unit's draft nomination is never shown to the committee."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lamtheobac.commendations import outputs, queries, services
from lamtheobac.commendations.forms import (
    CriterionForm,
    DecideForm,
    NominateForm,
    OverrideForm,
    QuotaRuleForm,
    RequirementForm,
    ReturnForm,
    RoundSettingsForm,
    SubmitForm,
    SummaryForm,
    UploadForm,
)
from lamtheobac.commendations.models import (
    AppliesTo,
    AwardKind,
    CommendationRound,
    Criterion,
    CriterionKind,
    DossierItem,
    DossierRequirement,
    Nomination,
    NominationState,
    QuotaRule,
    QuotaScope,
    RoundState,
)
from lamtheobac.documents.models import Document
from lamtheobac.ratings.models import RatingLevel
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, Policy, policy_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HIDDEN_FROM_COMMITTEE = (NominationState.DRAFT, NominationState.WITHDRAWN)
EVENT_LABELS = {
    "nominated": "lập đề nghị",
    "dossier_item_added": "tải hồ sơ lên",
    "dossier_item_removed": "gỡ tệp hồ sơ",
    "submitted": "gửi đề nghị",
    "withdrawn": "rút đề nghị",
    "returned": "trả lại để bổ sung",
    "shortlisted": "đưa vào danh sách xét",
    "decided": "quyết định",
    "eligibility_overridden": "xác nhận tiêu chuẩn",
    "round_finished": "kết thúc đợt",
}


def _state_label(value: str) -> str:
    return str(NominationState(value).label) if value in NominationState.values else ""


# --- access helpers: return the object or refuse --------------------------------------------


def _round(request: HttpRequest, pk: int, action: Action) -> CommendationRound:
    round = get_object_or_404(
        CommendationRound.objects.select_related("committee", "document"), pk=pk
    )
    policy_for(request).require(action, round.committee)
    return round


def _nominating_unit(
    request: HttpRequest, round_pk: int, unit_pk: int
) -> tuple[CommendationRound, Unit]:
    """A unit of the user's (REPORT) in an opened round of a committee above it."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    policy_for(request).require(Action.REPORT, unit)
    round = get_object_or_404(
        CommendationRound.objects.select_related("committee").exclude(state=RoundState.DRAFT),
        pk=round_pk,
    )
    if unit.pk == round.committee_id or not unit.is_within(round.committee):
        raise Http404("Đơn vị không thuộc cấp ủy mở đợt khen thưởng.")
    return round, unit


def _load_nomination(pk: int) -> Nomination:
    return get_object_or_404(
        Nomination.objects.select_related(
            "round__committee", "round__document", "unit", "nominee_unit", "nominee_person__unit"
        ),
        pk=pk,
    )


def _nomination_side(policy: Policy, nomination: Nomination) -> str:
    """ "unit" for the nominating unit's staff, "committee" for readers of the committee once
    the nomination left the unit; otherwise refuse (404 outside scope, 403 without the right)."""
    if policy.can(Action.REPORT, nomination.unit):
        return "unit"
    committee = nomination.round.committee
    if policy.can(Action.READ_REPORTS, committee):
        if nomination.state in HIDDEN_FROM_COMMITTEE:
            raise Http404("Không tìm thấy.")
        return "committee"
    policy.require(Action.READ_REPORTS, committee)
    raise Http404("Không tìm thấy.")


def _unit_nomination(request: HttpRequest, pk: int) -> Nomination:
    """A nomination its unit's staff may change."""
    nomination = _load_nomination(pk)
    policy_for(request).require(Action.REPORT, nomination.unit)
    return nomination


def _reviewed_nomination(request: HttpRequest, pk: int) -> Nomination:
    """A nomination the committee's staff may review (never a unit's draft)."""
    nomination = _load_nomination(pk)
    policy_for(request).require(Action.MANAGE, nomination.round.committee)
    if nomination.state in HIDDEN_FROM_COMMITTEE:
        raise Http404("Không tìm thấy.")
    return nomination


def _to_nomination(nomination: Nomination) -> HttpResponse:
    return redirect("commendations:nomination", nomination.pk)


def _form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


# --- round list and set-up (committee staff) ------------------------------------------------


@login_required
@require_GET
def rounds(request: HttpRequest) -> HttpResponse:
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
        .filter(kind__in=services.NOMINATING_KINDS)
        .order_by("path")[:100]
    )
    ancestors = {u.path[:i] for u in units for i in range(Unit.steplen, len(u.path), Unit.steplen)}
    found = (
        CommendationRound.objects.filter(committee__path__in=ancestors)
        .exclude(state=RoundState.DRAFT)
        .select_related("committee")
        .order_by("-created_at", "-pk")[:100]
    )
    return [(r, u) for r in found for u in units if u.is_within(r.committee) and u != r.committee]


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, document_pk: int) -> HttpResponse:
    """Confirm, then prefill a draft round from the plan (issue 4 point 1)."""
    document = get_object_or_404(Document.objects.select_related("owner"), pk=document_pk)
    policy_for(request).require(Action.MANAGE, document.owner)
    if request.method == "POST":
        round = services.create_commendation_round_from_document(document=document, by=request.user)
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
            "existing": document.commendation_rounds.all(),
            "counts": {
                "quotas": len(extraction.get("quotas") or []),
                "criteria": len(extraction.get("criteria") or []),
                "dossier_items": len(extraction.get("dossier_items") or []),
            },
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Settings, quota rules (with the plan's gaps), criteria, dossier, award kinds, states."""
    round = _round(request, pk, Action.MANAGE)
    if request.method == "POST":
        form = RoundSettingsForm(request.POST)
        if form.is_valid():
            services.update_commendation_round(round, by=request.user, **form.cleaned_data)
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
            "editable": round.state != RoundState.DECIDED,
        },
    )


def _back_to_settings(round: CommendationRound, anchor: str) -> HttpResponse:
    return redirect(reverse("commendations:round_edit", args=[round.pk]) + f"#{anchor}")


@login_required
@require_POST
def quota_save(request: HttpRequest, pk: int, rule_pk: int | None = None) -> HttpResponse:
    round = _round(request, pk, Action.MANAGE)
    rule = get_object_or_404(QuotaRule, pk=rule_pk, round=round) if rule_pk else None
    form = QuotaRuleForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back_to_settings(round, "quotas")
    services.save_quota_rule(round, rule=rule, by=request.user, **form.cleaned_data)
    messages.success(request, _("Đã lưu chỉ tiêu."))
    return _back_to_settings(round, "quotas")


@login_required
@require_POST
def quota_remove(request: HttpRequest, pk: int, rule_pk: int) -> HttpResponse:
    round = _round(request, pk, Action.MANAGE)
    rule = get_object_or_404(QuotaRule, pk=rule_pk, round=round)
    services.remove_quota_rule(round, rule=rule, by=request.user)
    messages.success(request, _("Đã bỏ chỉ tiêu."))
    return _back_to_settings(round, "quotas")


@login_required
@require_POST
def criterion_save(request: HttpRequest, pk: int, criterion_pk: int | None = None) -> HttpResponse:
    round = _round(request, pk, Action.MANAGE)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, round=round) if criterion_pk else None
    form = CriterionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back_to_settings(round, "criteria")
    services.save_criterion(round, criterion=criterion, by=request.user, **form.cleaned_data)
    messages.success(request, _("Đã lưu tiêu chuẩn."))
    return _back_to_settings(round, "criteria")


@login_required
@require_POST
def requirement_save(
    request: HttpRequest, pk: int, requirement_pk: int | None = None
) -> HttpResponse:
    round = _round(request, pk, Action.MANAGE)
    requirement = (
        get_object_or_404(DossierRequirement, pk=requirement_pk, round=round)
        if requirement_pk
        else None
    )
    form = RequirementForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back_to_settings(round, "dossier")
    services.save_dossier_requirement(
        round, requirement=requirement, text=form.cleaned_data["text"], by=request.user
    )
    messages.success(request, _("Đã lưu thành phần hồ sơ."))
    return _back_to_settings(round, "dossier")


@login_required
@require_POST
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    round = services.open_commendation_round(_round(request, pk, Action.MANAGE), by=request.user)
    messages.success(request, _("Đã mở nhận đề nghị khen thưởng."))
    return redirect("commendations:round_detail", round.pk)


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round = services.close_nominations(_round(request, pk, Action.MANAGE), by=request.user)
    messages.success(request, _("Đã dừng nhận đề nghị; đợt chuyển sang xét."))
    return redirect("commendations:round_detail", round.pk)


@login_required
@require_POST
def round_finish(request: HttpRequest, pk: int) -> HttpResponse:
    round = services.finish_commendation_round(_round(request, pk, Action.MANAGE), by=request.user)
    messages.success(request, _("Đã kết thúc đợt khen thưởng."))
    return redirect("commendations:round_detail", round.pk)


# --- review (committee) ------------------------------------------------------------------


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """All nominations that left their units, by unit, with filters and their evidence."""
    round = _round(request, pk, Action.READ_REPORTS)
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
            "can_manage": policy_for(request).can(Action.MANAGE, round.committee),
        },
    )


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def petition_docx(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk, Action.READ_REPORTS)
    return _download(outputs.petition_docx(round), f"to-trinh-khen-thuong-{round.pk}.docx", DOCX)


@login_required
@require_GET
def decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk, Action.READ_REPORTS)
    return _download(outputs.decision_docx(round), f"quyet-dinh-khen-thuong-{round.pk}.docx", DOCX)


@login_required
@require_GET
def list_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk, Action.READ_REPORTS)
    return _download(outputs.list_workbook(round), f"danh-sach-de-nghi-{round.pk}.xlsx", XLSX)


@login_required
@require_POST
def nomination_return(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _reviewed_nomination(request, pk)
    form = ReturnForm(request.POST)
    comment = form.data.get("comment", "")
    services.return_nomination(nomination, comment=comment, by=request.user)
    messages.success(request, _("Đã trả lại đề nghị; đơn vị đã được thông báo."))
    return _to_nomination(nomination)


@login_required
@require_POST
def nomination_shortlist(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _reviewed_nomination(request, pk)
    services.shortlist(nomination, by=request.user)
    messages.success(
        request, _("Đã đưa “%(name)s” vào danh sách xét.") % {"name": nomination.nominee_name}
    )
    if request.POST.get("next") == "round":
        return redirect("commendations:round_detail", nomination.round_id)
    return _to_nomination(nomination)


@login_required
@require_POST
def nomination_decide(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _reviewed_nomination(request, pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _to_nomination(nomination)
    services.decide(
        nomination,
        award_kind=form.cleaned_data["award_kind"],
        reason=form.cleaned_data["reason"],
        version=form.cleaned_data["version"],
        by=request.user,
    )
    messages.success(request, _("Đã ghi quyết định."))
    return _to_nomination(nomination)


@login_required
@require_POST
def nomination_override(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    nomination = _reviewed_nomination(request, pk)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, round_id=nomination.round_id)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _to_nomination(nomination)
    services.override_eligibility(
        nomination,
        criterion=criterion,
        passed=form.cleaned_data["passed"],
        reason=form.cleaned_data["reason"],
        by=request.user,
    )
    messages.success(request, _("Đã ghi xác nhận tiêu chuẩn."))
    return _to_nomination(nomination)


# --- nominating (unit staff) -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def unit_nominations(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """The unit's quota and what is left, its nominations, and the form to nominate."""
    round, unit = _nominating_unit(request, pk, unit_pk)
    search = request.GET.get("tim", "").strip()
    if request.method == "POST":
        form = NominateForm(request.POST, unit=unit)
        if form.is_valid():
            nomination = services.nominate(
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
            return _to_nomination(nomination)
        _form_errors(request, form)
        return redirect("commendations:unit_nominations", round.pk, unit.pk)
    form = NominateForm(unit=unit, search=search)
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
            "can_nominate": round.state == RoundState.OPEN
            and unit.kind in services.NOMINATING_KINDS,
        },
    )


@login_required
@require_GET
def nomination(request: HttpRequest, pk: int) -> HttpResponse:
    """One nomination with its evidence: the unit edits and submits; the committee reviews."""
    nomination = _load_nomination(pk)
    policy = policy_for(request)
    side = _nomination_side(policy, nomination)
    row = queries.nomination_row(nomination)
    round = nomination.round
    can_review = side == "committee" and policy.can(Action.MANAGE, round.committee)
    editable = side == "unit" and nomination.is_editable
    return render(
        request,
        "commendations/nomination.html",
        {
            "nomination": row.nomination,
            "round": round,
            "row": row,
            "side": side,
            "editable": editable,
            "can_review": can_review and round.state in (RoundState.OPEN, RoundState.REVIEW),
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
            "decide_form": DecideForm(
                initial={"award_kind": nomination.award_kind_id, "version": nomination.version}
            ),
            "override_form": OverrideForm(),
            "return_form": ReturnForm(),
        },
    )


@login_required
@require_POST
def nomination_summary(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _unit_nomination(request, pk)
    form = SummaryForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _to_nomination(nomination)
    services.update_nomination(
        nomination,
        summary=form.cleaned_data["summary"],
        version=form.cleaned_data["version"],
        by=request.user,
    )
    messages.success(request, _("Đã lưu tóm tắt thành tích."))
    return _to_nomination(nomination)


@login_required
@require_POST
def dossier_upload(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _unit_nomination(request, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chưa chọn tệp hồ sơ."))
        return _to_nomination(nomination)
    requirement_pk = form.cleaned_data["requirement"]
    requirement = (
        get_object_or_404(DossierRequirement, pk=requirement_pk, round_id=nomination.round_id)
        if requirement_pk
        else None
    )
    item = services.upload_dossier_item(
        nomination, requirement=requirement, upload=form.cleaned_data["file"], by=request.user
    )
    messages.success(request, _("Đã tải lên “%(name)s”.") % {"name": item.original_name})
    return _to_nomination(nomination)


@login_required
@require_POST
def dossier_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(DossierItem.objects.select_related("nomination__unit"), pk=pk)
    policy_for(request).require(Action.REPORT, item.nomination.unit)
    services.remove_dossier_item(item, by=request.user)
    messages.success(request, _("Đã gỡ tệp “%(name)s”.") % {"name": item.original_name})
    return _to_nomination(item.nomination)


@login_required
@require_GET
def dossier_download(request: HttpRequest, pk: int) -> FileResponse:
    """Served only after the permission check of the nomination it belongs to."""
    item = get_object_or_404(
        DossierItem.objects.select_related("nomination__round__committee", "nomination__unit"),
        pk=pk,
    )
    _nomination_side(policy_for(request), item.nomination)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )


@login_required
@require_POST
def nomination_submit(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _unit_nomination(request, pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _to_nomination(nomination)
    nomination = services.submit_nomination(
        nomination,
        reason=form.cleaned_data["reason"],
        version=form.cleaned_data["version"],
        by=request.user,
    )
    late = _(" (gửi sau hạn)") if nomination.is_late else ""
    messages.success(request, _("Đã gửi đề nghị khen thưởng%(late)s.") % {"late": late})
    return _to_nomination(nomination)


@login_required
@require_POST
def nomination_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _unit_nomination(request, pk)
    services.withdraw_nomination(nomination, reason=request.POST.get("reason", ""), by=request.user)
    messages.success(request, _("Đã rút đề nghị; chỉ tiêu được trả lại cho đơn vị."))
    return redirect("commendations:unit_nominations", nomination.round_id, nomination.unit_id)
