"""The drafting step before every generated document (issue 12 §1).

``IssuingBody`` gives a committee or one of its boards the header lines and symbol it issues
under (the units models stay untouched); ``SignerChoice`` remembers who last signed a kind
of document for a unit; ``DocumentDraft`` keeps every value a generated document was built
from, so it can be regenerated exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

from lamtheobac.core.vietnamese import nfc
from lamtheobac.partydoc.signing import AUTHORITY_LABELS, Authority

if TYPE_CHECKING:
    from lamtheobac.commendations.models import CommendationRound
    from lamtheobac.reporting.models import ReportingRound


class DocumentKind(models.TextChoices):
    CONSOLIDATED = "consolidated", "Báo cáo tổng hợp"
    REMINDER = "reminder", "Công văn đôn đốc"
    PETITION = "petition", "Tờ trình khen thưởng"
    DECISION = "decision", "Quyết định khen thưởng"
    MATRIX = "matrix", "Bảng tình hình báo cáo (.xlsx)"
    NOMINEES = "nominees", "Danh sách đề nghị khen thưởng (.xlsx)"


SPREADSHEETS = (DocumentKind.MATRIX, DocumentKind.NOMINEES)
REPORTING_KINDS = (DocumentKind.CONSOLIDATED, DocumentKind.REMINDER, DocumentKind.MATRIX)


class IssuingBody(models.Model):
    """How a unit (committee or board, docs/domain.md §3) is named when it issues a document (§4, §14.2)."""

    unit = models.OneToOneField("units.Unit", on_delete=models.CASCADE, related_name="issuing_body")
    superior = models.CharField("dòng 1: cơ quan cấp trên", max_length=255, blank=True)
    header = models.CharField("dòng 2: tên cơ quan ban hành", max_length=255)
    symbol = models.CharField("ký hiệu cơ quan", max_length=32)

    class Meta:
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"

    def __str__(self) -> str:
        return f"{self.header} ({self.symbol})"


class SignerChoice(models.Model):
    """The signer last chosen for ``kind`` by ``unit`` (the issuing body), offered next time."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    authority = models.CharField(max_length=8, blank=True)
    behalf = models.CharField(max_length=120, blank=True)
    title = models.CharField(max_length=120, blank=True)
    name = models.CharField(max_length=120, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind"], name="drafting_signer_per_unit_kind")
        ]

    def __str__(self) -> str:
        return f"{self.authority} {self.behalf} {self.title} {self.name}".strip()


AUTHORITY_CHOICES = [(a.value, AUTHORITY_LABELS[a]) for a in Authority]


class DocumentDraft(models.Model):
    """Every value one generated document was built from (regenerate = build again from it)."""

    kind = models.CharField("loại văn bản", max_length=16, choices=DocumentKind.choices)
    reporting_round = models.ForeignKey(
        "reporting.ReportingRound",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    commendation_round = models.ForeignKey(
        "commendations.CommendationRound",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    issuing_unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan ban hành"
    )
    superior = models.CharField(max_length=255, blank=True)
    header = models.CharField(max_length=255)
    symbol = models.CharField(max_length=32)
    authority = models.CharField(
        "thẩm quyền ký", max_length=8, blank=True, choices=AUTHORITY_CHOICES
    )
    behalf = models.CharField(max_length=120, blank=True)
    title = models.CharField(max_length=120, blank=True)
    name = models.CharField(max_length=120, blank=True)
    signing_date = models.DateField("ngày ký")
    serial = models.CharField("số", max_length=8, blank=True)
    rule_version = models.CharField(max_length=16, blank=True)
    spelling = models.CharField(max_length=16, blank=True)
    addressees = models.TextField(blank=True)
    recipients = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    new_deadline = models.DateField(null=True, blank=True)
    group_by_unit = models.BooleanField(default=False)
    tie_break = models.CharField(max_length=24, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "bản soạn văn bản"
        verbose_name_plural = "bản soạn văn bản"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ngày {self.signing_date:%d/%m/%Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        for field in ("superior", "header", "behalf", "title", "name", "addressees", "recipients"):
            setattr(self, field, nfc(getattr(self, field)))
        self.body_text = nfc(self.body_text)
        super().save(*args, **kwargs)

    @property
    def round(self) -> ReportingRound | CommendationRound:
        """The reporting or commendation round the document belongs to."""
        found = self.reporting_round or self.commendation_round
        assert found is not None
        return found
