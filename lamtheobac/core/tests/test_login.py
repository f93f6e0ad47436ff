"""Logins are throttled (django-axes) and pages speak Vietnamese."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lamtheobac.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_password(
    client, world, settings
):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("login")
    for _ in range(3):
        client.post(url, {"username": world.secretary.username, "password": "sai-mat-khau"})
    response = client.post(url, {"username": world.secretary.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_logs_in(client, world):
    response = client.post(
        reverse("login"), {"username": world.secretary.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.secretary.pk)


def test_the_login_page_is_in_vietnamese(client):
    page = client.get(reverse("login"))
    assert page["Content-Language"] == "vi"
    assert "Đăng nhập" in page.content.decode()


def test_a_page_seen_signed_out_does_not_replace_the_login_forms_csrf_cookie(settings):
    """A browser opening the login page also fetches its icon; if that parallel request (sent
    with no cookie yet) minted its own CSRF secret, its cookie would overwrite the login
    form's and the first login would fail with 403. Pages seen signed out mint none, and the
    icon is declared so that the browser asks the static files for it."""
    browser = Client(enforce_csrf_checks=True)
    login_page = browser.get(reverse("login"))
    assert settings.CSRF_COOKIE_NAME in login_page.cookies
    assert 'rel="icon"' in login_page.content.decode()

    parallel = Client(enforce_csrf_checks=True).get("/favicon.ico")
    assert parallel.status_code == 404
    assert settings.CSRF_COOKIE_NAME not in parallel.cookies


def test_the_login_form_works_with_csrf_checks_on(world, settings):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(reverse("login"))
    token = page.context["csrf_token"]
    response = browser.post(
        reverse("login"),
        {"username": world.secretary.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert browser.session["_auth_user_id"] == str(world.secretary.pk)
