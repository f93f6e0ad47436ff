"""Reporting rounds (đợt sơ kết / tổng kết / báo cáo), outlines and unit reports (docs/domain.md §4).

States change only through the declared transitions (``workflow`` of each stateful model,
carried out by ``core.transitions.perform`` in the write functions of ``actions/``).
"Late" and "locked" are two separate settings (docs/domain.md §9): a report after the deadline is
accepted and marked late; entry stops only after the lock date (with per-unit exceptions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models

from lamtheobac.core.dates import start_of_day
from lamtheobac.core.models import Round, StoredFile
from lamtheobac.core.transitions import Stateful, Transition, Workflow
from lamtheobac.core.vietnamese import fold
from lamtheobac.documents.models import Document
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action


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
    # Cascading rounds (issue 9 §4): the parent round's section this one was copied from, so
    # a grassroots committee's consolidation writes each cell text under the right heading.
    source = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_sections",
        verbose_name="đơn vị được giao viết mục này",
        help_text="Ví dụ: mục về thanh niên giao Đoàn Khối; đơn vị đó chỉ viết mục này.",
    )

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


# Units of measure that count whole things: a value in them has no fractional part
# (issue 14 §4: a "người" indicator refused 12.50).
COUNT_UNITS = frozenset(
    {
        "người",
        "lượt",
        "lượt người",
        "đảng viên",
        "quần chúng",
        "đoàn viên",
        "hội viên",
        "cán bộ",
        "đơn vị",
        "tập thể",
        "cá nhân",
        "chi bộ",
        "đảng bộ",
        "tổ chức",
        "mô hình",
        "gương",
        "điển hình",
        "buổi",
        "cuộc",
        "lần",
        "đợt",
        "hội nghị",
        "lớp",
        "bài",
        "bài viết",
        "tác phẩm",
        "văn bản",
        "tài liệu",
        "công trình",
        "hộ",
        "gia đình",
        "cái",
        "chiếc",
        "bộ",
        "cuốn",
        "quyển",
        "tin",
        "tin bài",
        "sáng kiến",
        "việc",
        "phần",
    }
)


class Indicator(models.Model):
    """Chỉ tiêu, số liệu: a number each unit gives in a section; summed up the tree.

    ``is_count``: the unit of measure counts whole things ("người", "lượt", "buổi" …;
    ``COUNT_UNITS``), so values must be whole numbers."""

    section = models.ForeignKey(OutlineSection, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField("tên chỉ tiêu", max_length=255)
    unit_label = models.CharField("đơn vị tính", max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)
    source = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["section", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_count(self) -> bool:
        from lamtheobac.core.vietnamese import nfc

        return " ".join(nfc(self.unit_label).lower().split()) in COUNT_UNITS


# A grassroots committee's own staff (REPORT on it) run the rounds it opens for its cells
# (issue 9 §4; the inspections app's precedent). Write functions also check the committee's
# kind (``reporting.cascade.authorize_runner``); this only widens the transition table.
GRASSROOTS_RUNNER: tuple[tuple[Action, str], ...] = ((Action.REPORT, "committee"),)


class ReportingRoundState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    OPEN = "open", "Đang mở"
    CLOSED = "closed", "Đã kết thúc"


class ReportingRoundQuerySet(models.QuerySet["ReportingRound"]):
    def opened(self) -> ReportingRoundQuerySet:
        """Rounds units report in or have reported in (open or closed, not drafts)."""
        return self.exclude(state=ReportingRoundState.DRAFT)


class ReportingRound(Round):
    """Đợt báo cáo: a request for reports from a fixed set of units by a deadline.

    States: DRAFT (outline and targets editable) → OPEN (units report) → CLOSED (the
    committee ended it: no more entry, reports stay readable). See ``workflow``.
    """

    outline = models.OneToOneField(Outline, on_delete=models.PROTECT, related_name="round")
    report_title = models.CharField("trích yếu báo cáo tổng hợp", max_length=500, blank=True)
    deadline = models.DateField("hạn nộp")
    lock_date = models.DateField(
        "khóa nhập liệu sau ngày",
        null=True,
        blank=True,
        help_text="Để trống: vẫn nhận báo cáo sau hạn (đánh dấu nộp muộn).",
    )
    state = models.CharField(
        max_length=16, choices=ReportingRoundState.choices, default=ReportingRoundState.DRAFT
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_rounds",
        verbose_name="đợt báo cáo cấp trên",
        help_text="Đợt của đảng bộ cơ sở chuyển tiếp đợt cấp trên xuống các chi bộ trực thuộc.",
    )

    objects = ReportingRoundQuerySet.as_manager()

    workflow = Workflow(
        key="reporting_round",
        states=ReportingRoundState,
        initial=ReportingRoundState.DRAFT,
        transitions=(
            Transition(
                "open",
                source=[ReportingRoundState.DRAFT],
                target=ReportingRoundState.OPEN,
                action=Action.MANAGE,
                on="committee",
                label="Mở đợt báo cáo",
                also=GRASSROOTS_RUNNER,
            ),
            Transition(
                "close",
                source=[ReportingRoundState.OPEN],
                target=ReportingRoundState.CLOSED,
                action=Action.MANAGE,
                on="committee",
                label="Kết thúc đợt báo cáo",
                also=GRASSROOTS_RUNNER,
            ),
        ),
    )

    class Meta(Round.Meta):
        verbose_name = "đợt báo cáo"
        verbose_name_plural = "đợt báo cáo"
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "committee"],
                condition=models.Q(parent__isnull=False),
                name="one_child_round_per_unit",
            )
        ]

    @property
    def is_cascaded(self) -> bool:
        """Opened by a grassroots committee for its cells from a round of its superior."""
        return self.parent_id is not None

    @property
    def is_draft(self) -> bool:
        """The outline and the target list may still change (before opening)."""
        return self.state == ReportingRoundState.DRAFT

    def lock_instant(self, exception_until: dt.date | None = None) -> dt.datetime | None:
        """First instant when entry is locked, or None when the round never locks."""
        day = exception_until or self.lock_date
        if day is None:
            return None
        return start_of_day(day + dt.timedelta(days=1))


class RoundTargetManager(models.Manager["RoundTarget"]):
    def bulk_create(
        self, objs: Iterable[RoundTarget], *args: Any, **kwargs: Any
    ) -> list[RoundTarget]:
        """As Django's, with each target's ``search_name`` derived from its ``unit_name`` (as
        ``save`` does), so no bulk writer can leave a target out of the name search."""
        objs = list(objs)
        for target in objs:
            target.search_name = fold(target.unit_name)
        return super().bulk_create(objs, *args, **kwargs)


class RoundTarget(models.Model):
    """A unit expected to report, fixed when the round opens."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="round_targets")
    unit_name = models.CharField(max_length=255, help_text="Tên đơn vị tại thời điểm mở đợt.")
    # ``core.vietnamese.fold(unit_name)``, written with it: the matrix's name search compares
    # without diacritics by a plain LIKE (folding in SQL cost seconds at 52,000 targets).
    search_name = models.CharField(max_length=255, blank=True, default="", editable=False)
    lock_exception_until = models.DateField("cho phép nhập đến ngày", null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    # The unit's report in this round, if any: joined on (round, unit), no column of its own.
    # The matrix reads a target and its report's state in one LEFT JOIN (reporting.matrix).
    report = models.ForeignObject(
        "UnitReport",
        on_delete=models.DO_NOTHING,
        from_fields=["round", "unit"],
        to_fields=["round", "unit"],
        null=True,
        related_name="+",
    )

    objects = RoundTargetManager()

    class Meta:
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="one_target_per_round_unit")
        ]
        # The matrix reads a round's targets a page at a time in this order (issue 13 §5).
        indexes = [models.Index(fields=["round", "position", "id"], name="target_round_position")]

    def __str__(self) -> str:
        return self.unit_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold(self.unit_name)  # bulk writes: RoundTargetManager.bulk_create
        super().save(*args, **kwargs)


class ReportState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã nộp"
    RETURNED = "returned", "Trả lại"
    ACCEPTED = "accepted", "Đã tiếp nhận"


class MatrixState(models.TextChoices):
    """The follow-up states of docs/domain.md §4.4, derived from a report."""

    NOT_STARTED = "not_started", "Chưa thực hiện"
    DRAFT = "draft", "Đang soạn"
    ON_TIME = "on_time", "Đã nộp đúng hạn"
    LATE = "late", "Nộp muộn"
    RETURNED = "returned", "Trả lại"
    ACCEPTED = "accepted", "Đã tiếp nhận"


# Reports the committee counts and reads as submitted (docs/domain.md §2: never a draft).
SUBMITTED_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)


class UnitReportQuerySet(models.QuerySet["UnitReport"]):
    def submitted_or_later(self) -> UnitReportQuerySet:
        """Submitted or accepted: what the committee counts as reported."""
        return self.filter(state__in=SUBMITTED_STATES)


class UnitReport(Stateful):
    """Báo cáo của đơn vị: one unit's report in one round. See ``workflow`` for its states.

    The unit may withdraw (rút lại) a submitted report until the committee accepts it; it is
    a draft again and its earlier submissions stay on record (issue 14 §2).
    """

    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports")
    state = models.CharField(max_length=16, choices=ReportState.choices, default=ReportState.DRAFT)
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
    consolidated_at = models.DateTimeField(
        "tổng hợp từ báo cáo các chi bộ lúc", null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitReportQuerySet.as_manager()

    workflow = Workflow(
        key="unit_report",
        states=ReportState,
        initial=ReportState.DRAFT,
        transitions=(
            Transition(
                "submit",
                source=[ReportState.DRAFT, ReportState.RETURNED],
                target=ReportState.SUBMITTED,
                action=Action.REPORT,
                on="unit",
                label="Nộp báo cáo",
            ),
            Transition(
                "withdraw",
                source=[ReportState.SUBMITTED],
                target=ReportState.DRAFT,
                action=Action.REPORT,
                on="unit",
                label="Rút lại báo cáo đã nộp",
            ),
            Transition(
                "accept",
                source=[ReportState.SUBMITTED],
                target=ReportState.ACCEPTED,
                action=Action.MANAGE,
                on="round.committee",
                label="Tiếp nhận báo cáo",
                also=((Action.REPORT, "round.committee"),),
            ),
            Transition(
                "return",
                source=SUBMITTED_STATES,
                target=ReportState.RETURNED,
                action=Action.MANAGE,
                on="round.committee",
                label="Trả lại báo cáo",
                also=((Action.REPORT, "round.committee"),),
            ),
        ),
    )

    class Meta:
        verbose_name = "báo cáo của đơn vị"
        verbose_name_plural = "báo cáo của đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="one_report_per_round_unit")
        ]
        # The matrix's counts per (state, is_late) read from this index alone (issue 13 §5).
        indexes = [
            models.Index(fields=["round", "state", "is_late"], name="report_round_state_late")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.round}"

    @property
    def is_editable(self) -> bool:
        """The unit may still write it (a draft, or returned to be completed)."""
        return self.can("submit")

    @property
    def is_returned(self) -> bool:
        """Returned by the committee to be completed (its comment says why)."""
        return self.state == ReportState.RETURNED

    @property
    def reached_committee(self) -> bool:
        """Submitted at least once (any state but a draft): the committee may read it."""
        return self.state != ReportState.DRAFT

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
    # Summed up the tree (issue 9 §4): the part of ``value`` that came from the unit's cells
    # when it consolidated their reports; the unit's own figure is ``value - cells_value``.
    cells_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}={self.value}"

    @property
    def own_value(self) -> Decimal:
        return self.value - (self.cells_value or Decimal(0))


class Attachment(StoredFile):
    """A file attached to a unit report; served only through ``reporting.access``."""

    report = models.ForeignKey(UnitReport, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="reports/%Y/%m/")

    class Meta(StoredFile.Meta):
        pass


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
