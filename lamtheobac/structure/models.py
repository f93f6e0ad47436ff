"""The unit tree over time: restructuring events and each unit's name and parent by date.

Tổ chức lại (issue 11 §2): administrators move, merge (hợp nhất), split (chia tách), rename
(đổi tên) and dissolve (giải thể) units, each from an effective date and on a decision. The
tree itself (``units.Unit``, materialized path) always shows the present; this app keeps the
past beside it (ADR 0011):

- ``UnitChange``: one restructuring event (kind, effective date, the decision ordering it);
  ``UnitChangePart`` says which units it took from and gave to.
- ``UnitVersion``: a unit's name, kind and parent over a closed date range. A unit that never
  changed has no rows and is, at every date, what ``Unit`` says now; the first change writes
  the version that ends the day before it ("since always" → ``valid_from=None``).
- ``GrantTransfer``: a role grant copied from a merged unit to the unit that absorbed it,
  kept for the administrator's review (issue 11 §2: "role grants follow the merge").

Dates are calendar days in Asia/Ho_Chi_Minh, inclusive at both ends.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from lamtheobac.units.models import Role, RoleGrant, Unit, UnitKind


class ChangeKind(models.TextChoices):
    MOVE = "move", "Chuyển sang trực thuộc đơn vị khác"
    MERGE = "merge", "Hợp nhất"
    SPLIT = "split", "Chia tách"
    RENAME = "rename", "Đổi tên"
    DISSOLVE = "dissolve", "Giải thể"


class UnitChange(models.Model):
    """Một lần tổ chức lại: ``kind`` from ``effective_on`` (the first day of the new tree),
    ordered by ``decision`` (an imported document, optional) and/or ``decision_number``
    (free text such as "Quyết định số 12-QĐ/ĐUK")."""

    kind = models.CharField("loại", max_length=16, choices=ChangeKind.choices)
    effective_on = models.DateField("ngày hiệu lực")
    decision = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="quyết định (văn bản đã nhập)",
    )
    decision_number = models.CharField("số quyết định", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)
    summary = models.CharField("nội dung", max_length=1000)
    members_moved = models.PositiveIntegerField("số người chuyển sinh hoạt", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lần tổ chức lại"
        verbose_name_plural = "các lần tổ chức lại"
        ordering = ["-effective_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y}: {self.summary}"

    @property
    def decision_label(self) -> str:
        if self.decision_number:
            return self.decision_number
        if self.decision_id is not None and self.decision is not None:
            return self.decision.number or self.decision.source_name
        return ""


class Part(models.TextChoices):
    SOURCE = "source", "đơn vị trước khi tổ chức lại"
    RESULT = "result", "đơn vị sau khi tổ chức lại"


class UnitChangePart(models.Model):
    """A unit a change took from (``SOURCE``: merged, split, dissolved, moved, renamed) or
    gave to (``RESULT``: the merged or split result, the new parent, the unit receiving
    members)."""

    change = models.ForeignKey(UnitChange, on_delete=models.CASCADE, related_name="parts")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="change_parts")
    part = models.CharField(max_length=8, choices=Part.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["change", "unit", "part"], name="unique_change_part")
        ]

    def __str__(self) -> str:
        return f"{self.get_part_display()}: {self.unit_id}"


class UnitVersionQuerySet(models.QuerySet["UnitVersion"]):
    def covering(self, day: dt.date) -> UnitVersionQuerySet:
        """Versions in force on ``day``."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class UnitVersion(models.Model):
    """What ``unit`` was from ``valid_from`` (None: since it was recorded) to ``valid_to``
    (None: still): its name, kind and parent (None: a root). ``started_by`` is the change
    that opened this version (None for the version before a unit's first change)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    name = models.CharField("tên", max_length=255)
    kind = models.CharField("loại", max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)
    started_by = models.ForeignKey(
        UnitChange, on_delete=models.PROTECT, null=True, blank=True, related_name="versions"
    )

    objects = UnitVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "tên và vị trí theo thời gian"
        verbose_name_plural = "tên và vị trí theo thời gian"
        ordering = ["unit", "valid_from"]
        indexes = [models.Index(fields=["unit", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from or '…'}–{self.valid_to or ''})"

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class GrantTransfer(models.Model):
    """A role grant copied onto ``to_unit`` when ``from_unit`` was merged into it, for the
    administrator to keep or revoke. ``grant`` is the copy (None once revoked)."""

    change = models.ForeignKey(UnitChange, on_delete=models.CASCADE, related_name="grants")
    grant = models.ForeignKey(
        RoleGrant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    revoked = models.BooleanField("đã thu hồi", default=False)

    class Meta:
        verbose_name = "quyền chuyển theo hợp nhất"
        verbose_name_plural = "quyền chuyển theo hợp nhất"
        ordering = ["reviewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}: {self.from_unit} → {self.to_unit}"
