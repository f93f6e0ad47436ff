"""Dates as offices write them, and the programme's clock (Asia/Ho_Chi_Minh)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def today() -> dt.date:
    """Today's calendar date in Asia/Ho_Chi_Minh."""
    return timezone.localdate(timezone.now(), VN_TZ)


def start_of_day(day: dt.date) -> dt.datetime:
    """Aware datetime of 00:00 on ``day`` in Asia/Ho_Chi_Minh."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=VN_TZ)


def due_instant(day: dt.date, *, exclusive: bool) -> dt.datetime:
    """The first instant that counts as late for a deadline on ``day`` (docs/domain.md §5).

    "trước ngày X" (``exclusive``) is due before X starts; "chậm nhất ngày X", "đến ngày X"
    are due by the end of X, so lateness starts at 00:00 on the next day.
    """
    return start_of_day(day if exclusive else day + dt.timedelta(days=1))


def long_date(day: dt.date | None) -> str:
    """ "ngày 30 tháng 4 năm 2020" (day padded to two digits, months 01 and 02 padded)."""
    if day is None:
        return ""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: dt.date | None) -> str:
    """ "30/4/2020" as used in tables and lists."""
    if day is None:
        return ""
    return f"{day.day}/{day.month}/{day.year}"


def time_left(deadline: dt.datetime, now: dt.datetime | None = None) -> str:
    """Human time left until ``deadline``: "còn 3 ngày", "còn 5 giờ", "quá hạn 2 ngày"."""
    now = now or timezone.now()
    delta = deadline - now
    seconds = int(delta.total_seconds())
    if seconds >= 0:
        days, rem = divmod(seconds, 86400)
        if days >= 1:
            return f"còn {days} ngày"
        return f"còn {max(rem // 3600, 0)} giờ"
    days = (-seconds) // 86400
    return f"quá hạn {days} ngày" if days >= 1 else "quá hạn"
