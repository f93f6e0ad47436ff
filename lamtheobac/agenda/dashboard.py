"""The committee's home dashboard (issue 9 §8): open rounds with progress, overdue tasks by
unit, deadlines of the next 30 days, charts. A fixed number of queries whatever the number
of units (measured by ``lamtheobac bench``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
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

    def per_round(model: Any, condition: Q | None = None) -> Coalesce:
        """A correlated count of ``model`` rows of each round (``condition`` on them)."""
        rows = model.objects.filter(round=OuterRef("pk"))
        if condition is not None:
            rows = rows.filter(condition)
        counted = rows.order_by().values("round").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted), 0)

    # One query: the open rounds with their counts, each counted on its own table (a join of
    # targets × reports would grow as N²); a fixed number of queries whatever the units.
    open_rounds = list(
        ReportingRound.objects.filter(policy.unit_filter(Action.READ_REPORTS, "committee"))
        .filter(state=ReportingRoundState.OPEN)
        .annotate(
            n_targets=per_round(RoundTarget),
            n_submitted=per_round(
                UnitReport, Q(state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED])
            ),
            n_accepted=per_round(UnitReport, Q(state=ReportState.ACCEPTED)),
        )
        .order_by("deadline", "pk")[:20]
    )
    rounds = [RoundProgress(r, r.n_targets, r.n_submitted, r.n_accepted) for r in open_rounds]
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
