"""Vietnamese date strings in Party style (docs/party-format.md §6)."""

from __future__ import annotations

import datetime

BLANK_DATE_LINE_TAIL = "ngày     tháng     năm 20.."


def _day(value: int) -> str:
    return f"{value:02d}"


def _month(value: int) -> str:
    # §6: months 1 and 2 take a leading zero ("tháng 02"); months 3–12 are written plainly.
    return f"{value:02d}" if value < 3 else str(value)


def format_date_long(day: datetime.date) -> str:
    """'ngày 06 tháng 3 năm 2020', 'ngày 28 tháng 02 năm 2022' (§6)."""
    return f"ngày {_day(day.day)} tháng {_month(day.month)} năm {day.year}"


def format_date_short(day: datetime.date) -> str:
    """Citation form '06/3/2020', '28/02/2022', '30/4/2020' (§6, same padding as the long form)."""
    return f"{_day(day.day)}/{_month(day.month)}/{day.year}"


def format_date_line(place: str, day: datetime.date | None) -> str:
    """Box 4 place-date line: 'Quảng Nam, ngày 06 tháng 3 năm 2020' (§6).

    ``day=None`` gives the blank form used on unsigned drafts:
    'Quảng Nam, ngày     tháng     năm 20..'.
    """
    tail = BLANK_DATE_LINE_TAIL if day is None else format_date_long(day)
    return f"{place.strip()}, {tail}"
