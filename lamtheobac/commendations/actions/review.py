"""Write functions of the committee's review of nominations (docs/domain.md §4.6; issue 4):
return to the unit, shortlist, decide (checking the committee's quotas), and judge one
criterion by hand.

Each is atomic, needs MANAGE on the round's committee while the round is open or in review,
writes the audit record (filed under the nominating unit, like every event of a nomination)
and the nomination's state log and returns what it changed. Returning, shortlisting and
deciding are transitions of ``Nomination.workflow``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lamtheobac.commendations import queries, rules
from lamtheobac.commendations.access import authorize_runner
from lamtheobac.commendations.actions import CommendationAction, NominationStep
from lamtheobac.commendations.actions.nominations import (
    lock_nomination,
    log_nomination,
    log_step,
)
from lamtheobac.commendations.models import (
    AwardKind,
    Criterion,
    EligibilityOverride,
    Nomination,
    NominationState,
)
from lamtheobac.core.errors import DomainError, StateError
from lamtheobac.core.transitions import check_allowed, perform
from lamtheobac.notifications.services import notify_users
from lamtheobac.units.models import staff_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _require_review(nomination: Nomination, by: User | None) -> None:
    authorize_runner(by, nomination.round)
    if not nomination.round.in_review:
        raise StateError("Đợt khen thưởng không ở giai đoạn xét.")


@transaction.atomic
def return_nomination(
    nomination: Nomination, *, comment: str, version: int | None = None, by: User | None
) -> Nomination:
    """SUBMITTED/SHORTLISTED → RETURNED with a comment (``nomination.return``); the unit's
    staff are notified."""
    nomination = lock_nomination(nomination, version)
    _require_review(nomination, by)
    check_allowed(nomination, "return", by=by)
    if not comment.strip():
        raise DomainError("Hãy ghi ý kiến khi trả lại để đơn vị bổ sung.")
    previous = nomination.state
    nomination = perform(
        nomination,
        "return",
        by=by,
        unit=nomination.unit,
        changes={"return_comment": comment.strip()},
        reason=comment.strip(),
    )
    log_step(
        nomination,
        by=by,
        step=NominationStep.RETURNED,
        from_state=previous,
        comment=comment.strip(),
    )
    notify_users(
        staff_of(nomination.unit),
        message=(
            f"Đề nghị khen thưởng “{nomination.nominee_name}” ({nomination.round.title}) được "
            f"trả lại để bổ sung: {nomination.return_comment}"
        ),
        url=reverse("commendations:nomination", args=[nomination.pk]),
        subject="Đề nghị khen thưởng được trả lại",
    )
    return nomination


@transaction.atomic
def shortlist_nomination(
    nomination: Nomination, *, version: int | None = None, by: User | None
) -> Nomination:
    """SUBMITTED → SHORTLISTED (vào danh sách xét; ``nomination.shortlist``)."""
    nomination = lock_nomination(nomination, version)
    _require_review(nomination, by)
    nomination = perform(nomination, "shortlist", by=by, unit=nomination.unit)
    log_step(
        nomination, by=by, step=NominationStep.SHORTLISTED, from_state=NominationState.SUBMITTED
    )
    return nomination


@transaction.atomic
def decide_nomination(
    nomination: Nomination,
    *,
    award_kind: AwardKind | None,
    reason: str = "",
    version: int | None = None,
    by: User | None,
) -> Nomination:
    """Decide a shortlisted nomination: DECIDED with ``award_kind`` (``nomination.award``),
    or NOT_SELECTED when None (``nomination.not_select``). A decision for a nominee who
    failed a criterion, or changing an earlier decision, needs a written ``reason``.
    Committee quotas ("Đảng ủy Khối xét chọn 01 tập thể và 01 cá nhân … Bằng khen") are
    checked against the round's decisions, quoting the rule."""
    nomination = lock_nomination(nomination, version)
    _require_review(nomination, by)
    transition = "award" if award_kind is not None else "not_select"
    check_allowed(nomination, transition, by=by)
    target = nomination.workflow[transition].target
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
    nomination = perform(
        nomination,
        transition,
        by=by,
        unit=nomination.unit,
        changes={
            "award_kind": award_kind,
            "decision_reason": reason,
            "decided_at": timezone.now(),
        },
        reason=reason,
        audit_after={"award_kind": award_kind.pk if award_kind else None},
    )
    label = award_kind.name if award_kind else "không chọn"
    log_step(
        nomination,
        by=by,
        step=NominationStep.DECIDED,
        from_state=previous,
        comment=f"{label}. {reason}".strip(),
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
        counts = queries.quota_counts(decided)
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
    by: User,
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
        step=NominationStep.ELIGIBILITY_OVERRIDDEN,
        action=CommendationAction.ELIGIBILITY_OVERRIDDEN,
        comment=f"{criterion.text.strip()} — {verdict}: {reason.strip()}",
        before=before,
        after={"criterion": criterion.pk, "passed": passed, "reason": reason.strip()},
    )
    return override
