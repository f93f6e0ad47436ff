"""A grassroots organisation's own commendation round (issue 9 §4; seeds 001, 003): a đảng bộ
cơ sở asked by its committee's round for its picks opens a round of its own for its cells and
members (the same criteria, dossier and per-unit quotas, copied), its cells nominate, its own
staff review and decide, and it forwards its picks upward into the committee's round as its own
nominations — under the committee round's quotas (``nominations.nominate``, the rule quoted
when over quota).

Each write is atomic, checks the acting user's right (``by=None`` is the system), audits, and
returns what it changed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.commendations.access import authorize_runner
from lamtheobac.commendations.actions import CommendationAction
from lamtheobac.commendations.actions.nominations import nominate_forwarded
from lamtheobac.commendations.models import (
    CommendationRound,
    CommendationRoundState,
    Criterion,
    DossierRequirement,
    Nomination,
    NominationState,
    QuotaRule,
    QuotaScope,
)
from lamtheobac.core.dates import short_date, today
from lamtheobac.core.errors import AccessDenied, DomainError, StateError
from lamtheobac.core.transitions import lock, perform
from lamtheobac.units.models import Unit, UnitKind
from lamtheobac.units.policy import Action, policy_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _copy(rows: models.QuerySet[Any], round: CommendationRound) -> None:
    """Copy ``rows`` (quota rules, criteria, dossier requirements) onto ``round``."""
    model = rows.model
    fields = [f.name for f in model._meta.concrete_fields if f.name not in ("id", "round")]
    model.objects.bulk_create(
        model(round=round, **{f: getattr(row, f) for f in fields}) for row in rows
    )


def child_round_of(parent: CommendationRound, unit: Unit) -> CommendationRound | None:
    return CommendationRound.objects.filter(parent=parent, committee=unit).first()


@transaction.atomic
def open_grassroots_round(
    parent: CommendationRound, *, unit: Unit, deadline: dt.date, by: User | None
) -> CommendationRound:
    """``unit`` (a đảng bộ cơ sở under ``parent``'s committee) opens its own round for its cells
    and members: the parent's criteria, dossier requirements and per-unit quotas copied, due by
    ``deadline`` (from today to ``parent``'s deadline), opened at once. Needs REPORT (its own
    staff) or MANAGE on ``unit``. Raises StateError / DomainError with the rule; nothing is
    created then. Returns the open round."""
    if by is not None:
        policy = policy_of(by)
        if not (policy.can(Action.REPORT, unit) or policy.can(Action.MANAGE, unit)):
            raise AccessDenied()
    parent = lock(parent)
    if parent.state != CommendationRoundState.OPEN:
        raise StateError("Đợt khen thưởng cấp trên chưa mở hoặc đã hết nhận đề nghị.")
    if unit.kind != UnitKind.GRASSROOTS_COMMITTEE or not unit.is_within(parent.committee):
        raise DomainError(
            "Chỉ đảng bộ cơ sở thuộc cấp ủy mở đợt mới mở đợt khen thưởng cho các chi bộ."
        )
    if child_round_of(parent, unit) is not None:
        raise DomainError(f"{unit.name} đã mở đợt khen thưởng của mình cho đợt này.")
    if deadline < today():
        raise DomainError("Hạn gửi hồ sơ của các chi bộ đã qua; hãy chọn một ngày từ hôm nay.")
    if parent.deadline and deadline > parent.deadline:
        raise DomainError(
            "Hạn gửi hồ sơ của các chi bộ phải trước hạn đề nghị lên cấp trên "
            f"({short_date(parent.deadline)})."
        )
    round = CommendationRound.objects.create(
        committee=unit,
        parent=parent,
        document=parent.document,
        title=parent.title,
        deadline=deadline,
        deadline_text=f"chậm nhất ngày {short_date(deadline)}",
        period_start=parent.period_start,
        period_end=parent.period_end,
        created_by=by or parent.created_by,
    )
    _copy(QuotaRule.objects.filter(round=parent, scope=QuotaScope.UNIT), round)
    _copy(Criterion.objects.filter(round=parent), round)
    _copy(DossierRequirement.objects.filter(round=parent), round)
    record(
        actor=by,
        action=CommendationAction.GRASSROOTS_ROUND_OPENED,
        target=round,
        unit=unit,
        after={"parent": parent.pk, "deadline": deadline},
    )
    return perform(round, "open", by=by, changes={"opened_at": timezone.now()})


@transaction.atomic
def forward_picks(round: CommendationRound, *, by: User | None) -> list[Nomination]:
    """Put the picks of a grassroots committee's own round (its nominations decided DECIDED)
    forward into the parent round as the grassroots committee's own nominations (drafts it then
    completes and submits there), each linked to its pick; picks already forwarded are skipped.
    Over the parent round's quota the whole step is refused with the rule quoted (nothing is
    forwarded). Needs the right to run ``round``. Raises DomainError without a parent round or
    without a pick left to forward."""
    authorize_runner(by, round)
    if round.parent_id is None:
        raise DomainError("Đợt này không phải đợt của đảng bộ cơ sở cho đợt cấp trên.")
    parent = CommendationRound.objects.get(pk=round.parent_id)
    picks = list(
        Nomination.objects.filter(round=round, state=NominationState.DECIDED)
        .exclude(forwarded_as__isnull=False)
        .select_related("round__committee", "nominee_unit", "nominee_person", "created_by")
        .order_by("pk")
    )
    if not picks:
        raise DomainError("Chưa có tập thể, cá nhân nào được chọn (hoặc đã đề nghị lên hết).")
    forwarded = [nominate_forwarded(parent, pick=pick, by=by) for pick in picks]
    record(
        actor=by,
        action=CommendationAction.PICKS_FORWARDED,
        target=round,
        unit=round.committee,
        after={"parent": parent.pk, "nominations": [n.pk for n in forwarded]},
    )
    return forwarded
