"""The dated things a user should see in their calendar and digest (issue 9 §7): open round
deadlines, open task due dates, inspection dates — all of their units', through the one
policy. Dates are calendar dates in Asia/Ho_Chi_Minh (docs/domain.md §5).

``EXTRA_SOURCES`` is the hook for other apps (the programme app's quarterly themed
sessions): append a function ``(policy, start, end) -> Iterable[Event]``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from lamtheobac.units.policy import Action, Policy


@dataclass(frozen=True)
class Event:
    uid: str  # stable across feeds: "<kind>-<pk>@lamtheobac"
    kind: str  # "round" | "task" | "inspection" | other apps' kinds
    summary: str
    day: dt.date  # the last day to act (a "trước ngày X" deadline: X - 1)
    url: str  # path in the app
    end: dt.date | None = None  # last day of a multi-day event, inclusive
    overdue: bool = False


EventSource = Callable[[Policy, dt.date, dt.date], Iterable[Event]]
EXTRA_SOURCES: list[EventSource] = []


def round_events(policy: Policy, start: dt.date, end: dt.date, *, limit: int) -> list[Event]:
    from lamtheobac.reporting.models import ReportingRoundState
    from lamtheobac.reporting.queries import visible_rounds

    rounds = (
        visible_rounds(policy)
        .filter(
            state=ReportingRoundState.OPEN,
            deadline__gte=start,
            deadline__lte=end + dt.timedelta(days=1),
        )
        .order_by("deadline", "pk")[:limit]
    )
    events = []
    for r in rounds:
        day = r.deadline - dt.timedelta(days=1) if r.deadline_exclusive else r.deadline
        if start <= day <= end:
            events.append(
                Event(
                    uid=f"round-{r.pk}@lamtheobac",
                    kind="round",
                    summary=f"Hạn báo cáo: {r.title} ({r.deadline_display})",
                    day=day,
                    url=reverse("reporting:round_detail", args=[r.pk]),
                )
            )
    return events


def task_events(
    policy: Policy, start: dt.date, end: dt.date, *, today: dt.date, limit: int
) -> list[Event]:
    from lamtheobac.tasks.queries import visible_tasks

    tasks = (
        visible_tasks(policy)
        .open()  # type: ignore[attr-defined]
        .filter(due__gte=start, due__lte=end)
        .order_by("due", "pk")[:limit]
    )
    events = []
    for t in tasks:
        day = t.due - dt.timedelta(days=1) if t.due_exclusive else t.due
        events.append(
            Event(
                uid=f"task-{t.pk}@lamtheobac",
                kind="task",
                summary=f"Nhiệm vụ ({t.lead.name}): {t.title[:120]}",
                day=day,
                url=reverse("tasks:detail", args=[t.pk]),
                overdue=t.is_overdue(today),
            )
        )
    return events


def inspection_events(policy: Policy, start: dt.date, end: dt.date, *, limit: int) -> list[Event]:
    from lamtheobac.inspections.models import Inspection, InspectionState

    scope = (
        policy.unit_filter(Action.READ_REPORTS, "programme__committee")
        | policy.unit_filter(Action.MANAGE, "programme__committee")
        | policy.unit_filter(Action.VIEW, "target")
    )
    inspections = (
        Inspection.objects.filter(scope)
        .filter(Q(start__lte=end) & Q(end__gte=start))
        .exclude(state=InspectionState.CLOSED)
        .select_related("target")
        .order_by("start", "pk")[:limit]
    )
    return [
        Event(
            uid=f"inspection-{i.pk}@lamtheobac",
            kind="inspection",
            summary=f"{i.get_kind_display()} {i.target.name}: {i.subject[:100]}",
            day=i.start,
            end=i.end,
            url=reverse("inspections:detail", args=[i.pk]),
        )
        for i in inspections
    ]


def events_for(
    policy: Policy, start: dt.date, end: dt.date, *, today: dt.date, limit: int = 2000
) -> list[Event]:
    """The events of the user's units between ``start`` and ``end`` (inclusive), by day:
    the earliest ``limit`` (one query per source, whatever the number of units)."""
    events = [
        *round_events(policy, start, end, limit=limit),
        *task_events(policy, start, end, today=today, limit=limit),
        *inspection_events(policy, start, end, limit=limit),
    ]
    for source in EXTRA_SOURCES:
        events.extend(source(policy, start, end))
    return sorted(events, key=lambda e: (e.day, e.kind, e.uid))[:limit]
