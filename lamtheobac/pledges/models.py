"""Personal plans and pledges (mẫu 01/02), exemplars (mẫu 03) and exemplary models.

Seed 002 §II.2 ("Đối với cá nhân (thực hiện theo hướng dẫn mẫu 01 và mẫu 02)": each member
writes a plan, hands it to the cell — or a non-member to the union unit — and reports on it
at year end, "làm căn cứ đánh giá, xếp loại chất lượng … cuối năm"; 01–02 exemplary
collectives and 02–03 individuals per grassroots organisation, mẫu 03; "Việc lựa chọn, xây
dựng mô hình tiêu biểu phải được cấp ủy xét duyệt") and seed 004 §II.3.2 (pledges written in
quý I), §II.5 (models evaluated).

Responsibility by date: a pledge stays with its person; ``Pledge.unit`` is the unit
responsible now (it follows the person's ``Membership`` history), and each counted event
stores the unit responsible on the day it happened (``submitted_unit``, ``accepted_unit``,
``assessed_unit``, ``evaluated_unit``), so a member who moves cell mid-year is counted by
each cell for what happened while it was responsible.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from lamtheobac.core.models import StoredFile
from lamtheobac.core.transitions import Stateful, Transition, Workflow
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action


class Membership(models.Model):
    """A period during which ``unit`` (a cell, or a union unit for a non-member) was
    responsible for ``person``: ``start`` to ``end`` inclusive, ``end=None`` = still.

    A person without periods is the responsibility of ``Person.unit`` at every date.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="pledge_periods")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "thời gian sinh hoạt"
        verbose_name_plural = "thời gian sinh hoạt"
        ordering = ["person", "start"]

    def __str__(self) -> str:
        return f"{self.person} @ {self.unit} {self.start}–{self.end or ''}"

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class PledgeState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã nộp, chờ duyệt"
    RETURNED = "returned", "Bị trả lại"
    ACCEPTED = "accepted", "Đã duyệt"
    SELF_ASSESSED = "self_assessed", "Đã tự đánh giá"
    EVALUATED = "evaluated", "Chi bộ đã đánh giá"


class Result(models.TextChoices):
    """Kết quả thực hiện (issue 8 point 2)."""

    GOOD = "good", "Hoàn thành tốt"
    DONE = "done", "Hoàn thành"
    NOT_DONE = "not_done", "Chưa hoàn thành"


SUBMITTED_STATES = (
    PledgeState.SUBMITTED,
    PledgeState.ACCEPTED,
    PledgeState.SELF_ASSESSED,
    PledgeState.EVALUATED,
)
ACCEPTED_STATES = (PledgeState.ACCEPTED, PledgeState.SELF_ASSESSED, PledgeState.EVALUATED)
EDITABLE_STATES = (PledgeState.DRAFT, PledgeState.RETURNED, PledgeState.SUBMITTED)

PLEDGE_WORKFLOW = Workflow(
    key="pledge",
    states=PledgeState,
    initial=PledgeState.DRAFT,
    transitions=(
        # Member transitions need VIEW here; the write function also requires the owner or
        # staff of the unit (actions/pledges.py), so a leader's VIEW alone never suffices.
        Transition(
            "submit",
            source=frozenset({PledgeState.DRAFT, PledgeState.RETURNED}),
            target=PledgeState.SUBMITTED,
            action=Action.VIEW,
            on="unit",
            label="Nộp bản đăng ký",
        ),
        Transition(
            "accept",
            source=frozenset({PledgeState.SUBMITTED}),
            target=PledgeState.ACCEPTED,
            action=Action.REPORT,
            on="unit",
            label="Duyệt bản đăng ký",
        ),
        Transition(
            "return",
            source=frozenset({PledgeState.SUBMITTED}),
            target=PledgeState.RETURNED,
            action=Action.REPORT,
            on="unit",
            label="Trả lại bản đăng ký",
        ),
        Transition(
            "self_assess",
            source=frozenset({PledgeState.ACCEPTED}),
            target=PledgeState.SELF_ASSESSED,
            action=Action.VIEW,
            on="unit",
            label="Tự đánh giá",
        ),
        Transition(
            "evaluate",
            source=frozenset({PledgeState.SELF_ASSESSED}),
            target=PledgeState.EVALUATED,
            action=Action.REPORT,
            on="unit",
            label="Đánh giá kết quả",
        ),
    ),
)


class Pledge(Stateful):
    """Bản đăng ký, cam kết học tập và làm theo: one per person per year (docs/domain.md §3)."""

    workflow = PLEDGE_WORKFLOW

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="pledges")
    year = models.PositiveSmallIntegerField("năm")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị theo dõi"
    )
    is_leader = models.BooleanField("người đứng đầu, cán bộ chủ chốt (nêu gương)", default=False)
    state = models.CharField(
        max_length=16, choices=PledgeState.choices, default=PledgeState.DRAFT, db_index=True
    )
    position = models.CharField("chức vụ, nhiệm vụ", max_length=255, blank=True)
    is_late = models.BooleanField("nộp muộn", default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)
    submitted_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessed_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    evaluated_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_comment = models.TextField("lý do trả lại", blank=True)
    self_summary = models.TextField("tự đánh giá chung", blank=True)
    result = models.CharField("kết quả", max_length=16, choices=Result.choices, blank=True)
    evaluation_comment = models.TextField("nhận xét của chi bộ", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "bản đăng ký làm theo"
        verbose_name_plural = "bản đăng ký làm theo"
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="one_pledge_per_person_year")
        ]
        indexes = [models.Index(fields=["year", "state"])]

    def __str__(self) -> str:
        return f"{self.person} {self.year}"


class PledgeItem(models.Model):
    """One thing the person will do, tied to their job; assessed by them at year end."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=1)
    content = models.TextField("nội dung đăng ký")
    job_link = models.CharField("gắn với nhiệm vụ", max_length=500, blank=True)
    timeframe = models.CharField("thời gian", max_length=120, blank=True)
    self_result = models.CharField("tự đánh giá", max_length=16, choices=Result.choices, blank=True)
    self_note = models.TextField("kết quả thực hiện", blank=True)

    class Meta:
        ordering = ["pledge", "position", "pk"]

    def __str__(self) -> str:
        return self.content[:60]


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"


class ExemplarState(models.TextChoices):
    PROPOSED = "proposed", "Đề xuất"
    APPROVED = "approved", "Cấp ủy đã thông qua"
    WITHDRAWN = "withdrawn", "Đã rút"


EXEMPLAR_WORKFLOW = Workflow(
    key="exemplar",
    states=ExemplarState,
    initial=ExemplarState.PROPOSED,
    transitions=(
        Transition(
            "approve",
            source=frozenset({ExemplarState.PROPOSED}),
            target=ExemplarState.APPROVED,
            action=Action.REPORT,
            on="organisation",
            label="Thông qua gương điển hình",
        ),
        Transition(
            "withdraw",
            source=frozenset({ExemplarState.PROPOSED, ExemplarState.APPROVED}),
            target=ExemplarState.WITHDRAWN,
            action=Action.REPORT,
            on="organisation",
            label="Rút gương điển hình",
        ),
    ),
)


class Exemplar(Stateful):
    """Gương điển hình (mẫu 03): a collective (a unit) or an individual (a person) that a
    grassroots organisation builds as an example in ``year`` (seed 002 §II.2.3)."""

    workflow = EXEMPLAR_WORKFLOW

    organisation = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    kind = models.CharField("loại", max_length=16, choices=NomineeKind.choices)
    collective = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    achievements = models.TextField("thành tích, việc làm tiêu biểu", blank=True)
    state = models.CharField(
        max_length=16, choices=ExemplarState.choices, default=ExemplarState.PROPOSED
    )
    nomination = models.ForeignKey(
        "commendations.Nomination",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "gương điển hình"
        verbose_name_plural = "gương điển hình"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="collective", collective__isnull=False, person__isnull=True)
                | Q(kind="individual", collective__isnull=True, person__isnull=False),
                name="exemplar_collective_xor_person",
            )
        ]
        indexes = [models.Index(fields=["year", "organisation"])]

    def __str__(self) -> str:
        return self.nominee_name

    @property
    def nominee_name(self) -> str:
        if self.person_id:
            assert self.person is not None
            return self.person.full_name
        assert self.collective is not None
        return self.collective.name


class ModelState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Chờ cấp ủy xét duyệt"
    RETURNED = "returned", "Cấp ủy trả lại"
    APPROVED = "approved", "Cấp ủy đã duyệt"
    EVALUATED = "evaluated", "Đã đánh giá cuối năm"


class ModelOutcome(models.TextChoices):
    """Year-end evaluation of a model (seed 004 §II.5)."""

    EFFECTIVE = "effective", "Hiệu quả"
    REPLICATED = "replicated", "Đã nhân rộng"
    STOPPED = "stopped", "Dừng thực hiện"


COUNTED_MODEL_STATES = (ModelState.APPROVED, ModelState.EVALUATED)

MODEL_WORKFLOW = Workflow(
    key="exemplary_model",
    states=ModelState,
    initial=ModelState.DRAFT,
    transitions=(
        Transition(
            "submit",
            source=frozenset({ModelState.DRAFT, ModelState.RETURNED}),
            target=ModelState.SUBMITTED,
            action=Action.REPORT,
            on="unit",
            label="Gửi cấp ủy xét duyệt",
        ),
        Transition(
            "approve",
            source=frozenset({ModelState.SUBMITTED}),
            target=ModelState.APPROVED,
            action=Action.REPORT,
            on="organisation",
            label="Cấp ủy duyệt mô hình",
        ),
        Transition(
            "return",
            source=frozenset({ModelState.SUBMITTED}),
            target=ModelState.RETURNED,
            action=Action.REPORT,
            on="organisation",
            label="Trả lại mô hình",
        ),
        Transition(
            "evaluate",
            source=frozenset({ModelState.APPROVED}),
            target=ModelState.EVALUATED,
            action=Action.MANAGE,
            on="organisation",
            label="Đánh giá mô hình cuối năm",
        ),
    ),
)


class ExemplaryModel(Stateful):
    """Mô hình làm theo: a practice a unit registers; counts only once the grassroots
    organisation's committee (cấp ủy) approved it (seed 002 §II.2.3)."""

    workflow = MODEL_WORKFLOW

    organisation = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    name = models.CharField("tên mô hình", max_length=255)
    field = models.CharField("lĩnh vực", max_length=120, blank=True)
    started_on = models.DateField("ngày bắt đầu", null=True, blank=True)
    description = models.TextField("nội dung, cách làm", blank=True)
    results = models.TextField("kết quả (có số liệu)", blank=True)
    state = models.CharField(max_length=16, choices=ModelState.choices, default=ModelState.DRAFT)
    return_comment = models.TextField("lý do trả lại", blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        "đánh giá cuối năm", max_length=16, choices=ModelOutcome.choices, blank=True
    )
    evaluation_note = models.TextField("nhận xét", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mô hình làm theo"
        verbose_name_plural = "mô hình làm theo"
        indexes = [models.Index(fields=["year", "state"])]

    def __str__(self) -> str:
        return self.name


class ModelFile(StoredFile):
    """A file or photo of a model (report, minutes, pictures), checked by content."""

    model = models.ForeignKey(ExemplaryModel, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="pledges/models/%Y/")

    class Meta(StoredFile.Meta):
        verbose_name = "tệp của mô hình"
        verbose_name_plural = "tệp của mô hình"


class PledgeTally(models.Model):
    """Running counts of one unit's plans in one year, kept by the write functions in the
    same transaction as each change (``tally.shift``) and rebuilt after bulk writes
    (``tally.rebuild``), so the committee's year page reads a few thousand rows instead of
    grouping 150,000 plans. Fields as ``queries.PledgeCounts``; each count sits on the unit
    responsible on the day of its event."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    submitted = models.IntegerField(default=0)
    accepted = models.IntegerField(default=0)
    assessed = models.IntegerField(default=0)
    leaders = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    good = models.IntegerField(default=0)
    done = models.IntegerField(default=0)
    not_done = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_pledge_tally_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}"
