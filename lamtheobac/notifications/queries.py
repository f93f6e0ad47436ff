from __future__ import annotations

from typing import TYPE_CHECKING

from lamtheobac.notifications.models import Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user).unread().count()


def for_user(user: User, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(user=user)[:limit])


def channel_of(user: User) -> str:
    """The user's chosen channel (``Channel.EMAIL`` when they never chose)."""
    from lamtheobac.notifications.models import Channel, NotificationPreference

    chosen = (
        NotificationPreference.objects.filter(user=user).values_list("channel", flat=True).first()
    )
    return chosen or Channel.EMAIL
