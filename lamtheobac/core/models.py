"""Abstract shapes shared by the capability apps (issue 7 §3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class StoredFileQuerySet(models.QuerySet):
    def present(self) -> StoredFileQuerySet:
        """Files not removed by their unit: the only ones listed or served."""
        return self.filter(removed_at__isnull=True)


class StoredFile(models.Model):
    """An uploaded file kept through Django's storage API, checked by content on the way in
    (``core.uploads.check_upload``) and served only through a permission-checked view.

    Removal is a mark (``removed_at``), never a deletion: a removed file is no longer listed
    or served to anyone, but stays on record for the audit trail. Subclasses override
    ``file`` to choose their ``upload_to`` folder.
    """

    file = models.FileField(upload_to="files/%Y/%m/")
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = StoredFileQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    def mark_removed(self) -> None:
        """Set ``removed_at`` to now (UTC); the caller saves it inside its write function."""
        self.removed_at = timezone.now()
