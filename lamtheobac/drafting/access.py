"""The round a user may draft a document of, or 404 / 403 (HELPERS: access helpers)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from lamtheobac.commendations.models import CommendationRound
from lamtheobac.drafting.models import REPORTING_KINDS, DocumentDraft, DocumentKind
from lamtheobac.reporting.models import ReportingRound
from lamtheobac.units.policy import Action, Policy

# The right each kind needs: the same as its download had before the drafting step.
NEEDED = {
    DocumentKind.CONSOLIDATED: Action.READ_REPORTS,
    DocumentKind.MATRIX: Action.READ_REPORTS,
    DocumentKind.REMINDER: Action.MANAGE,
    DocumentKind.PETITION: Action.READ_REPORTS,
    DocumentKind.DECISION: Action.READ_REPORTS,
    DocumentKind.NOMINEES: Action.READ_REPORTS,
}


def kind_of(value: str) -> DocumentKind:
    try:
        return DocumentKind(value)
    except ValueError:
        raise Http404("Không có loại văn bản này.") from None


def source_for(policy: Policy, kind: DocumentKind, pk: int) -> ReportingRound | CommendationRound:
    """The reporting or commendation round ``pk`` whose ``kind`` document the user may draft."""
    round: ReportingRound | CommendationRound
    if kind in REPORTING_KINDS:
        round = get_object_or_404(
            ReportingRound.objects.select_related("committee", "outline", "document"), pk=pk
        )
    else:
        round = get_object_or_404(
            CommendationRound.objects.select_related("committee", "document"), pk=pk
        )
    policy.require(NEEDED[kind], round.committee)
    return round


def draft_for(policy: Policy, pk: int) -> DocumentDraft:
    """A saved draft the user may regenerate (the right of its kind on its round's committee)."""
    draft = get_object_or_404(
        DocumentDraft.objects.select_related(
            "reporting_round__committee",
            "reporting_round__outline",
            "reporting_round__document",
            "commendation_round__committee",
            "commendation_round__document",
            "issuing_unit",
        ),
        pk=pk,
    )
    policy.require(NEEDED[DocumentKind(draft.kind)], draft.round.committee)
    return draft
