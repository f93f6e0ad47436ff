"""The drafting step before every generated document: choose, save, download; regenerate.

GET shows the form filled from the last draft of this document, else from the defaults and
the signer remembered for the issuing body; POST saves a ``DocumentDraft`` and downloads the
file built from it; every saved draft can be downloaded again (built afresh from its values).
Each view needs the right the document's download needs (``access.NEEDED``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from lamtheobac.commendations.models import CommendationRound
from lamtheobac.core.dates import today
from lamtheobac.core.downloads import file_download
from lamtheobac.drafting import generate
from lamtheobac.drafting.access import draft_for, kind_of, source_for
from lamtheobac.drafting.actions.drafts import save_draft
from lamtheobac.drafting.bodies import boards_of, issuer_for
from lamtheobac.drafting.forms import DraftForm
from lamtheobac.drafting.models import DocumentDraft, DocumentKind
from lamtheobac.jobs import background
from lamtheobac.partydoc import Authority, DraftValues, Signer
from lamtheobac.reporting.models import ReportingRound
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import policy_for


def _initial(
    kind: DocumentKind, round: ReportingRound | CommendationRound, unit: Unit | None = None
) -> dict[str, Any]:
    """Form values: the last draft of this document, else defaults + remembered signer."""
    last = _drafts(kind, round).first()
    if last is not None and (unit is None or unit.pk == last.issuing_unit_id):
        values: dict[str, Any] = {
            name: getattr(last, name) for name in DraftForm.base_fields if hasattr(last, name)
        }
        values["issuing_unit"] = last.issuing_unit_id
        values["prefilled_unit"] = last.issuing_unit_id
        values["signing_date"] = today()  # a new draft is signed on its own day
        return values
    defaults = generate.default_values(kind, round)
    committee = round.committee
    if unit is None:
        unit = _unit_of(defaults, committee)
    issuer = issuer_for(unit, committee)
    values_with_signer = generate.remembered(defaults, unit.pk, kind)
    return _as_form(values_with_signer, issuer_unit=unit, issuer=issuer, kind=kind, round=round)


def _unit_of(values: DraftValues, committee: Unit) -> Unit:
    if values.issuer.is_board:
        for board in boards_of(committee):
            if issuer_for(board, committee).header == values.issuer.header:
                return board
    return committee


def _as_form(
    values: DraftValues,
    *,
    issuer_unit: Unit,
    issuer: Any,
    kind: DocumentKind,
    round: ReportingRound | CommendationRound,
) -> dict[str, Any]:
    signer = values.signer
    if issuer.is_board != values.issuer.is_board:  # the chosen body changed: its own signer
        signer = (
            Signer(Authority.DIRECT, "", "TRƯỞNG BAN", "")
            if issuer.is_board
            else Signer(Authority.ON_BEHALF, "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "")
        )
        choice = generate.remembered(values, issuer_unit.pk, kind).signer
        if choice != values.signer:
            signer = choice
    signing = values.date or today()
    initial: dict[str, Any] = {
        "issuing_unit": issuer_unit.pk,
        "prefilled_unit": issuer_unit.pk,
        "superior": issuer.superior or "",
        "header": issuer.header,
        "symbol": issuer.symbol,
        "serial": "",
        "signing_date": signing,
        "authority": signer.authority.value,
        "behalf": signer.behalf,
        "title": signer.title,
        "name": signer.name,
        "recipients": "\n".join(values.recipients),
        "addressees": "",
        "rule_version": "",
        "spelling": values.spelling or "modern",
        "new_deadline": generate.new_deadline_default(signing),
        "tie_break": "given_middle_family",
    }
    if kind == DocumentKind.CONSOLIDATED and isinstance(round, ReportingRound):
        initial["body_text"] = generate.consolidated_text(round, values)
    return initial


def _drafts(kind: DocumentKind, round: ReportingRound | CommendationRound) -> Any:
    if isinstance(round, ReportingRound):
        return DocumentDraft.objects.filter(kind=kind, reporting_round=round)
    return DocumentDraft.objects.filter(kind=kind, commendation_round=round)


def _back(round: ReportingRound | CommendationRound) -> str:
    if isinstance(round, ReportingRound):
        return reverse("reporting:round_detail", args=[round.pk])
    return reverse("commendations:round_detail", args=[round.pk])


_DRAFT_TEXT_FIELDS = (
    "superior", "header", "symbol", "authority", "behalf", "title", "name", "serial",
    "rule_version", "spelling", "recipients",
)  # fmt: skip


def _refreshed_text(round: ReportingRound, unit: Unit, data: dict[str, Any]) -> dict[str, Any]:
    """The form values with the consolidated text generated again from the reports."""
    unsaved = DocumentDraft(
        kind=DocumentKind.CONSOLIDATED,
        reporting_round=round,
        issuing_unit=unit,
        signing_date=data["signing_date"],
        **{name: data.get(name) or "" for name in _DRAFT_TEXT_FIELDS},
    )
    values = generate.values_of(unsaved)
    refreshed = {**data, "body_text": generate.consolidated_text(round, values)}
    refreshed["issuing_unit"] = unit.pk
    refreshed["prefilled_unit"] = unit.pk
    return refreshed


@require_http_methods(["GET", "POST"])
def draft(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Soạn văn bản: the drafting form; a valid POST saves the draft and downloads the file."""
    chosen = kind_of(kind)
    policy = policy_for(request)
    round = source_for(policy, chosen, pk)
    committee = round.committee
    units = [committee, *boards_of(committee)]
    form = DraftForm(initial=_initial(chosen, round), kind=chosen, units=units)
    if request.method == "POST":
        form = DraftForm(request.POST, kind=chosen, units=units)
        if form.is_valid():
            data = form.cleaned_data
            unit = data["issuing_unit"]
            if data.get("prefilled_unit") not in (None, unit.pk):
                # Another issuing body was picked: show its header lines, symbol and signer.
                keep = ("signing_date", "serial", "body_text")
                fresh = {**_initial(chosen, round, unit), **{k: data.get(k) for k in keep}}
                form = DraftForm(initial=fresh, kind=chosen, units=units)
                messages.info(
                    request,
                    "Đã điền tên, ký hiệu và người ký theo cơ quan ban hành mới; "
                    "kiểm tra lại rồi bấm “Soạn và tải”.",
                )
            elif chosen == DocumentKind.CONSOLIDATED and request.POST.get("lam_moi"):
                assert isinstance(round, ReportingRound)
                refreshed = _refreshed_text(round, unit, data)
                form = DraftForm(initial=refreshed, kind=chosen, units=units)
            else:
                saved = save_draft(
                    kind=chosen, round=round, issuing_unit=unit, values=data, by=request.user
                )
                return redirect("drafting:download", saved.pk)
    return render(
        request,
        "drafting/draft.html",
        {
            "form": form,
            "kind": chosen,
            "round": round,
            "back": _back(round),
            "drafts": list(_drafts(chosen, round).select_related("created_by")[:20]),
        },
    )


@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file a saved draft describes, built again from its values."""
    saved = draft_for(policy_for(request), pk)
    if started := background.draft_export(request, saved):  # a large round: in the worker
        return started
    data, name = generate.build(saved)
    return file_download(data, name)
