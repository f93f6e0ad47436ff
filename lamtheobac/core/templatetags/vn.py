"""Template filters for Vietnamese dates and text."""

from __future__ import annotations

import datetime as dt

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from lamtheobac.core import dates, wording

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
    """A user's name as offices write it (issue 14 §4): the linked person's full name
    (family, middle, given: "Bùi Công Tuấn") when it was loaded with the user
    (``select_related("actor__person")``: no query per row), else the account's name in
    Vietnamese order — family and middle name (``last_name``) before the given name
    (``first_name``), never Django's "first last" — else the username; "" for no user."""
    if not user:
        return ""
    descriptor = getattr(type(user), "person", None)
    if descriptor is not None and descriptor.is_cached(user):
        try:
            person = user.person  # type: ignore[attr-defined]
        except ObjectDoesNotExist:  # loaded, and there is none
            person = None
        if person is not None and person.full_name:
            return str(person.full_name)
    family = getattr(user, "last_name", "") or ""
    given = getattr(user, "first_name", "") or ""
    return " ".join(p for p in (family, given) if p) or getattr(user, "username", "")


@register.simple_tag
def quota_bound(low: int | None, high: int | None, noun: str) -> str:
    """{% quota_bound r.collectives_min r.collectives_max "tập thể" %} → "tối đa 01 tập thể"."""
    return wording.bound(low, high, noun) or "—"


@register.filter
def member_range(rule: object) -> str:
    """{{ rule|member_range }} → "dưới 200 đảng viên" (``member_min``/``member_max``)."""
    return wording.member_range(
        getattr(rule, "member_min", None), getattr(rule, "member_max", None)
    )
