"""Forms of the reporting app (Vietnamese labels; parsing only — rules live in services)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from lamtheobac.core.forms import (
    DeadlineCheckMixin,
    PlainHiddenInput,
    PlainNumberInput,
    PlainTextarea,
    VNDateField,
)
from lamtheobac.reporting.models import Indicator, OutlineSection, ReportingRound
from lamtheobac.units.models import Unit, UnitKind


class TargetUnitsField(forms.ModelMultipleChoiceField):
    """Units shown indented by their depth below the committee."""

    def label_from_instance(self, obj: Any) -> str:
        return "— " * max(obj.depth - 2, 0) + obj.name


class RoundSettingsForm(DeadlineCheckMixin, forms.Form):
    """A round's settings; a deadline that has passed or is over two years ahead is asked about
    once (``DeadlineCheckMixin``), unless it is the one already stored."""

    title = forms.CharField(label="Tên đợt báo cáo", max_length=500)
    report_title = forms.CharField(
        label="Trích yếu báo cáo tổng hợp", max_length=500, required=False
    )
    deadline = VNDateField(label="Hạn nộp")
    deadline_exclusive = forms.BooleanField(
        label="“Trước ngày” (hạn là 0 giờ của ngày này)", required=False
    )
    lock_date = VNDateField(
        label="Khóa nhập liệu sau ngày",
        required=False,
        help_text="Để trống: vẫn nhận báo cáo sau hạn và đánh dấu nộp muộn.",
    )
    targets = TargetUnitsField(
        label="Đơn vị phải báo cáo",
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, round: ReportingRound, **kwargs: Any) -> None:
        super().__init__(*args, stored_dates={"deadline": round.deadline}, **kwargs)
        targets = self.fields["targets"]
        assert isinstance(targets, forms.ModelMultipleChoiceField)
        targets.queryset = (
            Unit.objects.subtree(round.committee).exclude(pk=round.committee_id).in_tree_order()
        )
        if round.state != "draft":
            self.fields["targets"].disabled = True


class SectionForm(forms.Form):
    number = forms.CharField(label="Số thứ tự", max_length=16, required=False)
    heading = forms.CharField(label="Đề mục", widget=forms.Textarea(attrs={"rows": 2}))
    guidance = forms.CharField(
        label="Hướng dẫn", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    depth = forms.TypedChoiceField(
        label="Cấp", choices=[(1, "I-"), (2, "1."), (3, "a)")], coerce=int, initial=1
    )


class IndicatorForm(forms.Form):
    name = forms.CharField(label="Tên chỉ tiêu", max_length=255)
    unit_label = forms.CharField(label="Đơn vị tính", max_length=40, required=False)


class ReportForm(forms.Form):
    """One textarea per outline section and one number per indicator, built from the round
    (widgets rendered in Python, the same HTML: ``core.forms.PlainTextarea``)."""

    version = forms.IntegerField(widget=PlainHiddenInput, required=False)

    def __init__(
        self, *args: Any, sections: list[OutlineSection], disabled: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections
        parents = {s.parent_id for s in sections if s.parent_id}
        for s in sections:
            # A heading with sub-items gets a short box for what concerns the whole heading;
            # the detail goes under its sub-items.
            has_children = s.pk in parents
            help_text = s.guidance
            if has_children:
                help_text = "\n".join(
                    p
                    for p in (
                        s.guidance,
                        "Nội dung chung của mục (nếu có); chi tiết ghi ở các tiểu mục dưới đây.",
                    )
                    if p
                )
            self.fields[f"section_{s.pk}"] = forms.CharField(
                label=s.label,
                help_text=help_text,
                required=False,
                widget=PlainTextarea(attrs={"rows": 2 if has_children else 6}),
                disabled=disabled,
            )
            for ind in s.indicators.all():
                label = f"{ind.name} ({ind.unit_label})" if ind.unit_label else ind.name
                self.fields[f"indicator_{ind.pk}"] = forms.DecimalField(
                    label=label,
                    required=False,
                    min_value=Decimal(0),
                    max_digits=14,
                    decimal_places=2,
                    disabled=disabled,
                    widget=PlainNumberInput,
                )

    def section_fields(
        self,
    ) -> list[tuple[OutlineSection, forms.BoundField, list[forms.BoundField]]]:
        return [
            (
                s,
                self[f"section_{s.pk}"],
                [self[f"indicator_{ind.pk}"] for ind in s.indicators.all()],
            )
            for s in self.sections
        ]

    def answers(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data.get(f"section_{s.pk}") or "" for s in self.sections}

    def values(self) -> dict[int, Decimal | None]:
        result: dict[int, Decimal | None] = {}
        for s in self.sections:
            ind: Indicator
            for ind in s.indicators.all():
                result[ind.pk] = self.cleaned_data.get(f"indicator_{ind.pk}")
        return result


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Tệp đính kèm")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReturnForm(forms.Form):
    comment = forms.CharField(label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 3}))


class LockExceptionForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    until = VNDateField(label="Cho phép nhập đến ngày", required=False)


class CascadeForm(forms.Form):
    """The cells' deadline when a grassroots committee forwards a round to them."""

    deadline = VNDateField(label="Hạn nộp của các chi bộ")


# Who may be given a section: boards and mass organisations (Ban, Đoàn Khối, Công đoàn…).
ASSIGNABLE_KINDS = (UnitKind.BOARD, UnitKind.MASS_ORGANISATION)


class AssignSectionForm(forms.Form):
    """Give an outline section to another unit (empty: take it back)."""

    unit = forms.ModelChoiceField(
        label="Giao mục này cho đơn vị",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="(không giao: các đơn vị cùng viết)",
    )

    def __init__(self, *args: Any, round: ReportingRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = (
            Unit.objects.subtree(round.committee)
            .filter(kind__in=ASSIGNABLE_KINDS, is_active=True)
            .in_tree_order()
        )
