"""Eligibility criteria for nominees, with the rating rules a system can check.

A criteria list opens with a line naming who it is for and the word
"tiêu chuẩn"/"điều kiện" ("Tập thể phải đạt các tiêu chuẩn sau đây:",
"Cá nhân phải đạt …"), or with "Đối với tập thể:" / "Cá nhân:" under a
"Tiêu chuẩn:" heading; each bullet beneath is one criterion. A bullet that
joins cases with "; nếu là …" is one criterion per case (59-KH/ĐUK
§II.3.2.b: "Nếu là quần chúng …; nếu là đảng viên …").

Rating levels (docs/domain.md §3, ``Rating``): "hoàn thành xuất sắc nhiệm vụ"
→ excellent, "hoàn thành tốt nhiệm vụ" → good, "hoàn thành nhiệm vụ" →
complete; a level is a minimum ("trở lên" says so, and it is implied).
Rules: the level in each listed year; in one of them ("một trong các
năm"); in at least N years ("ít nhất 03 năm"); in N consecutive years
("03 năm liên tục"). Other criteria have no rule: staff judge them.
"""

from __future__ import annotations

import itertools
import re

from .model import Criterion, RatingRule, Span
from .quotas import NUMBER, count_value
from .text import clean_inline, trim_span

_WHO = r"(?P<who>tập\s+thể|cá\s+nhân|đảng\s+viên|quần\s+chúng|tổ\s+chức\s+đảng)"
_APPLIES = {
    "tập thể": "collective",
    "tổ chức đảng": "collective",
    "cá nhân": "individual",
    "đảng viên": "party_member",
    "quần chúng": "non_member",
}
_BULLET = re.compile(r"^[\s*]*(?P<mark>[-–+•])[\s*]+")
_NUMBERED = re.compile(r"^[\s*]*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])\s*[-.)/]\s*\S", re.IGNORECASE)
_HEAD = re.compile(
    rf"^(?:Đối\s+với\s+)?{_WHO}\b[^:\n]{{0,80}}?\b(?:tiêu\s+chuẩn|điều\s+kiện)\b[^:\n]*:?\s*$",
    re.IGNORECASE,
)
_SECTION = re.compile(
    r"^(?:[a-zđ0-9.]+\s*[-.)]\s*)?(?:Tiêu\s+chuẩn|Điều\s+kiện)\b[^:\n]{0,60}:?\s*$", re.IGNORECASE
)
#: The words every criteria head (``_HEAD``) and section (``_SECTION``) holds.
_NAMED = re.compile(r"tiêu\s+chuẩn|điều\s+kiện", re.IGNORECASE)
_WHO_LABEL = re.compile(rf"^(?:Đối\s+với\s+)?{_WHO}\s*(?::\s*(?P<rest>.*))?$", re.IGNORECASE)
_CASE = re.compile(rf"^(?:nếu\s+là|đối\s+với|riêng)\s+{_WHO}\b", re.IGNORECASE)

_LEVELS = [
    (re.compile(r"hoàn\s+thành\s+xuất\s+sắc", re.I), "excellent"),
    (re.compile(r"hoàn\s+thành\s+tốt", re.I), "good"),
    (re.compile(r"(?<!không\s)hoàn\s+thành\s+nhiệm\s+vụ", re.I), "complete"),
]
_YEAR_RANGE = re.compile(
    r"(?:năm\s+)?(?P<a>(?:19|20)\d\d)\s*(?:-|–|đến|tới)\s*(?:năm\s+)?(?P<b>(?:19|20)\d\d)"
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_ANY = re.compile(
    r"\bmột\s+trong\s+(?:các|những|số)?\s*năm|\b(?:ít\s+nhất|có)\s+(?:01|1|một)\s+năm", re.I
)
_AT_LEAST = re.compile(rf"\b(?:ít\s+nhất|tối\s+thiểu|có)\s+(?P<n>{NUMBER})\s+năm\b", re.I)
_CONSECUTIVE = re.compile(rf"\b(?P<n>{NUMBER})\s+năm\s+(?:liên\s+tục|liền|liên\s+tiếp)\b", re.I)


def _who(value: str) -> str:
    return _APPLIES[" ".join(value.lower().split())]


def _years(text: str) -> tuple[int, ...]:
    years: list[int] = []
    taken: list[tuple[int, int]] = []
    for match in _YEAR_RANGE.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        if a < b <= a + 20:
            years.extend(range(a, b + 1))
            taken.append(match.span())
    for match in _YEAR.finditer(text):
        if not any(s <= match.start() < e for s, e in taken):
            years.append(int(match.group()))
    return tuple(sorted(set(years)))


def parse_rule(text: str) -> RatingRule | None:
    """The rating rule a criterion states, or ``None`` when it states none."""
    level = next((name for pattern, name in _LEVELS if pattern.search(text)), None)
    if level is None:
        return None
    years = _years(text)
    consecutive = _CONSECUTIVE.search(text)
    if consecutive:
        return RatingRule("rating_consecutive", level, years or None, count_value(consecutive["n"]))
    if _ANY.search(text) and years:
        return RatingRule("rating_any_year", level, years)
    at_least = _AT_LEAST.search(text)
    if at_least:
        count = count_value(at_least["n"])
        if count == 1 and years:
            return RatingRule("rating_any_year", level, years)
        return RatingRule("rating_count", level, years or None, count)
    if years:
        return RatingRule("rating_each_year", level, years)
    return None


def _criteria(text: str, start: int, end: int, applies_to: str) -> list[Criterion]:
    """One criterion per "; nếu là …" case of the bullet ``text[start:end]``."""
    cuts = [start]
    for match in re.finditer(r";\s*", text[start:end]):
        if _CASE.match(text[start + match.end() : end]):
            cuts.append(start + match.end())
    cuts.append(end)
    found: list[Criterion] = []
    for lo, hi in itertools.pairwise(cuts):
        while hi > lo and text[hi - 1] in " ;.,*":
            hi -= 1
        span: Span = trim_span(text[lo:hi], lo)
        value = clean_inline(text[span[0] : span[1]])
        if not value:
            continue
        case = _CASE.match(value)
        who = _who(case["who"]) if case else applies_to
        found.append(Criterion(value, who, parse_rule(value), span))
    return found


def find_criteria(text: str, lo: int, hi: int) -> list[Criterion]:
    """Eligibility criteria in ``text[lo:hi]`` (the body), in text order; spans are absolute."""
    if _NAMED.search(text, lo, hi) is None:
        return []  # every head and section names "tiêu chuẩn" or "điều kiện": none here
    found: list[Criterion] = []
    in_section = False
    head: tuple[str, str | None] | None = None  # (applies_to, bullet mark of the head line)
    pos = lo
    for raw in text[lo:hi].split("\n"):
        line_start, pos = pos, pos + len(raw) + 1
        if not raw.strip():
            continue
        bullet = _BULLET.match(raw)
        mark = bullet["mark"] if bullet else None
        # each line cleaned once: its words after the mark (a bullet's mark is never blank)
        body = clean_inline(raw[bullet.end() :]) if bullet else clean_inline(raw)
        if not bullet and not body:
            continue
        if head is not None and bullet and mark != head[1]:
            found.extend(_criteria(text, line_start + bullet.end(), line_start + len(raw), head[0]))
            continue
        head = None
        who_head = _HEAD.match(body)
        label = _WHO_LABEL.match(body) if in_section else None
        if who_head:
            head = (_who(who_head["who"]), mark)
        elif label and label["rest"]:
            rest_at = raw.rfind(label["rest"])
            found.extend(
                _criteria(text, line_start + rest_at, line_start + len(raw), _who(label["who"]))
            )
        elif label:
            head = (_who(label["who"]), mark)
        elif _SECTION.match(body):
            in_section = True
        elif _NUMBERED.match(raw) and not bullet:
            in_section = False
    return found
