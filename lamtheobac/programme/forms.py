"""Forms of the programme pages (Vietnamese labels; values go to the write functions)."""

from __future__ import annotations

from typing import Any

from django import forms

from lamtheobac.core.forms import VNDateField
from lamtheobac.programme.models import QUARTERS, ROMAN, ActivityKind, Presence, Theme
from lamtheobac.units.models import Unit, UnitKind


class ThemeForm(forms.ModelForm):
    """Settings and the four quarter topics of a programme."""

    class Meta:
        model = Theme
        fields = [
            "title",
            "term_title",
            "pledge_deadline",
            "pledge_deadline_exclusive",
            "session_grace_days",
            "collectives_min",
            "collectives_max",
            "individuals_min",
            "individuals_max",
            "locked",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "term_title": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"pledge_deadline": VNDateField}

    def __init__(self, *args: Any, topics: dict[int, tuple[str, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        topics = topics or {}
        for q in QUARTERS:
            title, guidance = topics.get(q, ("", ""))
            self.fields[f"topic_{q}"] = forms.CharField(
                label=f"Chủ điểm quý {ROMAN[q]}",
                required=False,
                initial=title,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"guidance_{q}"] = forms.CharField(
                label=f"Hướng dẫn quý {ROMAN[q]}",
                required=False,
                initial=guidance,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def settings(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def topics(self) -> dict[int, tuple[str, str]]:
        return {
            q: (self.cleaned_data[f"topic_{q}"], self.cleaned_data[f"guidance_{q}"])
            for q in QUARTERS
        }


class NewThemeForm(ThemeForm):
    scope = forms.ModelChoiceField(queryset=Unit.objects.none(), label="Áp dụng cho")
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)

    def __init__(self, *args: Any, scopes: Any = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ModelChoiceField)
        scope.queryset = scopes if scopes is not None else Unit.objects.none()
        self.order_fields(["scope", "year"])


SCOPE_KINDS = (
    UnitKind.COMMITTEE,
    UnitKind.GRASSROOTS_COMMITTEE,
    UnitKind.GRASSROOTS_CELL,
    UnitKind.SUBORDINATE_COMMITTEE,
)


class SessionForm(forms.Form):
    held_on = VNDateField(label="Ngày sinh hoạt", required=False)
    topic = forms.CharField(label="Chủ điểm", required=False, widget=forms.Textarea({"rows": 2}))
    presenter = forms.CharField(label="Người trình bày", required=False, max_length=255)
    main_points = forms.CharField(
        label="Nội dung chính", required=False, widget=forms.Textarea({"rows": 4})
    )
    conclusions = forms.CharField(
        label="Kết luận", required=False, widget=forms.Textarea({"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, people: list[Any], current: dict[int, str], **kw: Any):
        super().__init__(*args, **kw)
        self.people = people
        for person in people:
            self.fields[f"p{person.pk}"] = forms.ChoiceField(
                label=person.full_name,
                choices=Presence.choices,
                initial=current.get(person.pk, Presence.PRESENT),
                widget=forms.RadioSelect,
            )

    def texts(self) -> dict[str, str]:
        return {
            k: self.cleaned_data[k] for k in ("topic", "presenter", "main_points", "conclusions")
        }

    def attendance(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data[f"p{p.pk}"] for p in self.people}

    def attendance_rows(self) -> list[tuple[Any, Any]]:
        return [(p, self[f"p{p.pk}"]) for p in self.people]


class FileForm(forms.Form):
    file = forms.FileField(label="Tệp (PDF, Word, Excel, ảnh; tối đa 20 MB)")


class StandardForm(forms.Form):
    title = forms.CharField(label="Tên chuẩn mực", widget=forms.Textarea({"rows": 2}))
    document = forms.CharField(label="Văn bản ban hành", required=False, max_length=255)
    adopted_on = VNDateField(label="Ngày ban hành")
    reviewed_on = VNDateField(label="Ngày rà soát, bổ sung", required=False)
    review_note = forms.CharField(
        label="Kết quả rà soát", required=False, widget=forms.Textarea({"rows": 2})
    )


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label="Hình thức", choices=ActivityKind.choices)
    title = forms.CharField(label="Tên hoạt động", widget=forms.Textarea({"rows": 2}))
    held_on = VNDateField(label="Ngày tổ chức")
    participants = forms.IntegerField(label="Số người tham gia", min_value=0, initial=0)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea({"rows": 2}))
    file = forms.FileField(label="Tệp kèm theo (không bắt buộc)", required=False)
