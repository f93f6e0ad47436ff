"""A URLconf for the error-page tests: the site's own, plus one view that fails."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from lamtheobac.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in our code")


patterns: list[URLPattern | URLResolver] = [*urlpatterns, path("thu-loi/", boom)]
urlpatterns = patterns  # type: ignore[assignment]
