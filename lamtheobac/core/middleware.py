"""Turn domain errors into a Vietnamese message in one place (docs/architecture.md (practice 4))."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from lamtheobac.core.errors import DomainError


class DomainErrorMiddleware:
    """A DomainError raised by a write function: nothing was changed (the transaction rolled
    back); show its message and send the user back to the page they came from."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        if getattr(request, "htmx", False):
            return HttpResponse(
                f'<p class="errorlist" role="alert">{_escape(exception.message)}</p>', status=409
            )
        messages.error(request, exception.message)
        back = request.headers.get("referer", "")
        if not back or not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = request.path
        return HttpResponseRedirect(back, status=303)


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)
