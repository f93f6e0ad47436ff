"""The committee's home dashboard (issue 9 §8): open rounds with progress, overdue tasks by
unit, deadlines of the next 30 days, charts. A fixed number of queries whatever the number
of units (measured by ``lamtheobac bench``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.safestring import SafeString

from lamtheobac.agenda import charts
from lamtheobac.agenda.events import Event, events_for
from lamtheobac.core.dates import today
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, Policy

UPCOMING_DAYS = 30
UPCOMING_SHOWN = 40


@dataclass(frozen=True)
class RoundProgress:
    round: Any
    targets: int
    submitted: int
    accepted: int

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.targets) if self.targets else 0


@dataclass(frozen=True)
class Dashboard:
    rounds: list[RoundProgress]
    overdue_by_unit: list[tuple[Unit, int]]
    upcoming: list[Event]
    task_chart: SafeString
    overdue_chart: SafeString
    tasks_total: int


def committee_dashboard(policy: Policy, *, on: dt.date | None = None) -> Dashboard | None:
    """The dashboard of a user who reads a committee's reports, or None for others."""
    from lamtheobac.reporting.models import (
        ReportingRound,
        ReportingRoundState,
        ReportState,
        RoundTarget,
        UnitReport,
    )
    from lamtheobac.tasks.queries import overdue_by_unit, progress, visible_tasks

    if not policy.has_any(Action.READ_REPORTS):
        return None
    day = on or today()
    open_rounds = list(
        ReportingRound.objects.filter(policy.unit_filter(Action.READ_REPORTS, "committee"))
        .filter(state=ReportingRoundState.OPEN)
        .order_by("deadline", "pk")[:20]
    )
    ids = [r.pk for r in open_rounds]
    # Counted per table, not over a join of targets × reports (that join grows as N²).
    targets: dict[int, int] = dict(
        RoundTarget.objects.filter(round_id__in=ids)
        .order_by()
        .values_list("round_id")
        .annotate(n=Count("pk"))
        .values_list("round_id", "n")
    )
    reports: dict[int, dict[str, int]] = {
        row["round_id"]: {"submitted": row["submitted"], "accepted": row["accepted"]}
        for row in UnitReport.objects.filter(round_id__in=ids)
        .order_by()
        .values("round_id")
        .annotate(
            submitted=Count(
                "pk", filter=Q(state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED])
            ),
            accepted=Count("pk", filter=Q(state=ReportState.ACCEPTED)),
        )
    }
    rounds = [
        RoundProgress(
            r,
            targets.get(r.pk, 0),
            reports.get(r.pk, {}).get("submitted", 0),
            reports.get(r.pk, {}).get("accepted", 0),
        )
        for r in open_rounds
    ]
    tasks = visible_tasks(policy)
    overdue = overdue_by_unit(tasks, day, limit=15)
    counts = progress(tasks, day)
    task_chart = charts.stacked(
        [
            ("Chưa thực hiện", counts.not_started, "#9ca3af"),
            ("Đang thực hiện", counts.in_progress, "#2563eb"),
            ("Hoàn thành", counts.done, "#15803d"),
            ("Quá hạn", counts.overdue, "#b91c1c"),
        ],
        title="Nhiệm vụ theo tình trạng",
    )
    overdue_chart = charts.hbars(
        [(u.name, n) for u, n in overdue], title="Nhiệm vụ quá hạn theo đơn vị chủ trì"
    )
    upcoming = events_for(
        policy, day, day + dt.timedelta(days=UPCOMING_DAYS), today=day, limit=UPCOMING_SHOWN
    )
    return Dashboard(rounds, overdue, upcoming, task_chart, overdue_chart, counts.total)
