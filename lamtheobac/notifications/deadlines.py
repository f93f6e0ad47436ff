"""Deadline approaching (issue 14 §6): tell the units that have not yet done what a round
asks, a set number of days before its deadline.

- a reporting round: the staff of each target unit that has not submitted;
- a commendation round: the staff of each unit holding a nomination not yet sent (a draft
  or a returned one).

``days`` (default ``settings.DEADLINE_NOTICE_DAYS``, e.g. ``[7, 1]``) are the thresholds: on a
day when a deadline is at most ``d`` days away, the smallest such ``d`` is the notice due, and
each (round, unit, d) is told once (``SentNotice``): the job may run many times a day, or
miss a day, and still send each notice once. Days are calendar days in Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from lamtheobac.core.dates import today
from lamtheobac.notifications.models import SentNotice
from lamtheobac.notifications.services import notify_users
from lamtheobac.units.models import Unit, unit_staff


def _threshold(deadline: dt.date, on: dt.date, days: Sequence[int]) -> int | None:
    """The smallest threshold the deadline is within, or None (past, or not yet near)."""
    left = (deadline - on).days
    due = [d for d in days if 0 <= left <= d]
    return min(due) if due else None


def _when(deadline: dt.date, on: dt.date) -> str:
    left = (deadline - on).days
    return "hôm nay là ngày cuối" if left == 0 else f"còn {left} ngày"


def _claim(key: str) -> bool:
    """Record that the notice ``key`` is sent; False when it already was."""
    try:
        with transaction.atomic():
            SentNotice.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def send_deadline_notices(*, on: dt.date | None = None, days: Sequence[int] | None = None) -> int:
    """Send the notices due ``on`` (default today); returns how many units were told."""
    from lamtheobac.commendations.models import (
        EDITABLE_STATES,
        CommendationRound,
        CommendationRoundState,
        Nomination,
    )
    from lamtheobac.reporting.models import (
        ReportingRound,
        ReportingRoundState,
        RoundTarget,
        UnitReport,
    )

    day = on or today()
    days = sorted({d for d in (days if days is not None else settings.DEADLINE_NOTICE_DAYS)})
    if not days:
        return 0
    horizon = day + dt.timedelta(days=max(days))
    told = 0

    rounds = ReportingRound.objects.filter(
        state=ReportingRoundState.OPEN, deadline__gte=day, deadline__lte=horizon
    )
    for round in rounds:
        threshold = _threshold(round.deadline, day, days)
        if threshold is None:
            continue
        done = set(
            UnitReport.objects.filter(round=round)
            .submitted_or_later()
            .values_list("unit_id", flat=True)
        )
        pending = [
            t
            for t in RoundTarget.objects.filter(round=round).select_related("unit")
            if t.unit_id not in done
        ]
        staff = unit_staff(t.unit for t in pending)
        for t in pending:
            with transaction.atomic():
                if not _claim(f"reporting:{round.pk}:{t.unit_id}:{threshold}"):
                    continue
                notify_users(
                    staff[t.unit_id],
                    message=(
                        f"Sắp đến hạn ({_when(round.deadline, day)}): {t.unit_name} chưa nộp "
                        f"báo cáo “{round.title}”, hạn {round.deadline_display}."
                    ),
                    url=reverse("reporting:report_edit", args=[round.pk, t.unit_id]),
                    subject="Sắp đến hạn nộp báo cáo",
                )
                told += 1

    commendation_rounds = CommendationRound.objects.filter(
        state=CommendationRoundState.OPEN, deadline__gte=day, deadline__lte=horizon
    )
    for cround in commendation_rounds:
        assert cround.deadline is not None  # filtered above
        threshold = _threshold(cround.deadline, day, days)
        if threshold is None:
            continue
        waiting = sorted(
            set(
                Nomination.objects.filter(round=cround, state__in=EDITABLE_STATES).values_list(
                    "unit_id", flat=True
                )
            )
        )
        units = list(Unit.objects.filter(pk__in=waiting))
        staff = unit_staff(units)
        for unit in units:
            with transaction.atomic():
                if not _claim(f"commendation:{cround.pk}:{unit.pk}:{threshold}"):
                    continue
                notify_users(
                    staff[unit.pk],
                    message=(
                        f"Sắp đến hạn ({_when(cround.deadline, day)}): {unit.name} còn đề nghị "
                        f"khen thưởng chưa gửi trong đợt “{cround.title}”, hạn "
                        f"{cround.deadline_display}."
                    ),
                    url=reverse("commendations:unit_nominations", args=[cround.pk, unit.pk]),
                    subject="Sắp đến hạn gửi đề nghị khen thưởng",
                )
                told += 1
    return told
