"""Reporting rounds (đợt sơ kết / tổng kết / báo cáo), outlines and unit reports (DESIGN.md §4).

States change only in the write functions of ``services.py``, which check the current state.
"Late" and "locked" are two separate settings (DESIGN.md §9): a report after the deadline is
accepted and marked late; entry stops only after the lock date (with per-unit exceptions).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from lamtheobac.core.dates import due_instant, short_date, start_of_day
from lamtheobac.documents.models import Document
from lamtheobac.units.models import Unit


class Outline(models.Model):
    """Đề cương: a tree of headings with guidance text; a round's report form."""

    title = models.TextField("tên đề cương", blank=True)
    source_document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "đề cương"
        verbose_name_plural = "đề cương"

    def __str__(self) -> str:
        return self.title or f"Đề cương #{self.pk}"


class OutlineSection(models.Model):
    """One heading of an outline; ``depth`` 1 is "I-", 2 is "1-", 3 is "a)"."""

    outline = models.ForeignKey(Outline, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    number = models.CharField("số thứ tự", max_length=16, blank=True)
    heading = models.TextField("đề mục")
    guidance = models.TextField("hướng dẫn", blank=True)
    depth = models.PositiveSmallIntegerField(default=1)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["outline", "position"]
        verbose_name = "mục đề cương"
        verbose_name_plural = "mục đề cương"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if not self.number:
            return self.heading
        sep = "- " if self.depth == 1 else ". " if self.depth == 2 else ") "
        return f"{self.number}{sep}{self.heading}"


class Indicator(models.Model):
    """Chỉ tiêu, số liệu: a number each unit gives in a section; summed up the tree."""

    section = models.ForeignKey(OutlineSection, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField("tên chỉ tiêu", max_length=255)
    unit_label = models.CharField("đơn vị tính", max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["section", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class RoundState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    OPEN = "open", "Đang mở"
    CLOSED = "closed", "Đã kết thúc"


class ReportingRoundQuerySet(models.QuerySet["ReportingRound"]):
    def open(self) -> ReportingRoundQuerySet:
        return self.filter(state=RoundState.OPEN)


class ReportingRound(models.Model):
    """Đợt báo cáo: a request for reports from a fixed set of units by a deadline."""

    committee = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reporting_rounds", verbose_name="cấp ủy"
    )
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="reporting_rounds"
    )
    outline = models.OneToOneField(Outline, on_delete=models.PROTECT, related_name="round")
    title = models.CharField("tên đợt", max_length=500)
    report_title = models.CharField("trích yếu báo cáo tổng hợp", max_length=500, blank=True)
    deadline = models.DateField("hạn nộp")
    deadline_exclusive = models.BooleanField(
        "trước ngày (hạn là 0 giờ của ngày này)", default=False
    )
    deadline_text = models.CharField("nguyên văn thời hạn", max_length=255, blank=True)
    lock_date = models.DateField(
        "khóa nhập liệu sau ngày",
        null=True,
        blank=True,
        help_text="Để trống: vẫn nhận báo cáo sau hạn (đánh dấu nộp muộn).",
    )
    state = models.CharField(max_length=16, choices=RoundState.choices, default=RoundState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        verbose_name = "đợt báo cáo"
        verbose_name_plural = "đợt báo cáo"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def due_at(self) -> dt.datetime:
        """First instant counted as late (Asia/Ho_Chi_Minh), per DESIGN.md §5."""
        return due_instant(self.deadline, exclusive=self.deadline_exclusive)

    @property
    def deadline_display(self) -> str:
        word = "trước ngày" if self.deadline_exclusive else "chậm nhất ngày"
        return f"{word} {short_date(self.deadline)}"

    def lock_instant(self, exception_until: dt.date | None = None) -> dt.datetime | None:
        """First instant when entry is locked, or None when the round never locks."""
        day = exception_until or self.lock_date
        if day is None:
            return None
        return start_of_day(day + dt.timedelta(days=1))


class RoundTarget(models.Model):
    """A unit expected to report, fixed when the round opens."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="round_targets")
    unit_name = models.CharField(max_length=255, help_text="Tên đơn vị tại thời điểm mở đợt.")
    lock_exception_until = models.DateField("cho phép nhập đến ngày", null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="one_target_per_round_unit")
        ]

    def __str__(self) -> str:
        return self.unit_name


class ReportState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã nộp"
    RETURNED = "returned", "Trả lại"
    ACCEPTED = "accepted", "Đã tiếp nhận"


class MatrixState(models.TextChoices):
    """The follow-up states of DESIGN.md §4.4, derived from a report."""

    NOT_STARTED = "not_started", "Chưa thực hiện"
    DRAFT = "draft", "Đang soạn"
    ON_TIME = "on_time", "Đã nộp đúng hạn"
    LATE = "late", "Nộp muộn"
    RETURNED = "returned", "Trả lại"
    ACCEPTED = "accepted", "Đã tiếp nhận"


class UnitReportQuerySet(models.QuerySet["UnitReport"]):
    def submitted_or_later(self) -> UnitReportQuerySet:
        return self.filter(state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED])

    def late(self) -> UnitReportQuerySet:
        return self.filter(is_late=True)


class UnitReport(models.Model):
    """Báo cáo của đơn vị: one unit's report in one round."""

    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports")
    state = models.CharField(max_length=16, choices=ReportState.choices, default=ReportState.DRAFT)
    version = models.PositiveIntegerField(default=1, help_text="Tăng sau mỗi lần lưu.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    is_late = models.BooleanField(default=False)
    return_comment = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitReportQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo của đơn vị"
        verbose_name_plural = "báo cáo của đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="one_report_per_round_unit")
        ]
        indexes = [models.Index(fields=["round", "state"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.round}"

    @property
    def matrix_state(self) -> MatrixState:
        if self.state == ReportState.DRAFT:
            return MatrixState.DRAFT
        if self.state == ReportState.RETURNED:
            return MatrixState.RETURNED
        if self.state == ReportState.ACCEPTED:
            return MatrixState.ACCEPTED
        return MatrixState.LATE if self.is_late else MatrixState.ON_TIME


class SectionAnswer(models.Model):
    """What a unit wrote under one outline section."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="answers")
    section = models.ForeignKey(OutlineSection, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="one_answer_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.section_id}"


class IndicatorValue(models.Model):
    report = models.ForeignKey(
        UnitReport, on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}={self.value}"


class Attachment(models.Model):
    """A file attached to a unit report; served only through a permission-checked view."""

    report = models.ForeignKey(UnitReport, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="reports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ReportSubmission(models.Model):
    """A frozen copy of what was submitted; a resubmission adds a new one (nothing is lost)."""

    report = models.ForeignKey(UnitReport, on_delete=models.PROTECT, related_name="submissions")
    sequence = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_late = models.BooleanField()
    content = models.JSONField()

    class Meta:
        ordering = ["report", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["report", "sequence"], name="one_submission_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}#{self.sequence}"
