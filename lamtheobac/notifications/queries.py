from __future__ import annotations

from typing import TYPE_CHECKING

from lamtheobac.notifications.models import Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def unread_count(user: User) -> int:
    """How many of ``user``'s notifications are unread (the bell in every page's header; read
    through ``core.readcache``)."""
    from lamtheobac.core.readcache import cached_read

    pk = user.pk
    return cached_read(
        ("unread", pk), lambda: Notification.objects.filter(user_id=pk).unread().count()
    )


def for_user(user: User, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(user=user)[:limit])


def channel_of(user: User) -> str:
    """The user's chosen channel (``Channel.EMAIL`` when they never chose)."""
    from lamtheobac.notifications.models import Channel, NotificationPreference

    chosen = (
        NotificationPreference.objects.filter(user=user).values_list("channel", flat=True).first()
    )
    return chosen or Channel.EMAIL
