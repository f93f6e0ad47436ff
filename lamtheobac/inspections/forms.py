from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from lamtheobac.core.forms import VNDateField
from lamtheobac.inspections.models import InspectionKind
from lamtheobac.units.models import Unit, UnitQuerySet


class _UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class ProgrammeForm(forms.Form):
    committee = _UnitChoice(label="Cấp ủy", queryset=Unit.objects.none())
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)

    def __init__(self, *args: Any, committees: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label="Hình thức", choices=InspectionKind.choices)
    target = _UnitChoice(label="Đối tượng", queryset=Unit.objects.none())
    subject = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 2}))
    team = forms.CharField(
        label="Đoàn (mỗi người một dòng)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    start = VNDateField(label="Từ ngày")
    end = VNDateField(label="Đến ngày")

    def __init__(self, *args: Any, units: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = units  # type: ignore[attr-defined]


class ConcludeForm(forms.Form):
    findings = forms.CharField(
        label="Kết quả kiểm tra", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    conclusions = forms.CharField(label="Kết luận", widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = forms.CharField(
        label="Kiến nghị (mỗi dòng: nội dung | hạn dd/mm/yyyy)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_recommendations(self) -> list[tuple[str, dt.date]]:
        rows = []
        for n, line in enumerate(self.cleaned_data["recommendations"].splitlines(), start=1):
            if not line.strip():
                continue
            text, _, due = line.rpartition("|")
            try:
                d, m, y = (int(part) for part in due.strip().split("/"))
                day = dt.date(y, m, d)
            except ValueError:
                raise forms.ValidationError(
                    f"Dòng {n}: cần ghi “nội dung | hạn dd/mm/yyyy”."
                ) from None
            if not text.strip():
                raise forms.ValidationError(f"Dòng {n}: thiếu nội dung kiến nghị.")
            rows.append((text.strip(), day))
        return rows
