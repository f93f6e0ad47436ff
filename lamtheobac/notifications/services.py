"""Write functions for notifications."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from lamtheobac.notifications.models import Notification


def notify_users(
    users: Iterable[Any], *, message: str, url: str = "", subject: str = "", email: bool = True
) -> list[Notification]:
    """Create one notification per user and, after commit, e-mail those with an address."""
    users = list(users)
    created = Notification.objects.bulk_create(
        [Notification(user=u, message=message, url=url) for u in users]
    )
    if email:
        recipients = [u.email for u in users if getattr(u, "email", "")]
        if recipients:
            mails = [
                (subject or "lamtheobac: thông báo", message, settings.DEFAULT_FROM_EMAIL, [to])
                for to in recipients
            ]
            transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return created


def mark_read(user: Any, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all when ``notification_ids`` is None)."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())
