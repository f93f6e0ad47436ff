"""Nhiệm vụ: work a plan (or an inspection, or staff by hand) assigns to a lead unit (chủ trì)
with support units (phối hợp), by a due date or on a recurrence (docs/domain.md §3, §5).

A recurring duty ("hằng quý", "hằng năm") is stored as one task per concrete occurrence
(Quý I … Quý IV/2022), sharing a ``series`` key; "thường xuyên" is one task without a due
date that still appears in progress reviews.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from lamtheobac.core.dates import due_instant, short_date, today
from lamtheobac.core.models import StoredFile
from lamtheobac.core.transitions import Stateful, Transition, Workflow
from lamtheobac.documents.models import Document
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action


class TaskState(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"


class Recurrence(models.TextChoices):
    ONCE = "once", "Một lần"
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"
    YEARLY = "yearly", "Hằng năm"
    CONTINUOUS = "continuous", "Thường xuyên"


class Origin(models.TextChoices):
    PLAN = "plan", "Từ kế hoạch"
    MANUAL = "manual", "Giao trực tiếp"
    INSPECTION = "inspection", "Kiến nghị sau kiểm tra, giám sát"


_OPEN = [TaskState.NOT_STARTED, TaskState.IN_PROGRESS]


def _transitions(suffix: str, action: Action, on: str) -> tuple[Transition, ...]:
    return (
        Transition(
            f"start{suffix}",
            source=frozenset({TaskState.NOT_STARTED}),
            target=TaskState.IN_PROGRESS,
            action=action,
            on=on,
            label="Bắt đầu thực hiện",
        ),
        Transition(
            f"finish{suffix}",
            source=frozenset(_OPEN),
            target=TaskState.DONE,
            action=action,
            on=on,
            label="Báo cáo hoàn thành",
        ),
        Transition(
            f"reopen{suffix}",
            source=frozenset({TaskState.DONE}),
            target=TaskState.IN_PROGRESS,
            action=action,
            on=on,
            label="Mở lại",
        ),
    )


TASK_WORKFLOW = Workflow(
    key="task",
    states=TaskState,
    initial=TaskState.NOT_STARTED,
    # The lead unit's staff report progress; the assigning committee's staff may record it
    # for a lead that has no account of its own (a board, a State office).
    transitions=_transitions("", Action.REPORT, "lead")
    + _transitions("_for_lead", Action.MANAGE, "committee"),
)


class TaskQuerySet(models.QuerySet["Task"]):
    def open(self) -> TaskQuerySet:
        return self.filter(state__in=_OPEN)

    def overdue(self, on: dt.date | None = None) -> TaskQuerySet:
        """Open tasks whose due date has passed on ``on`` (default today, Asia/Ho_Chi_Minh).

        A "trước ngày X" task is late from 00:00 of X, any other from 00:00 of the next day
        (docs/domain.md §5)."""
        day = on or today()
        return self.open().filter(
            models.Q(due__lt=day) | models.Q(due=day, due_exclusive=True), due__isnull=False
        )

    def due_between(self, start: dt.date, end: dt.date) -> TaskQuerySet:
        return self.open().filter(due__gte=start, due__lte=end)


class Task(Stateful):
    """One tracked piece of work; its lead unit reports progress, support units see it."""

    committee = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="assigned_tasks", verbose_name="cấp giao"
    )
    plan = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name="kế hoạch",
    )
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.MANUAL)
    title = models.TextField("nội dung nhiệm vụ")
    lead = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="led_tasks", verbose_name="đơn vị chủ trì"
    )
    supports = models.ManyToManyField(
        Unit, blank=True, related_name="supported_tasks", verbose_name="đơn vị phối hợp"
    )
    due = models.DateField("hạn", null=True, blank=True)
    due_exclusive = models.BooleanField("trước ngày (không tính ngày hạn)", default=False)
    due_text = models.CharField("nguyên văn thời hạn", max_length=255, blank=True)
    recurrence = models.CharField(
        "định kỳ", max_length=16, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    occurrence = models.CharField("kỳ", max_length=40, blank=True, help_text="Ví dụ: Quý II/2022.")
    series = models.CharField(max_length=40, blank=True, db_index=True)
    state = models.CharField(
        max_length=16, choices=TaskState.choices, default=TaskState.NOT_STARTED
    )
    result = models.TextField("kết quả", blank=True)
    progress_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    workflow = TASK_WORKFLOW
    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["due", "pk"]
        indexes = [
            models.Index(fields=["committee", "state", "due"]),
            models.Index(fields=["lead", "state", "due"]),
        ]

    def __str__(self) -> str:
        return self.title[:80]

    @property
    def is_open(self) -> bool:
        return self.state in _OPEN

    @property
    def due_display(self) -> str:
        """ "trước ngày 30/4/2022", "30/6/2022 (Quý II/2022)", "Thường xuyên"."""
        if self.recurrence == Recurrence.CONTINUOUS:
            return "Thường xuyên"
        if self.due is None:
            return "Chưa định hạn"
        word = "trước ngày " if self.due_exclusive else ""
        label = f" ({self.occurrence})" if self.occurrence else ""
        return f"{word}{short_date(self.due)}{label}"

    def is_overdue(self, on: dt.date | None = None) -> bool:
        if not self.is_open or self.due is None:
            return False
        return due_instant(self.due, exclusive=self.due_exclusive).date() <= (on or today())


class TaskFile(StoredFile):
    """A file the lead unit attaches to its progress (minutes, report, photos)."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to="tasks/%Y/%m/")

    class Meta(StoredFile.Meta):
        verbose_name = "tệp nhiệm vụ"
        verbose_name_plural = "tệp nhiệm vụ"


class TaskReminder(models.Model):
    """One overdue reminder sent for a task on a day: makes the reminder job idempotent."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "day"], name="one_reminder_a_day")]

    def __str__(self) -> str:
        return f"{self.task_id} @ {self.day}"
