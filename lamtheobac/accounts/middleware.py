"""A user who turned the second factor on must type a code before any page (issue 13 §7)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device

# Reachable with a password alone: the code page itself, logging out, the health probe.
ALLOWED = ("/tai-khoan/ma-xac-thuc/", "/dang-xuat/", "/suc-khoe/", "/static/")

# In the session: [user id, has a confirmed device, when it was asked (epoch seconds)].
SESSION_KEY = "second_factor_device"
# A device added or removed in another session (another browser, the admin site) is seen
# within this many seconds; the session that adds or removes one sees it at once
# (``forget_device_check``).
RECHECK_SECONDS = 300


def has_confirmed_device(request: HttpRequest, user: Any) -> bool:
    """Whether ``user`` has a confirmed TOTP device, asked of the database once per session
    and again after ``RECHECK_SECONDS`` (not on every request; issue 13 §5)."""
    now = time.time()
    cached = request.session.get(SESSION_KEY)
    if (
        isinstance(cached, list)
        and len(cached) == 3
        and cached[0] == user.pk
        and 0 <= now - cached[2] < RECHECK_SECONDS
    ):
        return bool(cached[1])
    found = bool(user_has_device(user))
    request.session[SESSION_KEY] = [user.pk, found, now]
    return found


def forget_device_check(request: HttpRequest) -> None:
    """Call after adding or removing a device: the next request asks the database again."""
    request.session.pop(SESSION_KEY, None)


class SecondFactorRequiredMiddleware:
    """After django-otp's OTPMiddleware: redirect a signed-in, unverified user who has a
    confirmed device to the code page (``next`` = where they were going)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED)
            and not user.is_verified()
            and has_confirmed_device(request, user)
        ):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('accounts:otp_verify')}?{query}")
        return self.get_response(request)
