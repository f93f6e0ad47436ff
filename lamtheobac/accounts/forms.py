from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation


class IssueCodeForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập của người cần đặt lại mật khẩu", max_length=150)


class RedeemCodeForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    code = forms.CharField(label="Mã đặt lại (in trên giấy)", max_length=20)
    password1 = forms.CharField(label="Mật khẩu mới", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(
        label="Nhập lại mật khẩu mới", widget=forms.PasswordInput, strip=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            raise forms.ValidationError("Hai lần nhập mật khẩu mới không giống nhau.")
        if data.get("password1"):
            password_validation.validate_password(data["password1"])
        return data


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Mã 6 số trên ứng dụng xác thực",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_token(self) -> str:
        token = str(self.cleaned_data["token"]).strip()
        if not token.isdigit():
            raise forms.ValidationError("Mã gồm 6 chữ số.")
        return token
