"""Accounts (issue 13 §7): change a password, reset it by e-mail or by a printed one-time
code, and the optional TOTP second factor for committee roles."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lamtheobac.accounts.models import ResetCode

pytestmark = pytest.mark.django_db

NEW = "Mật-khẩu-mới-2026!"


def test_a_signed_in_user_changes_their_password_with_the_old_one(client, world):
    world.officer.set_password("cu-mat-khau-2026")
    world.officer.save()
    client.force_login(world.officer)
    page = client.get("/tai-khoan/doi-mat-khau/")
    assert page.status_code == 200 and "Đổi mật khẩu" in page.content.decode()
    wrong = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": "sai", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200
    world.officer.refresh_from_db()
    assert world.officer.check_password("cu-mat-khau-2026")
    done = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": "cu-mat-khau-2026", "new_password1": NEW, "new_password2": NEW},
    )
    assert done.status_code == 302
    world.officer.refresh_from_db()
    assert world.officer.check_password(NEW)


def _found(pattern: str, text: str) -> str:
    """The first group of ``pattern`` in ``text``; the test fails when it is not there."""
    match = re.search(pattern, text)
    assert match is not None, (pattern, text[:500])
    return match.group(1)


def test_a_forgotten_password_is_reset_through_the_link_in_a_vietnamese_email(client, world):
    client.post("/tai-khoan/quen-mat-khau/", {"email": world.officer.email})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Đặt lại mật khẩu" in message.subject and world.officer.username in message.body
    link = _found(r"https?://[^/]+(/tai-khoan/dat-lai/\S+)", str(message.body))
    form = client.get(link, follow=True)
    assert form.status_code == 200
    url = form.redirect_chain[-1][0] if form.redirect_chain else link
    client.post(url, {"new_password1": NEW, "new_password2": NEW})
    world.officer.refresh_from_db()
    assert world.officer.check_password(NEW)
    assert client.get(link, follow=True).context["validlink"] is False  # used once


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, world):
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "khong-co@example.vn"})
    assert response.status_code == 302 and not mail.outbox


def test_an_administrator_prints_a_one_time_code_that_sets_a_new_password_once(client, world):
    client.force_login(world.admin)
    printed = client.post("/tai-khoan/ma-dat-lai/in/", {"username": world.secretary.username})
    code = _found(r'class="code">([A-Z0-9-]+)<', printed.content.decode())
    row = ResetCode.objects.get(user=world.secretary)
    assert code.replace("-", "") not in row.digest  # stored as an HMAC only
    client.logout()
    form = {
        "username": world.secretary.username,
        "code": code.lower(),
        "password1": NEW,
        "password2": NEW,
    }
    response = client.post("/tai-khoan/ma-dat-lai/", form)
    assert response.status_code == 303
    world.secretary.refresh_from_db()
    assert world.secretary.check_password(NEW)
    again = client.post(
        "/tai-khoan/ma-dat-lai/",
        {**form, "password1": "Khac-2026-xyz!", "password2": "Khac-2026-xyz!"},
    )
    assert again.status_code == 400 and "đã dùng hay hết hạn" in again.content.decode()


def test_five_wrong_codes_void_the_printed_code(client, world):
    client.force_login(world.admin)
    printed = client.post("/tai-khoan/ma-dat-lai/in/", {"username": world.secretary.username})
    code = _found(r'class="code">([A-Z0-9-]+)<', printed.content.decode())
    client.logout()
    form = {"username": world.secretary.username, "password1": NEW, "password2": NEW}
    for _ in range(ResetCode.MAX_ATTEMPTS):
        assert (
            client.post("/tai-khoan/ma-dat-lai/", {**form, "code": "AAAA-AAAA-AAAA"}).status_code
            == 400
        )
    assert client.post("/tai-khoan/ma-dat-lai/", {**form, "code": code}).status_code == 400
    world.secretary.refresh_from_db()
    assert not world.secretary.check_password(NEW)


@pytest.mark.parametrize("who", ["officer", "secretary", "member", "stranger"])
def test_only_administrators_print_codes(client, world, who):
    client.force_login(getattr(world, who))
    response = client.post("/tai-khoan/ma-dat-lai/in/", {"username": world.member.username})
    assert response.status_code == 403
    assert not ResetCode.objects.exists()


def test_an_administrator_cannot_print_a_code_for_someone_outside_their_scope(client, world):
    from lamtheobac.testing import grant, make_unit, make_user
    from lamtheobac.units.models import Role

    elsewhere = make_user("ngoai.pham.vi")
    grant(elsewhere, make_unit(name="Đảng ủy Khối khác"), Role.COMMITTEE_STAFF)
    client.force_login(world.admin)
    response = client.post("/tai-khoan/ma-dat-lai/in/", {"username": elsewhere.username})
    assert "Không có tài khoản này trong phạm vi" in response.content.decode()
    assert not ResetCode.objects.exists()


def _unthrottle(device: TOTPDevice) -> None:
    """django-otp makes a device wait after a wrong code; the test does not wait."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()


def _token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_committee_staff_turn_on_totp_and_then_need_a_code_after_the_password(client, world):
    client.force_login(world.officer)
    page = client.get("/tai-khoan/xac-thuc-hai-buoc/")
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=world.officer, confirmed=False)
    assert client.post("/tai-khoan/xac-thuc-hai-buoc/", {"token": "000000"}).status_code == 200
    _unthrottle(device)
    assert (
        client.post("/tai-khoan/xac-thuc-hai-buoc/", {"token": _token(device)}).status_code == 303
    )
    device.refresh_from_db()
    assert device.confirmed

    client.logout()
    client.force_login(world.officer)
    blocked = client.get("/van-ban/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/tai-khoan/ma-xac-thuc/")
    wrong = client.post("/tai-khoan/ma-xac-thuc/?next=/van-ban/", {"token": "000000"})
    assert wrong.status_code == 200 and "Mã không đúng" in wrong.content.decode()
    _unthrottle(device)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the setup code may be reused
    passed = client.post("/tai-khoan/ma-xac-thuc/?next=/van-ban/", {"token": _token(device)})
    assert passed.status_code == 303 and passed["Location"] == "/van-ban/"
    assert client.get("/van-ban/").status_code == 200


@pytest.mark.parametrize("who", ["secretary", "member", "stranger"])
def test_unit_staff_and_members_are_not_offered_a_second_factor(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get("/tai-khoan/xac-thuc-hai-buoc/").status_code == 403
    assert not TOTPDevice.objects.exists()
