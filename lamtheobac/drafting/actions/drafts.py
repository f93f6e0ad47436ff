"""Saving a draft: the document's values, the issuing body's profile and the remembered signer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from lamtheobac.audit.models import record
from lamtheobac.commendations.models import CommendationRound
from lamtheobac.drafting.access import NEEDED
from lamtheobac.drafting.actions import DraftingAudit
from lamtheobac.drafting.models import (
    SPREADSHEETS,
    DocumentDraft,
    DocumentKind,
    IssuingBody,
    SignerChoice,
)
from lamtheobac.registers.actions.registers import register_document
from lamtheobac.registers.models import RegisterEntry
from lamtheobac.reporting.models import ReportingRound
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import policy_of


@transaction.atomic
def save_draft(
    *,
    kind: DocumentKind,
    round: ReportingRound | CommendationRound,
    issuing_unit: Unit,
    values: dict[str, Any],
    by: Any,
) -> DocumentDraft:
    """Store a new ``DocumentDraft`` of ``kind`` for ``round`` from the form's ``values``.

    Also saves the issuing unit's header lines and symbol (``IssuingBody``) and, for a .docx,
    the signer for this unit and kind (``SignerChoice``), so the next draft starts from them.
    Raises ``AccessDenied`` without the kind's right on the round's committee. Audited as
    ``drafting.draft_saved``.
    """
    policy_of(by).require(NEEDED[kind], round.committee)
    fields = {
        "kind": kind,
        "issuing_unit": issuing_unit,
        "created_by": by,
        "reporting_round": round if isinstance(round, ReportingRound) else None,
        "commendation_round": round if isinstance(round, CommendationRound) else None,
    }
    for name in (
        "superior", "header", "symbol", "authority", "behalf", "title", "name", "serial",
        "rule_version", "spelling", "addressees", "recipients", "body_text", "tie_break",
    ):  # fmt: skip
        fields[name] = values.get(name) or ""
    fields["signing_date"] = values["signing_date"]
    if values.get("take_number") and not fields["serial"] and kind in KIND_CODES:
        fields["serial"] = str(_registered(kind, round, issuing_unit, fields, by).serial)
    fields["new_deadline"] = values.get("new_deadline")
    fields["group_by_unit"] = bool(values.get("group_by_unit"))
    draft = DocumentDraft.objects.create(**fields)
    if kind not in SPREADSHEETS:
        IssuingBody.objects.update_or_create(
            unit=issuing_unit,
            defaults={"superior": draft.superior, "header": draft.header, "symbol": draft.symbol},
        )
        SignerChoice.objects.update_or_create(
            unit=issuing_unit,
            kind=kind,
            defaults={
                "authority": draft.authority,
                "behalf": draft.behalf,
                "title": draft.title,
                "name": draft.name,
            },
        )
    record(
        actor=by,
        action=DraftingAudit.DRAFT_SAVED,
        target=draft,
        unit=round.committee,
        after={"kind": kind.value, "signing_date": _iso(draft.signing_date), "name": draft.name},
    )
    return draft


# The kind code each generated document takes in the register (docs/party-format.md §14.1).
KIND_CODES = {
    DocumentKind.CONSOLIDATED: "BC",
    DocumentKind.REMINDER: "CV",
    DocumentKind.PETITION: "TTr",
    DocumentKind.DECISION: "QĐ",
}


def _registered(
    kind: DocumentKind,
    round: ReportingRound | CommendationRound,
    issuing_unit: Unit,
    fields: dict[str, Any],
    by: Any,
) -> RegisterEntry:
    """The register entry that gives this draft its number: the next serial of the kind in the
    issuing unit's register for the signing year, taken in this transaction (a refused draft
    gives the number back). Raises DomainError when the unit has no issuer code."""
    title = getattr(round, "report_title", "") or round.title
    return register_document(
        unit=issuing_unit,
        kind=KIND_CODES[kind],
        title=f"{kind.label}: {title}",
        by=by,
        on=fields["signing_date"],
        recipients=str(fields.get("recipients") or ""),
    )


def _iso(day: dt.date) -> str:
    return day.isoformat()
