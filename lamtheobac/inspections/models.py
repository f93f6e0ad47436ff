"""Kiểm tra, giám sát: a committee's (or a grassroots committee's) yearly programme of
inspections; each inspection's recommendations are followed as tasks of the inspected unit
until closed (seed 002 §5, seed 004 §II.7; docs/domain.md §3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lamtheobac.core.dates import short_date
from lamtheobac.core.transitions import Stateful, Transition, Workflow
from lamtheobac.registers.models import RegisterEntry
from lamtheobac.tasks.models import Task
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action


class InspectionProgramme(models.Model):
    committee = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="inspection_programmes", verbose_name="cấp ủy"
    )
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("tên chương trình", max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "chương trình kiểm tra, giám sát"
        verbose_name_plural = "chương trình kiểm tra, giám sát"
        ordering = ["-year", "committee__path"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="one_programme_a_year")
        ]

    def __str__(self) -> str:
        return self.title


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", "Kiểm tra"
    SUPERVISION = "supervision", "Giám sát"


class InspectionState(models.TextChoices):
    PLANNED = "planned", "Trong chương trình"
    NOTIFIED = "notified", "Đã thông báo"
    IN_PROGRESS = "in_progress", "Đang tiến hành"
    CONCLUDED = "concluded", "Đã kết luận"
    CLOSED = "closed", "Đã hoàn thành khắc phục"


def _pair(name: str, source: frozenset[str], target: str, label: str) -> tuple[Transition, ...]:
    # A committee's staff (MANAGE) run its programme; a grassroots committee's own staff
    # (REPORT on it) run theirs.
    return (
        Transition(
            name,
            source=source,
            target=target,
            action=Action.MANAGE,
            on="programme.committee",
            label=label,
        ),
        Transition(
            f"{name}_grassroots",
            source=source,
            target=target,
            action=Action.REPORT,
            on="programme.committee",
            label=label,
        ),
    )


INSPECTION_WORKFLOW = Workflow(
    key="inspection",
    states=InspectionState,
    initial=InspectionState.PLANNED,
    transitions=(
        *_pair(
            "notify",
            frozenset({InspectionState.PLANNED}),
            InspectionState.NOTIFIED,
            "Gửi thông báo",
        ),
        *_pair(
            "start", frozenset({InspectionState.NOTIFIED}), InspectionState.IN_PROGRESS, "Bắt đầu"
        ),
        *_pair(
            "conclude",
            frozenset({InspectionState.IN_PROGRESS}),
            InspectionState.CONCLUDED,
            "Kết luận",
        ),
        *_pair(
            "close", frozenset({InspectionState.CONCLUDED}), InspectionState.CLOSED, "Hoàn thành"
        ),
    ),
)


class Inspection(Stateful):
    programme = models.ForeignKey(
        InspectionProgramme, on_delete=models.PROTECT, related_name="inspections"
    )
    kind = models.CharField(
        "hình thức",
        max_length=16,
        choices=InspectionKind.choices,
        default=InspectionKind.INSPECTION,
    )
    target = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="inspections", verbose_name="đối tượng"
    )
    subject = models.TextField("nội dung", help_text="Ví dụ: việc thực hiện Kết luận số 01-KL/TW.")
    team = models.TextField("đoàn kiểm tra", blank=True, help_text="Mỗi thành viên một dòng.")
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    state = models.CharField(
        max_length=16, choices=InspectionState.choices, default=InspectionState.PLANNED
    )
    notice = models.ForeignKey(
        RegisterEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    findings = models.TextField("kết quả kiểm tra", blank=True)
    conclusions = models.TextField("kết luận", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    workflow = INSPECTION_WORKFLOW

    class Meta:
        verbose_name = "cuộc kiểm tra, giám sát"
        verbose_name_plural = "cuộc kiểm tra, giám sát"
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target.name}"

    @property
    def dates_display(self) -> str:
        return f"{short_date(self.start)} – {short_date(self.end)}"


class Recommendation(models.Model):
    """Kiến nghị: what the inspected unit must fix, by when; followed as a task."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField("kiến nghị")
    due = models.DateField("hạn khắc phục")
    task = models.OneToOneField(
        Task, on_delete=models.PROTECT, related_name="recommendation", null=True
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["inspection", "position"]

    def __str__(self) -> str:
        return self.text[:80]
