"""Template filters for Vietnamese dates and text."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from lamtheobac.core import dates

register = template.Library()


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value, dates.VN_TZ).date()
    return value


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    """{{ d|vn_date }} -> "ngày 30 tháng 4 năm 2020"."""
    return dates.long_date(_as_date(value))


@register.filter
def vn_short(value: dt.date | dt.datetime | None) -> str:
    """{{ d|vn_short }} -> "30/4/2020"."""
    return dates.short_date(_as_date(value))


@register.filter
def vn_datetime(value: dt.datetime | None) -> str:
    """{{ t|vn_datetime }} -> "14:05 30/4/2020" in Asia/Ho_Chi_Minh."""
    if not value:  # None, or "" from a missing attribute ({{ row.report.submitted_at }})
        return ""
    local = timezone.localtime(value, dates.VN_TZ)
    return f"{local:%H:%M} {dates.short_date(local.date())}"


@register.filter
def time_left(value: dt.datetime | None) -> str:
    """{{ due|time_left }} -> "còn 3 ngày" / "quá hạn 2 ngày"."""
    return dates.time_left(value) if value else ""


@register.filter
def person_name(user: object) -> str:
    """A user's name in Vietnamese order: family and middle name (``last_name``), then given
    name (``first_name``); the username when neither is set."""
    family = getattr(user, "last_name", "") or ""
    given = getattr(user, "first_name", "") or ""
    return " ".join(p for p in (family, given) if p) or getattr(user, "username", "")
