"""Write functions of a commendation round itself: its settings and its states.

A round is prefilled from a plan (``prefill.py``) as a DRAFT; staff edit its settings here
and its quota rules, criteria and dossier requirements in ``round_rules.py``; then open it
(DRAFT → OPEN), stop taking nominations (OPEN → REVIEW) and finish it (REVIEW → DECIDED)
here, through the transitions of ``CommendationRound.workflow``. Each needs MANAGE on the
round's committee (``by=None`` is the system). ``require_not_decided`` is shared by every
write that edits a round.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.commendations.actions import CommendationAction, NominationStep
from lamtheobac.commendations.models import (
    CommendationRound,
    Nomination,
    NominationEvent,
    NominationState,
)
from lamtheobac.core.errors import DomainError, StateError
from lamtheobac.core.transitions import check_allowed, lock, perform, perform_many
from lamtheobac.notifications import moments
from lamtheobac.units.policy import Action, authorize

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def require_not_decided(round: CommendationRound) -> None:
    """Refuse (StateError) any change of a decided round."""
    if round.is_decided:
        raise StateError("Đợt khen thưởng đã có quyết định, không sửa được.")


# --- settings ---------------------------------------------------------------------------


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
    by: User | None,
    reference_date: dt.date | None = None,
) -> CommendationRound:
    """Edit a round's settings (not once decided). Raises StaleEdit on an old ``version``.
    ``reference_date`` None: the default (``CommendationRound.default_reference_date``)."""
    authorize(by, Action.MANAGE, round.committee)
    round = lock(round, version)
    require_not_decided(round)
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
        "reference_date",
    ]
    before = {f: getattr(round, f) for f in fields}
    round.title = title.strip()
    round.deadline = deadline
    round.deadline_exclusive = deadline_exclusive
    round.accept_late = accept_late
    round.period_start = period_start
    round.period_end = period_end
    round.reference_date = reference_date or round.default_reference_date()
    after = {f: getattr(round, f) for f in fields}
    if before == after:
        return round
    if before["deadline"] != deadline and deadline is not None:
        # Staff chose the date: the prefill's notes about the plan's deadline are settled.
        round.warnings = [
            w for w in round.warnings if w.get("code") not in ("past_plan_deadline", "no_deadline")
        ]
    round.version += 1
    round.save()
    record(
        actor=by,
        action=CommendationAction.ROUND_UPDATED,
        target=round,
        unit=round.committee,
        before=before,
        after=after,
    )
    return round


# --- round states -----------------------------------------------------------------------


@transaction.atomic
def open_commendation_round(round: CommendationRound, *, by: User | None) -> CommendationRound:
    """DRAFT → OPEN (``commendation_round.open``): units may nominate. Needs a deadline."""
    round = lock(round)
    check_allowed(round, "open", by=by)
    if round.deadline is None:
        raise DomainError("Hãy nhập hạn gửi hồ sơ đề nghị khen thưởng trước khi mở đợt.")
    round = perform(round, "open", by=by, changes={"opened_at": timezone.now()})
    moments.commendation_round_opened(round)  # the units' staff hear of it (issue 14 §6)
    return round


@transaction.atomic
def close_nominations(round: CommendationRound, *, by: User | None) -> CommendationRound:
    """OPEN → REVIEW (``commendation_round.close_nominations``): no new nominations;
    returned ones may still be resubmitted."""
    return perform(round, "close_nominations", by=by)


@transaction.atomic
def finish_commendation_round(round: CommendationRound, *, by: User | None) -> CommendationRound:
    """REVIEW → DECIDED (``commendation_round.finish``). Refused while shortlisted
    nominations await a decision; submitted ones that were never shortlisted become
    NOT_SELECTED through ``nomination.leave_unselected``: each audited and logged."""
    round = lock(round)
    check_allowed(round, "finish", by=by)
    pending = round.nominations.filter(state=NominationState.SHORTLISTED).count()
    if pending:
        raise DomainError(f"Còn {pending} đề nghị trong danh sách xét chưa có quyết định.")
    leftover = perform_many(
        Nomination.objects.filter(round=round).select_related("unit", "round__committee"),
        "leave_unselected",
        by=by,
        unit_path="unit",
    )
    NominationEvent.objects.bulk_create(
        [
            NominationEvent(
                nomination=n,
                actor=by,
                action=NominationStep.ROUND_FINISHED,
                from_state=NominationState.SUBMITTED,
                to_state=NominationState.NOT_SELECTED,
            )
            for n in leftover
        ]
    )
    return perform(
        round,
        "finish",
        by=by,
        changes={"decided_at": timezone.now()},
        audit_after={"not_selected": len(leftover)},
    )
