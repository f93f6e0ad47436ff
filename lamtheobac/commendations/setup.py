"""Write functions of a commendation round itself: its settings and its states.

A round is prefilled from a plan (``prefill.py``) as a DRAFT; staff edit its settings here
and its quota rules, criteria and dossier requirements in ``round_rules.py``; then open it
(DRAFT → OPEN), stop taking nominations (OPEN → REVIEW) and finish it (REVIEW → DECIDED)
here. The guards every commendation write shares (``require``, ``lock_round``,
``require_not_decided``) live here too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.commendations.models import (
    CommendationRound,
    NominationEvent,
    NominationState,
    RoundState,
)
from lamtheobac.core.errors import DomainError, StaleEdit, StateError
from lamtheobac.units.policy import Action, Policy


def require(by: Any, action: Action, unit: Any) -> None:
    """Refuse (PermissionDenied) unless ``by`` may do ``action`` on ``unit`` (one policy)."""
    if not Policy(by).can(action, unit):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này trên đơn vị này.")


def lock_round(round: CommendationRound, version: int | None = None) -> CommendationRound:
    locked = CommendationRound.objects.select_for_update().get(pk=round.pk)
    if version is not None and locked.version != version:
        raise StaleEdit()
    return locked


def require_not_decided(round: CommendationRound) -> None:
    if round.state == RoundState.DECIDED:
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
    by: Any,
) -> CommendationRound:
    """Edit a round's settings (not once decided). Raises StaleEdit on an old ``version``."""
    require(by, Action.MANAGE, round.committee)
    round = lock_round(round, version)
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
