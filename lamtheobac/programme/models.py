"""A year's programme of "học tập và làm theo" and the cells' quarterly themed sessions.

- ``Theme``: the year's programme (chuyên đề năm, under the term's chuyên đề toàn khóa) issued
  by a committee for a part of the tree, with its settings: the pledge registration deadline
  (seed 004 §II.3.2: pledges written in quý I), the day after a quarter's end by which cells
  record their session, the exemplar quotas (seed 002 §II.3: 01–02 collectives, 02–03
  individuals a year) that the pledges app reads through ``queries.programme_for``.
- ``QuarterTopic``: the chủ điểm of each quarter (seed 004 §II.2.1) with guidance and files.
- ``ThematicSession``: one cell's session in one quarter (seed 004 §II.2.2), with attendance
  and minutes; ``SessionReminder`` records a reminder sent, so reminders are sent once.
- ``EthicsStandard`` and ``Activity``: a unit's chuẩn mực đạo đức and programme activities
  (seeds 001 §II.2, 002 §II.2, 003 §II.5, 004 §II.4).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from lamtheobac.core.dates import short_date
from lamtheobac.core.models import StoredFile
from lamtheobac.core.transitions import Stateful, Transition, Workflow
from lamtheobac.documents.models import Document
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action

QUARTERS = (1, 2, 3, 4)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_of(day: dt.date) -> int:
    """The quarter (1–4) of a calendar date."""
    return (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> dt.date:
    """Last day of the quarter: "Quý II/2022" → 30/6/2022 (docs/domain.md §5)."""
    if quarter == 4:
        return dt.date(year, 12, 31)
    return quarter_start(year, quarter + 1) - dt.timedelta(days=1)


class ThemeState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    PUBLISHED = "published", "Đã ban hành"


class ThemeQuerySet(models.QuerySet["Theme"]):
    def published(self) -> ThemeQuerySet:
        return self.filter(state=ThemeState.PUBLISHED)


class Theme(Stateful):
    """The year's programme (chuyên đề năm) a committee issues for a part of its tree."""

    workflow = Workflow(
        key="theme",
        states=ThemeState,
        initial=ThemeState.DRAFT,
        transitions=(
            Transition(
                "publish",
                source=frozenset({ThemeState.DRAFT}),
                target=ThemeState.PUBLISHED,
                action=Action.MANAGE,
                on="committee",
                label="Ban hành",
            ),
            Transition(
                "withdraw",
                source=frozenset({ThemeState.PUBLISHED}),
                target=ThemeState.DRAFT,
                action=Action.MANAGE,
                on="committee",
                label="Thu hồi để sửa",
            ),
        ),
    )

    committee = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    scope = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="themes",
        verbose_name="áp dụng cho",
        help_text="Tổ chức mà chương trình áp dụng (cả các tổ chức trực thuộc).",
    )
    year = models.PositiveSmallIntegerField("năm")
    term_title = models.TextField("chuyên đề toàn khóa", blank=True)
    title = models.TextField("chuyên đề năm")
    state = models.CharField(
        max_length=16, choices=ThemeState.choices, default=ThemeState.DRAFT, db_index=True
    )
    pledge_deadline = models.DateField("hạn đăng ký kế hoạch cá nhân")
    pledge_deadline_exclusive = models.BooleanField(
        "hạn là “trước ngày”", default=False, help_text="Bỏ chọn: nộp đến hết ngày hạn."
    )
    session_grace_days = models.PositiveSmallIntegerField(
        "số ngày sau khi hết quý để ghi nhận sinh hoạt chuyên đề",
        default=10,
        help_text="Quá số ngày này mà chi bộ chưa ghi nhận thì bị coi là quá hạn và được nhắc.",
    )
    collectives_min = models.PositiveSmallIntegerField("tập thể điển hình tối thiểu", default=1)
    collectives_max = models.PositiveSmallIntegerField("tập thể điển hình tối đa", default=2)
    individuals_min = models.PositiveSmallIntegerField("cá nhân điển hình tối thiểu", default=2)
    individuals_max = models.PositiveSmallIntegerField("cá nhân điển hình tối đa", default=3)
    locked = models.BooleanField(
        "khóa năm", default=False, help_text="Khi khóa, không nhận đăng ký, ghi nhận mới."
    )
    source_document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = "chương trình năm"
        verbose_name_plural = "chương trình năm"
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "year"], name="one_theme_per_scope_year")
        ]

    def __str__(self) -> str:
        return f"Chuyên đề năm {self.year}: {self.title}"

    @property
    def is_published(self) -> bool:
        return self.state == ThemeState.PUBLISHED

    def session_due(self, quarter: int) -> dt.date:
        """The last day (Asia/Ho_Chi_Minh) to record quarter ``quarter``'s session."""
        return quarter_end(self.year, quarter) + dt.timedelta(days=self.session_grace_days)

    @property
    def pledge_deadline_display(self) -> str:
        prefix = "trước ngày" if self.pledge_deadline_exclusive else "đến hết ngày"
        return f"{prefix} {short_date(self.pledge_deadline)}"


class QuarterTopic(models.Model):
    """Chủ điểm quý: the topic of a quarter's themed session (seed 004 §II.2.1)."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="topics")
    quarter = models.PositiveSmallIntegerField(
        "quý", choices=[(q, f"Quý {ROMAN[q]}") for q in QUARTERS]
    )
    title = models.TextField("chủ điểm")
    guidance = models.TextField("hướng dẫn", blank=True)

    class Meta:
        verbose_name = "chủ điểm quý"
        verbose_name_plural = "chủ điểm quý"
        ordering = ["theme", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "quarter"], name="one_topic_per_quarter")
        ]

    def __str__(self) -> str:
        return f"Quý {ROMAN[self.quarter]}/{self.theme.year}: {self.title}"

    @property
    def label(self) -> str:
        return f"Quý {ROMAN[self.quarter]}"


class TopicFile(StoredFile):
    """A reference material (tài liệu tham khảo) for a quarter's topic."""

    topic = models.ForeignKey(QuarterTopic, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to="programme/topics/%Y/")


class SessionState(models.TextChoices):
    DRAFT = "draft", "Đang ghi"
    RECORDED = "recorded", "Đã ghi nhận"


class ThematicSessionQuerySet(models.QuerySet["ThematicSession"]):
    def recorded(self) -> ThematicSessionQuerySet:
        return self.filter(state=SessionState.RECORDED)

    def in_subtree(self, unit: Unit) -> ThematicSessionQuerySet:
        return self.filter(cell__path__startswith=unit.path)


class ThematicSession(Stateful):
    """Sinh hoạt chuyên đề: one cell's session in one quarter of a programme's year."""

    workflow = Workflow(
        key="thematic_session",
        states=SessionState,
        initial=SessionState.DRAFT,
        transitions=(
            Transition(
                "record",
                source=frozenset({SessionState.DRAFT}),
                target=SessionState.RECORDED,
                action=Action.REPORT,
                on="cell",
                label="Ghi nhận",
            ),
            Transition(
                "reopen",
                source=frozenset({SessionState.RECORDED}),
                target=SessionState.DRAFT,
                action=Action.REPORT,
                on="cell",
                label="Mở lại để sửa",
            ),
        ),
    )

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="sessions")
    cell = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="thematic_sessions")
    quarter = models.PositiveSmallIntegerField("quý")
    state = models.CharField(
        max_length=16, choices=SessionState.choices, default=SessionState.DRAFT
    )
    held_on = models.DateField("ngày sinh hoạt", null=True, blank=True)
    topic = models.TextField("chủ điểm", blank=True)
    presenter = models.CharField("người trình bày", max_length=255, blank=True)
    main_points = models.TextField("nội dung chính", blank=True)
    conclusions = models.TextField("kết luận", blank=True)
    present_count = models.PositiveIntegerField(default=0)
    excused_count = models.PositiveIntegerField(default=0)
    absent_count = models.PositiveIntegerField(default=0)
    recorded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # None: written by the system (demo builder, imports)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ThematicSessionQuerySet.as_manager()

    class Meta:
        verbose_name = "sinh hoạt chuyên đề"
        verbose_name_plural = "sinh hoạt chuyên đề"
        ordering = ["theme", "quarter", "cell__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "cell", "quarter"], name="one_session_per_cell_quarter"
            )
        ]
        indexes = [
            models.Index(fields=["theme", "state", "quarter"]),
            # Covers the year page's roll-up (session_rollup): recorded sessions of a theme
            # counted per cell and quarter with their attendance, without reading the table.
            models.Index(
                fields=[
                    "theme",
                    "state",
                    "cell",
                    "quarter",
                    "present_count",
                    "excused_count",
                    "absent_count",
                ],
                name="session_rollup_covering",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cell} — quý {ROMAN[self.quarter]}/{self.theme.year}"

    @property
    def expected(self) -> int:
        return self.present_count + self.excused_count + self.absent_count

    @property
    def attendance_rate(self) -> float | None:
        """Present / (present + excused + absent), or None with no attendance recorded."""
        return self.present_count / self.expected if self.expected else None


class Presence(models.TextChoices):
    PRESENT = "present", "Có mặt"
    EXCUSED = "excused", "Vắng có lý do"
    ABSENT = "absent", "Vắng không lý do"


class Attendance(models.Model):
    """One member's attendance at a session (from the cell's members on the session date)."""

    session = models.ForeignKey(
        ThematicSession, on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    presence = models.CharField(max_length=16, choices=Presence.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.get_presence_display()}"


class SessionMinutes(StoredFile):
    """Biên bản: the minutes (or other files) of a session."""

    session = models.ForeignKey(ThematicSession, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to="programme/sessions/%Y/")


class SessionReminder(models.Model):
    """A reminder sent to a cell that had not recorded a quarter's session: sent once."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    cell = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    quarter = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "cell", "quarter"], name="one_reminder_per_cell_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cell_id} — quý {self.quarter}"


class EthicsStandard(models.Model):
    """Chuẩn mực đạo đức công vụ / nghề nghiệp a unit adopted (seed 004 §II.3.2)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="ethics_standards")
    title = models.TextField("tên chuẩn mực")
    document = models.CharField(
        "văn bản ban hành", max_length=255, blank=True, help_text="Ví dụ: Quyết định số 12-QĐ/ĐU"
    )
    adopted_on = models.DateField("ngày ban hành")
    reviewed_on = models.DateField("ngày rà soát, bổ sung", null=True, blank=True)
    review_note = models.TextField("kết quả rà soát", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "chuẩn mực đạo đức"
        verbose_name_plural = "chuẩn mực đạo đức"
        ordering = ["-adopted_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ActivityKind(models.TextChoices):
    CONFERENCE = "conference", "Hội nghị"
    FORUM = "forum", "Tọa đàm, hội thảo"
    EXCHANGE = "exchange", "Giao lưu điển hình"
    CONTEST = "contest", "Thi tìm hiểu"
    PILGRIMAGE = "pilgrimage", "Hành hương về địa chỉ đỏ"
    PROPAGANDA = "propaganda", "Tuyên truyền"


class Activity(models.Model):
    """A programme activity a unit held (seed 002 §II.2: hành hương về địa chỉ đỏ, tọa đàm…)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="programme_activities")
    kind = models.CharField("hình thức", max_length=16, choices=ActivityKind.choices)
    title = models.TextField("tên hoạt động")
    held_on = models.DateField("ngày tổ chức")
    participants = models.PositiveIntegerField("số người tham gia", default=0)
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hoạt động"
        verbose_name_plural = "hoạt động"
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ActivityFile(StoredFile):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to="programme/activities/%Y/")
