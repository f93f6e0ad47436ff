"""Abstract shapes shared by the capability apps (issue 7 §3)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.db import models
from django.utils import timezone

from lamtheobac.core.vietnamese import nfc

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.core.files.uploadedfile import UploadedFile

    from lamtheobac.core.uploads import CheckedUpload

from lamtheobac.core.dates import due_instant, short_date
from lamtheobac.core.transitions import Stateful


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

    @classmethod
    def store(
        cls,
        upload: UploadedFile,
        checked: CheckedUpload,
        *,
        by: AbstractBaseUser | None,
        prefix: str,
        **owner: Any,
    ) -> Self:
        """Save ``upload`` (already checked by ``core.uploads.check_upload``) as a new row.

        ``owner``: the subclass's own fields (its report, nomination, session …); the stored
        name is ``<prefix>-<first 12 hex of the SHA-256>.<detected extension>`` under the
        subclass's ``upload_to``; the original name is kept in NFC, at most 255 characters.
        Call it inside the write function's transaction, after its checks.
        """
        stored = cls(
            original_name=nfc(upload.name or "tep")[:255],
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=by,
            **owner,
        )
        name = f"{prefix}-{checked.sha256[:12]}.{checked.extension}"
        stored.file.save(name, upload, save=False)
        stored.save()
        return stored

    def mark_removed(self) -> None:
        """Set ``removed_at`` to now (UTC); the caller saves it inside its write function."""
        self.removed_at = timezone.now()


class Round(Stateful):
    """Abstract base of a round (đợt) a committee opens on a document, with a deadline:
    reporting rounds and commendation rounds, and every later kind.

    ``deadline`` is a calendar day in Asia/Ho_Chi_Minh; ``deadline_exclusive`` says the words
    were "trước ngày" (due at 0:00 of that day) rather than "chậm nhất ngày" (due at the end
    of it); ``deadline_text`` keeps the words as the plan wrote them. A subclass may override
    ``deadline`` (e.g. to make it required). ``version`` comes from ``Stateful``.
    """

    committee = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="%(app_label)s_rounds",
        verbose_name="cấp ủy",
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(app_label)s_rounds",
        verbose_name="văn bản căn cứ",
    )
    title = models.CharField("tên đợt", max_length=500)
    deadline = models.DateField("hạn", null=True, blank=True)
    deadline_exclusive = models.BooleanField(
        "trước ngày (hạn là 0 giờ của ngày này)", default=False
    )
    deadline_text = models.CharField("nguyên văn thời hạn", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def due_at(self) -> dt.datetime | None:
        """First instant counted as late (an aware datetime, Asia/Ho_Chi_Minh), or None
        without a deadline (core.dates.due_instant: the rule of "trước ngày" / "chậm nhất")."""
        if self.deadline is None:
            return None
        return due_instant(self.deadline, exclusive=self.deadline_exclusive)

    @property
    def deadline_display(self) -> str:
        """The deadline as a Party text says it: "chậm nhất ngày 15/6/2025" or "trước ngày …"."""
        if self.deadline is None:
            return "chưa có hạn"
        word = "trước ngày" if self.deadline_exclusive else "chậm nhất ngày"
        return f"{word} {short_date(self.deadline)}"

    def is_past_deadline(self, at: dt.datetime | None = None) -> bool:
        """True when ``at`` (default: now) is at or after the due instant."""
        due = self.due_at
        return due is not None and (at or timezone.now()) >= due
