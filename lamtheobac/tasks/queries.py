"""Permission-scoped reads of tasks: a unit sees the tasks it leads or supports and those of
its subtree (issue 9 rules); each read owns its joins (constant queries in units)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from lamtheobac.core.dates import today
from lamtheobac.documents.models import Document
from lamtheobac.tasks.models import Recurrence, Task, TaskState
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, Policy

Support = Task.supports.through


def visible_tasks(policy: Policy) -> QuerySet[Task]:
    """Tasks whose lead or one of whose support units lies in the user's scope (VIEW)."""
    supported = Support.objects.filter(policy.unit_filter(Action.VIEW, "unit")).values("task_id")
    return Task.objects.filter(
        policy.unit_filter(Action.VIEW, "lead") | Q(pk__in=supported)
    ).select_related("lead", "committee")


def led_tasks(policy: Policy) -> QuerySet[Task]:
    """Tasks the user reports progress on: lead in their REPORT scope."""
    return Task.objects.filter(policy.unit_filter(Action.REPORT, "lead")).select_related(
        "lead", "committee"
    )


def supported_tasks(policy: Policy) -> QuerySet[Task]:
    """Tasks one of the user's units supports (phối hợp) without leading."""
    supported = Support.objects.filter(policy.unit_filter(Action.REPORT, "unit")).values("task_id")
    return (
        Task.objects.filter(pk__in=supported)
        .exclude(policy.unit_filter(Action.REPORT, "lead"))
        .select_related("lead", "committee")
    )


def task_for(policy: Policy, pk: int) -> Task:
    """The task ``pk`` if the user may see it, else 404 (it does not exist for them)."""
    task = visible_tasks(policy).filter(pk=pk).first()
    if task is None:
        raise Http404("Không tìm thấy nhiệm vụ.")
    return task


def may_report(policy: Policy, task: Task) -> bool:
    return policy.can(Action.REPORT, task.lead) or policy.can(Action.MANAGE, task.committee)


def with_supports(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """For task lists: support units prefetched, the plan's number loaded (not its text)."""
    return (
        tasks.select_related("plan")
        .defer("plan__text", "plan__extraction", "plan__outline")
        .prefetch_related("supports")
    )


@dataclass(frozen=True)
class Progress:
    """Counts of a set of tasks: per state, overdue, and "thường xuyên" ones."""

    total: int
    not_started: int
    in_progress: int
    done: int
    overdue: int
    continuous: int

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress(tasks: QuerySet[Task], on: dt.date | None = None) -> Progress:
    """One aggregate query over ``tasks``."""
    day = on or today()
    late = Q(state__in=[TaskState.NOT_STARTED, TaskState.IN_PROGRESS], due__isnull=False) & (
        Q(due__lt=day) | Q(due=day, due_exclusive=True)
    )
    row = tasks.order_by().aggregate(
        total=Count("pk"),
        not_started=Count("pk", filter=Q(state=TaskState.NOT_STARTED)),
        in_progress=Count("pk", filter=Q(state=TaskState.IN_PROGRESS)),
        done=Count("pk", filter=Q(state=TaskState.DONE)),
        overdue=Count("pk", filter=late),
        continuous=Count("pk", filter=Q(recurrence=Recurrence.CONTINUOUS)),
    )
    return Progress(**row)


def plan_tasks(document: Document) -> QuerySet[Task]:
    return with_supports(document.tasks.select_related("lead")).order_by("due", "pk")


def overdue_by_unit(
    tasks: QuerySet[Task], on: dt.date | None = None, *, limit: int = 15
) -> list[tuple[Unit, int]]:
    """The ``limit`` lead units with most overdue tasks and their counts (two queries)."""
    counts = Counter(
        dict(
            tasks.overdue(on)  # type: ignore[attr-defined]
            .order_by()
            .values_list("lead_id")
            .annotate(n=Count("pk"))
            .values_list("lead_id", "n")
        )
    )
    top = counts.most_common(limit)
    units = Unit.objects.in_bulk([pk for pk, _ in top])
    return [(units[pk], n) for pk, n in top if pk in units]
