"""Shared form fields: Vietnamese dates (ngày/tháng/năm) and the check of implausible deadlines.

A browser's native date picker shows the user's locale (mm/dd/yyyy in an English browser), so
"03/05" would be misread; every date in the app is typed and shown as dd/mm/yyyy instead
(docs/domain.md §5: calendar dates in Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from lamtheobac.core.dates import today

# dd/mm/yyyy as offices write it; d/m/yyyy, dd-mm-yyyy and dd.mm.yyyy too.
_VN_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
# yyyy-mm-dd: what older pages, scripts and the API send.
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")

INVALID_DATE = "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 03/05/2026."
# A deadline further ahead than this is probably a typing slip (e.g. 2062 for 2026).
FAR_AHEAD = dt.timedelta(days=730)


def parse_vn_date(value: str) -> dt.date | None:
    """ "03/05/2026", "3/5/2026", "03-05-2026", "03.05.2026" → 3 May 2026 (day first, always);
    "2026-05-03" (ISO) also. Empty text → None. Raises ValueError for anything else or an
    impossible day (31/02/2026)."""
    text = value.strip()
    if not text:
        return None
    if m := _VN_DATE.match(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in m.groups())
    else:
        raise ValueError(text)
    if year < 1900:
        raise ValueError(text)
    return dt.date(year, month, day)


def format_vn_date(day: dt.date | None) -> str:
    """3 May 2026 → "03/05/2026" (what the date inputs show)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else ""


class VNDateInput(forms.TextInput):
    """A text box for dd/mm/yyyy (never the browser's locale-dependent picker)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": "10",
            "maxlength": "10",
            "class": "vn-date",
            "title": "Ngày/tháng/năm, ví dụ 03/05/2026",
        }
        super().__init__(attrs={**base, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return format_vn_date(value)
        if isinstance(value, str):
            try:  # an ISO initial value (e.g. from a query string) is shown the Vietnamese way
                return format_vn_date(parse_vn_date(value)) or None
            except ValueError:
                return value  # what the user typed, kept to be corrected
        return super().format_value(value)


class VNDateField(forms.DateField):
    """A date typed dd/mm/yyyy (d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd accepted); the one date field
    every form uses. Cleans to ``datetime.date`` or None; an unreadable text is refused with a
    Vietnamese message."""

    widget = VNDateInput
    default_error_messages = {"invalid": INVALID_DATE}

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_vn_date(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


def implausible_deadline(day: dt.date, *, on: dt.date | None = None) -> str:
    """Why ``day`` is unlikely as a new deadline ("" when it is plausible): it has passed
    (before today in Asia/Ho_Chi_Minh) or lies more than two years ahead."""
    now = on or today()
    if day < now:
        return f"Ngày {format_vn_date(day)} đã qua (hôm nay là {format_vn_date(now)})."
    if day > now + FAR_AHEAD:
        return f"Ngày {format_vn_date(day)} cách hôm nay hơn 2 năm."
    return ""


class DeadlineCheckMixin(forms.Form):
    """A form whose deadline fields warn when a date has passed or is more than two years
    ahead: the form is refused once with the warning and a "confirm" box, and accepted when the
    box is ticked. A date left as stored (``stored_dates``) is not asked about again."""

    deadline_fields: tuple[str, ...] = ("deadline",)
    confirm_dates = forms.BooleanField(
        label="Tôi đã kiểm tra, vẫn dùng ngày này", required=False, widget=forms.HiddenInput
    )

    def __init__(
        self, *args: Any, stored_dates: Mapping[str, dt.date | None] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm_dates"] = self.fields.pop("confirm_dates")  # after the dates
        self.stored_dates = dict(stored_dates or {})
        self.date_warnings: list[str] = []

    def _deadlines(self) -> Iterable[tuple[str, dt.date]]:
        for name in self.deadline_fields:
            value = self.cleaned_data.get(name)
            if isinstance(value, dt.date) and value != self.stored_dates.get(name):
                yield name, value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in self._deadlines():
            warning = implausible_deadline(value)
            if warning:
                self.date_warnings.append(warning)
                if not cleaned.get("confirm_dates"):
                    self.add_error(
                        name,
                        f"{warning} Nếu đúng là ngày này, đánh dấu “Tôi đã kiểm tra, vẫn dùng "
                        "ngày này” rồi lưu lại.",
                    )
        if self.date_warnings:
            self.fields["confirm_dates"].widget = forms.CheckboxInput()
        return cleaned


# --- widgets rendered without the template engine (issue 13 §5, load) ------------------------
# A report form has a textarea per outline section and a number box per indicator: through
# Django's widget templates (an include of attrs.html each) they took a fifth of the page's CPU.
# These give the same HTML as ``django/forms/widgets/{textarea,input}.html`` byte for byte
# (``core/tests/test_forms.py`` compares them); the project does not override those templates.


def _attrs_html(attrs: Mapping[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``: `` name="value"`` per attribute, a bare `` name``
    for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            shown = value if isinstance(value, SafeData) else str(value)
            parts.append(f' {conditional_escape(name)}="{conditional_escape(shown)}"')
    return "".join(parts)


class PlainTextarea(forms.Textarea):
    """``forms.Textarea`` rendered in Python (same HTML)."""

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> str:
        widget = context["widget"]
        value = widget["value"]
        return mark_safe(  # noqa: S308 (every part is escaped above or here)
            f'<textarea name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>'
            f"\n{conditional_escape(value) if value else ''}</textarea>"
        )


class _PlainInput:
    """``django/forms/widgets/input.html`` rendered in Python (same HTML)."""

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> str:
        widget = context["widget"]
        value = widget["value"]
        shown = ""
        if value is not None:
            shown = f' value="{conditional_escape(value if isinstance(value, SafeData) else str(value))}"'
        return mark_safe(  # noqa: S308 (every part is escaped above or here)
            f'<input type="{conditional_escape(widget["type"])}" '
            f'name="{conditional_escape(widget["name"])}"{shown}{_attrs_html(widget["attrs"])}>'
        )


class PlainNumberInput(_PlainInput, forms.NumberInput):
    """``forms.NumberInput`` rendered in Python (same HTML)."""


class PlainHiddenInput(_PlainInput, forms.HiddenInput):
    """``forms.HiddenInput`` rendered in Python (same HTML)."""
