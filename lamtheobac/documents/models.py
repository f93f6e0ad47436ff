"""Văn bản: imported plans and letters, their citations and deadlines (docs/domain.md §3, §4.1).

``Document.extraction`` keeps the reader's output untouched (values, spans, warnings); the
model fields hold the current values, which staff may correct. Every correction is an audit
event with the value before and after.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lamtheobac.units.models import Unit


class DocumentQuerySet(models.QuerySet["Document"]):
    def owned_by_units(self, units: models.QuerySet[Unit]) -> DocumentQuerySet:
        return self.filter(owner__in=units)

    def current(self) -> DocumentQuerySet:
        """Documents in use: not archived (the lists' default)."""
        return self.filter(archived_at__isnull=True)

    def archived(self) -> DocumentQuerySet:
        return self.filter(archived_at__isnull=False)


class Document(models.Model):
    """A Party (or State) document, read from an uploaded file."""

    owner = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="documents", verbose_name="đơn vị quản lý"
    )
    number = models.CharField("số, ký hiệu", max_length=64, blank=True)
    serial = models.CharField("số", max_length=16, blank=True)
    kind = models.CharField("loại (ký hiệu)", max_length=16, blank=True)
    kind_name = models.CharField("tên loại", max_length=64, blank=True)
    issuer_code = models.CharField("ký hiệu cơ quan", max_length=32, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    superior = models.CharField("cơ quan cấp trên", max_length=255, blank=True)
    place = models.CharField("địa danh", max_length=120, blank=True)
    date = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.TextField("trích yếu", blank=True)
    signer_capacity = models.CharField("quyền hạn ký", max_length=120, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    outline = models.JSONField(
        "đề cương kèm theo",
        null=True,
        blank=True,
        help_text="Cây đề mục {title, sections: [{number, heading, guidance, children}]}.",
    )

    source = models.FileField("tệp gốc", upload_to="documents/%Y/%m/")
    source_name = models.CharField("tên tệp", max_length=255)
    source_sha256 = models.CharField(max_length=64, db_index=True)
    text_sha256 = models.CharField(
        "dấu vân tay nội dung",
        max_length=64,
        blank=True,
        db_index=True,
        help_text="SHA-256 của nội dung đã chuẩn hóa (NFC, khoảng trắng): nhận ra bản trùng "
        "dù khác định dạng hoặc bảng mã.",
    )
    text = models.TextField("nội dung (đã chuẩn hóa)")
    extraction = models.JSONField("kết quả trích xuất gốc", default=dict)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    implements = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="implementations",
        verbose_name="thực hiện kế hoạch của cấp trên",
        help_text="Kế hoạch của tổ chức cơ sở đảng thực hiện kế hoạch này của cấp ủy cấp trên.",
    )
    archived_at = models.DateTimeField("lưu trữ lúc", null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người lưu trữ",
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source_sha256"], name="one_import_per_file_per_owner"
            )
        ]

    def __str__(self) -> str:
        label = self.number or "(chưa rõ số)"
        return f"{label} — {self.kind_name or self.kind or 'văn bản'}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def display_name(self) -> str:
        kind = (self.kind_name or self.kind or "Văn bản").capitalize()
        return f"{kind} số {self.number}" if self.number else f"{kind} (chưa rõ số)"


class Citation(models.Model):
    """Trích dẫn: a document cited by another ("Thực hiện Kế hoạch số 297-KH/TU…")."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")
    number = models.CharField("số, ký hiệu", max_length=64)
    kind = models.CharField(max_length=16, blank=True)
    issuer = models.CharField(max_length=64, blank=True)
    date = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True)
    span_start = models.PositiveIntegerField(null=True)
    span_end = models.PositiveIntegerField(null=True)
    cited_document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="cited_by"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["document", "position"]

    def __str__(self) -> str:
        return self.number


class Frequency(models.TextChoices):
    ONCE = "", "Một lần"
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"
    YEARLY = "yearly", "Hằng năm"
    CONTINUOUS = "continuous", "Thường xuyên"


class Deadline(models.Model):
    """Thời hạn: a one-off due date or a recurring duty read from a document (docs/domain.md §5)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="deadlines")
    text = models.CharField("nguyên văn", max_length=255)
    due = models.DateField("hạn", null=True, blank=True)
    exclusive = models.BooleanField("trước ngày (không tính ngày hạn)", default=False)
    tentative = models.BooleanField("dự kiến", default=False)
    frequency = models.CharField(
        "định kỳ", max_length=16, choices=Frequency.choices, default=Frequency.ONCE, blank=True
    )
    what = models.TextField("nội dung", blank=True)
    who = models.CharField("đơn vị thực hiện", max_length=255, blank=True)
    span_start = models.PositiveIntegerField(null=True)
    span_end = models.PositiveIntegerField(null=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["document", "position"]

    def __str__(self) -> str:
        return self.text

    @property
    def meaning(self) -> str:
        """The deadline's meaning in words, per docs/domain.md §5."""
        from lamtheobac.core.dates import short_date

        if self.frequency:
            return self.get_frequency_display()
        if self.due is None:
            return "Không xác định được ngày"
        # Plain words (issue 14 §4): "Trước ngày 30/4/2020", "Hạn 30/4/2020".
        words = (
            f"trước ngày {short_date(self.due)}"
            if self.exclusive
            else f"hạn {short_date(self.due)}"
        )
        return f"Dự kiến {words}" if self.tentative else words[0].upper() + words[1:]


class Addressee(models.Model):
    """A unit a document is sent to by its recipient list (nơi nhận; issue 9 §3): a line naming
    the unit, or one naming a group of them under the document's owner ("các đảng bộ, chi bộ cơ
    sở"). Matched when the document is imported and whenever its recipients are corrected
    (``documents.actions.documents``), so the plan is listed for the unit's staff; the unit
    keeps it after a later rename."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="addressees")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "nơi nhận là đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["document", "unit"], name="addressee_once"),
        ]
        indexes = [models.Index(fields=["unit", "document"], name="addressee_unit_idx")]

    def __str__(self) -> str:
        return f"{self.document} → {self.unit}"
