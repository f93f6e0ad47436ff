"""A user who turned the second factor on must type a code before any page (issue 13 §7)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device

# Reachable with a password alone: the code page itself, logging out, the health probe.
ALLOWED = ("/tai-khoan/ma-xac-thuc/", "/dang-xuat/", "/suc-khoe/", "/static/")


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
            and user_has_device(user)
        ):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('accounts:otp_verify')}?{query}")
        return self.get_response(request)
