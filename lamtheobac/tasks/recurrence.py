"""Recurring duties as concrete occurrences (docs/domain.md §5).

"hằng quý" in a 2022 plan → Quý I/2022 … Quý IV/2022, due 31/3, 30/6, 30/9, 31/12/2022
(the quarter rule of §5); "hằng năm" → Năm 2022, due 31/12/2022; "hằng tháng" → twelve
month ends; "thường xuyên" → one occurrence without a due date. Pure functions, no Django.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Occurrence:
    label: str  # "Quý II/2022", "Năm 2022", "Tháng 5/2022", "" for continuous / once
    due: dt.date | None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def occurrences(recurrence: str, year: int) -> list[Occurrence]:
    """The occurrences of ``recurrence`` ("quarterly", "yearly", "monthly", "continuous")
    in ``year``. Raises ValueError for "once" or an unknown value."""
    if recurrence == "quarterly":
        return [Occurrence(f"Quý {ROMAN[q]}/{year}", _month_end(year, 3 * q + 3)) for q in range(4)]
    if recurrence == "yearly":
        return [Occurrence(f"Năm {year}", dt.date(year, 12, 31))]
    if recurrence == "monthly":
        return [Occurrence(f"Tháng {m}/{year}", _month_end(year, m)) for m in range(1, 13)]
    if recurrence == "continuous":
        return [Occurrence("", None)]
    raise ValueError(f"not a recurrence: {recurrence!r}")


_YEAR = re.compile(r"\b(20\d\d)\b")


def plan_year(
    *, date: dt.date | None, dues: Iterable[dt.date | None], title: str, fallback: int
) -> int:
    """The year a plan's recurring duties run in: its date's year, else the year most of its
    deadlines fall in, else the last year written in its title ("… năm 2022"), else
    ``fallback``."""
    if date is not None:
        return date.year
    years = Counter(d.year for d in dues if d is not None)
    if years:
        return years.most_common(1)[0][0]
    found = _YEAR.findall(title)
    return int(found[-1]) if found else fallback
