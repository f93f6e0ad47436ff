"""Accounts: change and reset a password (by e-mail or by a printed one-time code), and the
optional TOTP second factor for committee roles (django-otp). Issue 13 §7."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from lamtheobac.accounts import codes
from lamtheobac.accounts.forms import IssueCodeForm, RedeemCodeForm, TokenForm
from lamtheobac.accounts.middleware import forget_device_check
from lamtheobac.audit.models import record
from lamtheobac.units.models import Role, RoleGrant

COMMITTEE_ROLES = (Role.ADMINISTRATOR, Role.COMMITTEE_STAFF, Role.COMMITTEE_LEADER)


def _me(request: HttpRequest) -> Any:
    """The signed-in user (the views below are all login_required)."""
    return request.user


def may_use_second_factor(user: Any) -> bool:
    """Committee roles (and superusers) may turn on TOTP; unit staff and members do not."""
    return bool(
        user.is_superuser or RoleGrant.objects.filter(user=user, role__in=COMMITTEE_ROLES).exists()
    )


@require_http_methods(["GET", "POST"])
def issue_code(request: HttpRequest) -> HttpResponse:
    """An administrator prints a one-time reset code for a user in their scope."""
    if not (
        request.user.is_superuser
        or RoleGrant.objects.filter(user=_me(request), role=Role.ADMINISTRATOR).exists()
    ):
        raise PermissionDenied("Chỉ quản trị hệ thống được in mã đặt lại mật khẩu.")
    form = IssueCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
        if user is None or not codes.may_issue_for(request.user, user):
            form.add_error("username", "Không có tài khoản này trong phạm vi bạn quản trị.")
        else:
            code, row = codes.issue_code(user=user, by=request.user)
            return render(
                request, "accounts/code_print.html", {"target": user, "code": code, "row": row}
            )
    return render(request, "accounts/code_issue.html", {"form": form})


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def redeem_code(request: HttpRequest) -> HttpResponse:
    """Anyone with a printed code sets a new password (then logs in as usual)."""
    form = RedeemCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = codes.redeem_code(
            username=form.cleaned_data["username"],
            code=form.cleaned_data["code"],
            password=form.cleaned_data["password1"],
        )
        if user is not None:
            messages.success(request, "Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu mới.")
            return HttpResponseRedirect(reverse("login"), status=303)
        form.add_error(None, codes.WRONG)
    return render(
        request,
        "accounts/code_redeem.html",
        {"form": form},
        status=200 if request.method == "GET" or form.is_valid() else 400,
    )


@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Turn on TOTP: scan the QR code, type a code to confirm; or turn it off with a code."""
    if not may_use_second_factor(request.user):
        raise PermissionDenied("Xác thực hai bước dành cho tài khoản cấp ủy cấp trên.")
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    form = TokenForm(request.POST or None)
    if confirmed is not None:
        if request.method == "POST" and form.is_valid():
            if confirmed.verify_token(form.cleaned_data["token"]):
                with transaction.atomic():
                    TOTPDevice.objects.filter(user=request.user).delete()
                    record(actor=request.user, action="account.otp_disabled", target=_me(request))
                forget_device_check(request)
                messages.success(request, "Đã tắt xác thực hai bước.")
                return HttpResponseRedirect(reverse("accounts:otp_setup"), status=303)
            form.add_error("token", "Mã không đúng hoặc đã hết hiệu lực.")
        return render(request, "accounts/otp_enabled.html", {"form": form})
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Ứng dụng xác thực", confirmed=False
        )
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                record(actor=request.user, action="account.otp_enabled", target=_me(request))
            forget_device_check(request)
            otp_login(request, device)
            messages.success(request, "Đã bật xác thực hai bước.")
            return HttpResponseRedirect(reverse("accounts:otp_setup"), status=303)
        form.add_error("token", "Mã không đúng. Kiểm tra giờ trên điện thoại rồi thử lại.")
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
    return render(
        request,
        "accounts/otp_setup.html",
        {"form": form, "qr": qr, "secret": base64.b32encode(device.bin_key).decode()},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """After the password: the 6-digit code of a user who turned TOTP on."""
    target = request.POST.get("next") or request.GET.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    if not user_has_device(request.user) or request.user.is_verified():  # type: ignore[union-attr]
        return HttpResponseRedirect(target)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        if device is not None and device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return HttpResponseRedirect(target, status=303)
        form.add_error("token", "Mã không đúng hoặc đã hết hiệu lực.")
    return render(request, "accounts/otp_verify.html", {"form": form, "next": target})
