"""Achievement periods: the dates a nominee's achievements are counted over.

"Thành tích … tính từ tháng 5/2021 - 5/2022" → 2021-05-01 … 2022-05-31;
also "từ ngày 01/01/2021 đến ngày 31/12/2021", "từ tháng 5 năm 2021 đến
tháng 5 năm 2022", "từ năm 2017 đến năm 2019", "giai đoạn 2017 - 2019".
A range counts only in a sentence about achievements ("thành tích"); a
length without dates ("trong 04 năm") is not a period.
"""

from __future__ import annotations

import datetime as dt
import re

from .dates import month_end
from .model import Period
from .quotas import sentence_spans
from .text import clean_inline

_TO = r"\s*(?:-|–|đến|tới)\s*"
_MONTH = r"(?:tháng\s+)?(?P<{m}>\d{{1,2}})(?:\s*/\s*|\s+năm\s+)(?P<{y}>\d{{4}})"
_DAY = r"(?:ngày\s+)?(?P<{d}>\d{{1,2}})\s*[/.\-]\s*(?P<{m}>\d{{1,2}})\s*[/.\-]\s*(?P<{y}>\d{{4}})"
_FORMS = [
    (
        "day",
        re.compile(
            _DAY.format(d="d1", m="m1", y="y1") + _TO + _DAY.format(d="d2", m="m2", y="y2"),
            re.IGNORECASE,
        ),
    ),
    (
        "month",
        re.compile(
            _MONTH.format(m="m1", y="y1") + _TO + _MONTH.format(m="m2", y="y2"), re.IGNORECASE
        ),
    ),
    (
        "year",
        re.compile(r"(?:năm\s+)?(?P<y1>(?:19|20)\d\d)" + _TO + r"(?:năm\s+)?(?P<y2>(?:19|20)\d\d)"),
    ),
]
_ACHIEVEMENT = re.compile(r"thành\s+tích", re.IGNORECASE)
_CUE = re.compile(r"(?:từ|tính\s+từ|giai\s+đoạn|trong\s+thời\s+gian|trong\s+các\s+năm)\s*$", re.I)


def _dates(kind: str, match: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    try:
        if kind == "day":
            start = dt.date(int(match["y1"]), int(match["m1"]), int(match["d1"]))
            end = dt.date(int(match["y2"]), int(match["m2"]), int(match["d2"]))
        elif kind == "month":
            start = dt.date(int(match["y1"]), int(match["m1"]), 1)
            end = month_end(int(match["y2"]), int(match["m2"]))
        else:
            start = dt.date(int(match["y1"]), 1, 1)
            end = dt.date(int(match["y2"]), 12, 31)
    except ValueError:
        return None
    return (start, end) if start <= end else None


def find_periods(text: str, lo: int, hi: int) -> list[Period]:
    """Achievement periods in ``text[lo:hi]``, in text order; spans are absolute."""
    found: list[Period] = []
    for start, end in sentence_spans(text, lo, hi):
        sentence = text[start:end]
        if not _ACHIEVEMENT.search(sentence):
            continue
        taken: list[tuple[int, int]] = []
        for kind, pattern in _FORMS:
            for match in pattern.finditer(sentence):
                if any(match.start() < e and s < match.end() for s, e in taken):
                    continue
                if kind == "year" and not _CUE.search(sentence[: match.start()]):
                    continue
                dates = _dates(kind, match)
                if dates is None:
                    continue
                taken.append(match.span())
                found.append(
                    Period(
                        text=clean_inline(match.group()),
                        start=dates[0].isoformat(),
                        end=dates[1].isoformat(),
                        span=(start + match.start(), start + match.end()),
                    )
                )
    found.sort(key=lambda p: p.span[0])
    return found
