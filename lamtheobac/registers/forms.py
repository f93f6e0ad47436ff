from __future__ import annotations

from django import forms


class RegisterForm(forms.Form):
    kind = forms.CharField(
        label="Loại (ký hiệu)", max_length=8, help_text="Ví dụ: BC, CV, KH, TTr, QĐ."
    )
    title = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 2}))
    issued_on = forms.DateField(
        label="Ngày", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    recipients = forms.CharField(label="Nơi nhận", required=False)
