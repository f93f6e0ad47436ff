"""In-app notifications (thông báo) sent to users; e-mail goes alongside after commit, at once
or gathered into the e-mail digest, as each user chose (``NotificationPreference``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def awaiting_digest(self) -> NotificationQuerySet:
        """Notifications of users who chose the digest, not yet sent in one."""
        return self.filter(digest_pending=True)


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    message = models.TextField("nội dung")
    url = models.CharField(max_length=500, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    digest_pending = models.BooleanField(
        "chờ gửi trong bản tin", default=False, help_text="Người nhận chọn nhận gộp qua bản tin."
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["digest_pending", "user"], name="notification_digest_idx"),
        ]

    def __str__(self) -> str:
        return self.message[:80]


class Channel(models.TextChoices):
    """How a user hears of a notification (issue 14 §6). It always shows in the app."""

    EMAIL = "email", "Trong ứng dụng và gửi e-mail ngay"
    IN_APP = "in_app", "Chỉ trong ứng dụng (không gửi e-mail)"
    DIGEST = "digest", "Trong ứng dụng và gộp vào bản tin e-mail"


class NotificationPreference(models.Model):
    """One per user who chose; a user without a row gets ``Channel.EMAIL`` (the default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    channel = models.CharField(
        "nhận thông báo", max_length=8, choices=Channel.choices, default=Channel.EMAIL
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "cách nhận thông báo"
        verbose_name_plural = "cách nhận thông báo"

    def __str__(self) -> str:
        return f"{self.user}: {self.get_channel_display()}"


class SentNotice(models.Model):
    """A scheduled notice already sent (e.g. "round 12, unit 5, 3 days before its deadline"):
    the key makes the deadline job idempotent — run twice, it sends once."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "thông báo định kỳ đã gửi"
        verbose_name_plural = "thông báo định kỳ đã gửi"

    def __str__(self) -> str:
        return self.key
