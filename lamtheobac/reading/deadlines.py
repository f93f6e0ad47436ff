"""Deadlines and recurring times in the body (DESIGN.md §5).

A date, month or quarter is a deadline only when a deadline word leads to
it: "chậm nhất ngày X", "đến ngày X", "trong ngày X", "hoàn thành … ngày X"
(due by the end of X); "trước ngày X" (due before X starts); "Thời gian
thực hiện: Quý II/2022", "trong tháng 5/2023", "vào quý II năm 2023" (the
last day of the period); "Dự kiến …" marks it tentative. Citation dates
("… ngày 18/5/2021 của Bộ Chính trị"), ranges ("tháng 5/2021 - 5/2022") and
occasions ("dịp 19/5") are not deadlines. "hằng quý", "hằng năm", "Quý IV
hằng năm", "định kỳ hằng năm", "thường xuyên" are recurring entries.
"""

from __future__ import annotations

import re

from .dates import find_dates, fold
from .model import Deadline, Recurring
from .text import clean_inline, shorten

_S = r"[\s*]+"
_END = r"[\s*:]*$"
#: (pattern ending the text before the date, exclusive, tentative), first match wins.
_CUE_LIST: list[tuple[re.Pattern[str], bool, bool]] = [
    (
        re.compile(rf"dự{_S}kiến(?:{_S}(?:vào|trong|đến|trước))?(?:{_S}ngày)?{_END}", re.I),
        False,
        True,
    ),
    (re.compile(rf"trước(?:{_S}ngày)?{_END}", re.I), True, False),
    (
        re.compile(rf"(?:chậm|muộn){_S}nhất(?:{_S}là)?(?:{_S}vào)?(?:{_S}ngày)?{_END}", re.I),
        False,
        False,
    ),
    (re.compile(rf"hạn{_S}chót(?:{_S}là)?(?:{_S}ngày)?{_END}", re.I), False, False),
    (re.compile(rf"đến(?:{_S}hết)?(?:{_S}ngày)?{_END}", re.I), False, False),
    (re.compile(rf"trong(?:{_S}ngày)?{_END}", re.I), False, False),
    (re.compile(rf"vào(?:{_S}ngày)?{_END}", re.I), False, False),
    (re.compile(rf"hoàn{_S}thành(?:{_S}ngày)?{_END}", re.I), False, False),
    (re.compile(rf"thời{_S}(?:gian|hạn)(?:{_S}[^\W\d_]+){{0,3}}{_END}", re.I), False, False),
]
#: Clause boundaries. A line break counts only before a blank line, a list item or a
#: heading, or after ".:;" — PDFs and wrapped paragraphs break lines mid-sentence
#: ("chậm nhất ngày\n30/9/2023").
_BOUNDARY = re.compile(
    r"\n(?=[ \t]*(?:\n|[-–+•]|\*[ *]|\d+(?:\.\d+)*[.)\-]|[a-zđ][.)]\s|[IVX]+[-./]\s))"
    r"|(?<=[:;])[ \t]*\n|[;(]|\.\s",
    re.I,
)
#: "từ ngày 15/5/2023 đến ngày 20/5/2023": the "đến" date closes a period, it is not due.
_PERIOD_START = re.compile(r"\btu\b[\s*]*(?:ngay|thang)?[\s*]*\d", re.I)
#: Each cue also as written without diacritics, matched on ``fold(prefix)``.
_CUES = [
    (pattern, re.compile(fold(pattern.pattern), pattern.flags), exclusive, tentative)
    for pattern, exclusive, tentative in _CUE_LIST
]
_UNTIL = _CUE_LIST[4][0]
_CUT_OFF = re.compile(r"\btinh[\s*]+(?:den|tu)(?:[\s*]+(?:het|ngay))*[\s*]*$", re.I)
_RANGE_AFTER = re.compile(r"^\s*[-–]\s*\d")
_RANGE_BEFORE = re.compile(r"(?:\btu|[-–])[\s*]*(?:ngay|thang)?[\s*]*$", re.I)
_YEARLY_AFTER = re.compile(
    r"^[\s*]*(?:(?:hằng|hàng)\s+năm|của\s+năm\s+(?:liền\s+trước|trước|kế\s+tiếp|sau))", re.I
)

_RECURRING: list[tuple[re.Pattern[str], str | None, bool]] = [
    # (pattern, frequency or None for "from the unit word", needs a clause start or time cue)
    (re.compile(r"quý\s+(?:IV|I{1,3})\s+(?:hằng|hàng)\s+năm", re.I), "yearly", False),
    (
        re.compile(r"quý\s+(?:IV|I{1,3})\s+của\s+năm\s+(?:liền\s+trước|trước|kế\s+tiếp|sau)", re.I),
        "yearly",
        False,
    ),
    (re.compile(r"định\s+kỳ\s+(?:hằng|hàng)\s+(năm|quý|tháng)", re.I), None, False),
    (re.compile(r"(?:hằng|hàng)\s+(năm|quý|tháng)", re.I), None, True),
    (re.compile(r"thường\s+xuyên", re.I), "continuous", True),
]
_FREQUENCY = {"năm": "yearly", "quý": "quarterly", "tháng": "monthly"}
_CLAUSE_LEAD = re.compile(r"^[\s*\-–+•]*(?:\d+(?:\.\d+)*[.\-)]*|[a-zđ][.)\-])?[\s*]*$", re.I)
_TIME_LABEL = re.compile(
    rf"(?:thời{_S}(?:gian|hạn)(?:{_S}[^\W\d_]+){{0,3}}[\s*]*:|trong|vào|sau{_S}mỗi[^,;]*)"
    r"[\s*]*$",
    re.I,
)

_UNIT_START = re.compile(
    r"^(?:Các |các |Mỗi |mỗi )?(?:Ban|ban|[ỦU]y ban|Văn phòng|Cấp [ủu]y|cấp [ủu]y|Chi [ủu]y|"
    r"chi [ủu]y|Chi bộ|chi bộ|Đảng [ủu]y|đảng [ủu]y|Đoàn|Mặt trận|Cơ quan|Trung tâm|Hội đồng|"
    r"Phòng|Sở|Công đoàn|Thường trực|Đảng viên|đảng viên|Cán bộ|cán bộ|chi,|Chi,|tổ chức cơ sở|"
    r"[Hh]uyện [ủu]y|[Tt]hành [ủu]y|[Tt]hị [ủu]y|[Tt]ỉnh [ủu]y|[Qq]uận [ủu]y|[Đđ]ảng bộ|Hội)"
)
_VERB_CUT = re.compile(
    r"\s(?:xây dựng|tổ chức|gửi|tham mưu|căn cứ|tiến hành|chủ trì|theo dõi|ban hành|thực hiện|"
    r"rà soát|báo cáo|hướng dẫn|chỉ đạo|triển khai|lãnh đạo|viết|tăng cường|chủ động|phối hợp|"
    r"tập trung|đưa|giới thiệu|xét|lựa chọn|đánh giá|tổng hợp|định hướng|quan tâm|là|tiếp thu|"
    r"nghiên cứu|đề nghị|có trách nhiệm|tiếp tục)\b|[:(]"
)
_WHO_LABEL = re.compile(r"^(?:Cơ quan|Đơn vị)\s+(?:thực hiện|chủ trì)\s*:\s*(.+)$", re.I)
_NUMBERED = re.compile(r"^[\s*]*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])\s*[-.)]\s", re.I)
_LINE_LEAD = re.compile(r"^[\s*\-–+•]*(?:\d+(?:\.\d+)*[.\-)]*|[a-zđ][.)\-])?[\s*]*", re.I)


def _clause_start(text: str, lo: int, pos: int) -> int:
    start = lo
    for match in _BOUNDARY.finditer(text, lo, pos):
        start = match.end()
    return start


def _sentence(text: str, lo: int, hi: int, pos: int) -> str:
    line_start = text.rfind("\n", lo, pos) + 1
    line_end = text.find("\n", pos, hi)
    line_end = hi if line_end < 0 else line_end
    start = line_start
    for match in re.finditer(r"\.\s+(?=[A-ZĐ*])", text[line_start:pos]):
        start = line_start + match.end()
    end_match = re.search(r"\.(?:\s|$)", text[pos:line_end])
    end = pos + end_match.end() if end_match else line_end
    return shorten(_LINE_LEAD.sub("", text[start:end]))


def subject_of(line: str) -> str | None:
    """The body named at the start of a clause, e.g. "Ban Tuyên giáo Thị ủy", or None."""
    body = clean_inline(_LINE_LEAD.sub("", line))
    label = _WHO_LABEL.match(body)
    if label:
        return shorten(label.group(1).rstrip("."), 120) or None
    for part in re.split(r";\s*", body)[:2]:
        if part.startswith(("Đối với ", "đối với ")):
            who = part[len("Đối với ") :].split(":")[0].strip(" .,")
            return who or None
        if _UNIT_START.match(part):
            cut = _VERB_CUT.search(part)
            who = (part[: cut.start()] if cut else part).strip(" ,.;")
            if 2 < len(who) <= 120:
                return who
    return None


def _who(text: str, lo: int, pos: int) -> str | None:
    line_start = text.rfind("\n", lo, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    who = subject_of(line)
    if who or _NUMBERED.match(line):
        return who
    # look back a few lines within the same item for a named body
    cursor = line_start - 1
    for _ in range(4):
        if cursor <= lo:
            break
        prev_start = text.rfind("\n", lo, cursor) + 1
        prev = text[prev_start:cursor]
        cursor = prev_start - 1
        if not prev.strip():
            continue
        who = subject_of(prev)
        if who:
            return who
        if _NUMBERED.match(prev):
            break
    return None


def find_deadlines(text: str, lo: int, hi: int, default_year: int | None) -> list[Deadline]:
    """Deadlines in ``text[lo:hi]`` (the body), in text order; spans are absolute."""
    found: list[Deadline] = []
    for match in find_dates(text[lo:hi], default_year):
        start, end = lo + match.start, lo + match.end
        if match.date is None:
            continue
        if _RANGE_AFTER.match(text[end : end + 6]) or _YEARLY_AFTER.match(text[end : end + 30]):
            continue
        clause = _clause_start(text, lo, start)
        prefix = text[clause:start]
        folded = fold(prefix)
        if _RANGE_BEFORE.search(folded) or _CUT_OFF.search(folded):
            continue
        for pattern, folded_pattern, exclusive, tentative in _CUES:
            cue = pattern.search(prefix) or folded_pattern.search(folded)
            if cue is None:
                continue
            if pattern is _UNTIL and _PERIOD_START.search(folded, 0, cue.start()):
                break
            cue_start = clause + cue.start()
            tentative = tentative or bool(re.search(r"du\s+kien", folded, re.I))
            found.append(
                Deadline(
                    text=clean_inline(text[cue_start:end]).rstrip(":"),
                    due=match.date.isoformat(),
                    exclusive=exclusive,
                    tentative=tentative,
                    what=_sentence(text, lo, hi, start),
                    who=_who(text, lo, start),
                    span=(cue_start + _lead_stars(text, cue_start, end), end),
                )
            )
            break
    return found


def _lead_stars(text: str, start: int, end: int) -> int:
    skip = 0
    while start + skip < end and text[start + skip] in "* ":
        skip += 1
    return skip


def find_recurring(text: str, lo: int, hi: int) -> list[Recurring]:
    """Recurring or continuous times in ``text[lo:hi]``; spans are absolute."""
    found: list[Recurring] = []
    taken: list[tuple[int, int]] = []
    region = text[lo:hi]
    for pattern, frequency, needs_lead in _RECURRING:
        for match in pattern.finditer(region):
            start, end = lo + match.start(), lo + match.end()
            if any(not (end <= s or start >= e) for s, e in taken):
                continue
            if needs_lead:
                clause = _clause_start(text, lo, start)
                prefix = text[clause:start]
                if not (_CLAUSE_LEAD.match(prefix) or _TIME_LABEL.search(prefix)):
                    continue
            freq = frequency or _FREQUENCY[match.group(1).lower()]
            taken.append((start, end))
            found.append(
                Recurring(
                    text=clean_inline(match.group()),
                    frequency=freq,
                    what=_sentence(text, lo, hi, start),
                    who=_who(text, lo, start),
                    span=(start, end),
                )
            )
    found.sort(key=lambda r: r.span[0])
    return found
