"""Deadlines and recurring times in the body (docs/domain.md §5).

A date, month or quarter is a deadline only when a deadline word leads to
it: "chậm nhất ngày X", "đến ngày X", "trong ngày X", "hoàn thành … ngày X",
"Hạn hoàn thành: ngày X", "trước 16 giờ 00, ngày X" (due by the end of X); "trước
ngày X" (due before X starts); "Thời gian
thực hiện: Quý II/2022", "trong tháng 5/2023", "vào quý II năm 2023" (the
last day of the period); "Dự kiến …" marks it tentative. Citation dates
("… ngày 18/5/2021 của Bộ Chính trị") and ranges ("tháng 5/2021 - 5/2022")
are not deadlines. "hằng quý", "hằng năm", "Quý IV hằng năm", "định kỳ hằng
năm", "thường xuyên" are recurring entries, and so is a day without a year in a
yearly clause ("định kỳ hằng năm, … báo cáo trước ngày 15/11"): not a deadline.

Half-years: "trong 6 tháng đầu năm 2022", "Thời gian: sáu tháng cuối năm" are
due 30/6 (31/12) of the year written, else of the document's year, when a cue
leads to them, like a quarter. Two exceptions: when the same sentence has a
deadline of its own ("báo cáo sơ kết 6 tháng đầu năm trước ngày 15/6/2022")
the explicit date wins and the half-year is only the subject; in a report
(header "BÁO CÁO" or number kind BC) a half-year already begun at the
document's date is the period reported on ("Trong 6 tháng đầu năm, Ủy ban …
tặng Giấy khen"), as is a month or quarter already over by then. "hằng năm … 6 tháng đầu năm" and "6 tháng đầu năm hằng năm"
are recurring, frequency "yearly": the half-year falls due once a year.

Occasions: "dịp 19/5", "vào dịp 19/5", "nhân dịp 3/2", "vào dịp kỷ niệm …
(19/5/1890 - 19/5/2020)" are tentative deadlines on that day ("trước dịp 19/5"
is a firm one, due before the day starts). The year is the one written, else
the document's year — or the next year when that day is already past at the
document's date (a report dated 28/11/2023 planning "biểu dương … vào dịp
19/5" means 19/5/2024). In a birth/anniversary range only the later date can
be the occasion, and only when its year is clear: "kỷ niệm N năm" with the
range N years long, or the later year equal to the document's year; otherwise
nothing. Not deadlines: an occasion in a yearly clause ("Hằng năm, tuyên
dương vào dịp 19/5"), or told as past ("đã", "vừa qua"), or before the date of a
report ("Nhân dịp 19/5/2025, Đảng ủy biểu dương …" in a report of November), or
without a date ("dịp sinh nhật Bác", "dịp cuối năm").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from .budget import EVERY, checkpoint
from .dates import DateMatch, find_dates, fold
from .model import Deadline, Recurring
from .text import clean_inline, shorten

_S = r"[\s*]+"
_END = r"[\s*:]*$"
#: (pattern ending the text before the date, exclusive, tentative), first match wins.
#: An hour before the day: "trước 17 giờ ngày X", "chậm nhất 16h30 ngày X" (due that day).
_HOUR = rf"\d{{1,2}}{_S}?(?:giờ|h)(?:{_S}?\d{{1,2}}(?:{_S}?phút)?)?"
_CUE_LIST: list[tuple[re.Pattern[str], bool, bool]] = [
    (
        # "dự kiến trong tháng 10", "dự kiến tổ chức ngày 16/5": a few words may come between
        re.compile(
            rf"dự{_S}kiến(?:{_S}(?!ngày\b)[^\W\d_]+){{0,3}}?(?:{_S}(?:vào|trong|đến|trước))?"
            rf"(?:{_S}ngày)?{_END}",
            re.I,
        ),
        False,
        True,
    ),
    # an hour before the day: the day is the due date, not excluded
    # ("trước 16 giờ 00, ngày X": a comma may part the hour from the day; "chậm nhất vào lúc
    # 16 giờ ngày X")
    (
        re.compile(
            rf"(?:trước|chậm{_S}nhất|đến)(?:{_S}(?:là|vào|lúc))*{_S}{_HOUR}(?:,?{_S}ngày)?{_END}",
            re.I,
        ),
        False,
        False,
    ),
    (re.compile(rf"trước(?:{_S}ngày)?{_END}", re.I), True, False),
    (
        re.compile(rf"(?:chậm|muộn){_S}nhất(?:{_S}là)?(?:{_S}vào)?(?:{_S}ngày)?{_END}", re.I),
        False,
        False,
    ),
    # "hạn chót ngày", "hạn cuối ngày", "hạn nộp: ngày", "Hạn hoàn thành: ngày", "hạn gửi:"
    (
        re.compile(
            rf"hạn{_S}(?:chót|cuối|nộp|gửi|hoàn{_S}thành)(?:{_S}là)?[\s*:]*(?:ngày)?{_END}", re.I
        ),
        False,
        False,
    ),
    (re.compile(rf"đến(?:{_S}hết)?(?:{_S}ngày)?{_END}", re.I), False, False),
    (re.compile(rf"trong(?:{_S}ngày)?{_END}", re.I), False, False),
    (re.compile(rf"vào(?:{_S}ngày)?{_END}", re.I), False, False),
    (re.compile(rf"hoàn{_S}thành(?:{_S}ngày)?{_END}", re.I), False, False),
    (re.compile(rf"thời{_S}(?:gian|hạn)(?:,?{_S}[^\W\d_]+){{0,4}}{_END}", re.I), False, False),
    # "trong kỳ sinh hoạt chi bộ tháng 10/2024", "vào đợt sinh hoạt tháng 5": the session's month
    (
        re.compile(
            rf"(?:trong|vào){_S}(?:kỳ|đợt|buổi){_S}(?:sinh{_S}hoạt|họp)(?:{_S}[^\W\d_]+){{0,2}}{_END}",
            re.I,
        ),
        False,
        False,
    ),
    # "Thời gian: ngày 05/5/2026, tại …", "Thời gian: 01 ngày, khai mạc lúc 7 giờ 30 ngày X":
    # the first date after the label, a few words on (a label never ends in a deadline word)
    (
        re.compile(
            rf"thời{_S}(?:gian|hạn)(?:,?{_S}[^\W\d_]+){{0,4}}[\s*]*:[^.;/\n]{{0,60}}?ngày{_END}",
            re.I,
        ),
        False,
        False,
    ),
    # "2. Tổ chức ra mắt mô hình …: Quý III/2024." — the item's period after its colon,
    # ending the item (checked by ``_ends_item``)
    (re.compile(r":[\s*]*$"), False, False),
]
#: Clause boundaries. A line break counts only before a blank line, a list item or a
#: heading, or after ".:;" — PDFs and wrapped paragraphs break lines mid-sentence
#: ("chậm nhất ngày\n30/9/2023").
_BOUNDARY = re.compile(
    r"\n(?=(?P<ahead>[ \t]*(?:\n|[-–+•]|\*[ *]|\d+(?:\.\d+)*[.)\-]|[a-zđ][.)]\s|[IVX]+[-./]\s)))"
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
#: All cues in one pattern, marked and folded: one search tells whether a date has any cue
#: and the last cue (by priority) that can be the one to take (issue 10 §4: a text of
#: nothing but dates costs two searches a date, not two per cue).
_ANY_CUE = [
    re.compile("|".join(f"(?P<c{i}>{c[0].pattern})" for i, c in enumerate(_CUES)), re.I),
    re.compile("|".join(f"(?P<c{i}>{c[1].pattern})" for i, c in enumerate(_CUES)), re.I),
]
#: A word every cue has within its last 60 characters (on folded text).
_CUE_WORD = re.compile(
    r"ngay|truoc|nhat|\bla\b|vao|chot|cuoi|nop|den|het|trong|thanh|thoi|kien|hoat|hop|gio|"
    r"phut|\dh|:",
    re.I,
)
_UNTIL = next(p for p, _, _ in _CUE_LIST if p.pattern.startswith("đến(?:"))
_AFTER_COLON = _CUE_LIST[-1][0]
_SESSION = _CUE_LIST[-3][0]
_COLON_AT = len(_CUE_LIST) - 1
_CUT_OFF = re.compile(r"\btinh[\s*]+(?:den|tu)(?:[\s*]+(?:het|ngay))*[\s*]*$", re.I)
_RANGE_AFTER = re.compile(r"^\s*[-–]\s*\d")
_RANGE_BEFORE = re.compile(r"(?:\btu|[-–])[\s*]*(?:ngay|thang)?[\s*]*$", re.I)
_YEARLY_AFTER = re.compile(
    r"^[\s*]*(?:(?:hằng|hàng)\s+năm|của\s+năm\s+(?:liền\s+trước|trước|kế\s+tiếp|sau))", re.I
)

_HALF_WORDS = r"(?<![\w/.\-])(?:0?6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm"
_RECURRING: list[tuple[re.Pattern[str], str | None, bool]] = [
    # (pattern, frequency or None for "from the unit word", needs a clause start or time cue)
    # a half-year or an occasion in a yearly clause: once a year
    (
        re.compile(
            rf"(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+năm\b[^.;:\n]{{0,80}}?"
            rf"(?:{_HALF_WORDS}|\bdịp\s+\d{{1,2}}/\d{{1,2}}\b)",
            re.I,
        ),
        "yearly",
        False,
    ),
    (re.compile(rf"{_HALF_WORDS}\s+(?:hằng|hàng)\s+năm", re.I), "yearly", False),
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
    rf"(?:thời{_S}(?:gian|hạn)(?:,?{_S}[^\W\d_]+){{0,4}}[\s*]*:|trong|vào|sau{_S}mỗi[^,;]*)"
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

#: "hằng năm" before a half-year or an occasion in its clause (matched on folded text).
_YEARLY_CLAUSE = re.compile(r"\bhang[\s*]+nam\b", re.I)
#: A recurrence word before a day without a year in its clause (folded): "định kỳ 6 tháng
#: (trước ngày 15/6 và 15/12)", "hằng quý, trước ngày 25 của tháng cuối quý" fall due each time.
_RECURRING_CLAUSE = re.compile(r"\bdinh[\s*]+ky\b|\bhang[\s*]+(?:nam|quy|thang)\b", re.I)
#: An occasion marker on folded text: "dịp", "vào dịp", "nhân dịp", "trước dịp".
_OCCASION = re.compile(r"(?:\b(?P<cue>truoc|vao|nhan|trong)[\s*]+)?\bdip\b", re.I)
#: Where the words naming an occasion stop before its date would be too far.
_OCCASION_STOP = re.compile(r"[.;]\s|[;]|\n[ \t]*\n|\bdip\b", re.I)
_YEARS_OLD = re.compile(r"\b(\d{1,4})\s+n[ăa]m\b", re.I)
#: Told as past; on the text as written, since "đã" and "đa" fold alike.
_PAST = re.compile(r"\bđã\b|\bvừa[\s*]+qua\b", re.I)
_DATE_LINE = re.compile(
    r"(?:^|,)[ \t*]*ng[àa]y\s+(\d{1,2})\s+th[áa]ng\s+(\d{1,2})\s+n[ăa]m\s+(\d{4})", re.I | re.M
)
_REPORT_HEAD = re.compile(r"^[ \t*]*B[ÁA]O[ \t]+C[ÁA]O[ \t*]*$|\d\s*[-/]\s*BC\b", re.M)


#: How far back a clause, sentence or line is looked for, in characters. Bounds the work
#: per date to a constant, so a text on one line reads in time linear in its size
#: (issue 10): a clause longer than this starts this far back.
REACH = 1000
#: How far before a date its cue word is looked for ("thời gian thực hiện: … ngày" is the
#: longest cue, under 100 characters).
CUE_REACH = 120
_TENTATIVE = re.compile(r"du\s+kien", re.I)


class _Boundaries:
    """Where clauses end in one text, found once: (start, end, end of what the match looked at).

    Looking back for each date's clause cost O(REACH) per date — 40 s per MB of text that is
    nothing but dates (issue 10 §4); a bisect in a list made in one linear pass costs
    O(log n). The last text is kept (one entry), since every finder of one document asks.
    """

    def __init__(self) -> None:
        self.text: str | None = None
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.seen: list[int] = []

    def of(self, text: str) -> _Boundaries:
        if self.text is not text:
            self.starts, self.ends, self.seen = [], [], []
            for match in _BOUNDARY.finditer(text):
                self.starts.append(match.start())
                self.ends.append(match.end())
                self.seen.append(match.end("ahead") if match["ahead"] is not None else match.end())
            self.text = text
        return self


_BOUNDARIES = _Boundaries()


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last boundary before it, at most REACH
    back and never before ``lo``; a boundary counts only if all it looked at is before ``pos``
    (as if the text ended there)."""
    floor = max(lo, pos - REACH)
    found = _BOUNDARIES.of(text)
    i = bisect.bisect_right(found.ends, pos) - 1
    while i >= 0 and found.ends[i] >= floor:
        if found.starts[i] < floor:
            break
        if found.seen[i] <= pos:
            return found.ends[i]
        # it looked past ``pos``: as the text would end there, another reading may hold
        # (":\n" before a blank line); the stretch is a few characters
        near = [m.end() for m in _BOUNDARY.finditer(text, found.starts[i], pos)]
        if near:
            return near[-1]
        i -= 1
    return floor


def _line_bounds(text: str, lo: int, hi: int, pos: int) -> tuple[int, int]:
    """The line around ``pos`` within ``text[lo:hi]``, at most ``REACH`` on either side."""
    floor = max(lo, pos - REACH)
    start = text.rfind("\n", floor, pos) + 1 or floor
    end = text.find("\n", pos, min(hi, pos + REACH))
    return start, (min(hi, pos + REACH) if end < 0 else end)


def _sentence_bounds(text: str, lo: int, hi: int, pos: int) -> tuple[int, int]:
    line_start, line_end = _line_bounds(text, lo, hi, pos)
    start = line_start
    for match in re.finditer(r"\.\s+(?=[A-ZĐ*])", text[line_start:pos]):
        start = line_start + match.end()
    end_match = re.search(r"\.(?:\s|$)", text[pos:line_end])
    end = pos + end_match.end() if end_match else line_end
    return start, end


def _sentence(text: str, lo: int, hi: int, pos: int, bounds: tuple[int, int] | None = None) -> str:
    start, end = bounds or _sentence_bounds(text, lo, hi, pos)
    return shorten(_LINE_LEAD.sub("", text[start : min(end, start + 1000)]))


def subject_of(line: str) -> str | None:
    """The body named at the start of a clause, e.g. "Ban Tuyên giáo Thị ủy", or None."""
    body = clean_inline(_LINE_LEAD.sub("", line[:600]))  # a subject is at the start
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
    line_start, line_end = _line_bounds(text, lo, len(text), pos)
    long_line = line_start > lo and text[line_start - 1] != "\n"
    if long_line:
        line_start = _clause_start(text, lo, pos)  # a very long line: its clause instead
    line = text[line_start:line_end]
    who = subject_of(line)
    if who or long_line or _NUMBERED.match(line):
        return who
    # look back a few lines within the same item for a named body
    cursor = line_start - 1
    for _ in range(4):
        if cursor <= lo:
            break
        floor = max(lo, cursor - REACH)
        prev_start = text.rfind("\n", floor, cursor) + 1
        if not prev_start and floor > lo:
            break  # a line longer than the reach is no heading of this item
        prev_start = prev_start or floor
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


def document_date(head: str, default_year: int | None) -> dt.date | None:
    """The date line of the header ("Hà Nội, ngày 02 tháng 3 năm 2023") in ``head``, or None.

    With ``default_year`` known, only a date of that year (the document's) counts.
    """
    for match in _DATE_LINE.finditer(head):
        day, month, year = (int(g) for g in match.groups())
        if default_year is not None and year != default_year:
            continue
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def find_deadlines(
    text: str,
    lo: int,
    hi: int,
    default_year: int | None,
    dated: dt.date | None = None,
) -> list[Deadline]:
    """Deadlines in ``text[lo:hi]`` (the body), in text order; spans are absolute.

    ``dated`` is the document's date; when None it is read from the header
    (``text[:lo]``). It rolls a past occasion to the next year and tells a
    report's period from its plans.
    """
    head = text[:lo]
    folded_text = fold(text)  # once, not per date: same length, so offsets carry over
    dated = dated or document_date(head, default_year)
    report = bool(_REPORT_HEAD.search(head))
    occasions, taken = _occasions(text, lo, hi, default_year, dated, folded_text[lo:hi], report)
    taken.sort()
    taken_starts = [s for s, _ in taken]
    found: list[tuple[Deadline, str, tuple[int, int]]] = []
    for count, match in enumerate(find_dates(text[lo:hi], default_year)):
        if count % EVERY == EVERY - 1:
            checkpoint()
        start, end = lo + match.start, lo + match.end
        i = bisect.bisect_right(taken_starts, start)
        if match.date is None or (i and start < taken[i - 1][1]):
            continue
        if _RANGE_AFTER.match(text[end : end + 6]) or _YEARLY_AFTER.match(text[end : end + 30]):
            continue
        clause = _clause_start(text, lo, start)
        # every cue ends where the date starts and is shorter than CUE_REACH: only the
        # clause's last characters are matched, so each date costs a constant (issue 10 §4)
        near = max(clause, start - CUE_REACH)
        short = max(clause, start - 40)  # "từ ngày", "tính đến hết ngày" are short
        if _RANGE_BEFORE.search(folded_text, short, start) or _CUT_OFF.search(
            folded_text, short, start
        ):
            continue
        if match.kind == "half_year" and (
            _YEARLY_CLAUSE.search(folded_text, clause, start) or (report and _begun(match, dated))
        ):
            continue
        if (
            not match.year_written
            and (
                _RECURRING_CLAUSE.search(folded_text, clause, start)
                # "định kỳ 6 tháng (trước ngày 15/6 và 15/12)": the bracket opens a clause of its
                # own, and gives the days of the recurrence just before it
                or (
                    text[max(lo, clause - 2) : clause].strip() == "("
                    and _RECURRING_CLAUSE.search(folded_text, max(lo, clause - 40), clause)
                )
            )
        ):
            continue  # "định kỳ hằng năm, … báo cáo trước ngày 15/11", "định kỳ 6 tháng (trước
            # ngày 15/6 và 15/12)": a day without a year in a recurring clause, due each time
        if report and dated and match.date < dated:
            continue  # "Trong tháng 3/2023, 100% chi bộ …", "… trước ngày 30/6/2023 theo kế
            # hoạch" in a report of 28/11/2023: what was due before the report is past
        if _is_time_label(text, clause, start, end) or _alone_in_cell(text, start, end):
            bounds = _sentence_bounds(text, lo, hi, start)
            # "2. Quý II/2024: các tổ chức cơ sở đảng học tập …": the item's period is its due
            deadline = Deadline(
                text=clean_inline(text[start:end]),
                due=match.date.isoformat(),
                exclusive=False,
                tentative=False,
                what=_sentence(text, lo, hi, start, bounds),
                who=_who(text, lo, start),
                span=(start, end),
            )
            found.append((deadline, match.kind, bounds))
            continue
        if not _CUE_WORD.search(folded_text, max(near, start - 60), start):
            continue  # no word any cue ends with: most dates of a text, cheaply
        prefix = text[near:start]
        folded = folded_text[near:start]
        marked_at, folded_at, cue_starts = _leftmost_cues(prefix, folded)
        last = max(marked_at, folded_at)
        first = 0
        if marked_at in (_COLON_AT, -1) and folded_at == _COLON_AT:
            # the leftmost cue is the colon just before the date: no other cue can end here
            if not _ends_item(text, end, hi):
                continue  # "Quý II/2022: …" opening a sentence, not an item's period
            first = _COLON_AT
        for pattern, folded_pattern, exclusive, tentative in _CUES[first : last + 1]:
            cue = _first_at(pattern, prefix, cue_starts) or _first_at(
                folded_pattern, folded, cue_starts
            )
            if cue is None:
                continue
            cue_start = near + cue.start()
            if pattern is _UNTIL and _PERIOD_START.search(folded_text, clause, cue_start):
                break
            if pattern is _AFTER_COLON and not _ends_item(text, end, hi):
                break
            tentative = tentative or bool(_TENTATIVE.search(folded_text, clause, start))
            bounds = _sentence_bounds(text, lo, hi, start)
            deadline = Deadline(
                text=clean_inline(text[cue_start:end]).rstrip(":"),
                due=match.date.isoformat(),
                exclusive=exclusive,
                tentative=tentative,
                what=_sentence(text, lo, hi, start, bounds),
                who=_who(text, lo, start),
                span=(cue_start + _lead_stars(text, cue_start, end), end),
            )
            # a session's month yields to a day in the same sentence ("trong kỳ sinh hoạt
            # tháng 01/2024, dự kiến vào ngày 05/01/2024"), as a half-year does
            kind = "session" if pattern is _SESSION else match.kind
            found.append((deadline, kind, bounds))
            break
    # "báo cáo sơ kết 6 tháng đầu năm trước ngày 15/6/2022": the explicit date wins
    explicit = [bounds for _, kind, bounds in found if kind not in ("half_year", "session")]
    kept = [
        d
        for d, kind, bounds in found
        if kind not in ("half_year", "session") or bounds not in explicit
    ]
    return sorted([*kept, *occasions], key=lambda d: d.span[0])


#: Where a cue can start (folded): every cue opens with one of these words or a colon.
_CUE_START = re.compile(r"du|truoc|cham|muon|han|den|trong|vao|hoan|thoi|:", re.I)


def _leftmost_cues(prefix: str, folded: str) -> tuple[int, int, list[int]]:
    """``_cue_index`` of the leftmost cue ending ``prefix`` (marked) and ``folded``, and the
    places a cue may start (where a cue word starts, in order).

    Every cue ends where the date starts, so each is tried, anchored, only where a cue word
    starts — a few places — instead of at every character of the window (a search ending
    in ``$`` tries them all: 30 µs a date, the cost of a text of dates; issue 10 §4).
    """
    marked_at = folded_at = -1
    starts = [word.start() for word in _CUE_START.finditer(folded)]
    for pos in starts:
        if marked_at < 0:
            marked_at = _cue_index(_ANY_CUE[0].match(prefix, pos))
        if folded_at < 0:
            folded_at = _cue_index(_ANY_CUE[1].match(folded, pos))
        if marked_at >= 0 and folded_at >= 0:
            break
    return marked_at, folded_at, starts


def _first_at(pattern: re.Pattern[str], value: str, starts: list[int]) -> re.Match[str] | None:
    """``pattern.search(value)`` for a pattern that can only start at one of ``starts``
    (ascending): tried anchored there, not at every character."""
    for pos in starts:
        match = pattern.match(value, pos)
        if match is not None:
            return match
    return None


def _cue_index(match: re.Match[str] | None) -> int:
    """Index in ``_CUES`` of the cue ``_ANY_CUE`` found (−1: none). The leftmost cue found
    may not be the one of highest priority; every cue up to it is tried in order."""
    return int(match.lastgroup[1:]) if match is not None and match.lastgroup else -1


def _alone_in_cell(text: str, start: int, end: int) -> bool:
    """A date that is the whole of its line: the "Thời gian" cell of a table row
    ("Tháng 10/2025" under a header "… | Chủ trì | Phối hợp | Thời gian"), a blank line
    on either side as a .docx table reads (``layout.tab_tables_as_cells``)."""
    before = text[max(0, start - 3) : start]
    after = text[end : end + 3]
    return before.endswith("\n\n") and (after.startswith("\n\n") or after.rstrip(" .") == "")


def _ends_item(text: str, end: int, hi: int) -> bool:
    """Whether a date after a colon is all the item says: "…: Quý III/2024." then a line end."""
    rest = text[end : min(hi, end + 4)]
    return bool(re.match(r"[ \t*]*\.?[ \t*]*(?:\n|$)", rest))


def _is_time_label(text: str, clause: int, start: int, end: int) -> bool:
    """A date that opens a list item and ends in a colon ("Quý I/2024:", "Tháng 5/2024:")."""
    floor = max(0, start - 40)
    line_start = text.rfind("\n", floor, start) + 1
    if not line_start and floor:
        return False  # more than a list mark before the date on its line
    lead = _LINE_LEAD.sub("", text[line_start:start])
    return not lead.strip() and text[end : end + 2].lstrip(" *")[:1] == ":"


def _begun(match: DateMatch, dated: dt.date | None) -> bool:
    """Whether the half-year ending on ``match.date`` had begun by ``dated`` (unknown: yes)."""
    assert match.date is not None
    first = match.date.replace(month=match.date.month - 5, day=1)
    return dated is None or first <= dated


def _occasions(
    text: str,
    lo: int,
    hi: int,
    default_year: int | None,
    dated: dt.date | None,
    folded_region: str,
    report: bool = False,
) -> tuple[list[Deadline], list[tuple[int, int]]]:
    """Occasions with a date ("vào dịp 19/5") as deadlines, and the spans of their dates; in a
    report, an occasion dated before the report is the past ("Nhân dịp 19/5/2025, Đảng ủy
    biểu dương …" in a report of November), as an explicit date is."""
    found: list[Deadline] = []
    taken: list[tuple[int, int]] = []
    for count, marker in enumerate(_OCCASION.finditer(folded_region)):
        if count % EVERY == EVERY - 1:
            checkpoint()
        m_start, m_end = lo + marker.start(), lo + marker.end()
        stop = _OCCASION_STOP.search(folded_region, marker.end(), marker.end() + 120)
        w_end = min(hi, lo + stop.start() if stop else m_end + 120)
        window = text[m_end:w_end]
        dates = [d for d in find_dates(window, default_year) if d.kind == "day"]
        if not dates:
            continue
        first = dates[0]
        words = window[: first.start]
        if re.search(r"\d{1,2}\s*/\s*\d{1,2}", words) or len(words) > 100:
            continue
        chosen, end = first, m_end + first.end
        after = window[first.end :]
        if re.match(r"\s*[-–]\s*\d", after):  # "(19/5/1890 - 19/5/2020)"
            later = dates[1] if len(dates) > 1 else None
            if later is None or not _range_year_clear(words, first, later, dated, default_year):
                continue
            chosen, end = later, m_end + later.end
            if text[end : end + 1] == ")":
                end += 1
        due = chosen.date
        if due is None:
            continue
        if not chosen.year_written and dated is not None and due < dated:
            try:
                due = due.replace(year=due.year + 1)
            except ValueError:  # 29/2
                continue
        if report and dated is not None and due < dated:
            continue
        clause = _clause_start(text, lo, m_start)
        folded_clause = fold(text[clause:end])
        told_past = _PAST.search(text, clause, _sentence_bounds(text, lo, hi, m_start)[1])
        if _YEARLY_CLAUSE.search(folded_clause) or told_past:
            continue
        if _YEARLY_AFTER.match(text[end : end + 30]):
            continue
        exclusive = (marker["cue"] or "").lower() == "truoc"
        tentative = not exclusive or bool(re.search(r"du\s+kien", folded_clause, re.I))
        found.append(
            Deadline(
                text=clean_inline(text[m_start:end]),
                due=due.isoformat(),
                exclusive=exclusive,
                tentative=tentative,
                what=_sentence(text, lo, hi, m_start),
                who=_who(text, lo, m_start),
                span=(m_start, end),
            )
        )
        taken.append((m_end + first.start, end))
    return found, taken


def _range_year_clear(
    words: str, first: DateMatch, later: DateMatch, dated: dt.date | None, year: int | None
) -> bool:
    """Whether the later date of a range is the occasion's own day: "kỷ niệm 130 năm …
    (19/5/1890 - 19/5/2020)" (2020 − 1890 = 130), or its year is the document's."""
    if first.date is None or later.date is None or not later.year_written:
        return False
    own = dated.year if dated else year
    if own is not None and later.date.year == own:
        return True
    return any(int(n) == later.date.year - first.date.year for n in _YEARS_OLD.findall(words))


def _lead_stars(text: str, start: int, end: int) -> int:
    skip = 0
    while start + skip < end and text[start + skip] in "* ":
        skip += 1
    return skip


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a span of ``taken`` (sorted, not overlapping each
    other): its neighbours tell, found by bisect, not by a scan of all (issue 10 §4)."""
    i = bisect.bisect_left(taken, (start, end))
    return (i < len(taken) and taken[i][0] < end) or (i > 0 and taken[i - 1][1] > start)


def find_recurring(text: str, lo: int, hi: int) -> list[Recurring]:
    """Recurring or continuous times in ``text[lo:hi]``; spans are absolute."""
    found: list[Recurring] = []
    taken: list[tuple[int, int]] = []
    region = text[lo:hi]
    for pattern, frequency, needs_lead in _RECURRING:
        for match in pattern.finditer(region):
            start, end = lo + match.start(), lo + match.end()
            if _overlaps(taken, start, end):
                continue
            if needs_lead:
                clause = _clause_start(text, lo, start)
                # a lead is a list mark, a label ends in a few words: the clause's last
                # characters tell both (a constant per match, issue 10 §4)
                prefix = text[max(clause, start - 80) : start]
                lead = start - clause <= 80 and _CLAUSE_LEAD.match(prefix)
                if not (lead or _TIME_LABEL.search(prefix)):
                    continue
            freq = frequency or _FREQUENCY[match.group(1).lower()]
            bisect.insort(taken, (start, end))
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
