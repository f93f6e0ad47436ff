"""Navigation shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

HTMX_AVAILABLE = any(
    isinstance(entry, tuple) and entry[0] == "vendor/htmx" for entry in settings.STATICFILES_DIRS
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"htmx_available": HTMX_AVAILABLE}
    from lamtheobac.notifications.queries import unread_count
    from lamtheobac.units.policy import policy_for

    policy = policy_for(request)
    return {
        "policy": policy,
        "unread_notifications": unread_count(user),
        "htmx_available": HTMX_AVAILABLE,
    }
