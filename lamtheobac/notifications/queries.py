from __future__ import annotations

from typing import Any

from lamtheobac.notifications.models import Notification


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user).unread().count()


def for_user(user: Any, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(user=user)[:limit])
