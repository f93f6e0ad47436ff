"""Commendation rounds (đợt khen thưởng điển hình tiên tiến), nominations and dossiers.

docs/domain.md §4.6 and §5: a round prefilled from a plan takes nominations from grassroots
organisations under the plan's quotas, checks eligibility against rating history, checks the
dossier, and ends in decisions. States change only through the declared transitions
(``workflow`` below, carried out by ``core.transitions.perform`` in ``actions/``); each change
of a nomination also writes a ``NominationEvent`` (the per-dossier state log, docs/domain.md §9).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from lamtheobac.core.dates import today
from lamtheobac.core.models import Round, StoredFile
from lamtheobac.core.transitions import Stateful, Transition, Workflow
from lamtheobac.ratings.models import RatingLevel
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action


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


class CommendationRoundState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    OPEN = "open", "Đang nhận đề nghị"
    REVIEW = "review", "Đang xét"
    DECIDED = "decided", "Đã quyết định"


class CommendationRoundQuerySet(models.QuerySet["CommendationRound"]):
    def opened(self) -> CommendationRoundQuerySet:
        """Rounds units see: every state but the committee's draft."""
        return self.exclude(state=CommendationRoundState.DRAFT)


def _by_runner(name: str, source: Iterable[str], target: str, label: str) -> Transition:
    """A transition of the round's committee staff (MANAGE), or of a grassroots committee's own
    staff (REPORT on it) for the round it runs for its cells (issue 9 §4; the write functions
    also check the committee's kind: ``commendations.access.authorize_runner``)."""
    return Transition(
        name,
        source=frozenset(source),
        target=target,
        action=Action.MANAGE,
        on="committee",
        also=((Action.REPORT, "committee"),),
        label=label,
    )


class CommendationRound(Round):
    """Đợt khen thưởng: nominations to one committee, under quotas, criteria and a dossier.

    States: DRAFT → OPEN (units nominate) → REVIEW (no new nominations; returned ones may
    come back) → DECIDED. See ``workflow``.
    """

    deadline = models.DateField("hạn gửi hồ sơ", null=True, blank=True)
    accept_late = models.BooleanField(
        "nhận đề nghị sau hạn",
        default=False,
        help_text="Bật để vẫn nhận (và đánh dấu muộn) đề nghị gửi sau hạn.",
    )
    period_start = models.DateField("thành tích tính từ", null=True, blank=True)
    period_end = models.DateField("thành tích tính đến", null=True, blank=True)
    reference_date = models.DateField(
        "ngày chốt số liệu",
        null=True,
        blank=True,
        help_text=(
            "Ngày xác định đơn vị sinh hoạt và số đảng viên để tính chỉ tiêu, theo cơ cấu tổ "
            "chức tại ngày đó; để trống: hạn gửi hồ sơ, hoặc ngày cuối năm."
        ),
    )
    state = models.CharField(
        max_length=16, choices=CommendationRoundState.choices, default=CommendationRoundState.DRAFT
    )
    warnings = models.JSONField(
        "lưu ý khi tạo đợt",
        default=list,
        blank=True,
        help_text="[{code, message}] — chỗ kế hoạch bỏ ngỏ mà cán bộ cần quyết định.",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_rounds",
        verbose_name="đợt khen thưởng cấp trên",
        help_text="Đợt của đảng bộ cơ sở cho chi bộ và đảng viên, chọn để đề nghị lên cấp trên.",
    )

    objects = CommendationRoundQuerySet.as_manager()

    workflow = Workflow(
        key="commendation_round",
        states=CommendationRoundState,
        initial=CommendationRoundState.DRAFT,
        transitions=(
            _by_runner(
                "open",
                [CommendationRoundState.DRAFT],
                CommendationRoundState.OPEN,
                "Mở nhận đề nghị",
            ),
            _by_runner(
                "close_nominations",
                [CommendationRoundState.OPEN],
                CommendationRoundState.REVIEW,
                "Dừng nhận đề nghị, chuyển sang xét",
            ),
            _by_runner(
                "finish",
                [CommendationRoundState.REVIEW],
                CommendationRoundState.DECIDED,
                "Kết thúc đợt khen thưởng",
            ),
        ),
    )

    class Meta(Round.Meta):
        verbose_name = "đợt khen thưởng"
        verbose_name_plural = "đợt khen thưởng"
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "committee"],
                condition=Q(parent__isnull=False),
                name="one_grassroots_commendation_round_per_unit",
            )
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.reference_date is None:
            self.reference_date = self.default_reference_date()
        super().save(*args, **kwargs)

    def default_reference_date(self) -> dt.date:
        """The day a round without an explicit one is judged on: its deadline, else the last
        day of the year it was created in (Asia/Ho_Chi_Minh; issue 11 §2)."""
        if self.deadline is not None:
            return self.deadline
        year = timezone.localdate(self.created_at).year if self.created_at else today().year
        return dt.date(year, 12, 31)

    @property
    def is_decided(self) -> bool:
        """Decided rounds are closed to every change (settings, rules, nominations)."""
        return self.state == CommendationRoundState.DECIDED

    @property
    def in_review(self) -> bool:
        """The committee may review nominations (open or in review, not draft or decided)."""
        return self.state in (CommendationRoundState.OPEN, CommendationRoundState.REVIEW)

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


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"


# The states a unit's staff may still change (and the committee does not see as submitted).
EDITABLE_STATES = (NominationState.DRAFT, NominationState.RETURNED)
DECIDABLE_STATES = (
    NominationState.SHORTLISTED,
    NominationState.DECIDED,
    NominationState.NOT_SELECTED,
)


class NominationQuerySet(models.QuerySet["Nomination"]):
    def counted(self) -> NominationQuerySet:
        """Nominations that occupy a quota place (all but withdrawn ones)."""
        return self.exclude(state=NominationState.WITHDRAWN)

    def decided(self) -> NominationQuerySet:
        return self.filter(state=NominationState.DECIDED)


def _unit_side(name: str, source: Iterable[str], target: str, label: str) -> Transition:
    """A transition of the nominating unit's staff, or the committee's staff acting for it."""
    return Transition(
        name,
        source=frozenset(source),
        target=target,
        action=Action.REPORT,
        on="unit",
        also=((Action.MANAGE, "round.committee"),),
        label=label,
    )


def _review(name: str, source: Iterable[str], target: str, label: str) -> Transition:
    """A transition of the committee's review (MANAGE on the round's committee), or of a
    grassroots committee's own staff reviewing its cells' nominations (issue 9 §4)."""
    return Transition(
        name,
        source=frozenset(source),
        target=target,
        action=Action.MANAGE,
        on="round.committee",
        also=((Action.REPORT, "round.committee"),),
        label=label,
    )


class Nomination(Stateful):
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
    forwarded_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forwarded_as",
        verbose_name="chọn từ đợt khen thưởng của đảng bộ cơ sở",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NominationQuerySet.as_manager()

    # The unit side (submit, withdraw) is its unit's staff, or the committee's staff acting
    # for the unit (docs/domain.md §4.6); the review is the committee's staff.
    workflow = Workflow(
        key="nomination",
        states=NominationState,
        initial=NominationState.DRAFT,
        transitions=(
            _unit_side("submit", EDITABLE_STATES, NominationState.SUBMITTED, "Gửi đề nghị"),
            _unit_side("withdraw", EDITABLE_STATES, NominationState.WITHDRAWN, "Rút đề nghị"),
            _review(
                "return",
                [NominationState.SUBMITTED, NominationState.SHORTLISTED],
                NominationState.RETURNED,
                "Trả lại để bổ sung",
            ),
            _review(
                "shortlist",
                [NominationState.SUBMITTED],
                NominationState.SHORTLISTED,
                "Đưa vào danh sách xét",
            ),
            _review("award", DECIDABLE_STATES, NominationState.DECIDED, "Quyết định khen thưởng"),
            _review(
                "not_select",
                DECIDABLE_STATES,
                NominationState.NOT_SELECTED,
                "Quyết định không chọn",
            ),
            _review(
                "leave_unselected",
                [NominationState.SUBMITTED],
                NominationState.NOT_SELECTED,
                "Không được chọn khi kết thúc đợt",
            ),
        ),
    )

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
        """Its unit may still change it (a draft, or returned to be completed)."""
        return self.state in EDITABLE_STATES

    @property
    def is_returned(self) -> bool:
        """Returned by the committee to be completed (its comment says why)."""
        return self.state == NominationState.RETURNED

    @property
    def round_takes_it(self) -> bool:
        """The round takes its submission now: any while it is open; a returned one also
        while the committee reviews (docs/domain.md §4.6)."""
        state = self.round.state
        review = state == CommendationRoundState.REVIEW
        return state == CommendationRoundState.OPEN or (self.is_returned and review)


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


class DossierItem(StoredFile):
    """One uploaded file of a nomination's dossier; served only through
    ``commendations.access``."""

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

    class Meta(StoredFile.Meta):
        verbose_name = "tệp hồ sơ"
        verbose_name_plural = "tệp hồ sơ"


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
