"""Commendation rounds (đợt khen thưởng điển hình tiên tiến), nominations and dossiers.

DESIGN.md §4.6 and §5: a round prefilled from a plan takes nominations from grassroots
organisations under the plan's quotas, checks eligibility against rating history, checks the
dossier, and ends in decisions. States change only in ``services.py``; each change of a
nomination also writes a ``NominationEvent`` (the per-dossier state log, DESIGN.md §9).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from lamtheobac.core.dates import due_instant, short_date
from lamtheobac.documents.models import Document
from lamtheobac.ratings.models import RatingLevel
from lamtheobac.units.models import Person, Unit


class AwardKind(models.Model):
    """Hình thức khen thưởng: a configurable list (biểu dương, giấy khen, đề nghị bằng khen…)."""

    name = models.CharField("tên hình thức", max_length=255, unique=True)
    position = models.PositiveIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "hình thức khen thưởng"
        verbose_name_plural = "hình thức khen thưởng"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class RoundState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    OPEN = "open", "Đang nhận đề nghị"
    REVIEW = "review", "Đang xét"
    DECIDED = "decided", "Đã quyết định"


class CommendationRoundQuerySet(models.QuerySet["CommendationRound"]):
    def open(self) -> CommendationRoundQuerySet:
        return self.filter(state=RoundState.OPEN)


class CommendationRound(models.Model):
    """Đợt khen thưởng: nominations to one committee, under quotas, criteria and a dossier."""

    committee = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="commendation_rounds", verbose_name="cấp ủy"
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commendation_rounds",
        verbose_name="văn bản căn cứ",
    )
    title = models.CharField("tên đợt", max_length=500)
    deadline = models.DateField("hạn gửi hồ sơ", null=True, blank=True)
    deadline_exclusive = models.BooleanField(
        "trước ngày (hạn là 0 giờ của ngày này)", default=False
    )
    deadline_text = models.CharField("nguyên văn thời hạn", max_length=255, blank=True)
    accept_late = models.BooleanField(
        "nhận đề nghị sau hạn",
        default=False,
        help_text="Bật để vẫn nhận (và đánh dấu muộn) đề nghị gửi sau hạn.",
    )
    period_start = models.DateField("thành tích tính từ", null=True, blank=True)
    period_end = models.DateField("thành tích tính đến", null=True, blank=True)
    state = models.CharField(max_length=16, choices=RoundState.choices, default=RoundState.DRAFT)
    warnings = models.JSONField(
        "lưu ý khi tạo đợt",
        default=list,
        blank=True,
        help_text="[{code, message}] — chỗ kế hoạch bỏ ngỏ mà cán bộ cần quyết định.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = CommendationRoundQuerySet.as_manager()

    class Meta:
        verbose_name = "đợt khen thưởng"
        verbose_name_plural = "đợt khen thưởng"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def due_at(self) -> dt.datetime | None:
        """First instant counted as late (Asia/Ho_Chi_Minh), or None without a deadline."""
        if self.deadline is None:
            return None
        return due_instant(self.deadline, exclusive=self.deadline_exclusive)

    @property
    def deadline_display(self) -> str:
        if self.deadline is None:
            return "chưa có hạn"
        word = "trước ngày" if self.deadline_exclusive else "chậm nhất ngày"
        return f"{word} {short_date(self.deadline)}"

    @property
    def period_years(self) -> list[int]:
        """The calendar years the achievement period touches (empty when it is not set)."""
        if self.period_start is None or self.period_end is None:
            return []
        return list(range(self.period_start.year, self.period_end.year + 1))


class QuotaScope(models.TextChoices):
    UNIT = "unit", "Mỗi đơn vị đề nghị"
    COMMITTEE = "committee", "Cấp ủy xét chọn"


class QuotaRule(models.Model):
    """Chỉ tiêu số lượng, quoted from the plan (59-KH/ĐUK §II.3.c; 545-CV/ĐUK; KL 01 plan).

    A ``unit`` rule applies to each nominating unit whose party-member count lies in
    [member_min, member_max] (None = open); a ``committee`` rule limits what the committee
    itself picks (decisions of ``award_kind``, or all decisions when it is empty).
    Every min/max is nullable: None means the plan sets no bound.
    """

    round = models.ForeignKey(
        CommendationRound, on_delete=models.CASCADE, related_name="quota_rules"
    )
    scope = models.CharField(max_length=16, choices=QuotaScope.choices, default=QuotaScope.UNIT)
    yearly = models.BooleanField("hằng năm", default=False)
    member_min = models.PositiveIntegerField("số đảng viên từ", null=True, blank=True)
    member_max = models.PositiveIntegerField("số đảng viên đến", null=True, blank=True)
    collectives_min = models.PositiveIntegerField("tập thể tối thiểu", null=True, blank=True)
    collectives_max = models.PositiveIntegerField("tập thể tối đa", null=True, blank=True)
    individuals_min = models.PositiveIntegerField("cá nhân tối thiểu", null=True, blank=True)
    individuals_max = models.PositiveIntegerField("cá nhân tối đa", null=True, blank=True)
    total_min = models.PositiveIntegerField("tổng tối thiểu", null=True, blank=True)
    total_max = models.PositiveIntegerField("tổng tối đa", null=True, blank=True)
    award_kind = models.ForeignKey(
        AwardKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="hình thức (chỉ tiêu cấp ủy xét chọn)",
    )
    text = models.TextField("nguyên văn quy định")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["round", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class AppliesTo(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    PARTY_MEMBER = "party_member", "Cá nhân là đảng viên"
    NON_MEMBER = "non_member", "Cá nhân là quần chúng"
    INDIVIDUAL = "individual", "Cá nhân"


class CriterionKind(models.TextChoices):
    RATING_EACH_YEAR = "rating_each_year", "Xếp loại đạt mức trong từng năm"
    RATING_ANY_YEAR = "rating_any_year", "Xếp loại đạt mức trong một trong các năm"
    RATING_COUNT = "rating_count", "Số năm xếp loại đạt mức"
    MANUAL = "manual", "Cán bộ xem xét"


class Criterion(models.Model):
    """Tiêu chuẩn: a rule over rating history, or a qualitative one checked by staff."""

    round = models.ForeignKey(CommendationRound, on_delete=models.CASCADE, related_name="criteria")
    applies_to = models.CharField("áp dụng cho", max_length=16, choices=AppliesTo.choices)
    kind = models.CharField(
        "loại", max_length=24, choices=CriterionKind.choices, default=CriterionKind.MANUAL
    )
    min_level = models.CharField(
        "xếp loại tối thiểu", max_length=16, choices=RatingLevel.choices, blank=True
    )
    years = models.JSONField(
        "các năm", null=True, blank=True, help_text="Để trống: các năm của thời gian tính."
    )
    count = models.PositiveSmallIntegerField("số năm", null=True, blank=True)
    text = models.TextField("nguyên văn tiêu chuẩn")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "tiêu chuẩn"
        verbose_name_plural = "tiêu chuẩn"
        ordering = ["round", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class DossierRequirement(models.Model):
    """One item the dossier must contain (tờ trình, trích biên bản họp xét…)."""

    round = models.ForeignKey(
        CommendationRound, on_delete=models.CASCADE, related_name="dossier_requirements"
    )
    text = models.TextField("thành phần hồ sơ")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"
        ordering = ["round", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class NominationState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi"
    RETURNED = "returned", "Trả lại để bổ sung"
    SHORTLISTED = "shortlisted", "Vào danh sách xét"
    DECIDED = "decided", "Được khen thưởng"
    NOT_SELECTED = "not_selected", "Không được chọn"
    WITHDRAWN = "withdrawn", "Đơn vị rút đề nghị"


# Nominations that occupy a quota place and a nominee (everything but a withdrawal).
COUNTED_STATES = [s for s in NominationState.values if s != NominationState.WITHDRAWN]


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"


class NominationQuerySet(models.QuerySet["Nomination"]):
    def counted(self) -> NominationQuerySet:
        return self.exclude(state=NominationState.WITHDRAWN)

    def submitted_or_later(self) -> NominationQuerySet:
        return self.filter(
            state__in=[
                NominationState.SUBMITTED,
                NominationState.SHORTLISTED,
                NominationState.DECIDED,
                NominationState.NOT_SELECTED,
            ]
        )

    def decided(self) -> NominationQuerySet:
        return self.filter(state=NominationState.DECIDED)

    def late(self) -> NominationQuerySet:
        return self.filter(is_late=True)


class Nomination(models.Model):
    """Đề nghị khen thưởng: a unit puts forward one collective (a Unit of its subtree) or one
    individual (a Person of its subtree) — exactly one, enforced by the database."""

    round = models.ForeignKey(
        CommendationRound, on_delete=models.PROTECT, related_name="nominations"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="nominations", verbose_name="đơn vị đề nghị"
    )
    nominee_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominated_in",
        verbose_name="tập thể",
    )
    nominee_person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name="cá nhân",
    )
    nominee_name = models.CharField("tên tập thể, cá nhân", max_length=255)
    summary = models.TextField("tóm tắt thành tích", blank=True)
    state = models.CharField(
        max_length=16, choices=NominationState.choices, default=NominationState.DRAFT
    )
    is_late = models.BooleanField("gửi sau hạn", default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submit_reason = models.TextField(
        "lý do gửi khi chưa đạt tiêu chuẩn hoặc thiếu hồ sơ", blank=True
    )
    submit_issues = models.JSONField(
        "vấn đề tại thời điểm gửi", default=list, blank=True, help_text="Danh sách lời nhắn."
    )
    return_comment = models.TextField("ý kiến khi trả lại", blank=True)
    award_kind = models.ForeignKey(
        AwardKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name="hình thức khen thưởng",
    )
    decision_reason = models.TextField("lý do quyết định", blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        ordering = ["round", "unit__path", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nominee_unit__isnull=False, nominee_person__isnull=True)
                | Q(nominee_unit__isnull=True, nominee_person__isnull=False),
                name="nomination_of_unit_xor_person",
            ),
            models.UniqueConstraint(
                fields=["round", "nominee_unit"],
                condition=Q(nominee_unit__isnull=False) & ~Q(state="withdrawn"),
                name="one_nomination_per_round_collective",
            ),
            models.UniqueConstraint(
                fields=["round", "nominee_person"],
                condition=Q(nominee_person__isnull=False) & ~Q(state="withdrawn"),
                name="one_nomination_per_round_person",
            ),
        ]
        indexes = [models.Index(fields=["round", "unit", "state"])]

    def __str__(self) -> str:
        return f"{self.nominee_name} — {self.round}"

    @property
    def nominee_kind(self) -> NomineeKind:
        return NomineeKind.COLLECTIVE if self.nominee_unit_id else NomineeKind.INDIVIDUAL

    @property
    def is_editable(self) -> bool:
        return self.state in (NominationState.DRAFT, NominationState.RETURNED)


class EligibilityOverride(models.Model):
    """Staff judgement on one criterion of one nomination, with the written reason (kept)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="overrides")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="overrides")
    passed = models.BooleanField("đạt", default=True)
    reason = models.TextField("lý do")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "xác nhận tiêu chuẩn"
        verbose_name_plural = "xác nhận tiêu chuẩn"
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "criterion"], name="one_override_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id}/{self.criterion_id}: {self.passed}"


class DossierItem(models.Model):
    """One uploaded file of a nomination's dossier; served only through a permission check."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="dossier_items"
    )
    requirement = models.ForeignKey(
        DossierRequirement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name="thành phần hồ sơ",
    )
    file = models.FileField(upload_to="commendations/%Y/%m/")
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
        verbose_name = "tệp hồ sơ"
        verbose_name_plural = "tệp hồ sơ"
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class NominationEvent(models.Model):
    """The state log of one dossier: every transition with who, when and the words given."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=48)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = "nhật ký hồ sơ"
        verbose_name_plural = "nhật ký hồ sơ"
        ordering = ["nomination", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.action} {self.from_state}→{self.to_state}"
