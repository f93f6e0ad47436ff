"""Vietnamese date expressions: days, months, quarters (docs/domain.md §5).

Forms read: "ngày 06 tháng 3 năm 2020", "06/3/2020", "06-3-2020", "06.3.2020",
"15/3" (year taken from context), "tháng 5/2023", "tháng 9 năm 2022",
"Quý II/2022", "quý II năm 2023", "quý 2/2022", "6 tháng đầu năm 2022",
"sáu tháng cuối năm". A month, quarter or half-year resolves to its last day
(30/6 for "6 tháng đầu năm", 31/12 for "6 tháng cuối năm"), because that is
when something due "in" it falls due.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_LONG = re.compile(
    r"ng[àa]y\s+(?P<d>\d{1,2})\s+th[áa]ng\s+(?P<m>\d{1,2})\s+n[ăa]m\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"(?<![\d/.\-])(?P<d>\d{1,2})\s?(?P<sep>[/.\-])\s?(?P<m>\d{1,2})"
    r"(?:\s?(?P=sep)\s?(?P<y>\d{4}))?(?![\d/]|[.\-]\d)"
)
#: "ngày " just before a day: "trước ngày 25.3", "ngày 10-5" are dates without a year.
_DAY_WORD_BEFORE = re.compile(r"ng[àa]y\s+$", re.IGNORECASE)
_QUARTER = re.compile(
    r"\bqu[ýy]\s+(?P<q>IV|I{1,3}|[1-4])\b(?:\s*/\s*(?P<y1>\d{4})|\s+n[ăa]m\s+(?P<y2>\d{4}))?",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"\bth[áa]ng\s+(?P<m>\d{1,2})\b(?:\s*/\s*(?P<y1>\d{4})|\s+n[ăa]m\s+(?P<y2>\d{4}))?",
    re.IGNORECASE,
)

#: "6 tháng đầu năm", "06 tháng cuối năm 2022", "sáu tháng đầu năm năm 2022",
#: "6 tháng đầu của năm 2022" (also without diacritics); not "6 tháng đầu năm học".
_HALF = re.compile(
    r"(?<![\w/.\-])(?:0?6|s[áa]u)\s+th[áa]ng\s+(?P<h>[đd][ầa]u|cu[ốo]i)(?:\s+của)?\s+n[ăa]m(?!\s+học)"
    r"(?:\s*/\s*(?P<y1>\d{4})|\s+(?:n[ăa]m\s+)?(?P<y2>\d{4}))?(?![\w/])",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() else char


def fold(text: str) -> str:
    """``text`` without Vietnamese diacritics, character for character (same length).

    Typists and OCR drop the marks ("cham nhat ngay", "So 702-CV/DUK"); matching
    cues on the folded text reads both spellings, and spans stay valid.
    """
    if text.isascii():
        return text
    return text.translate(_FOLD_TABLE)


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first use of each character."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _fold_char(chr(code))
        return value


_FOLD_TABLE = _FoldTable()


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in text.

    ``kind`` is "day", "month", "quarter" or "half_year"; ``date`` is the day
    itself or the last day of the month, quarter or half-year, or ``None`` when the year is
    neither written nor known; ``year_written`` says whether the text gave it.
    """

    start: int
    end: int
    kind: str
    date: dt.date | None
    year_written: bool


def month_end(year: int, month: int) -> dt.date:
    """Last day of ``month`` in ``year``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> dt.date:
    """Last day of quarter 1–4 of ``year`` ("Quý II/2022" → 2022-06-30)."""
    return month_end(year, quarter * 3)


def _day(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _valid_day_month(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def find_dates(text: str, default_year: int | None = None) -> list[DateMatch]:
    """All day, month, quarter and half-year expressions in ``text``, in order, not overlapping.

    Day forms win over the month and quarter forms they contain. A year-less
    day ("15/3", only with "/"), month ("tháng 5") or half-year ("6 tháng đầu
    năm") takes ``default_year``.
    """
    found: list[DateMatch] = []
    starts: list[int] = []  # taken spans, sorted and never overlapping: bisect, not a scan
    ends: list[int] = []

    def free(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start)
        if i and ends[i - 1] > start:
            return False
        return not (i < len(starts) and starts[i] < end)

    def add(match: DateMatch) -> None:
        found.append(match)
        i = bisect.bisect_right(starts, match.start)
        starts.insert(i, match.start)
        ends.insert(i, match.end)

    year: int | None
    for m in _LONG.finditer(text):
        day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
        if _valid_day_month(day, month):
            add(DateMatch(m.start(), m.end(), "day", _day(year, month, day), True))
    for m in _NUMERIC.finditer(text):
        if not free(m.start(), m.end()):
            continue
        day, month = int(m["d"]), int(m["m"])
        if not _valid_day_month(day, month):
            continue
        if m["y"] is None and m["sep"] != "/" and not _DAY_WORD_BEFORE.search(text, 0, m.start()):
            continue  # "10.5" alone may be a number; "ngày 10.5" is a date (news style)
        year = int(m["y"]) if m["y"] else default_year
        add(DateMatch(m.start(), m.end(), "day", _day(year, month, day), m["y"] is not None))
    for m in _QUARTER.finditer(text):
        if not free(m.start(), m.end()):
            continue
        written = m["y1"] or m["y2"]
        year = int(written) if written else default_year
        quarter = ROMAN_QUARTERS[m["q"].upper()]
        date = quarter_end(year, quarter) if year else None
        add(DateMatch(m.start(), m.end(), "quarter", date, bool(written)))
    for m in _MONTH.finditer(text):
        if not free(m.start(), m.end()):
            continue
        month = int(m["m"])
        if not 1 <= month <= 12:
            continue
        written = m["y1"] or m["y2"]
        year = int(written) if written else default_year
        add(
            DateMatch(
                m.start(), m.end(), "month", month_end(year, month) if year else None, bool(written)
            )
        )
    for m in _HALF.finditer(text):
        if not free(m.start(), m.end()):
            continue
        written = m["y1"] or m["y2"]
        year = int(written) if written else default_year
        month = 6 if fold(m["h"]).lower() == "dau" else 12
        date = month_end(year, month) if year else None
        add(DateMatch(m.start(), m.end(), "half_year", date, bool(written)))
    found.sort(key=lambda d: d.start)
    return found


def parse_date(value: str, default_year: int | None = None) -> dt.date | None:
    """The first date expression in ``value`` as a date, or ``None``."""
    for match in find_dates(value, default_year):
        if match.date is not None:
            return match.date
    return None


def vn_date(value: dt.date) -> str:
    """Short Party style, "16/3/2023", "11/02/2022" (docs/party-format.md §6)."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"
