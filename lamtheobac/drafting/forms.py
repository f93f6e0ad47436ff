"""The drafting form: issuing body, signer, date, number, recipients, rules (issue 12 §1)."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from lamtheobac.commendations.outputs import TIE_BREAKS
from lamtheobac.core.forms import VNDateField
from lamtheobac.drafting.models import AUTHORITY_CHOICES, SPREADSHEETS, DocumentKind
from lamtheobac.partydoc.signing import Authority, Signer, check_signer
from lamtheobac.units.models import Unit

RULE_CHOICES = [
    ("", "Theo ngày ký (05-HD/VPTW từ 27/5/2026, trước đó 36-HD/VPTW)"),
    ("hd36_2018", "Hướng dẫn 36-HD/VPTW (2018)"),
    ("hd05_2026", "Hướng dẫn 05-HD/VPTW (2026)"),
]
SPELLING_CHOICES = [
    ("modern", "Dấu kiểu mới: ủy, hòa, khóa"),
    ("traditional", "Dấu kiểu cũ: uỷ, hoà, khoá"),
]
SYMBOL = re.compile(r"^[A-ZĐ][A-ZĐa-zđ0-9]*(?:-[A-ZĐ][A-ZĐa-zđ0-9]*)*$")


class DraftForm(forms.Form):
    issuing_unit = forms.ModelChoiceField(
        label="Cơ quan ban hành", queryset=Unit.objects.none(), empty_label=None
    )
    prefilled_unit = forms.IntegerField(widget=forms.HiddenInput, required=False)
    superior = forms.CharField(label="Dòng 1: cơ quan cấp trên", max_length=255, required=False)
    header = forms.CharField(label="Dòng 2: tên cơ quan ban hành", max_length=255)
    symbol = forms.CharField(label="Ký hiệu cơ quan (sau dấu /)", max_length=32)
    serial = forms.CharField(
        label="Số văn bản (để trống nếu văn thư cấp số sau)", max_length=8, required=False
    )
    take_number = forms.BooleanField(
        label="Lấy số tiếp theo từ sổ đăng ký văn bản đi (khi ô số để trống)", required=False
    )
    signing_date = VNDateField(label="Ngày ký")
    authority = forms.ChoiceField(label="Thẩm quyền ký", choices=AUTHORITY_CHOICES, required=False)
    behalf = forms.CharField(
        label="Sau tiền tố (BAN THƯỜNG VỤ, TRƯỞNG BAN…)", max_length=120, required=False
    )
    title = forms.CharField(label="Chức vụ người ký", max_length=120, required=False)
    name = forms.CharField(label="Họ và tên người ký", max_length=120, required=False)
    addressees = forms.CharField(
        label="Kính gửi (mỗi dòng một nơi; để trống: mặc định)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    recipients = forms.CharField(
        label="Nơi nhận (mỗi dòng một nơi, dòng cuối “Lưu …”)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    new_deadline = VNDateField(label="Hạn mới đề nghị gửi báo cáo", required=False)
    rule_version = forms.ChoiceField(label="Thể thức", choices=RULE_CHOICES, required=False)
    spelling = forms.ChoiceField(label="Cách đặt dấu", choices=SPELLING_CHOICES)
    body_text = forms.CharField(
        label="Nội dung báo cáo (sửa được; “# ” đề mục cấp 1, “## ” cấp 2, “**Đơn vị:**” tên đơn vị)",
        widget=forms.Textarea(attrs={"rows": 24}),
        required=False,
    )
    group_by_unit = forms.BooleanField(label="Nhóm theo đơn vị đề nghị", required=False)
    tie_break = forms.ChoiceField(
        label="Cùng tên thì xếp theo", choices=list(TIE_BREAKS.items()), required=False
    )

    def __init__(self, *args: Any, kind: DocumentKind, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.committee = units[0]
        field = self.fields["issuing_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        for name in self.hidden_for(kind):
            del self.fields[name]

    @staticmethod
    def hidden_for(kind: DocumentKind) -> list[str]:
        if kind in SPREADSHEETS:
            keep = {"signing_date", "issuing_unit", "prefilled_unit"}
            if kind == DocumentKind.NOMINEES:
                keep |= {"group_by_unit", "tie_break"}
            return [n for n in DraftForm.base_fields if n not in keep]
        hidden = ["group_by_unit", "tie_break"]
        if kind != DocumentKind.CONSOLIDATED:
            hidden.append("body_text")
        if kind != DocumentKind.REMINDER:
            hidden.append("new_deadline")
        if kind not in (DocumentKind.REMINDER, DocumentKind.PETITION):
            hidden.append("addressees")
        return hidden

    def clean_symbol(self) -> str:
        symbol = self.cleaned_data["symbol"].strip()
        if not SYMBOL.match(symbol):
            raise forms.ValidationError(
                "Ký hiệu cơ quan viết liền, bắt đầu bằng chữ in hoa (ví dụ: ĐUK, BTGĐUK)."
            )
        return symbol

    def clean_serial(self) -> str:
        serial = self.cleaned_data["serial"].strip()
        if serial and not serial.isdigit():
            raise forms.ValidationError("Số văn bản chỉ gồm chữ số.")
        return serial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.kind in SPREADSHEETS or self.errors:
            return data
        unit = data.get("issuing_unit")
        if unit is not None and data.get("prefilled_unit") not in (None, unit.pk):
            return data  # another body was picked: the view refills the form with its values
        board = unit is not None and unit.pk != self.committee.pk
        signer = Signer(
            Authority(data.get("authority") or ""),
            data.get("behalf", ""),
            data.get("title", ""),
            data.get("name", ""),
        )
        for message in check_signer(signer, board=board):
            self.add_error(None, message)
        if (
            self.kind == DocumentKind.REMINDER
            and data.get("new_deadline")
            and data.get("signing_date")
            and data["new_deadline"] <= data["signing_date"]
        ):
            self.add_error("new_deadline", "Hạn mới phải sau ngày ký.")
        recipients = [x for x in data.get("recipients", "").splitlines() if x.strip()]
        if recipients and not recipients[-1].strip().lstrip("- ").startswith("Lưu"):
            self.add_error("recipients", "Dòng cuối của nơi nhận là “Lưu …” (bản lưu).")
        return data
