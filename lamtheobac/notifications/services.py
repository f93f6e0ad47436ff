"""Notifications: the side effect other apps' write functions call (``notify_users``), and
the one write a user makes on their own notifications (``mark_read``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from lamtheobac.notifications.models import Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def notify_users(
    users: Iterable[User], *, message: str, url: str = "", subject: str = "", email: bool = True
) -> list[Notification]:
    """Create one notification per user (in the caller's transaction) and, after commit,
    e-mail those with an address; a mail that fails does not undo the write."""
    users = list(users)
    created = Notification.objects.bulk_create(
        [Notification(user=u, message=message, url=url) for u in users]
    )
    if email:
        recipients = [u.email for u in users if u.email]
        if recipients:
            mails = [
                (subject or "lamtheobac: thông báo", message, settings.DEFAULT_FROM_EMAIL, [to])
                for to in recipients
            ]
            transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return created


def mark_read(user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all when ``notification_ids`` is None; ids of
    another user's notifications are ignored). Returns how many were marked."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())
