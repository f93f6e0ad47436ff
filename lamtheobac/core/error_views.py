"""Vietnamese error pages in the site layout (issue 14 §4): the reason and a way back.

Django calls these through ``handler400/403/404/500`` in the root URLconf when DEBUG is off.
Each page says what happened in plain words, the reason when the code gave one (the message
of a ``PermissionDenied`` / ``core.errors.AccessDenied`` or an ``Http404``), and offers the
home page and the previous page. The 500 page is rendered without the request's context
processors: the database may be what failed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme

# Messages Django or our code raise without a reason a user can act on.
_TECHNICAL = ("No ", "Resolver404", "Page not found", "The requested resource", "Not Found")


def _reason(exception: BaseException | None) -> str:
    """The exception's own Vietnamese message, or "" when it has none worth showing."""
    if exception is None:
        return ""
    message = getattr(exception, "message", None)
    if not isinstance(message, str):
        args = getattr(exception, "args", ())
        message = args[0] if args and isinstance(args[0], str) else ""
    message = message.strip()
    if not message or message.startswith(_TECHNICAL) or "{" in message:
        return ""
    return message


def _back(request: HttpRequest) -> str:
    """The page the user came from, when it is on this site; "" otherwise."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def _page(
    request: HttpRequest | None, status: int, *, reason: str = "", back: str = ""
) -> HttpResponse:
    body = render_to_string(
        f"errors/{status}.html", {"reason": reason, "back": back, "status": status}, request
    )
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """400: the request could not be understood (a form posted from an old page, a bad link)."""
    return _page(request, 400, reason=_reason(exception), back=_back(request))


def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """403: the user is signed in but lacks the right here; says which right when known."""
    return _page(request, 403, reason=_reason(exception), back=_back(request))


def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """404: no such page, or an object outside the user's units (the two look the same)."""
    return _page(request, 404, reason=_reason(exception), back=_back(request))


def server_error(request: HttpRequest) -> HttpResponse:
    """500: rendered without context processors or the database."""
    return _page(None, 500)


def too_large(limit_mb: int, message: str, *, status: int = 413) -> HttpResponse:
    """413 (or 400 for an unreadable size) from the request size cap, before any session
    exists: the layout without the navigation."""
    return HttpResponse(
        render_to_string(f"errors/{status}.html", {"reason": message, "limit": limit_mb}),
        status=status,
    )
