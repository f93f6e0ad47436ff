"""Build a document from a saved draft (regenerate = call ``build`` again), and the defaults
the drafting form starts from."""

from __future__ import annotations

import dataclasses
import datetime as dt

from lamtheobac.commendations import outputs as commendation_outputs
from lamtheobac.commendations.models import CommendationRound
from lamtheobac.drafting.models import DocumentDraft, DocumentKind, SignerChoice
from lamtheobac.partydoc import Authority, DraftValues, Issuer, Signer
from lamtheobac.reporting import outputs as reporting_outputs
from lamtheobac.reporting import queries as reporting_queries
from lamtheobac.reporting.models import ReportingRound

FILENAMES = {
    DocumentKind.CONSOLIDATED: "bao-cao-tong-hop-{pk}.docx",
    DocumentKind.REMINDER: "cong-van-don-doc-{pk}.docx",
    DocumentKind.PETITION: "to-trinh-khen-thuong-{pk}.docx",
    DocumentKind.DECISION: "quyet-dinh-khen-thuong-{pk}.docx",
    DocumentKind.MATRIX: "tinh-hinh-bao-cao-{pk}.xlsx",
    DocumentKind.NOMINEES: "danh-sach-de-nghi-{pk}.xlsx",
}


def default_values(kind: DocumentKind, round: ReportingRound | CommendationRound) -> DraftValues:
    if isinstance(round, ReportingRound):
        return reporting_outputs.default_draft(round, kind=kind.value)
    return commendation_outputs.default_draft(round, kind=kind.value)


def remembered(values: DraftValues, unit_pk: int, kind: DocumentKind) -> DraftValues:
    """``values`` with the signer last chosen for this unit and kind, if any."""
    choice = SignerChoice.objects.filter(unit_id=unit_pk, kind=kind).first()
    if choice is None:
        return values
    signer = Signer(Authority(choice.authority), choice.behalf, choice.title, choice.name)
    return dataclasses.replace(values, signer=signer)


def lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def values_of(draft: DocumentDraft) -> DraftValues:
    """The ``DraftValues`` a saved draft stands for."""
    committee = draft.round.committee
    issuer = Issuer(
        superior=draft.superior or None,
        header=draft.header,
        symbol=draft.symbol,
        place=committee.place or "Quảng Nam",
        name=_running_name(draft),
        is_board=draft.issuing_unit_id != committee.pk,
    )
    return DraftValues(
        issuer=issuer,
        signer=Signer(Authority(draft.authority), draft.behalf, draft.title, draft.name),
        date=draft.signing_date,
        serial=draft.serial,
        rule_version=draft.rule_version,
        spelling=draft.spelling or None,  # type: ignore[arg-type]
        recipients=lines(draft.recipients),
        addressees=lines(draft.addressees),
        body_text=draft.body_text or None,
        new_deadline=draft.new_deadline,
    )


def _running_name(draft: DocumentDraft) -> str:
    from lamtheobac.drafting.bodies import default_issuer

    committee = draft.round.committee
    return default_issuer(draft.issuing_unit, committee).name


def consolidated_text(round: ReportingRound, values: DraftValues) -> str:
    sections, rows = reporting_queries.consolidation(round)
    return reporting_outputs.consolidated_text(round, sections, rows, values)


def build(draft: DocumentDraft) -> tuple[bytes, str]:
    """The file ``draft`` describes, and its download name."""
    kind = DocumentKind(draft.kind)
    name = FILENAMES[kind].format(pk=draft.round.pk)
    if kind == DocumentKind.MATRIX:
        round = draft.reporting_round
        assert round is not None
        rows, counts = reporting_queries.matrix(round)
        data = reporting_outputs.matrix_workbook(
            round, rows, counts, signing_date=draft.signing_date
        )
        return data, name
    if kind == DocumentKind.NOMINEES:
        assert draft.commendation_round is not None
        data = commendation_outputs.list_workbook(
            draft.commendation_round,
            group_by_unit=draft.group_by_unit,
            tie_break=draft.tie_break or "given_middle_family",
            signing_date=draft.signing_date,
        )
        return data, name
    values = values_of(draft)
    if kind == DocumentKind.CONSOLIDATED:
        round = draft.reporting_round
        assert round is not None
        sections, rows = reporting_queries.consolidation(round)
        return reporting_outputs.consolidated_report(round, sections, rows, values), name
    if kind == DocumentKind.REMINDER:
        round = draft.reporting_round
        assert round is not None
        rows, _ = reporting_queries.matrix(round)
        pending = [r for r in rows if r.state in reporting_outputs.PENDING_STATES]
        data = reporting_outputs.reminder_letter(round, pending, values, total=len(rows))
        return data, name
    commendation = draft.commendation_round
    assert commendation is not None
    if kind == DocumentKind.PETITION:
        return commendation_outputs.petition_docx(commendation, values), name
    return commendation_outputs.decision_docx(commendation, values), name


def new_deadline_default(signing: dt.date) -> dt.date:
    return signing + dt.timedelta(days=7)
