"""Forms of the restructuring pages: parsing only — the rules live in ``actions``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from lamtheobac.documents.models import Document
from lamtheobac.units.models import Person, Unit, UnitKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * (obj.depth - 1)}{obj.name}"


class DecisionForm(forms.Form):
    """The fields every restructuring carries: effective date and the decision."""

    on = forms.DateField(label="Ngày hiệu lực", widget=DateInput())
    decision_number = forms.CharField(
        label="Số quyết định",
        max_length=255,
        required=False,
        help_text="Ví dụ: Quyết định số 12-QĐ/ĐUK.",
    )
    decision = forms.ModelChoiceField(
        label="Văn bản quyết định đã nhập (nếu có)",
        queryset=Document.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(
        self, *args: Any, units: QuerySet[Unit], documents: QuerySet[Document], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["decision"].queryset = documents  # type: ignore[attr-defined]
        self.setup()

    def setup(self) -> None:
        pass

    def decision_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "on": data["on"],
            "decision": data.get("decision"),
            "decision_number": data.get("decision_number", ""),
            "note": data.get("note", ""),
        }

    def cleaned(self) -> dict[str, Any]:
        """The parsed data as the write function's keyword arguments."""
        return self.decision_kwargs()


class RenameForm(DecisionForm):
    name = forms.CharField(label="Tên mới", max_length=255)

    def cleaned(self) -> dict[str, Any]:
        return {**self.decision_kwargs(), "name": self.cleaned_data["name"]}


class MoveForm(DecisionForm):
    to_parent = UnitChoice(label="Trực thuộc đơn vị", queryset=Unit.objects.none())

    def setup(self) -> None:
        self.fields["to_parent"].queryset = self.units  # type: ignore[attr-defined]

    def cleaned(self) -> dict[str, Any]:
        return {**self.decision_kwargs(), "to_parent": self.cleaned_data["to_parent"]}


class MergeForm(DecisionForm):
    others = forms.ModelMultipleChoiceField(
        label="Hợp nhất cùng các đơn vị", queryset=Unit.objects.none(), required=False
    )
    into = UnitChoice(
        label="Vào đơn vị đã có (để trống: lập đơn vị mới)",
        queryset=Unit.objects.none(),
        required=False,
    )
    new_name = forms.CharField(label="Tên đơn vị mới", max_length=255, required=False)
    new_kind = forms.ChoiceField(
        label="Loại đơn vị mới",
        choices=[("", "Như đơn vị hiện tại"), *UnitKind.choices],
        required=False,
    )

    def setup(self) -> None:
        self.fields["others"].queryset = self.units  # type: ignore[attr-defined]
        self.fields["into"].queryset = self.units  # type: ignore[attr-defined]

    def cleaned(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.decision_kwargs(),
            "others": list(data.get("others") or []),
            "into": data.get("into"),
            "new_name": data.get("new_name", ""),
            "new_kind": data.get("new_kind", ""),
        }


class SplitForm(DecisionForm):
    names = forms.CharField(
        label="Tên các đơn vị mới (mỗi dòng một tên)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        self.people = people
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        for person in self.people:
            self.fields[f"person_{person.pk}"] = forms.IntegerField(
                label=f"{person.full_name}: về đơn vị số",
                min_value=1,
                required=False,
            )

    def cleaned(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = [line.strip() for line in data["names"].splitlines() if line.strip()]
        assignments = {
            p.pk: data[f"person_{p.pk}"] - 1
            for p in self.people
            if data.get(f"person_{p.pk}") is not None
        }
        return {**self.decision_kwargs(), "names": names, "assignments": assignments}


class DissolveForm(DecisionForm):
    transfer_to = UnitChoice(
        label="Chuyển sinh hoạt những người còn lại về (nếu có)",
        queryset=Unit.objects.none(),
        required=False,
    )

    def setup(self) -> None:
        self.fields["transfer_to"].queryset = self.units  # type: ignore[attr-defined]

    def cleaned(self) -> dict[str, Any]:
        return {**self.decision_kwargs(), "transfer_to": self.cleaned_data.get("transfer_to")}
