"""Write functions of the committee's review of nominations (DESIGN.md §4.6; issue 4):
return to the unit, shortlist, decide (checking the committee's quotas), and judge one
criterion by hand.

Each is atomic, needs MANAGE on the round's committee while the round is open or in review,
writes the audit record and the nomination's state log and returns what it changed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction
from django.utils import timezone

from lamtheobac.commendations import queries, rules
from lamtheobac.commendations.models import (
    AwardKind,
    Criterion,
    EligibilityOverride,
    Nomination,
    NominationState,
    RoundState,
)
from lamtheobac.commendations.services import lock_nomination, log_nomination
from lamtheobac.commendations.setup import require
from lamtheobac.core.errors import DomainError, StateError
from lamtheobac.notifications.services import notify_users
from lamtheobac.units.models import Role, RoleGrant, Unit
from lamtheobac.units.policy import Action


def _unit_staff(unit: Unit) -> list[Any]:
    grants = RoleGrant.objects.filter(unit=unit, role=Role.UNIT_STAFF).select_related("user")
    return [g.user for g in grants]


def _require_review(nomination: Nomination, by: Any) -> None:
    require(by, Action.MANAGE, nomination.round.committee)
    if nomination.round.state not in (RoundState.OPEN, RoundState.REVIEW):
        raise StateError("Đợt khen thưởng không ở giai đoạn xét.")


@transaction.atomic
def return_nomination(
    nomination: Nomination, *, comment: str, version: int | None = None, by: Any
) -> Nomination:
    """SUBMITTED/SHORTLISTED → RETURNED with a comment; the unit's staff are notified."""
    nomination = lock_nomination(nomination, version)
    _require_review(nomination, by)
    if nomination.state not in (NominationState.SUBMITTED, NominationState.SHORTLISTED):
        raise StateError("Chỉ trả lại được đề nghị đã gửi và chưa có quyết định.")
    if not comment.strip():
        raise DomainError("Hãy ghi ý kiến khi trả lại để đơn vị bổ sung.")
    previous = nomination.state
    nomination.state = NominationState.RETURNED
    nomination.return_comment = comment.strip()
    nomination.version += 1
    nomination.save()
    log_nomination(
        nomination, by=by, action="returned", from_state=previous, comment=comment.strip()
    )
    notify_users(
        _unit_staff(nomination.unit),
        message=(
            f"Đề nghị khen thưởng “{nomination.nominee_name}” ({nomination.round.title}) được "
            f"trả lại để bổ sung: {nomination.return_comment}"
        ),
        subject="Đề nghị khen thưởng được trả lại",
    )
    return nomination


@transaction.atomic
def shortlist(nomination: Nomination, *, version: int | None = None, by: Any) -> Nomination:
    """SUBMITTED → SHORTLISTED (vào danh sách xét)."""
    nomination = lock_nomination(nomination, version)
    _require_review(nomination, by)
    if nomination.state != NominationState.SUBMITTED:
        raise StateError("Chỉ đưa vào danh sách xét đề nghị đã gửi.")
    nomination.state = NominationState.SHORTLISTED
    nomination.version += 1
    nomination.save()
    log_nomination(nomination, by=by, action="shortlisted", from_state=NominationState.SUBMITTED)
    return nomination


@transaction.atomic
def decide(
    nomination: Nomination,
    *,
    award_kind: AwardKind | None,
    reason: str = "",
    version: int | None = None,
    by: Any,
) -> Nomination:
    """Decide a shortlisted nomination: DECIDED with ``award_kind``, or NOT_SELECTED when
    None. A decision for a nominee who failed a criterion, or changing an earlier decision,
    needs a written ``reason``. Committee quotas ("Đảng ủy Khối xét chọn 01 tập thể và 01 cá
    nhân … Bằng khen") are checked against the round's decisions, quoting the rule."""
    nomination = lock_nomination(nomination, version)
    _require_review(nomination, by)
    decidable = (
        NominationState.SHORTLISTED,
        NominationState.DECIDED,
        NominationState.NOT_SELECTED,
    )
    if nomination.state not in decidable:
        raise StateError("Chỉ quyết định đề nghị đã vào danh sách xét.")
    target = NominationState.DECIDED if award_kind is not None else NominationState.NOT_SELECTED
    if nomination.state == target and nomination.award_kind_id == (award_kind and award_kind.pk):
        return nomination
    reason = reason.strip()
    changing = nomination.state != NominationState.SHORTLISTED
    if changing and not reason:
        raise DomainError("Thay đổi quyết định đã có cần ghi rõ lý do.")
    if award_kind is not None:
        if not award_kind.is_active:
            raise DomainError("Hình thức khen thưởng này không còn dùng.")
        failed = queries.nomination_row(nomination).failed
        if failed and not reason:
            raise DomainError(
                "Đề nghị chưa đạt tiêu chuẩn ("
                + "; ".join(c.text.strip() for c, _ in failed)
                + "); khen thưởng cần ghi rõ lý do.",
                code="needs_reason",
            )
        _check_committee_quota(nomination, award_kind)
    previous = nomination.state
    before = {"state": previous, "award_kind": nomination.award_kind_id}
    nomination.state = target
    nomination.award_kind = award_kind
    nomination.decision_reason = reason
    nomination.decided_at = timezone.now()
    nomination.version += 1
    nomination.save()
    label = award_kind.name if award_kind else "không chọn"
    log_nomination(
        nomination,
        by=by,
        action="decided",
        from_state=previous,
        comment=f"{label}. {reason}".strip(),
        before=before,
        after={"state": target, "award_kind": award_kind.pk if award_kind else None},
    )
    return nomination


def _check_committee_quota(nomination: Nomination, award_kind: AwardKind) -> None:
    relevant = [
        r
        for r in queries.committee_rules(nomination.round)
        if r.award_kind_id in (None, award_kind.pk)
    ]
    for rule in relevant:
        decided = (
            Nomination.objects.decided().filter(round=nomination.round).exclude(pk=nomination.pk)
        )
        if rule.award_kind_id is not None:
            decided = decided.filter(award_kind_id=rule.award_kind_id)
        counts: Counter[str] = Counter()
        for nominee_unit_id in decided.values_list("nominee_unit_id", flat=True):
            counts[rules.COLLECTIVE if nominee_unit_id else rules.INDIVIDUAL] += 1
        refusal = rules.check_quota(rule, counts, nomination.nominee_kind.value)
        if refusal is not None:
            raise DomainError(refusal, code="over_quota")


@transaction.atomic
def override_eligibility(
    nomination: Nomination,
    *,
    criterion: Criterion,
    reason: str,
    passed: bool = True,
    by: Any,
) -> EligibilityOverride:
    """Staff judge one criterion of one nomination (a qualitative one, or a rating rule
    overruled), with a written reason kept in the override, the state log and the audit."""
    nomination = lock_nomination(nomination, None)
    _require_review(nomination, by)
    if criterion.round_id != nomination.round_id:
        raise DomainError("Tiêu chuẩn này không thuộc đợt khen thưởng.")
    if not reason.strip():
        raise DomainError("Hãy ghi rõ lý do xác nhận tiêu chuẩn.")
    existing = EligibilityOverride.objects.filter(
        nomination=nomination, criterion=criterion
    ).first()
    before = {"passed": existing.passed, "reason": existing.reason} if existing else None
    override, _ = EligibilityOverride.objects.update_or_create(
        nomination=nomination,
        criterion=criterion,
        defaults={"passed": passed, "reason": reason.strip(), "by": by},
    )
    nomination.version += 1
    nomination.save(update_fields=["version", "updated_at"])
    verdict = "đạt" if passed else "không đạt"
    log_nomination(
        nomination,
        by=by,
        action="eligibility_overridden",
        comment=f"{criterion.text.strip()} — {verdict}: {reason.strip()}",
        before=before,
        after={"criterion": criterion.pk, "passed": passed, "reason": reason.strip()},
    )
    return override
