from __future__ import annotations

from django import forms

from lamtheobac.core.forms import VNDateField


class RegisterForm(forms.Form):
    kind = forms.CharField(
        label="Loại (ký hiệu)", max_length=8, help_text="Ví dụ: BC, CV, KH, TTr, QĐ."
    )
    title = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 2}))
    issued_on = VNDateField(label="Ngày", required=False)
    recipients = forms.CharField(label="Nơi nhận", required=False)
