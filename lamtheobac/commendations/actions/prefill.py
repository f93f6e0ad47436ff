"""Prefill a DRAFT commendation round from a plan's extraction (docs/domain.md §4.6; issue 4).

Reads what the reader found in the document — its deadlines, periods, quotas, criteria and
dossier items — into a round's settings and rows, and lists what the plan leaves open
(``round.warnings``) for staff to decide before opening the round (``setup.py``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction

from lamtheobac.audit.models import record
from lamtheobac.commendations.actions import CommendationAction
from lamtheobac.commendations.actions.round_rules import quota_gaps
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
from lamtheobac.core.dates import short_date, today
from lamtheobac.documents.models import Document
from lamtheobac.ratings.models import RatingLevel
from lamtheobac.units.policy import Action, authorize

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEADLINE_WORDS = ("hồ sơ", "khen thưởng", "đề nghị")


def _pick_deadline(document: Document) -> tuple[dt.date | None, bool, str]:
    """The nomination deadline: the one-off deadline whose words mention "hồ sơ",
    "khen thưởng" or "đề nghị" (most such words first, then the earliest)."""
    scored = []
    for d in document.deadlines.all():
        if d.due is None or d.frequency:
            continue
        words = f"{d.what} {d.text}".lower()
        hits = sum(w in words for w in DEADLINE_WORDS)
        if hits:
            scored.append((-hits, d.due, d.position, d))
    if not scored:
        return None, False, ""
    chosen = min(scored, key=lambda t: t[:3])[3]
    return chosen.due, chosen.exclusive, chosen.text


DEFAULT_LEAD = dt.timedelta(days=30)


def proposed_deadline(
    document: Document, due: dt.date | None, *, on: dt.date | None = None
) -> tuple[dt.date | None, str]:
    """The nomination deadline to prefill, and a note ("" if none) (issue 14 §3).

    The plan's deadline while it is still ahead; once it has passed (a round prefilled from an
    old plan), today plus the plan's own lead time (its deadline minus its date, when between 1
    and 365 days), else plus 30 days, with a note naming the plan's date — as reporting rounds
    do (``reporting.actions.rounds.proposed_deadline``). None stays None (no deadline found).
    Dates in Asia/Ho_Chi_Minh."""
    now = on or today()
    if due is None or due >= now:
        return due, ""
    lead = due - document.date if document.date else None
    if lead is None or not dt.timedelta(days=1) <= lead <= dt.timedelta(days=365):
        lead = DEFAULT_LEAD
    proposed = now + lead
    return proposed, (
        f"Hạn trong văn bản ({short_date(due)}) đã qua; đề xuất hạn mới {short_date(proposed)} "
        f"(hôm nay cộng {lead.days} ngày"
        + (" như thời gian văn bản dành cho đơn vị" if lead != DEFAULT_LEAD else "")
        + "). Hãy kiểm tra lại trước khi mở đợt."
    )


def _parse_day(value: Any, *, end: bool) -> dt.date | None:
    """An ISO date, or "YYYY-MM" (first or last day of that month), or "YYYY"."""
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        month = int(parts[1])
        day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def _period(extraction: dict[str, Any]) -> tuple[dt.date | None, dt.date | None, str]:
    """The achievement period: the plan's stated period, else the span of the criteria's
    rating years (e.g. 2017–2019 → 01/01/2017–31/12/2019). Returns (start, end, source)."""
    for period in extraction.get("periods") or []:
        start = _parse_day(period.get("start"), end=False)
        finish = _parse_day(period.get("end"), end=True)
        if start or finish:
            return start, finish, period.get("text") or ""
    years = [
        int(y)
        for c in extraction.get("criteria") or []
        for y in ((c.get("rule") or {}).get("years") or [])
    ]
    if years:
        return (
            dt.date(min(years), 1, 1),
            dt.date(max(years), 12, 31),
            "năm xếp loại trong tiêu chuẩn",
        )
    return None, None, ""


def _bound(node: Any, key: str) -> int | None:
    if not isinstance(node, dict):
        return None
    value = node.get(key)
    return int(value) if isinstance(value, int) else None


def _award_for(text: str, kinds: list[AwardKind]) -> AwardKind | None:
    lowered = text.lower()
    if "bằng khen" in lowered:
        return next((k for k in kinds if "bằng khen" in k.name.lower()), None)
    if "giấy khen" in lowered:
        return next((k for k in kinds if "giấy khen" in k.name.lower()), None)
    return None


def _quota_rule(
    round: CommendationRound, q: dict[str, Any], position: int, kinds: list[AwardKind]
) -> QuotaRule:
    condition = (q.get("condition") or {}).get("member_count") if q.get("condition") else None
    scope: str = q["scope"] if q.get("scope") in QuotaScope.values else QuotaScope.UNIT
    text = (q.get("text") or "").strip()
    return QuotaRule(
        round=round,
        scope=scope,
        yearly=q.get("period") == "yearly",
        member_min=_bound(condition, "min"),
        member_max=_bound(condition, "max"),
        collectives_min=_bound(q.get("collectives"), "min"),
        collectives_max=_bound(q.get("collectives"), "max"),
        individuals_min=_bound(q.get("individuals"), "min"),
        individuals_max=_bound(q.get("individuals"), "max"),
        total_min=_bound(q.get("total"), "min"),
        total_max=_bound(q.get("total"), "max"),
        award_kind=_award_for(text, kinds) if scope == QuotaScope.COMMITTEE else None,
        text=text,
        position=position,
    )


def _criterion(round: CommendationRound, c: dict[str, Any], position: int) -> Criterion:
    rule = c.get("rule") or {}
    kind = rule.get("kind")
    level = rule.get("min_level")
    if kind not in CriterionKind.values or level not in RatingLevel.values:
        kind, level = CriterionKind.MANUAL, ""
    applies_to = c.get("applies_to")
    years = rule.get("years") if kind != CriterionKind.MANUAL else None
    return Criterion(
        round=round,
        applies_to=applies_to if applies_to in AppliesTo.values else AppliesTo.INDIVIDUAL,
        kind=kind,
        min_level=level,
        years=[int(y) for y in years] if years else None,
        count=rule.get("count") if kind == CriterionKind.RATING_COUNT else None,
        text=(c.get("text") or "").strip(),
        position=position,
    )


def _warnings(
    round: CommendationRound, extraction: dict[str, Any], deadline_note: str = ""
) -> list[dict[str, str]]:
    warnings = quota_gaps(list(round.quota_rules.all()))
    if not warnings:
        warnings += [
            {"code": "quota_gap", "message": w.get("message", "")}
            for w in extraction.get("warnings") or []
            if isinstance(w, dict) and w.get("code") == "quota_gap"
        ]
    if round.deadline is None:
        warnings.append(
            {
                "code": "no_deadline",
                "message": "Không tìm thấy hạn gửi hồ sơ đề nghị khen thưởng trong văn bản; "
                "hãy nhập hạn trước khi mở đợt.",
            }
        )
    if deadline_note:
        warnings.append({"code": "past_plan_deadline", "message": deadline_note})
    if not round.quota_rules.exists():
        warnings.append(
            {
                "code": "no_quota",
                "message": "Văn bản không nêu số lượng đề nghị; hãy thêm chỉ tiêu nếu có.",
            }
        )
    return warnings


@transaction.atomic
def create_commendation_round_from_document(*, document: Document, by: User) -> CommendationRound:
    """Prefill a DRAFT round from a plan's extraction (docs/domain.md §4.6; issue 4 point 1).

    Deadline: the one about "hồ sơ"/"khen thưởng"/"đề nghị" (59-KH/ĐUK → before 05/5/2020);
    period: the plan's ``periods``, else the criteria's rating years; quota rules, criteria
    (rule-less ones become "manual") and dossier requirements as quoted. ``round.warnings``
    lists what the plan leaves open (the exactly-200 gap) for staff to decide. Staff manage
    the document's owner.
    """
    authorize(by, Action.MANAGE, document.owner)
    extraction = document.extraction or {}
    due, exclusive, words = _pick_deadline(document)
    # A plan's date already past is replaced by one from today (issue 14 §3); its words kept.
    due, deadline_note = proposed_deadline(document, due)
    start, end, _ = _period(extraction)
    label = document.title or document.display_name
    round = CommendationRound.objects.create(
        committee=document.owner,
        document=document,
        title=f"Khen thưởng điển hình tiên tiến — {label}"[:500],
        deadline=due,
        deadline_exclusive=exclusive,
        deadline_text=words[:255],
        period_start=start,
        period_end=end,
        created_by=by,
    )
    kinds = list(AwardKind.objects.filter(is_active=True))
    QuotaRule.objects.bulk_create(
        [
            _quota_rule(round, q, i, kinds)
            for i, q in enumerate(extraction.get("quotas") or [], start=1)
        ]
    )
    Criterion.objects.bulk_create(
        [_criterion(round, c, i) for i, c in enumerate(extraction.get("criteria") or [], start=1)]
    )
    DossierRequirement.objects.bulk_create(
        [
            DossierRequirement(round=round, text=(d.get("text") or "").strip(), position=i)
            for i, d in enumerate(extraction.get("dossier_items") or [], start=1)
            if (d.get("text") or "").strip()
        ]
    )
    round.warnings = _warnings(round, extraction, deadline_note)
    round.save(update_fields=["warnings"])
    record(
        actor=by,
        action=CommendationAction.ROUND_CREATED,
        target=round,
        unit=round.committee,
        after={
            "document": document.number,
            "deadline": round.deadline,
            "quota_rules": round.quota_rules.count(),
            "criteria": round.criteria.count(),
            "dossier_requirements": round.dossier_requirements.count(),
            "warnings": [w["code"] for w in round.warnings],
        },
    )
    return round
