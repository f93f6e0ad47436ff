"""Forms of the tasks pages: the plan review rows, a task by hand, progress."""

from __future__ import annotations

from typing import Any

from django import forms

from lamtheobac.core.forms import VNDateField
from lamtheobac.tasks.models import Recurrence, TaskState
from lamtheobac.units.models import Unit, UnitQuerySet


class _UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class _UnitsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class TaskFieldsForm(forms.Form):
    title = forms.CharField(label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs={"rows": 3}))
    lead = _UnitChoice(label="Đơn vị chủ trì", queryset=Unit.objects.none(), required=False)
    supports = _UnitsChoice(
        label="Đơn vị phối hợp",
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    due = VNDateField(label="Hạn", required=False)
    due_exclusive = forms.BooleanField(label="Trước ngày", required=False)
    recurrence = forms.ChoiceField(
        label="Định kỳ", choices=Recurrence.choices, initial=Recurrence.ONCE
    )

    def __init__(self, *args: Any, units: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = units  # type: ignore[attr-defined]
        self.fields["supports"].queryset = units  # type: ignore[attr-defined]


class ReviewRowForm(TaskFieldsForm):
    keep = forms.BooleanField(label="Theo dõi", required=False)
    merge_into = forms.IntegerField(label="Gộp vào dòng", required=False, min_value=1)
    due_text = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("keep") and not data.get("merge_into") and not data.get("lead"):
            raise forms.ValidationError("Chọn đơn vị chủ trì cho mỗi nhiệm vụ được theo dõi.")
        return data


class ManualTaskForm(TaskFieldsForm):
    committee = _UnitChoice(label="Cấp giao", queryset=Unit.objects.none())

    def __init__(self, *args: Any, committees: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]
        self.fields["lead"].required = True


class ProgressForm(forms.Form):
    state = forms.ChoiceField(
        label="Tình trạng",
        choices=[
            (TaskState.IN_PROGRESS.value, TaskState.IN_PROGRESS.label),
            (TaskState.DONE.value, TaskState.DONE.label),
        ],
    )
    result = forms.CharField(
        label="Kết quả (ngắn gọn)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
