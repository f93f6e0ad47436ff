"""Request limits and cache headers (issue 13 §7).

``RequestSizeLimitMiddleware`` refuses a request whose declared body is over
``MAX_REQUEST_SIZE`` with 413 *before* anything reads the body, so a 300 MB upload is never
written to disk (Django's upload handlers run only when ``request.POST``/``FILES`` is read).
``NoStoreMiddleware`` marks every response to a signed-in user ``Cache-Control: no-store,
private``: a shared or back-button cache never keeps a committee's pages.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

TOO_LARGE = (
    "Yêu cầu quá lớn: tối đa {limit} MB mỗi lần gửi (văn bản tối đa 50 MB, tệp đính kèm tối đa "
    "20 MB). Không có gì được lưu."
)


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            size = int(declared)
        except ValueError:
            size = -1
        limit = settings.MAX_REQUEST_SIZE
        if size < 0 or size > limit:
            message = TOO_LARGE.format(limit=limit // (1024 * 1024))
            from lamtheobac.core.error_views import too_large

            response = too_large(
                limit // (1024 * 1024), message, status=413 if size > limit else 400
            )
            return response
        return self.get_response(request)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
