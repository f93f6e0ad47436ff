"""Write functions that set up a commendation round: prefill from a plan, edit, open, close.

Re-exported by ``services``; callers use ``lamtheobac.commendations.services``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.commendations import rules
from lamtheobac.commendations.models import (
    AppliesTo,
    AwardKind,
    CommendationRound,
    Criterion,
    CriterionKind,
    DossierRequirement,
    NominationEvent,
    NominationState,
    QuotaRule,
    QuotaScope,
    RoundState,
)
from lamtheobac.core.errors import DomainError, StaleEdit, StateError
from lamtheobac.documents.models import Document
from lamtheobac.ratings.models import RatingLevel
from lamtheobac.units.policy import Action, Policy

DEADLINE_WORDS = ("hồ sơ", "khen thưởng", "đề nghị")


def require(by: Any, action: Action, unit: Any) -> None:
    """Refuse (PermissionDenied) unless ``by`` may do ``action`` on ``unit`` (one policy)."""
    if not Policy(by).can(action, unit):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này trên đơn vị này.")


def lock_round(round: CommendationRound, version: int | None = None) -> CommendationRound:
    locked = CommendationRound.objects.select_for_update().get(pk=round.pk)
    if version is not None and locked.version != version:
        raise StaleEdit()
    return locked


# --- prefill from a plan ----------------------------------------------------------------


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


def quota_gaps(quota_rules: list[QuotaRule]) -> list[dict[str, str]]:
    """Member counts that no unit-scope rule covers, found at each rule's bounds
    ("dưới 200" / "trên 200" leave exactly 200 undefined): one warning per gap."""
    probes: set[int] = set()
    for r in quota_rules:
        if r.scope != QuotaScope.UNIT:
            continue
        for bound in (r.member_min, r.member_max):
            if bound is not None:
                probes.update(n for n in (bound - 1, bound, bound + 1) if n >= 0)
    warnings = []
    for n in sorted(probes):
        _, gap = rules.quota_for(quota_rules, n)
        if gap is not None:
            warnings.append({"code": "quota_gap", "message": gap})
    return warnings


def _warnings(round: CommendationRound, extraction: dict[str, Any]) -> list[dict[str, str]]:
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
    if not round.quota_rules.exists():
        warnings.append(
            {
                "code": "no_quota",
                "message": "Văn bản không nêu số lượng đề nghị; hãy thêm chỉ tiêu nếu có.",
            }
        )
    return warnings


@transaction.atomic
def create_commendation_round_from_document(*, document: Document, by: Any) -> CommendationRound:
    """Prefill a DRAFT round from a plan's extraction (DESIGN.md §4.6; issue 4 point 1).

    Deadline: the one about "hồ sơ"/"khen thưởng"/"đề nghị" (59-KH/ĐUK → before 05/5/2020);
    period: the plan's ``periods``, else the criteria's rating years; quota rules, criteria
    (rule-less ones become "manual") and dossier requirements as quoted. ``round.warnings``
    lists what the plan leaves open (the exactly-200 gap) for staff to decide. Staff manage
    the document's owner.
    """
    require(by, Action.MANAGE, document.owner)
    extraction = document.extraction or {}
    due, exclusive, words = _pick_deadline(document)
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
    round.warnings = _warnings(round, extraction)
    round.save(update_fields=["warnings"])
    record(
        actor=by,
        action="commendation_round.created",
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


# --- editing ----------------------------------------------------------------------------


def _require_not_decided(round: CommendationRound) -> None:
    if round.state == RoundState.DECIDED:
        raise StateError("Đợt khen thưởng đã có quyết định, không sửa được.")


@transaction.atomic
def update_commendation_round(
    round: CommendationRound,
    *,
    title: str,
    deadline: dt.date | None,
    deadline_exclusive: bool,
    accept_late: bool,
    period_start: dt.date | None,
    period_end: dt.date | None,
    version: int,
    by: Any,
) -> CommendationRound:
    """Edit a round's settings (not once decided). Raises StaleEdit on an old ``version``."""
    require(by, Action.MANAGE, round.committee)
    round = lock_round(round, version)
    _require_not_decided(round)
    if not title.strip():
        raise DomainError("Tên đợt khen thưởng không được để trống.")
    if period_start and period_end and period_start > period_end:
        raise DomainError("Thời gian tính thành tích: ngày bắt đầu sau ngày kết thúc.")
    fields = [
        "title",
        "deadline",
        "deadline_exclusive",
        "accept_late",
        "period_start",
        "period_end",
    ]
    before = {f: getattr(round, f) for f in fields}
    round.title = title.strip()
    round.deadline = deadline
    round.deadline_exclusive = deadline_exclusive
    round.accept_late = accept_late
    round.period_start = period_start
    round.period_end = period_end
    after = {f: getattr(round, f) for f in fields}
    if before == after:
        return round
    round.version += 1
    round.save()
    record(
        actor=by,
        action="commendation_round.updated",
        target=round,
        unit=round.committee,
        before=before,
        after=after,
    )
    return round


QUOTA_FIELDS = (
    "scope",
    "yearly",
    "member_min",
    "member_max",
    "collectives_min",
    "collectives_max",
    "individuals_min",
    "individuals_max",
    "total_min",
    "total_max",
    "award_kind",
    "text",
)


def _refresh_warnings(round: CommendationRound) -> None:
    others = [w for w in round.warnings if w.get("code") != "quota_gap"]
    round.warnings = quota_gaps(list(round.quota_rules.all())) + [
        w for w in others if w.get("code") != "no_quota" or not round.quota_rules.exists()
    ]
    round.save(update_fields=["warnings"])


@transaction.atomic
def save_quota_rule(
    round: CommendationRound, *, rule: QuotaRule | None = None, by: Any, **values: Any
) -> QuotaRule:
    """Add (``rule`` None) or edit a quota rule; ``values`` are QUOTA_FIELDS. Allowed until
    the round is decided — staff close the exactly-200 gap here (e.g. member_max=200).
    Re-checks the gaps and updates ``round.warnings``."""
    require(by, Action.MANAGE, round.committee)
    round = lock_round(round)
    _require_not_decided(round)
    unknown = set(values) - set(QUOTA_FIELDS)
    if unknown:
        raise DomainError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}.")
    if rule is None:
        last = round.quota_rules.aggregate(m=Max("position"))["m"] or 0
        rule = QuotaRule(round=round, position=last + 1)
    elif rule.round_id != round.pk:
        raise DomainError("Chỉ tiêu này không thuộc đợt khen thưởng.")
    before = {f: getattr(rule, f"{f}_id" if f == "award_kind" else f) for f in QUOTA_FIELDS}
    for name, value in values.items():
        setattr(rule, name, value.strip() if isinstance(value, str) else value)
    if not rule.text:
        raise DomainError("Hãy ghi nguyên văn quy định về số lượng.")
    for low, high, word in (
        ("member_min", "member_max", "số đảng viên"),
        ("collectives_min", "collectives_max", "số tập thể"),
        ("individuals_min", "individuals_max", "số cá nhân"),
        ("total_min", "total_max", "tổng số"),
    ):
        lo, hi = getattr(rule, low), getattr(rule, high)
        if lo is not None and hi is not None and lo > hi:
            raise DomainError(f"Chỉ tiêu: {word} tối thiểu lớn hơn tối đa.")
    rule.save()
    _refresh_warnings(round)
    record(
        actor=by,
        action="commendation_round.quota_rule_saved",
        target=round,
        unit=round.committee,
        before=before if before["text"] else None,
        after={f: getattr(rule, f"{f}_id" if f == "award_kind" else f) for f in QUOTA_FIELDS},
    )
    return rule


@transaction.atomic
def remove_quota_rule(round: CommendationRound, *, rule: QuotaRule, by: Any) -> None:
    require(by, Action.MANAGE, round.committee)
    round = lock_round(round)
    _require_not_decided(round)
    if rule.round_id != round.pk:
        raise DomainError("Chỉ tiêu này không thuộc đợt khen thưởng.")
    record(
        actor=by,
        action="commendation_round.quota_rule_removed",
        target=round,
        unit=round.committee,
        before={"text": rule.text},
    )
    rule.delete()
    _refresh_warnings(round)


@transaction.atomic
def save_criterion(
    round: CommendationRound,
    *,
    criterion: Criterion | None = None,
    applies_to: str,
    kind: str,
    text: str,
    min_level: str = "",
    years: list[int] | None = None,
    count: int | None = None,
    by: Any,
) -> Criterion:
    """Add or edit a criterion (before decisions). A rating rule needs a level; a count rule
    a number of years; "manual" keeps only the text for staff to judge."""
    require(by, Action.MANAGE, round.committee)
    round = lock_round(round)
    _require_not_decided(round)
    if applies_to not in AppliesTo.values or kind not in CriterionKind.values:
        raise DomainError("Tiêu chuẩn không hợp lệ.")
    if not text.strip():
        raise DomainError("Hãy ghi nguyên văn tiêu chuẩn.")
    if kind != CriterionKind.MANUAL and min_level not in RatingLevel.values:
        raise DomainError("Hãy chọn mức xếp loại tối thiểu.")
    if kind == CriterionKind.RATING_COUNT and not count:
        raise DomainError("Hãy ghi số năm cần đạt.")
    if kind in (CriterionKind.RATING_EACH_YEAR, CriterionKind.RATING_ANY_YEAR) and not years:
        raise DomainError("Hãy ghi các năm xét xếp loại.")
    if criterion is None:
        last = round.criteria.aggregate(m=Max("position"))["m"] or 0
        criterion = Criterion(round=round, position=last + 1)
    elif criterion.round_id != round.pk:
        raise DomainError("Tiêu chuẩn này không thuộc đợt khen thưởng.")
    before = {"kind": criterion.kind, "text": criterion.text} if criterion.pk else None
    criterion.applies_to = applies_to
    criterion.kind = kind
    criterion.text = text.strip()
    criterion.min_level = min_level if kind != CriterionKind.MANUAL else ""
    criterion.years = sorted({int(y) for y in years}) if years else None
    criterion.count = count if kind == CriterionKind.RATING_COUNT else None
    criterion.save()
    record(
        actor=by,
        action="commendation_round.criterion_saved",
        target=round,
        unit=round.committee,
        before=before,
        after={
            "applies_to": applies_to,
            "kind": kind,
            "min_level": criterion.min_level,
            "years": criterion.years,
            "count": criterion.count,
            "text": criterion.text,
        },
    )
    return criterion


@transaction.atomic
def save_dossier_requirement(
    round: CommendationRound,
    *,
    requirement: DossierRequirement | None = None,
    text: str,
    by: Any,
) -> DossierRequirement:
    """Add or rename one required dossier item (before decisions)."""
    require(by, Action.MANAGE, round.committee)
    round = lock_round(round)
    _require_not_decided(round)
    if not text.strip():
        raise DomainError("Thành phần hồ sơ không được để trống.")
    if requirement is None:
        last = round.dossier_requirements.aggregate(m=Max("position"))["m"] or 0
        requirement = DossierRequirement(round=round, position=last + 1)
    elif requirement.round_id != round.pk:
        raise DomainError("Thành phần hồ sơ này không thuộc đợt khen thưởng.")
    before = {"text": requirement.text} if requirement.pk else None
    requirement.text = text.strip()
    requirement.save()
    record(
        actor=by,
        action="commendation_round.requirement_saved",
        target=round,
        unit=round.committee,
        before=before,
        after={"text": requirement.text},
    )
    return requirement


# --- round states -----------------------------------------------------------------------


@transaction.atomic
def open_commendation_round(round: CommendationRound, *, by: Any) -> CommendationRound:
    """DRAFT → OPEN: units may nominate. Needs a nomination deadline."""
    require(by, Action.MANAGE, round.committee)
    round = lock_round(round)
    if round.state != RoundState.DRAFT:
        raise StateError("Đợt khen thưởng đã được mở.")
    if round.deadline is None:
        raise DomainError("Hãy nhập hạn gửi hồ sơ đề nghị khen thưởng trước khi mở đợt.")
    round.state = RoundState.OPEN
    round.opened_at = timezone.now()
    round.version += 1
    round.save()
    record(
        actor=by,
        action="commendation_round.opened",
        target=round,
        unit=round.committee,
        before={"state": RoundState.DRAFT},
        after={"state": RoundState.OPEN},
    )
    return round


@transaction.atomic
def close_nominations(round: CommendationRound, *, by: Any) -> CommendationRound:
    """OPEN → REVIEW: no new nominations; returned ones may still be resubmitted."""
    require(by, Action.MANAGE, round.committee)
    round = lock_round(round)
    if round.state != RoundState.OPEN:
        raise StateError("Đợt khen thưởng không ở trạng thái đang nhận đề nghị.")
    round.state = RoundState.REVIEW
    round.version += 1
    round.save()
    record(
        actor=by,
        action="commendation_round.review",
        target=round,
        unit=round.committee,
        before={"state": RoundState.OPEN},
        after={"state": RoundState.REVIEW},
    )
    return round


@transaction.atomic
def finish_commendation_round(round: CommendationRound, *, by: Any) -> CommendationRound:
    """REVIEW → DECIDED. Refused while shortlisted nominations await a decision; submitted
    ones that were never shortlisted become NOT_SELECTED (each logged)."""
    require(by, Action.MANAGE, round.committee)
    round = lock_round(round)
    if round.state != RoundState.REVIEW:
        raise StateError("Chỉ kết thúc được đợt đang xét.")
    pending = round.nominations.filter(state=NominationState.SHORTLISTED).count()
    if pending:
        raise DomainError(f"Còn {pending} đề nghị trong danh sách xét chưa có quyết định.")
    leftover = list(round.nominations.filter(state=NominationState.SUBMITTED))
    for nomination in leftover:
        nomination.state = NominationState.NOT_SELECTED
        nomination.version += 1
    round.nominations.model.objects.bulk_update(leftover, ["state", "version"])
    NominationEvent.objects.bulk_create(
        [
            NominationEvent(
                nomination=n,
                actor=by,
                action="round_finished",
                from_state=NominationState.SUBMITTED,
                to_state=NominationState.NOT_SELECTED,
            )
            for n in leftover
        ]
    )
    round.state = RoundState.DECIDED
    round.decided_at = timezone.now()
    round.version += 1
    round.save()
    record(
        actor=by,
        action="commendation_round.decided",
        target=round,
        unit=round.committee,
        before={"state": RoundState.REVIEW},
        after={"state": RoundState.DECIDED, "not_selected": len(leftover)},
    )
    return round
