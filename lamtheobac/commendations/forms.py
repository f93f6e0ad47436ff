"""Forms of commendation rounds: parsing only — the rules live in ``services``/``setup``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lamtheobac.commendations.candidates import Candidates, grouped_choices
from lamtheobac.commendations.models import AppliesTo, AwardKind, CriterionKind, QuotaScope
from lamtheobac.commendations.scope import nominating_scope
from lamtheobac.core.forms import DeadlineCheckMixin, VNDateField
from lamtheobac.ratings.models import RatingLevel
from lamtheobac.units.models import Person, Unit


class RoundSettingsForm(DeadlineCheckMixin, forms.Form):
    """A deadline that has passed or is over two years ahead is asked about once."""

    title = forms.CharField(label=_("Tên đợt khen thưởng"), max_length=500)
    deadline = VNDateField(label=_("Hạn gửi hồ sơ"), required=False)
    deadline_exclusive = forms.BooleanField(
        label=_("“Trước ngày” (hạn là 0 giờ của ngày này)"), required=False
    )
    accept_late = forms.BooleanField(
        label=_("Nhận đề nghị sau hạn (đánh dấu gửi muộn)"), required=False
    )
    period_start = VNDateField(label=_("Thành tích tính từ ngày"), required=False)
    period_end = VNDateField(label=_("Thành tích tính đến ngày"), required=False)
    reference_date = VNDateField(
        label=_("Ngày chốt số liệu"),
        required=False,
        help_text=_(
            "Đơn vị sinh hoạt và số đảng viên (chỉ tiêu) tính theo cơ cấu tổ chức tại ngày này; "
            "để trống: hạn gửi hồ sơ, hoặc ngày cuối năm."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class QuotaRuleForm(forms.Form):
    """One quota rule; every bound may be empty (the plan sets no bound)."""

    scope = forms.ChoiceField(label=_("Áp dụng"), choices=QuotaScope.choices)
    yearly = forms.BooleanField(label=_("Hằng năm"), required=False)
    member_min = forms.IntegerField(label=_("Số đảng viên từ"), required=False, min_value=0)
    member_max = forms.IntegerField(label=_("Số đảng viên đến"), required=False, min_value=0)
    collectives_min = forms.IntegerField(label=_("Tập thể tối thiểu"), required=False, min_value=0)
    collectives_max = forms.IntegerField(label=_("Tập thể tối đa"), required=False, min_value=0)
    individuals_min = forms.IntegerField(label=_("Cá nhân tối thiểu"), required=False, min_value=0)
    individuals_max = forms.IntegerField(label=_("Cá nhân tối đa"), required=False, min_value=0)
    total_min = forms.IntegerField(label=_("Tổng tối thiểu"), required=False, min_value=0)
    total_max = forms.IntegerField(label=_("Tổng tối đa"), required=False, min_value=0)
    award_kind = forms.ModelChoiceField(
        label=_("Hình thức (chỉ tiêu cấp ủy xét chọn)"),
        queryset=AwardKind.objects.filter(is_active=True),
        required=False,
    )
    text = forms.CharField(label=_("Nguyên văn quy định"), widget=forms.Textarea(attrs={"rows": 2}))


def parse_years(value: str) -> list[int]:
    """ "2017, 2018, 2019" or "2017-2019" → [2017, 2018, 2019]."""
    years: set[int] = set()
    for first, last in re.findall(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?", value or ""):
        start = int(first)
        end = int(last) if last else start
        if end < start or end - start > 50:
            raise forms.ValidationError(_("Khoảng năm không hợp lệ."))
        years.update(range(start, end + 1))
    return sorted(years)


class CriterionForm(forms.Form):
    applies_to = forms.ChoiceField(label=_("Áp dụng cho"), choices=AppliesTo.choices)
    kind = forms.ChoiceField(label=_("Loại quy tắc"), choices=CriterionKind.choices)
    min_level = forms.ChoiceField(
        label=_("Xếp loại tối thiểu"),
        choices=[("", "—"), *RatingLevel.choices],
        required=False,
    )
    years = forms.CharField(
        label=_("Các năm"),
        required=False,
        help_text=_(
            "Ví dụ: 2017, 2018, 2019 hoặc 2017-2019; để trống: các năm của thời gian tính."
        ),
    )
    count = forms.IntegerField(label=_("Số năm cần đạt"), required=False, min_value=1)
    text = forms.CharField(
        label=_("Nguyên văn tiêu chuẩn"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_years(self) -> list[int]:
        return parse_years(self.cleaned_data.get("years") or "")


class RequirementForm(forms.Form):
    text = forms.CharField(label=_("Thành phần hồ sơ"), widget=forms.Textarea(attrs={"rows": 2}))


class SubtreeUnitField(forms.ModelChoiceField):
    """Units shown indented by their depth below ``top_depth`` (set by the form)."""

    top_depth = 0

    def label_from_instance(self, obj: Any) -> str:
        return "— " * max(obj.depth - self.top_depth, 0) + obj.name


class PersonWithUnitField(forms.ModelChoiceField):
    """People shown with their unit."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.unit.name}"


class NominateForm(forms.Form):
    """A collective or a person of the unit's scope on the round's reference date (the
    service checks again, against the same scope)."""

    collective = SubtreeUnitField(label=_("Tập thể"), queryset=Unit.objects.none(), required=False)
    person = PersonWithUnitField(label=_("Cá nhân"), queryset=Person.objects.none(), required=False)
    summary = forms.CharField(
        label=_("Tóm tắt thành tích"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(
        self,
        *args: Any,
        unit: Unit,
        on: dt.date | None = None,
        found: Candidates | None = None,
        **kwargs: Any,
    ) -> None:
        """``on``: the round's reference date — the units and people are ``unit``'s scope on
        that day (``scope.nominating_scope``: also those that moved out since, not those that
        joined after; a post naming anything else is refused with a Vietnamese message).
        ``found`` (to show the form): the candidates, eligible first with the reasons for the
        others (``candidates.candidates``); without it (a post) the choices are only checked
        against those sets."""
        super().__init__(*args, **kwargs)
        collective = self.fields["collective"]
        person = self.fields["person"]
        assert isinstance(collective, SubtreeUnitField)
        assert isinstance(person, PersonWithUnitField)
        scope = found.scope if found is not None and found.scope else nominating_scope(unit, on)
        collective.queryset = Unit.objects.filter(pk__in=scope.unit_ids).in_tree_order()
        collective.top_depth = unit.depth
        person.queryset = scope.people().select_related("unit").in_office_order()
        if on is not None:
            collective.error_messages["invalid_choice"] = _(
                "Tập thể được chọn không thuộc %(unit)s vào ngày chốt số liệu của đợt (%(day)s)."
            ) % {"unit": unit.name, "day": f"{on:%d/%m/%Y}"}
            person.error_messages["invalid_choice"] = _(
                "Người được chọn không sinh hoạt tại %(unit)s vào ngày chốt số liệu của đợt "
                "(%(day)s); đơn vị nơi đồng chí sinh hoạt ngày đó mới đề nghị được."
            ) % {"unit": unit.name, "day": f"{on:%d/%m/%Y}"}
        if found is not None:
            collective.choices = grouped_choices(found.collectives)
            person.choices = grouped_choices(found.persons)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("collective") is None) == (data.get("person") is None):
            raise forms.ValidationError(_("Hãy chọn đúng một tập thể hoặc một cá nhân."))
        return data


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Tóm tắt thành tích"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class UploadForm(forms.Form):
    requirement = forms.IntegerField(required=False, widget=forms.HiddenInput)
    file = forms.FileField(label=_("Tệp (PDF, Word, Excel, JPG, PNG; tối đa 20 MB)"))


class SubmitForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do gửi khi chưa đạt tiêu chuẩn hoặc thiếu hồ sơ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến khi trả lại"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DecideForm(forms.Form):
    award_kind = forms.ModelChoiceField(
        label=_("Hình thức khen thưởng"),
        queryset=AwardKind.objects.filter(is_active=True),
        required=False,
        empty_label=_("Không chọn khen thưởng"),
    )
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi chưa đạt tiêu chuẩn hoặc đổi quyết định)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OverrideForm(forms.Form):
    passed = forms.TypedChoiceField(
        label=_("Xác nhận"),
        choices=[("1", _("Đạt")), ("0", _("Không đạt"))],
        coerce=lambda v: v == "1",
    )
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
