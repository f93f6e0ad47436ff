"""Vietnamese dates typed dd/mm/yyyy and the check of implausible deadlines (issue 14 §3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms

from lamtheobac.core.dates import today
from lamtheobac.core.forms import (
    DeadlineCheckMixin,
    PlainHiddenInput,
    PlainNumberInput,
    PlainTextarea,
    VNDateField,
    parse_vn_date,
)


class _Form(forms.Form):
    day = VNDateField(required=False)


class _Deadline(DeadlineCheckMixin, forms.Form):
    deadline = VNDateField()


@pytest.mark.parametrize(
    "text", ["03/05/2026", "3/5/2026", "03-05-2026", "03.05.2026", " 03/05/2026 ", "2026-05-03"]
)
def test_a_date_is_read_day_first_whatever_the_separator(text):
    form = _Form({"day": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2026, 5, 3)


@pytest.mark.parametrize("text", ["31/02/2026", "05/2026", "3/5/26", "mai", "13/13/2026"])
def test_an_unreadable_date_is_refused_in_vietnamese(text):
    form = _Form({"day": text})
    assert not form.is_valid()
    assert form.errors["day"] == [
        "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 03/05/2026."
    ]


def test_an_empty_date_is_none():
    assert parse_vn_date("  ") is None
    form = _Form({"day": ""})
    assert form.is_valid() and form.cleaned_data["day"] is None


def test_the_box_shows_a_date_as_dd_mm_yyyy_and_is_not_a_native_picker():
    html = str(_Form(initial={"day": dt.date(2026, 5, 3)})["day"])
    assert 'type="text"' in html and 'value="03/05/2026"' in html
    assert 'placeholder="dd/mm/yyyy"' in html and 'type="date"' not in html
    # What the user typed wrong is shown back as typed, to be corrected.
    bound = _Form({"day": "31/02/2026"})
    bound.is_valid()
    assert 'value="31/02/2026"' in str(bound["day"])


def _deadline_form(day: dt.date, *, confirm: bool = False, stored: dt.date | None = None):
    data = {"deadline": f"{day.day}/{day.month}/{day.year}"}
    if confirm:
        data["confirm_dates"] = "on"
    return _Deadline(data, stored_dates={"deadline": stored})


def test_a_past_deadline_is_refused_once_with_a_warning_and_a_box_to_confirm():
    form = _deadline_form(dt.date(2020, 1, 1))
    assert not form.is_valid()
    (error,) = form.errors["deadline"]
    assert error.startswith("Ngày 01/01/2020 đã qua (hôm nay là ")
    assert "Tôi đã kiểm tra, vẫn dùng ngày này" in error
    assert 'type="checkbox"' in str(form["confirm_dates"])
    confirmed = _deadline_form(dt.date(2020, 1, 1), confirm=True)
    assert confirmed.is_valid(), confirmed.errors
    assert confirmed.cleaned_data["deadline"] == dt.date(2020, 1, 1)


def test_a_deadline_more_than_two_years_ahead_needs_a_confirmation():
    far = today() + dt.timedelta(days=731)
    form = _deadline_form(far)
    assert not form.is_valid()
    assert "cách hôm nay hơn 2 năm" in form.errors["deadline"][0]
    assert _deadline_form(far, confirm=True).is_valid()


def test_a_plausible_deadline_or_the_stored_one_is_not_asked_about():
    soon = today() + dt.timedelta(days=20)
    form = _deadline_form(soon)
    assert form.is_valid() and form.date_warnings == []
    # The stored date, even past, is not asked about again when other settings change.
    assert _deadline_form(dt.date(2020, 1, 1), stored=dt.date(2020, 1, 1)).is_valid()
    # Without a warning the confirm box stays hidden.
    assert 'type="hidden"' in str(_Deadline()["confirm_dates"])


_VALUES = [None, "", "chữ thường", 'a "quoted" <b>&amp;</b>\nline two', "0", 12, "12.50"]
_ATTRS = [
    {},
    {"rows": 6, "id": "id_section_1"},
    {"disabled": True, "required": False, "data-x": '"><script>'},
    {"step": "0.01", "min": "0", "aria-describedby": "id_x_helptext"},
]


@pytest.mark.parametrize("attrs", _ATTRS)
@pytest.mark.parametrize(
    ("plain", "django_widget"),
    [
        (PlainTextarea, forms.Textarea),
        (PlainNumberInput, forms.NumberInput),
        (PlainHiddenInput, forms.HiddenInput),
    ],
)
def test_the_plain_widgets_render_the_same_html_as_djangos_templates(plain, django_widget, attrs):
    from django.utils.safestring import mark_safe

    for value in [*_VALUES, mark_safe("<em>sẵn an toàn</em>")]:
        theirs = django_widget(attrs=dict(attrs)).render("section_1", value)
        ours = plain(attrs=dict(attrs)).render("section_1", value)
        assert ours == theirs, (value, attrs)


def test_a_report_form_renders_as_it_did_with_djangos_widget_templates():
    from lamtheobac.reporting.forms import ReportForm

    class _Section:
        def __init__(self, pk: int, parent_id: int | None) -> None:
            self.pk, self.parent_id = pk, parent_id
            self.label, self.guidance = f"Mục {pk} <i>", "Hướng dẫn & ví dụ"
            self.indicators = self

        def all(self) -> list:
            return [_Indicator(self.pk * 10)] if self.parent_id else []

    class _Indicator:
        def __init__(self, pk: int) -> None:
            self.pk, self.name, self.unit_label = pk, f"Chỉ tiêu {pk}", "người"

    sections: list[Any] = [_Section(1, None), _Section(2, 1)]  # stand-ins for OutlineSection
    data = {"version": "3", "section_1": "Nội dung <b>", "section_2": "", "indicator_20": "x"}
    for bound in (ReportForm(sections=sections), ReportForm(data, sections=sections)):
        bound.is_valid()
        for name, field in bound.fields.items():
            ours = str(bound[name])
            standard = {
                PlainTextarea: forms.Textarea,
                PlainNumberInput: forms.NumberInput,
                PlainHiddenInput: forms.HiddenInput,
            }[type(field.widget)]
            field.widget.__class__ = standard
            assert str(bound[name]) == ours, name
