"""Closing block: signer (format §10), "Nơi nhận" recipients (§11), attachments (§15)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .header import recipient_item
from .model import Located, Signer
from .text import Line, clean_inline, is_upper_line

_AUTHORITY = re.compile(r"^(?:T/M|K/T|T/L|T/UQ|TM\.|KT\.|TL\.|TUQ\.)\s*\S")
_AUTHORITY_ANYWHERE = re.compile(r"T/M|K/T|T/L|T/UQ|TM\.|KT\.|TL\.|TUQ\.")
_TITLES = re.compile(
    r"^(?:Q\.\s*)?(?:PHÓ\s+)?(?:BÍ THƯ|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|CHỦ NHIỆM|CHỦ TỊCH|"
    r"GIÁM ĐỐC|THỦ TRƯỞNG|TRƯỞNG PHÒNG|CHỦ TRÌ HỘI NGHỊ|THƯ KÝ|BÍ THƯ CHI BỘ|HIỆU TRƯỞNG|"
    r"TRƯỞNG KHOA|TỔNG BIÊN TẬP|VIỆN TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|TRƯỞNG ĐOÀN|TRƯỞNG TIỂU BAN)\b"
)
#: A word every title in ``_TITLES`` holds: lines without one are not cleaned to be tried.
_TITLE_WORD = re.compile(r"BÍ|TRƯỞNG|CHÁNH|CHỦ|GIÁM|THỦ|THƯ|HIỆU|TỔNG|VIỆN|CỤC|VỤ")
_ATTACHMENT = re.compile(r"^(?:PHỤ LỤC|Phụ lục|ĐỀ CƯƠNG|PHU LUC|DE CUONG)\b")
_RECIPIENTS = re.compile(r"^N[ơo]i nh[ậa]n\s*:?", re.I)
#: The same words anywhere on the raw line: most lines are told apart without cleaning them.
_RECIPIENTS_ANYWHERE = re.compile(r"N[ơo]i nh[ậa]n", re.I)
_ATTACHMENT_ANYWHERE = re.compile(r"PHỤ LỤC|Phụ lục|ĐỀ CƯƠNG|PHU LUC|DE CUONG")


@dataclass
class Closing:
    """Where the closing parts are, by line index, and what they say."""

    signer: Signer = field(default_factory=Signer)
    signer_line: int | None = None
    recipients: list[Located] = field(default_factory=list)
    recipients_line: int | None = None
    attachment_line: int | None = None

    @property
    def body_end(self) -> int | None:
        """First line index that no longer belongs to the body, if known."""
        marks = [
            i
            for i in (self.signer_line, self.recipients_line, self.attachment_line)
            if i is not None
        ]
        return min(marks) if marks else None


def _head(line: Line) -> str:
    """The start of a line, cleaned: what a line-opening pattern needs, without cleaning a
    line of megabytes whole (a text on one line; issue 10 §4)."""
    return line.text if len(line.raw) <= 400 else clean_inline(line.raw[:400])


#: The apostrophe of names of the Central Highlands' peoples ("H' Nhung", "H'Yim", "K’Ly").
_APOSTROPHE = re.compile("['\u2019\u02bc]")


def _name_word(word: str) -> bool:
    """A capitalised word of a name; an apostrophe may join (or end) capitalised pieces."""
    pieces = _APOSTROPHE.split(word)
    if len(pieces) > 3 or not pieces[0]:
        return False
    for k, piece in enumerate(pieces):
        if not piece:
            if k != len(pieces) - 1 or len(pieces[0]) != 1:
                return False  # only a one-letter piece stands alone before it ("H' Nhung")
            continue
        rest = piece[1:].rstrip(".")
        if not piece[0].isupper() or (rest and not (rest.isalpha() and rest.islower())):
            return False
    return True


def looks_like_name(text: str) -> bool:
    """A personal name: 2–6 capitalised words, not all capitals, no digits."""
    words = text.split()
    if not 2 <= len(words) <= 6 or is_upper_line(text):
        return False
    return all(_name_word(word) for word in words)


def _name_part(text: str) -> bool:
    """One to three capitalised words, not all capitals: a piece of a wrapped name."""
    words = text.split()
    return 1 <= len(words) <= 3 and not is_upper_line(text) and looks_like_name(f"{text} X")


def _whole_name(line: Line, before: Line | None, after: list[Line]) -> Located:
    """The name on ``line``, with a piece wrapped onto the next line ("Nguyễn Thị" /
    "Phương Thảo") when the two make a name of at most five words."""
    nxt = after[0] if after else None
    if nxt is not None and nxt.text and _name_part(nxt.text):
        joined = f"{line.text} {nxt.text}"
        if len(joined.split()) <= 5 and looks_like_name(joined):
            return Located(joined, (line.content_span()[0], nxt.content_span()[1]))
    return Located(line.text, line.content_span())


#: An academic degree or title, or a rank, written before a signer's name ("PGS.TS. Đoàn
#: Minh Trí", "ThS. Lê Hoa", "Đại tá Phạm Văn Cường"): not part of the name.
_BEFORE_NAME = re.compile(
    r"^[ \t*]*(?:(?:(?:GS|PGS|TSKH|TS|ThS|Ths|BSCKII|BSCKI|BS|DS|KS|NGND|NGƯT|NSND|NSƯT)"
    r"\.[ \t]*)+|(?:Thiếu|Trung|Thượng|Đại)[ \t]+(?:tướng|tá|úy)[ \t]+)(?=\S)"
)


def _without_degree(line: Line) -> Line:
    """``line`` without a degree, title or rank before a name (``_BEFORE_NAME``)."""
    match = _BEFORE_NAME.match(line.raw)
    if match is None:
        return line
    return Line(line.index, line.start + match.end(), line.end, line.raw[match.end() :])


def _is_title_alone(text: str) -> bool:
    """A signer's title line: the title and at most two more words (§10: no body name).

    "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …" opening a State decision is the enacting
    authority, not the signature; "PHÓ BÍ THƯ THƯỜNG TRỰC" is a title.
    """
    match = _TITLES.match(text)
    if match is None or not is_upper_line(text):
        return False
    return len(text[match.end() :].split()) <= 2


def _next_filled(lines: list[Line], index: int, limit: int = 8) -> Line | None:
    for line in lines[index + 1 : index + 1 + limit]:
        if line.text and not (line.text.startswith("(") and line.text.endswith(")")):
            return line
    return None


def _read_signer(lines: list[Line], start: int) -> tuple[Signer, int | None]:
    capacity_line = next(
        (
            ln
            for ln in lines[start:]
            if _AUTHORITY_ANYWHERE.search(ln.raw) and _AUTHORITY.match(_head(ln))
        ),
        None,
    )
    title_line: Line | None = None
    if capacity_line is not None:
        candidate = _next_filled(lines, capacity_line.index, 4)
        if candidate is not None and is_upper_line(candidate.text):
            title_line = candidate
    else:
        title_line = next(
            (
                ln
                for ln in lines[start:]
                if _TITLE_WORD.search(ln.raw, 0, 400) and _is_title_alone(ln.text)
            ),
            None,
        )
    anchor = title_line or capacity_line
    if anchor is None:
        return Signer(), None
    name: Located | None = None
    window = [_without_degree(ln) for ln in lines[anchor.index + 1 : anchor.index + 10]]
    for k, line in enumerate(window):
        if looks_like_name(line.text):
            name = _whole_name(line, window[k - 1] if k else None, window[k + 1 : k + 2])
            break
        nxt = next((ln for ln in window[k + 1 :] if ln.text), None)
        if _name_part(line.text) and nxt is not None and _name_part(nxt.text):
            joined = f"{line.text} {nxt.text}"  # "Hoàng" / "Văn Toản" wrapped in a narrow cell
            if looks_like_name(joined):
                name = Located(joined, (line.content_span()[0], nxt.content_span()[1]))
                break
    if name is None:  # "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Lê Thị Hoa": one table cell on one line
        name = _trailing_name(anchor)
    signer = Signer(
        capacity=Located(capacity_line.text, capacity_line.content_span())
        if capacity_line
        else None,
        title=Located(title_line.text, title_line.content_span()) if title_line else None,
        name=name,
    )
    first = capacity_line or title_line
    return signer, first.index if first else None


_TRAILING_NAME = re.compile(
    r"(?<=[A-ZĐÀ-Ỹ.)])[ \t]+(?P<name>[A-ZĐÀ-Ỹ][^\W\d_]+(?:[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]+){1,5})[ \t|*]*$"
)


def _trailing_name(line: Line) -> Located | None:
    """A name ending a capacity or title line whose column ran on one line."""
    match = _TRAILING_NAME.search(line.raw)
    if match is None or not is_upper_line(line.raw[: match.start()]):
        return None
    words = list(re.finditer(r"\S+", match["name"]))
    # the longest tail of at most five words that is a name (not all capitals)
    for k in range(max(0, len(words) - 5), len(words) - 1):
        value = " ".join(w.group() for w in words[k:])
        if looks_like_name(value):
            start = line.start + match.start("name") + words[k].start()
            return Located(value, (start, line.start + match.end("name")))
    return None


_INLINE_ITEM = re.compile(r"(?<=[;,.])\s+[-–+•]\s+")


def _items_on(raw: str, offset: int, cuts: re.Pattern[str] = _INLINE_ITEM) -> list[Located]:
    """Recipients on one line: one item, or several run together ("- A; - B; - C"), parted
    where ``cuts`` matches."""
    found: list[Located] = []
    cut = 0
    for match in [*cuts.finditer(raw), None]:
        end = match.start() if match is not None else len(raw)
        item = recipient_item(raw[cut:end], offset + cut)
        if item is not None:
            found.append(item)
        if match is not None:
            cut = match.end()
    return found


def _signer_under(lines: list[Line], head: Line, title: Located) -> Signer:
    """The signer whose title shares the "Nơi nhận:" line: the first name below it."""
    for line in lines[head.index + 1 : head.index + 15]:
        if looks_like_name(line.text):
            return Signer(title=title, name=Located(line.text, line.content_span()))
    return Signer(title=title)


#: Where a list typed after "Nơi nhận:" on its own line, without dashes, passes to its next
#: recipient: at each ";", and at a "," after "(b/c)" or before a word that opens a recipient
#: ("các", "lưu", "như", "thường trực", "văn phòng"), not inside one ("Các ban, đảng đoàn").
_HEAD_ITEM_CUT = re.compile(
    r";\s*|(?<=\))\s*,\s*|,\s*(?=(?:các|lưu|như|thường\s+trực|văn\s+phòng)\b)", re.IGNORECASE
)


def _head_items(raw: str, offset: int) -> list[Located]:
    """The recipients written on the "Nơi nhận:" line after its colon: dashed items
    (``_items_on``), or a run-on list "A (b/c), các B, lưu VP." / "A; B; lưu C."."""
    dashed = re.match(r"\s*[-–+•]", raw) is not None
    return _items_on(raw, offset, _INLINE_ITEM if dashed else _HEAD_ITEM_CUT)


def _read_recipients(lines: list[Line], index: int) -> tuple[list[Located], Located | None]:
    """The recipients, and a signer's title written on the "Nơi nhận:" line itself
    ("Nơi nhận: HIỆU TRƯỞNG", two columns joined by a single space)."""
    found: list[Located] = []
    title: Located | None = None
    head = lines[index]
    colon = head.raw.find(":")
    if colon >= 0:
        rest = head.raw[colon + 1 :]
        if _is_title_alone(rest.strip()):
            start = head.start + colon + 1 + len(rest) - len(rest.lstrip())
            title = Located(rest.strip(), (start, start + len(rest.strip())))
        else:
            found.extend(_head_items(rest, head.start + colon + 1))
    ended = True  # whether the last item ended with , ; or .
    mark = ""  # the mark it ended with
    skipped = 0
    for at, line in enumerate(lines[index + 1 :], start=index + 1):
        if not line.text:
            continue
        if not found and skipped < 3 and (_AUTHORITY.match(line.text) or is_upper_line(line.text)):
            skipped += 1  # the signature's first lines set between "Nơi nhận:" and its items
            continue
        if not line.text.startswith(("-", "–", "+", "•")):
            last = found[-1] if found else None
            if (
                last is not None
                and last.span is not None
                and mark not in (".", ";")  # "- Lưu: VT." ends the list: a file path below
                and (_continues(line.text, ended) or _between_items(line.text, lines, at))
            ):
                # an item wrapped onto the next line ("- Các đảng ủy, chi bộ trực" / "thuộc;");
                # a comma it ended with was inside it ("- Các huyện ủy, thành ủy," / "đảng ủy …")
                tail = recipient_item(line.raw, line.start)
                if tail is not None and tail.span is not None:
                    joiner = ", " if mark == "," else " "
                    found[-1] = Located(
                        f"{last.value}{joiner}{tail.value}", (last.span[0], tail.span[1])
                    )
                    mark = _end_mark(line.text)
                    ended = bool(mark)
                    continue
            if mark != "." and _bare_item(line.text):
                # the items' dashes lost (a PDF that drops hyphens): " Như Điều 3;"
                found.extend(_items_on(line.raw, line.start))
                mark = _end_mark(line.text)
                ended = bool(mark)
                continue
            break
        found.extend(_items_on(line.raw, line.start))
        mark = _end_mark(line.text)
        ended = bool(mark)
    return found, title


def _between_items(text: str, lines: list[Line], at: int) -> bool:
    """A short line without a dash between two items ("- Các ban, đảng đoàn," / "Văn phòng
    Tỉnh ủy," / "- Báo tỉnh,"): the item above wrapped, whatever it ended with."""
    if len(text.split()) > 6 or is_upper_line(text) or looks_like_name(text.rstrip(" ,;.")):
        return False
    after = next((ln.text for ln in lines[at + 1 : at + 3] if ln.text), "")
    return after.startswith(("-", "–", "+", "•"))


def _end_mark(text: str) -> str:
    """The "," ";" or "." a recipient line ends with, or ""."""
    last = text.rstrip(" *")[-1:]
    return last if last in ",;." else ""


def _bare_item(text: str) -> bool:
    """A recipient line without its dash: a few words ending in ";" (or "." for the last)."""
    return (
        text.rstrip(" *").endswith((";", "."))
        and len(text.split()) <= 12
        and not is_upper_line(text)
        and not _AUTHORITY.match(text)
        and not looks_like_name(text.rstrip(" .;"))
    )


def _continues(text: str, ended: bool) -> bool:
    """A line that goes on with the item above: lower case, or a short capitalised rest
    ("Thành ủy,") after an item with no closing punctuation — never a signature line."""
    if text[:1].islower():
        return True
    if ended or is_upper_line(text) or _AUTHORITY.match(text) or looks_like_name(text):
        return False
    return len(text.split()) <= 5


def read_closing(lines: list[Line], body_start: int) -> Closing:
    """Find the Nơi nhận block, the signer and the first attachment after them."""
    closing = Closing()
    inline_title: Located | None = None
    recipients_line = next(
        (
            ln
            for ln in lines[body_start:]
            if _RECIPIENTS_ANYWHERE.search(ln.raw) and _RECIPIENTS.match(_head(ln))
        ),
        None,
    )
    if recipients_line is not None:
        closing.recipients_line = recipients_line.index
        closing.recipients, inline_title = _read_recipients(lines, recipients_line.index)
    search_from = body_start
    closing.signer, closing.signer_line = _read_signer(lines, search_from)
    if (
        recipients_line is not None
        and inline_title is not None
        and closing.signer.capacity is None
        and closing.signer.title is None
    ):
        closing.signer = _signer_under(lines, recipients_line, inline_title)
        closing.signer_line = recipients_line.index
    after = max(
        i for i in (body_start, closing.signer_line, closing.recipients_line) if i is not None
    )
    attachment = next(
        (
            ln
            for ln in lines[after:]
            if _ATTACHMENT_ANYWHERE.search(ln.raw) and _ATTACHMENT.match(_head(ln))
        ),
        None,
    )
    if attachment is not None:
        closing.attachment_line = attachment.index
        if closing.signer_line is not None and closing.signer_line > attachment.index:
            closing.signer, closing.signer_line = Signer(), None
    return closing
