"""Forms for filtering, editing one rating and uploading a ratings workbook."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lamtheobac.ratings.models import RatingLevel
from lamtheobac.units.models import Unit, UnitQuerySet

PEOPLE = "ca-nhan"
UNITS = "tap-the"


def _indented(units: UnitQuerySet) -> list[tuple[int, str]]:
    rows = list(units)
    top = min((u.depth for u in rows), default=1)
    return [(u.pk, "\u2003" * (u.depth - top) + u.name) for u in rows]


class FilterForm(forms.Form):
    """The list's filter: a unit of the readable scope, a year, people or collectives."""

    unit = forms.IntegerField(label=gettext_lazy("Đơn vị"), required=False)
    year = forms.IntegerField(
        label=gettext_lazy("Năm"), required=False, min_value=1, max_value=9999
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Xem"),
        required=False,
        choices=[(PEOPLE, gettext_lazy("Cá nhân")), (UNITS, gettext_lazy("Tập thể"))],
    )

    def __init__(self, *args: Any, units: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The pk is checked against the policy by the view; the select only offers choices.
        self.fields["unit"].widget = forms.Select(choices=_indented(units))

    def offer(self, unit: Unit) -> None:
        """Make sure the shown unit is in the select (it may lie deeper than the choices)."""
        widget = self.fields["unit"].widget
        if all(pk != unit.pk for pk, _label in widget.choices):
            widget.choices = [*widget.choices, (unit.pk, unit.name)]


class RatingForm(forms.Form):
    level = forms.ChoiceField(label=gettext_lazy("Xếp loại"), choices=RatingLevel.choices)
    note = forms.CharField(
        label=gettext_lazy("Ghi chú, căn cứ"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Ví dụ: số quyết định, biên bản xếp loại."),
    )
    # The level the form was opened with ("" for none): a change meanwhile is not overwritten.
    previous = forms.CharField(required=False, widget=forms.HiddenInput)


class ImportForm(forms.Form):
    scope = forms.ModelChoiceField(
        label=gettext_lazy("Phạm vi nhập"),
        queryset=Unit.objects.all(),
        empty_label=None,
        help_text=gettext_lazy(
            "Chỉ đối chiếu người và tổ chức thuộc đơn vị này và các đơn vị trực thuộc."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp xếp loại (.xlsx)"),
        help_text=gettext_lazy("Dùng tệp mẫu; trang tính “Cá nhân” và “Tập thể”."),
    )

    def __init__(self, *args: Any, scopes: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any unit pk validates here; the view then asks the policy (404 outside the scope).
        self.fields["scope"].widget.choices = _indented(scopes)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise ValidationError(
                _("Tệp quá lớn: tối đa %(limit)s MB."),
                params={"limit": settings.MAX_UPLOAD_SIZE // (1024 * 1024)},
            )
        # The type is checked by content when the file is read (importing.read_workbook).
        return upload
