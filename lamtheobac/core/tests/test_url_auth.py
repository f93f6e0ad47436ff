"""Deny by default, proven: every named URL refuses an anonymous user (STYLE.md practice 6)."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Pages anyone may open: the login page itself, and Django admin's own login/logout handling.
PUBLIC = {
    "login",
    "agenda:feed",
    "admin:login",
    "admin:logout",
    "admin:jsi18n",
    "admin:javascript-catalog",
}


def _walk(patterns, prefix="", namespace=""):  # type: ignore[no-untyped-def]
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}{p.namespace}:"
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield (f"{namespace}{p.name}" if p.name else None), prefix + str(p.pattern)


def _concrete(route: str) -> str:
    route = re.sub(r"<int:[^>]+>", "1", route)
    route = re.sub(r"<(?:str|slug|path):[^>]+>", "x", route)
    route = re.sub(r"<[^>]+>", "1", route)
    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    if "(?P" in route or "\\" in route:
        return ""
    return "/" + route


def _all_urls():  # type: ignore[no-untyped-def]
    seen = set()
    for name, route in _walk(get_resolver().url_patterns):
        url = _concrete(route)
        if not url or name in PUBLIC or url in seen:
            continue
        seen.add(url)
        yield name, url


ALL_URLS = sorted(_all_urls(), key=lambda item: item[1])


def test_the_walk_finds_the_application_urls():
    names = {name for name, _ in ALL_URLS}
    for expected in ("home", "reporting:round_detail", "reporting:report_edit", "documents:detail"):
        assert expected in names


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), ALL_URLS, ids=[n or u for n, u in ALL_URLS])
def test_every_url_refuses_an_anonymous_user(client, name, url):
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if response.status_code in (404, 405):
            continue  # nothing there for anyone, or the method is not allowed at all
        assert response.status_code in (301, 302), (name, method, response.status_code)
        location = response["Location"]
        assert "/dang-nhap/" in location or "/quan-tri/login/" in location, (name, location)
