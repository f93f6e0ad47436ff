"""Tasks of a plan: who leads (chủ trì), who supports (phối hợp), by when.

Read from the plan genre (party-document-format.md §9):
- every numbered item or bullet of the "TỔ CHỨC THỰC HIỆN" section;
- elsewhere (not under "MỤC ĐÍCH, YÊU CẦU"), a paragraph whose first
  sentence is an assignment: "Giao Ban Tuyên giáo …", "Ban Tuyên giáo Đảng
  ủy Khối chủ trì, phối hợp …", "X tham mưu …", "X chủ động …", a body as
  the subject ("Các đảng ủy, chi bộ trực thuộc Thị ủy tiến hành …"), after
  a label ("Đối với cơ sở: cấp ủy cơ sở …") or an opening phrase ("Căn cứ
  …, cấp ủy cơ sở …"); bullets under a line that only names a body
  ("b. Các chi, đảng bộ trực thuộc Thị ủy") are that body's;
- a "Cơ quan thực hiện: A; B" line makes its numbered section a task led by
  A with B in support, due by the section's "Thời gian thực hiện" if that
  is a date.

``lead`` is the body as written; ``support`` holds what follows each
"phối hợp (với)"; ``due`` is the first deadline inside the task's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Deadline, Task
from .text import clean_inline, is_upper_line, trim_span

_BODY = re.compile(
    r"^(?:(?:Các|các|Mỗi|mỗi)\s+)?(?:Ban(?=\s+[A-ZĐÀ-Ỹ]|,)|Văn\s+phòng|[ỦU]y\s+ban|UBKT|UBND|[Cc]ấp\s+[ủu]y|"
    r"[Cc]hi\s+[ủu]y|[Cc]hi\s+bộ|[Cc]hi,|[Đđ]ảng\s+[ủu]y|[Đđ]ảng\s+bộ|Đoàn\b|[Đđ]oàn\s+thể|"
    r"Mặt\s+trận|[Cc]ơ\s+quan|Trung\s+tâm|Hội\s+đồng|Phòng\b|Sở\b|Công\s+đoàn|Thường\s+trực|"
    r"[Hh]uyện\s+[ủu]y|[Tt]hị\s+[ủu]y|[Tt]ỉnh\s+[ủu]y|[Tt]hành\s+[ủu]y|[Qq]uận\s+[ủu]y|"
    r"[Tt]ổ\s+chức\s+cơ\s+sở\s+đảng|[Tt]ổ\s+chức\s+đảng|[Đđ]ơn\s+vị|[Đđ]ịa\s+phương|"
    r"Hội(?=\s+[A-ZĐÀ-Ỹ])|Bộ\s+phận)"
)
_VERB_WORDS = (
    "xây dựng|tham mưu|chủ trì|phối hợp|chủ động|căn cứ|tiến hành|theo dõi|hướng dẫn|ban hành|"
    "thực hiện|triển khai|lãnh đạo|chỉ đạo|gửi|báo cáo|đưa|tăng cường|là|rà soát|tổng hợp|"
    "định hướng|chuẩn bị|tiếp tục|nêu cao|quan tâm|đánh giá|lựa chọn|giới thiệu|xét|tiếp thu|"
    "viết|đề xuất|đề nghị|kiểm tra|giám sát|có trách nhiệm|cần|phải|nghiên cứu|thường xuyên|"
    "khẩn trương|tập trung|phát huy|đẩy mạnh|nắm|bám sát|sơ kết|tổng kết|cung cấp|phân công|"
    "đôn đốc|trình|duy trì|quán triệt|tuyên truyền|bố trí|cử|bổ sung|để|theo|trong|vào|"
    "hoàn thành|gợi ý|đăng ký|biểu dương|khen thưởng|xác định|giải quyết|xử lý|củng cố|"
    "nâng cao|đổi mới|chịu trách nhiệm|làm|tổng hợp|phổ biến|lồng ghép|kết hợp|ra"
)
#: Where a body's name ends: an action word ("tổ chức" only as a verb), a colon or a bracket.
_BODY_END = re.compile(
    rf"\s(?:{_VERB_WORDS})\b|(?<!các\s)(?<!những\s)\stổ\s+chức\b(?!\s+(?:chính|cơ|đảng|đoàn|công))"
    r"|,\s*(?:nhất\s+là|trước\s+hết|đặc\s+biệt)\b|[:(;]|\.(?:\s|$)"
)
_GIVE = re.compile(r"^Giao\s+(?:cho\s+)?", re.IGNORECASE)
_OPENER = re.compile(
    r"^(?:Căn\s+cứ|Tùy\s+theo|Tuỳ\s+theo|Sau|Trên\s+cơ\s+sở|Hằng\s+năm|Hàng\s+năm|Định\s+kỳ|Để|"
    r"Từ|Trong|Đến|Qua|Thông\s+qua|Nhằm)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^(?P<label>[^:]{1,90}?)\s*:\s*(?P<rest>.*)$", re.DOTALL)
_AGENTS = re.compile(
    r"^(?:Cơ\s+quan|Đơn\s+vị)\s+(?:thực\s+hiện|chủ\s+trì)\s*:\s*(?P<who>.+)$", re.I
)
_WHEN = re.compile(r"^Thời\s+(?:gian|hạn)(?:\s+[^\W\d_]+){0,3}\s*:", re.IGNORECASE)
_SUPPORT = re.compile(r"\bphối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?\s+", re.IGNORECASE)
_MARK = re.compile(
    r"^[\s*]*(?:(?P<roman>[IVX]+)\s*[-.)/]|(?P<num>\d{1,2}(?:\.\d{1,2})*)\s*[-.)]"
    r"|(?P<letter>[a-zđ])\s*[.)\-]|(?P<bullet>[-–+•]))[\s*]*",
)
_SENTENCE_END = re.compile(r"\.(?=\s+[*\"“(]*[A-ZĐÀ-Ỹ])|\.$")


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
    for raw in text[lo:hi].split("\n"):
        line_start, pos = pos, pos + len(raw) + 1
        content = clean_inline(raw)
        if not content:
            continue
        mark = _MARK.match(raw)
        if found and content[:1].islower() and not mark and text[found[-1].end - 1] not in ".:;":
            found[-1].end = trim_span(raw, line_start)[1]
            continue
        kind, depth, skip = "plain", 0, 0
        if mark:
            kind = next(k for k in ("roman", "num", "letter", "bullet") if mark[k])
            depth = mark["num"].count(".") + 1 if mark["num"] else 0
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
        if cut.group() != ";" or not _BODY.match(after):
            break
        pos = len(value) - len(after)  # "A; B verb …": both bodies lead
    name = value[: cut.start()].strip(" ,;*")
    return name if 2 < len(name) <= 150 else None


def _only_body(value: str) -> str | None:
    """``value`` when it is nothing but a body's name ("Các chi, đảng bộ trực thuộc Thị ủy")."""
    value = value.strip(" :.*")
    if not _BODY.match(value) or len(value) > 120 or _BODY_END.search(value + " "):
        return None
    return value


def _first_sentence(value: str) -> str:
    end = _SENTENCE_END.search(value)
    return value[: end.start()] if end else value


def lead_of(clause: str) -> str | None:
    """The body a clause assigns work to, or None ("Giao X …", "X chủ trì …", "A: X tham mưu …")."""
    value = clean_inline(clause)
    give = _GIVE.match(value)
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
    if name and re.match(r"\s*đề\s+nghị\b", value[len(name) :]):
        return None
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


def find_tasks(text: str, lo: int, hi: int, deadlines: list[Deadline]) -> list[Task]:
    """Tasks in ``text[lo:hi]`` (the body), in text order; spans are absolute.

    ``deadlines`` are those already read from the body; a task is due by
    the first one inside its words.
    """
    paragraphs = _paragraphs(text, lo, hi)
    tasks: list[Task] = []
    section = "other"
    heading: _Paragraph | None = None  # the current "2." item
    in_heading: list[_Paragraph] = []
    pending: list[tuple[_Paragraph | None, str, list[_Paragraph]]] = []
    context: str | None = None
    for para in paragraphs:
        words = para.words(text)
        if para.kind == "roman" and is_upper_line(words):
            section = (
                "act"
                if "TỔ CHỨC THỰC HIỆN" in words.upper()
                else "purpose"
                if "MỤC ĐÍCH" in words.upper()
                else "other"
            )
            heading, in_heading, context = None, [], None
            continue
        if para.kind == "num" and para.depth == 1:
            heading, in_heading = para, []
        in_heading.append(para)
        if para.kind in ("num", "letter", "roman"):
            context = None
        agents = _AGENTS.match(words)
        if agents:
            pending.append((heading, agents["who"], in_heading))
            continue
        if section == "purpose":
            continue
        if section == "act":
            if para.kind == "plain":
                section = "other"
                continue
            lead = next((w for w in map(lead_of, _sentences(words)) if w), None)
            tasks.append(_task(text, para, lead, deadlines))
            continue
        lead = lead_of(_first_sentence(words))
        if lead is None and para.kind in ("letter", "num"):
            only = _only_body(words)  # "b. Các chi, đảng bộ trực thuộc Thị ủy"
            if only:
                context = only
                continue
        if lead is None and para.kind == "bullet" and context:
            lead = context
        if lead is not None:
            tasks.append(_task(text, para, lead, deadlines))
    for head, who, section_paras in pending:
        task = _agents_task(text, head, who, section_paras, deadlines)
        if task is not None:
            tasks.append(task)
    tasks.sort(key=lambda t: t.span[0])
    return tasks
