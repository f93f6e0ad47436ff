"""Deny by default, proven: every named URL refuses an anonymous user (docs/architecture.md (practice 6)).

Logins are required by ``LoginRequiredMiddleware`` (ADR 0005); only the login page and the
admin's own login handling are public. A refusal is a redirect to a login page, a 403 or a
404 — never a 405 or a page. POSTs carry a valid CSRF token, so that it is the login check,
not the CSRF check, that refuses them.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Pages anyone may open: the login page itself, and Django admin's own login/logout handling.
PUBLIC = {"login", "admin:login", "admin:logout", "admin:jsi18n", "admin:javascript-catalog"}
# The load balancer's health probe (database and queue reachable; tells nothing else).
PUBLIC |= {"health"}
# Forgotten passwords: by e-mail link, or by a printed one-time code (issue 13 §7).
PUBLIC |= {
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:code_redeem",
}
# The API description is public (it holds no data); the API answers 401 without a token.
PUBLIC |= {"api:openapi-json"}
API_NAMESPACE = "api:"
# The personal calendar feed: its secret URL is the credential (revocable, 404 when revoked).
PUBLIC |= {"agenda:feed"}


def _walk(patterns, prefix="", namespace=""):
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


def _all_urls():
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


def _csrf_client() -> Client:
    """A client that enforces CSRF like a browser, holding a valid token from the login page."""
    client = Client(enforce_csrf_checks=True)
    assert client.get(reverse("login")).status_code == 200
    return client


def _refused(status: int, location: str) -> bool:
    if status in (403, 404):
        return True
    if status not in (301, 302):
        return False
    return "/dang-nhap/" in location or "/quan-tri/login/" in location


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), ALL_URLS, ids=[n or u for n, u in ALL_URLS])
def test_every_url_refuses_an_anonymous_user(name, url):
    client = _csrf_client()
    token = client.cookies["csrftoken"].value
    if name and name.startswith(API_NAMESPACE):
        # Token-authenticated: refused with 401, never redirected to a login page.
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (401, 403, 404, 405), (
                name,
                method,
                response.status_code,
            )
        return
    get = client.get(url)
    assert _refused(get.status_code, get.get("Location", "")), (name, "get", get.status_code)
    post = client.post(url, {"csrfmiddlewaretoken": token})
    assert _refused(post.status_code, post.get("Location", "")), (name, "post", post.status_code)
    assert b"CSRF" not in post.content, (name, "the CSRF check, not the login check, refused")


@pytest.mark.django_db
def test_a_post_without_a_csrf_token_is_refused_even_when_logged_in(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer)
    response = client.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 403
