"""Logins are throttled (django-axes) and pages speak Vietnamese."""

from __future__ import annotations

import pytest
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
