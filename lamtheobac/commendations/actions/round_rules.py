"""Write functions for a commendation round's rules: quota rules, criteria and the dossier.

Staff add and edit these rows until the round is decided; every change of the quota rules
re-checks which member counts no rule covers (``quota_gaps``) and updates the round's
warnings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max

from lamtheobac.audit.models import record
from lamtheobac.commendations import rules
from lamtheobac.commendations.actions import CommendationAction
from lamtheobac.commendations.actions.setup import require_not_decided
from lamtheobac.commendations.models import (
    AppliesTo,
    CommendationRound,
    Criterion,
    CriterionKind,
    DossierRequirement,
    QuotaRule,
    QuotaScope,
)
from lamtheobac.core.errors import DomainError
from lamtheobac.core.transitions import lock
from lamtheobac.ratings.models import RatingLevel
from lamtheobac.units.policy import Action, authorize

if TYPE_CHECKING:
    from django.contrib.auth.models import User


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
    round: CommendationRound, *, rule: QuotaRule | None = None, by: User | None, **values: Any
) -> QuotaRule:
    """Add (``rule`` None) or edit a quota rule; ``values`` are QUOTA_FIELDS. Allowed until
    the round is decided — staff close the exactly-200 gap here (e.g. member_max=200).
    Re-checks the gaps and updates ``round.warnings``."""
    authorize(by, Action.MANAGE, round.committee)
    round = lock(round)
    require_not_decided(round)
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
        action=CommendationAction.QUOTA_RULE_SAVED,
        target=round,
        unit=round.committee,
        before=before if before["text"] else None,
        after={f: getattr(rule, f"{f}_id" if f == "award_kind" else f) for f in QUOTA_FIELDS},
    )
    return rule


@transaction.atomic
def remove_quota_rule(round: CommendationRound, *, rule: QuotaRule, by: User | None) -> None:
    authorize(by, Action.MANAGE, round.committee)
    round = lock(round)
    require_not_decided(round)
    if rule.round_id != round.pk:
        raise DomainError("Chỉ tiêu này không thuộc đợt khen thưởng.")
    record(
        actor=by,
        action=CommendationAction.QUOTA_RULE_REMOVED,
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
    by: User | None,
) -> Criterion:
    """Add or edit a criterion (before decisions). A rating rule needs a level; a count rule
    a number of years; "manual" keeps only the text for staff to judge."""
    authorize(by, Action.MANAGE, round.committee)
    round = lock(round)
    require_not_decided(round)
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
        action=CommendationAction.CRITERION_SAVED,
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
    by: User | None,
) -> DossierRequirement:
    """Add or rename one required dossier item (before decisions)."""
    authorize(by, Action.MANAGE, round.committee)
    round = lock(round)
    require_not_decided(round)
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
        action=CommendationAction.REQUIREMENT_SAVED,
        target=round,
        unit=round.committee,
        before=before,
        after={"text": requirement.text},
    )
    return requirement
