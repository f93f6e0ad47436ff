"""Sổ đăng ký văn bản đi: one register per issuing unit and year; each kind of document
(BC, CV, KH, TTr, QĐ …) is numbered from 1 in it, never reused or skipped
(docs/domain.md §3, §5 "Document numbers"; party-format.md §5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lamtheobac.units.models import Unit


class DocumentRegister(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="document_registers", verbose_name="đơn vị"
    )
    year = models.PositiveSmallIntegerField("năm")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "sổ đăng ký văn bản đi"
        verbose_name_plural = "sổ đăng ký văn bản đi"
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_register_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"Sổ văn bản đi {self.year} — {self.unit.name}"


class KindCounter(models.Model):
    """The last number taken for one kind in one register (set higher when the register
    starts after numbers were already given by hand)."""

    register = models.ForeignKey(
        DocumentRegister, on_delete=models.CASCADE, related_name="counters"
    )
    kind = models.CharField("loại", max_length=8)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["register", "kind"], name="one_counter_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.last}"


class RegisterEntry(models.Model):
    """One registered (numbered) outgoing document."""

    register = models.ForeignKey(DocumentRegister, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField("loại", max_length=8)
    serial = models.PositiveIntegerField("số")
    number = models.CharField("số, ký hiệu", max_length=64)
    title = models.TextField("trích yếu")
    issued_on = models.DateField("ngày")
    link = models.CharField("liên kết", max_length=500, blank=True)
    recipients = models.TextField("nơi nhận", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "văn bản đã đăng ký"
        verbose_name_plural = "văn bản đã đăng ký"
        ordering = ["register", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "kind", "serial"], name="one_number_per_kind"
            )
        ]

    def __str__(self) -> str:
        return self.number
