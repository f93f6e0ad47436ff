"""Tasks of a plan: who leads (chủ trì), who supports (phối hợp), by when.

One definition, shared with the corpus gold (``corpus/README.md`` §tasks):
a task is an assignment of work to a named body.

(a) Each item (numbered item, bullet or paragraph) of the "TỔ CHỨC THỰC
    HIỆN" / "PHÂN CÔNG …" / "TRÁCH NHIỆM …" section whose subject is a
    body: "1. Ban Tuyên giáo tham mưu …", "- Giao Văn phòng …", "Đề nghị Sở
    … đưa tin", "Căn cứ …, các đảng ủy … xây dựng kế hoạch". One task per
    item; bullets under an item that only names a body ("b. Các chi, đảng
    bộ trực thuộc Thị ủy") are that body's.
(b) A "Cơ quan thực hiện: A; B" line makes its numbered section a task led
    by A with B in support, due by the section's "Thời gian thực hiện".
(c) Anywhere else (not under "MỤC ĐÍCH, YÊU CẦU"), a paragraph whose first
    sentence has a body as subject and an explicit assignment marker:
    "Giao X …", "X chủ trì", "X (có|chịu) trách nhiệm …", "X tham mưu …".
    A body as subject alone is a description ("Các chi bộ tổ chức …"), a
    body as a label alone may be a nominee ("1. Chi bộ thôn X: hoàn thành
    xuất sắc …"), and "… thi hành Quyết định này" binds, it does not assign.

(d) Each numbered row of a table with a "Chủ trì" column ("TT | Nội dung | Chủ trì |
    Phối hợp | Thời gian") — or, without one, an "Đơn vị thực hiện" column — however it came: a .docx table, tab-separated cells, or columns
    laid out by position in a PDF's text layer (``layout.aligned_tables_as_cells``). A "-"
    cell names no one.

A person ("Giao đồng chí Phó Bí thư …") is not a body: no task.
``lead`` is the subject as written (several bodies when the sentence names
several: "A; B xây dựng …"); ``support`` holds what follows each "phối hợp
(với)"; ``due`` is the first deadline inside the task's words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .budget import EVERY, checkpoint
from .dates import fold
from .model import Deadline, Task
from .text import clean_inline, is_upper_line, trim_span


class _Either:
    """A pattern and its form without diacritics: text typed without them ("Giao Chi hoi Phu
    nu ap phoi hop voi …", old OCR output) is matched by the folded form (issue 10)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.marked = pattern
        self.plain = re.compile(fold(pattern.pattern), pattern.flags)

    def _for(self, value: str) -> re.Pattern[str]:
        return self.plain if value.isascii() else self.marked

    def match(self, value: str, pos: int = 0) -> re.Match[str] | None:
        return self._for(value).match(value, pos)

    def search(self, value: str, pos: int = 0) -> re.Match[str] | None:
        return self._for(value).search(value, pos)

    def finditer(self, value: str) -> Iterator[re.Match[str]]:
        return self._for(value).finditer(value)


_BODY_RE = re.compile(
    r"^(?:(?:Các|các|Mỗi|mỗi)\s+)?(?:Ban(?=\s+[A-ZĐÀ-Ỹ]|,|\s+công\s+tác\b)|Văn\s+phòng|[ỦU]y\s+ban|UBKT|UBND|[Cc]ấp\s+[ủu]y|"
    r"[Cc]hi\s+[ủu]y|[Cc]hi\s+bộ|[Cc]hi,|[Đđ]ảng\s+[ủu]y|[Đđ]ảng\s+bộ|Đoàn\b|[Đđ]oàn\s+thể|"
    r"Mặt\s+trận|[Cc]ơ\s+quan|Trung\s+tâm|Hội\s+đồng|Phòng\b|Sở\b|Công\s+đoàn|Thường\s+trực|"
    r"[Hh]uyện\s+[ủu]y|[Tt]hị\s+[ủu]y|[Tt]ỉnh\s+[ủu]y|[Tt]hành\s+[ủu]y|[Qq]uận\s+[ủu]y|"
    r"[Tt]ổ\s+chức\s+cơ\s+sở\s+đảng|[Tt]ổ\s+chức\s+đảng|[Đđ]ơn\s+vị|[Đđ]ịa\s+phương|"
    r"Hội(?=\s+[A-ZĐÀ-Ỹ])|Tổ(?=\s+[A-ZĐÀ-Ỹ])|[Tt]ổ\s+(?:chuyên\s+môn|công\s+đoàn|[Đđ]ảng|[Hh]ội|[Đđ]oàn)\b|"
    r"Báo(?=\s+[A-ZĐÀ-Ỹ])|Đài(?=\s+[A-ZĐÀ-Ỹ])|Bộ\s+phận|"
    # a commune's or district's own media, named in lower case ("Đài truyền thanh xã")
    r"Đài\s+(?:truyền\s+thanh|phát\s+thanh|truyền\s+hình)\b|"
    # offices named by their kind, in lower case after "các" ("Các phòng chuyên môn, các
    # trường trực thuộc báo cáo …", "các sở, ban, ngành")
    r"(?<=[Cc]ác\s)(?:phòng|sở|ban|trường(?!\s+hợp))\b|"
    # youth and mass-organisation cells, grassroots units of an organisation, and the
    # village-level units of a commune or ward ("Các tổ dân phố", "Các thôn")
    r"[Cc]hi\s+đoàn|[Cc]hi\s+hội|[Cc]ơ\s+sở\s+(?:[Đđ]oàn|[Hh]ội|đảng)|"
    r"(?<=[Cc]ác\s)(?:thôn|tổ\s+dân\s+phố|khu\s+phố|ấp|bản|khóm|xóm|khu\s+dân\s+cư)\b|"
    # the police of a commune or district ("Công an xã"), and the production teams of a farm
    # or a company ("Các đội sản xuất", not "các đội hình", "đội ngũ")
    r"Công\s+an\s+(?=[^\W\d_])|(?<=[Cc]ác\s)đội\b(?!\s+(?:hình|ngũ))|"
    r"(?<=[Cc]ác\s)(?:huyện|quận|thị|thành)(?:,\s*(?:huyện|quận|thị|thành|thị\s+xã))*"
    r"(?:,|\s+và)?\s*(?:thành\s+|thị\s+|huyện\s+)?(?:đoàn|ủy|hội)\b|"
    r"Ban\s+(?:điều\s+hành|chỉ\s+đạo|giám\s+hiệu|quản\s+lý|công\s+tác\s+mặt\s+trận|cán\s+sự)\b|"
    # the Party's caucuses in a State body or a mass organisation ("Ban cán sự đảng UBND
    # tỉnh", "Đảng đoàn Ủy ban MTTQ tỉnh")
    r"[Đđ]ảng\s+đoàn\b)"
)
_VERB_WORDS = (
    "xây dựng|tham mưu|chủ trì|phối hợp|chủ động|căn cứ|tiến hành|theo dõi|hướng dẫn|ban hành|"
    "thực hiện|triển khai|lãnh đạo|chỉ đạo|gửi|báo cáo|đưa|tăng cường|là|rà soát|tổng hợp|"
    "định hướng|chuẩn bị|tiếp tục|nêu cao|quan tâm|đánh giá|lựa chọn|giới thiệu|xét|tiếp thu|"
    "viết|đề xuất|đề nghị|kiểm tra|giám sát|có trách nhiệm|cần|phải|nghiên cứu|thường xuyên|"
    "khẩn trương|tập trung|phát huy|đẩy mạnh|nắm|bám sát|sơ kết|tổng kết|cung cấp|phân công|"
    "đôn đốc|trình|duy trì|quán triệt|tuyên truyền|bố trí|cử|bổ sung|để|theo|trong|vào|"
    "hoàn thành|gợi ý|đăng ký|biểu dương|khen thưởng|xác định|giải quyết|xử lý|củng cố|"
    "nâng cao|đổi mới|chịu trách nhiệm|phát động|làm|tổng hợp|phổ biến|lồng ghép|kết hợp|ra|bảo đảm|đảm bảo|do|thẩm định|hoàn chỉnh|hoàn thiện|biên soạn|soạn thảo|mở|giúp|"
    "niêm yết|treo|trang trí|vận động|bình chọn|thông báo|phát hành|tiếp nhận|hỗ trợ|tham gia|"
    "cập nhật|mời|vận hành|sắp xếp|phân bổ|cụ thể h(?:óa|oá)"
)
#: Where a body's name ends: an action word ("tổ chức" only as a verb), a colon or a bracket.
_BODY_END_RE = re.compile(
    rf"(?<!\bđược)(?<!\bbị)\s(?!(?<=Đoàn\s)(?:kiểm\s+tra|giám\s+sát))"
    rf"(?!(?<=đoàn\s)(?:kiểm\s+tra|giám\s+sát))(?:{_VERB_WORDS})\b|(?<!các\s)(?<!những\s)\stổ\s+chức\b(?!\s+(?:chính|cơ|đảng|đoàn|công))"
    r"|,\s*(?:nhất\s+là|trước\s+hết|đặc\s+biệt)\b|[:(;]|\.(?:\s|$)"
)
_GIVE_RE = re.compile(r"^Giao\s+(?:cho\s+)?", re.IGNORECASE)
#: In the implementation section a request is an assignment too ("3. Đề nghị Sở … đưa tin").
_ASK_RE = re.compile(r"^Đề\s+nghị\s+", re.IGNORECASE)
#: Explicit assignment words outside the implementation section (§(c) above).
_ASSIGNS_RE = re.compile(r"\b(?:chủ\s+trì|tham\s+mưu|(?:có|chịu)\s+trách\s+nhiệm)\b", re.IGNORECASE)
#: The closing formula of a decision names who is bound by it, not a piece of work.
_BINDS_RE = re.compile(r"\bthi\s+hành\s+(?:Quyết\s+định|Nghị\s+quyết)\s+này\b", re.IGNORECASE)
#: Headings that open the implementation section: "III- TỔ CHỨC THỰC HIỆN", "4. Phân công …".
_ACT_HEADING_RE = re.compile(
    r"^(?:Tổ\s+chức\s+thực\s+hiện|Phân\s+công(?:\s+[^\W\d_]+){0,4}|"
    r"Trách\s+nhiệm(?:\s+thực\s+hiện|\s+của\s+các\s+(?:cơ\s+quan|đơn\s+vị|cấp)(?:\s+[^\W\d_]+){0,3})?)"
    r"\s*:?$",
    re.IGNORECASE,
)
_OPENER_RE = re.compile(
    r"^(?:Căn\s+cứ|Tùy\s+theo|Tuỳ\s+theo|Sau|Trên\s+cơ\s+sở|Hằng\s+năm|Hàng\s+năm|Định\s+kỳ|Để|"
    r"Từ|Trong|Đến|Qua|Thông\s+qua|Nhằm)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^(?P<label>[^:]{1,90}?)\s*:\s*(?P<rest>.*)$", re.DOTALL)
_AGENTS_RE = re.compile(
    r"^(?:Cơ\s+quan|Đơn\s+vị)\s+(?:thực\s+hiện|chủ\s+trì)\s*:\s*(?P<who>.+)$", re.I
)
_WHEN_RE = re.compile(r"^Thời\s+(?:gian|hạn)(?:\s+[^\W\d_]+){0,3}\s*:", re.IGNORECASE)
_SUPPORT_RE = re.compile(r"\bphối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?\s+", re.IGNORECASE)
_MARK = re.compile(
    r"^[\s*]*(?:(?P<roman>[IVX]+)\s*[-.)/]|(?P<num>\d{1,2}(?:\.\d{1,2})*)\s*[-.)]"
    r"|(?P<letter>[a-zđ])\s*[.)\-]|(?P<bullet>[-–+•])"
    # an article of a decision or regulation: "Điều 2. Văn phòng Đảng ủy có trách nhiệm …"
    r"|(?P<article>Điều\s+\d{1,3})\s*[.:])[\s*]*",
)
_SENTENCE_END = re.compile(r"\.(?=\s+[*\"“(]*[A-ZĐÀ-Ỹ])|\.$")

_BODY = _Either(_BODY_RE)
_BODY_END = _Either(_BODY_END_RE)
_GIVE = _Either(_GIVE_RE)
_ASK = _Either(_ASK_RE)
_ASSIGNS = _Either(_ASSIGNS_RE)
_BINDS = _Either(_BINDS_RE)
_ACT_HEADING = _Either(_ACT_HEADING_RE)
_OPENER = _Either(_OPENER_RE)
_AGENTS = _Either(_AGENTS_RE)
_WHEN = _Either(_WHEN_RE)
_SUPPORT = _Either(_SUPPORT_RE)


_MARGIN = 75  # characters of a line that reached the right margin of a PDF page


@dataclass
class _Paragraph:
    start: int  # after the numbering or bullet
    end: int
    kind: str  # "roman" | "num" | "letter" | "bullet" | "plain"
    depth: int  # 1 for "2.", 2 for "2.3." …

    def words(self, text: str) -> str:
        return clean_inline(text[self.start : self.end])


def _paragraphs(text: str, lo: int, hi: int) -> list[_Paragraph]:
    """Body paragraphs; a line opening in lower case continues the one before (page breaks)."""
    found: list[_Paragraph] = []
    pos = lo
    previous = ""
    for raw in text[lo:hi].split("\n"):
        line_start, pos = pos, pos + len(raw) + 1
        content = clean_inline(raw[:400])  # its start tells what the line is
        if not content:
            previous = ""  # a blank line ends a paragraph whatever came before
            continue
        mark = _MARK.match(raw)
        # a PDF wraps a line at the margin, before a capitalised name too ("… phối hợp với
        # Ban Tổ chức" / "Quận ủy hướng dẫn, …"): a long line with no end mark runs on
        wrapped = content[:1].islower() or (
            len(previous) >= _MARGIN and not is_upper_line(previous)
        )
        if found and wrapped and not mark and text[found[-1].end - 1] not in ".:;":
            found[-1].end = trim_span(raw, line_start)[1]
            previous = content
            continue
        previous = content
        kind, depth, skip = "plain", 0, 0
        if mark:
            kind = next(k for k in ("roman", "num", "letter", "bullet", "article") if mark[k])
            depth = mark["num"].count(".") + 1 if mark["num"] else 0
            if kind == "article":
                kind, depth = "num", 1
            skip = mark.end()
        start, end = trim_span(raw[skip:], line_start + skip)
        if start < end:
            found.append(_Paragraph(start, end, kind, depth))
    return found


def _body_name(value: str) -> str | None:
    """The body at the start of ``value`` up to its action word, or None."""
    if not _BODY.match(value):
        return None
    pos = 0
    while True:
        cut = _BODY_END.search(value, pos)
        if cut is None:
            return None
        after = value[cut.end() :].lstrip()
        if cut.group() == "(" and _BODY.match(after) and ")" in after:
            # "Sở Nội vụ (Ban Thi đua - Khen thưởng) chủ trì …": the office in brackets
            # names the part of the body that does the work, and belongs to the lead
            close = after.index(")")
            if not _BODY_END.search(after[:close] + " "):
                pos = len(value) - len(after) + close + 1
                continue
        if cut.group() != ";" or not _BODY.match(after):
            break
        pos = len(value) - len(after)  # "A; B verb …": both bodies lead
    name = value[: cut.start()].strip(" ,;*")
    if name.lower() in _GENERIC_BODIES:
        return None  # a table's column heading ("Cơ quan chủ trì", "Đơn vị phối hợp")
    return name if 2 < len(name) <= 150 else None


#: Words that name no body on their own.
_GENERIC_BODIES = frozenset({"cơ quan", "đơn vị", "bộ phận", "cơ quan, đơn vị", "đơn vị, cơ quan"})


def _only_body(value: str) -> str | None:
    """``value`` when it is nothing but a body's name ("Các chi, đảng bộ trực thuộc Thị ủy")."""
    value = value.strip(" :.*")
    if not _BODY.match(value) or len(value) > 120 or _BODY_END.search(value + " "):
        return None
    return value


def _first_sentence(value: str) -> str:
    end = _SENTENCE_END.search(value)
    return value[: end.start()] if end else value


def lead_of(clause: str, *, ask: bool = False) -> str | None:
    """The body a clause assigns work to, or None ("Giao X …", "X chủ trì …", "A: X tham mưu …").

    With ``ask`` (inside the implementation section) "Đề nghị X …" names X too.
    """
    value = clean_inline(clause)
    give = _GIVE.match(value) or (_ASK.match(value) if ask else None)
    if give:
        return _body_name(value[give.end() :]) or _only_body(value[give.end() :])
    label = _LABEL.match(value)
    if label and len(label["label"].split()) <= 12:
        named = _only_body(label["label"])
        if named:
            return named
        if not _BODY.match(label["label"]):
            value = label["rest"]
    if _OPENER.match(value):
        sentence = _first_sentence(value)
        for sep in re.finditer(r"[,;]\s+", sentence):
            name = _body_name(sentence[sep.end() :])
            if name:
                return name
        return None
    name = _body_name(value)
    asked = re.match(r"\s*(?:kính\s+)?đề\s+nghị\s+", value[len(name) :]) if name else None
    if name and asked:
        # "Đảng ủy phường đề nghị Ủy ban Mặt trận … chủ trì, phối hợp …": the body asked to
        # lead is the lead; a body that only asks leads nothing
        rest = value[len(name) + asked.end() :]
        other = _body_name(rest)
        return other if other and assigns(rest) else None
    return name


def supports_of(clause: str) -> list[str]:
    """What follows each "phối hợp (với)" in ``clause``: the supporting bodies."""
    value = clean_inline(clause)
    found: list[str] = []
    for match in _SUPPORT.finditer(value):
        rest = value[match.end() :]
        if not (_BODY.match(rest) or re.match(r"(?:các|những)\s", rest)):
            continue
        cut = _BODY_END.search(rest)
        name = (rest[: cut.start()] if cut else rest).strip(" ,;.")
        if 2 < len(name) <= 150 and name not in found:
            found.append(name)
    return found


def assigns(sentence: str) -> bool:
    """Whether ``sentence`` assigns work explicitly ("Giao …", "chủ trì", "tham mưu", "chịu trách nhiệm")."""
    value = clean_inline(sentence)
    label = _LABEL.match(value)
    rest = label["rest"] if label and len(label["label"].split()) <= 12 else value
    if _BINDS.search(value):
        return False
    return bool(_GIVE.match(value) or _GIVE.match(rest) or _ASSIGNS.search(value))


def _opens_act(para: _Paragraph, words: str) -> bool | None:
    """True/False when ``para`` is a section heading that opens/closes the implementation part."""
    if para.kind == "roman" and is_upper_line(words):
        upper = fold(words.upper())
        return any(w in upper for w in ("TO CHUC THUC HIEN", "PHAN CONG", "TRACH NHIEM"))
    if para.kind == "num" and para.depth == 1:
        return bool(_ACT_HEADING.match(words.strip(" .*")))
    return None


def _due(deadlines: list[Deadline], start: int, end: int) -> str | None:
    for deadline in deadlines:
        if start <= deadline.span[0] and deadline.span[1] <= end:
            return deadline.due
    return None


def _task(text: str, para: _Paragraph, lead: str | None, deadlines: list[Deadline]) -> Task:
    words = para.words(text)
    return Task(
        text=words,
        lead=lead,
        support=tuple(supports_of(words)),
        due=_due(deadlines, para.start, para.end),
        span=(para.start, para.end),
    )


def _sentences(value: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(value):
        parts.append(value[start : match.end()])
        start = match.end()
    parts.append(value[start:])
    return [p.strip() for p in parts if p.strip()]


def _agents_task(
    text: str,
    heading: _Paragraph | None,
    who: str,
    section: list[_Paragraph],
    deadlines: list[Deadline],
) -> Task | None:
    if heading is None:
        return None
    bodies = [b.strip(" .,") for b in re.split(r";\s*", who) if b.strip(" .,")]
    if not bodies:
        return None
    due = None
    for para in section:
        if _WHEN.match(para.words(text)):
            due = _due(deadlines, para.start, para.end)
            break
    return Task(
        text=heading.words(text).rstrip(". "),
        lead=bodies[0],
        support=tuple(bodies[1:]),
        due=due,
        span=(heading.start, heading.end),
    )


#: Header cells of a table of tasks (folded, lower case): the number, the lead, the support.
_NUMBER_CELLS = ("stt", "tt", "so tt")
_LEAD_CELL = re.compile(r"^(?:(?:don vi|co quan|bo phan|ban)\s+)?chu tri(?:\s+thuc hien)?$")
#: Without a "Chủ trì" column, the column naming who does the row: "Đơn vị thực hiện".
_DOER_CELL = re.compile(r"^(?:(?:don vi|co quan|bo phan)\s+)?(?:thuc hien|phu trach)$")
#: The words a table of tasks names its lead column with (folded), to tell one cheaply.
_LEAD_WORDS = re.compile(r"chu tri|(?:don vi|co quan|bo phan)\s+(?:thuc hien|phu trach)")
_SUPPORT_CELL = re.compile(r"^(?:(?:don vi|co quan)\s+)?phoi hop(?:\s+thuc hien)?$")
_WORK_CELL = re.compile(r"^(?:noi dung|nhiem vu|cong viec)")


#: What an empty cell of a table of tasks is written as ("-", "x", "—").
_NO_ONE = frozenset({"", "-", "–", "—", "x", "X", "/"})


def _cells(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of the lines of ``text[lo:hi]`` that stand alone between blank lines, as the cells
    of a .docx table are read (and a tab-separated table is written: ``layout.py``)."""
    spans: list[tuple[int, int]] = []
    pos = lo
    for raw in text[lo:hi].split("\n"):
        start, pos = pos, pos + len(raw) + 1
        if raw.strip():
            spans.append(trim_span(raw, start))
    return spans


def _table_tasks(text: str, lo: int, hi: int, deadlines: list[Deadline]) -> list[Task]:
    """Tasks from a table with a "Chủ trì" column: one per numbered row, its lead the
    "Chủ trì" cell, its support the "Phối hợp" cell, due by the deadline in the row
    ("STT | Nội dung | Chủ trì | Phối hợp | Thời gian", a programme's or plan's table)."""
    if "\n\n" not in text[lo:hi] or not _LEAD_WORDS.search(fold(text[lo:hi]).lower()):
        return []
    cells = _cells(text, lo, hi)
    names = [fold(clean_inline(text[s:e])).lower().rstrip(" .:") for s, e in cells]
    tasks: list[Task] = []
    k = 0
    while k < len(cells):
        if names[k] not in _NUMBER_CELLS:
            k += 1
            continue
        head = k
        k += 1
        while k < len(cells) and k - head < 8 and names[k] != "1":
            k += 1
        columns = names[head:k]
        lead_col = next((i for i, n in enumerate(columns) if _LEAD_CELL.match(n)), None)
        if lead_col is None:
            lead_col = next((i for i, n in enumerate(columns) if _DOER_CELL.match(n)), None)
        if lead_col is None or k >= len(cells):
            continue
        support_col = next((i for i, n in enumerate(columns) if _SUPPORT_CELL.match(n)), None)
        work_col = next((i for i, n in enumerate(columns) if _WORK_CELL.match(n)), 1)
        width, row = len(columns), 1
        while k + width <= len(cells) and names[k] == str(row):
            spans = cells[k : k + width]
            start, end = spans[0][0], spans[-1][1]
            lead = clean_inline(text[slice(*spans[lead_col])])
            support = clean_inline(text[slice(*spans[support_col])]) if support_col else ""
            support = "" if support in _NO_ONE else support
            if lead in _NO_ONE:  # an empty "Chủ trì" cell: no body to hold to the row
                k += width
                row += 1
                continue
            tasks.append(
                Task(
                    text=clean_inline(text[slice(*spans[work_col])]),
                    lead=lead,
                    support=(support,) if support else (),
                    due=_due(deadlines, start, end),
                    span=(start, end),
                )
            )
            k += width
            row += 1
    return tasks


def find_tasks(text: str, lo: int, hi: int, deadlines: list[Deadline]) -> list[Task]:
    """Tasks in ``text[lo:hi]`` (the body), in text order; spans are absolute.

    ``deadlines`` are those already read from the body; a task is due by
    the first one inside its words.
    """
    tasks = _table_tasks(text, lo, hi, deadlines)
    starts = [t.span[0] for t in tasks]  # in text order: a bisect per paragraph, not a scan

    def in_table(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < tasks[i].span[1]

    paragraphs = [p for p in _paragraphs(text, lo, hi) if not in_table(p.start)]
    section = "other"  # "act" (implementation) | "purpose" | "other"
    heading: _Paragraph | None = None  # the current "2." item
    in_heading: list[_Paragraph] = []
    pending: list[tuple[_Paragraph | None, str, list[_Paragraph]]] = []
    context: str | None = None  # the body an item of the implementation part only names
    act_by_number = False  # the part opened with "2. Phân công …", not a Roman heading
    for count, para in enumerate(paragraphs):
        if count % EVERY == EVERY - 1:
            checkpoint()
        # what an item is told by is at its start: a paragraph of megabytes (a text on one
        # line) is not cleaned whole for it (issue 10 §4)
        words = clean_inline(text[para.start : min(para.end, para.start + 4000)])
        opens = _opens_act(para, words)
        if para.kind == "roman" and opens is not None:
            upper = words.upper()
            section = "act" if opens else "purpose" if "MUC DICH" in fold(upper) else "other"
            act_by_number = False
            heading, in_heading, context = None, [], None
            continue
        if para.kind == "num" and para.depth == 1:
            heading, in_heading = para, []
            if opens:
                section, context, act_by_number = "act", None, True
                continue
            if section == "act" and act_by_number:  # "3." after "2. Phân công …"
                section, act_by_number = "other", False
        in_heading.append(para)
        if para.kind in ("num", "letter", "roman"):
            context = None
        agents = _AGENTS.match(words)
        if agents:
            pending.append((heading, agents["who"], in_heading))
            continue
        if section == "purpose":
            continue
        first = _first_sentence(words)
        if section == "act":
            lead = lead_of(first, ask=True)
            if lead is None and para.kind != "bullet":
                context = _only_body(words)  # "b. Các chi, đảng bộ trực thuộc Thị ủy"
                if context:
                    continue
            if lead is None and para.kind == "bullet":
                lead = context
            if lead is not None and not _BINDS.search(first):
                tasks.append(_task(text, para, lead, deadlines))
            continue
        if not assigns(first):  # the cheaper test first: most paragraphs assign nothing
            continue
        lead = lead_of(first)
        if lead is not None:
            tasks.append(_task(text, para, lead, deadlines))
    for head, who, section_paras in pending:
        task = _agents_task(text, head, who, section_paras, deadlines)
        if task is not None:
            tasks.append(task)
    tasks.sort(key=lambda t: t.span[0])
    return tasks
