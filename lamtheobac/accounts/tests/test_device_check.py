"""The second-factor middleware asks the database about devices once per session, not on every
request, and sees a device added or removed (issue 13 §5, §7)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lamtheobac.accounts import middleware
from lamtheobac.accounts.middleware import SESSION_KEY

pytestmark = pytest.mark.django_db


def _device_queries(client, url="/"):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured if "otp_totp" in q["sql"]]


def test_a_user_without_a_device_is_asked_about_it_once_per_session(client, world):
    client.force_login(world.officer)
    first, asked = _device_queries(client)
    assert first.status_code == 200 and len(asked) == 1
    for _ in range(3):
        response, asked = _device_queries(client)
        assert response.status_code == 200 and asked == []


def test_a_device_added_in_another_session_is_required_after_the_recheck_window(
    client, world, monkeypatch
):
    client.force_login(world.officer)
    assert client.get("/").status_code == 200  # remembered: no device
    TOTPDevice.objects.create(user=world.officer, name="Điện thoại", confirmed=True)
    assert client.get("/").status_code == 200  # within the window, still remembered
    later = middleware.time.time() + middleware.RECHECK_SECONDS + 1
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(
        "/tai-khoan/ma-xac-thuc/"
    )


def test_turning_the_second_factor_on_or_off_forgets_the_remembered_answer(client, world):
    client.force_login(world.officer)
    client.get("/")
    assert client.session[SESSION_KEY][1] is False
    client.get("/tai-khoan/xac-thuc-hai-buoc/")  # makes the unconfirmed device
    device = TOTPDevice.objects.get(user=world.officer, confirmed=False)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post("/tai-khoan/xac-thuc-hai-buoc/", {"token": code}).status_code == 303
    assert SESSION_KEY not in client.session
    client.logout()
    client.force_login(world.officer)  # a new session: password only, so the code is asked
    response = client.get("/")
    assert response.status_code == 302 and client.session[SESSION_KEY][1] is True
