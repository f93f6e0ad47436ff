"""The first page: heading, issuing body, number, place and date, kind name and summary.

Rules from docs/party-format.md §4 (header block), §5 (number), §6
(place and date), §7 (kind name, summary), §8 (Kính gửi), §16 (State format).
The header is read by what each line is, not by its position, so a
two-column header table read left cell first or row by row gives the same.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import fold
from .model import Located, Span
from .numbers import (
    KIND_NAMES,
    NUMBER_LINE,
    PARTY_KINDS,
    STATE_NUMBER_LINE,
    Number,
    party_number,
    state_number,
)
from .text import Line, clean_inline, is_upper_line

PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
_STATE_HEADING = re.compile(
    r"^CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|^Độc lập\s*-\s*Tự do|"
    # the motto broken over lines by a narrow cell or a web page ("CỘNG" / "HÒA XÃ HỘI …")
    r"^CỘNG(?:\s+H(?:ÒA|OÀ))?$|^(?:H(?:ÒA|OÀ)\s+)?XÃ HỘI CHỦ NGHĨA VIỆT NAM|"
    r"^CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA$|^VIỆT NAM$",
    re.I,
)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\W\d_][^,\n]{0,60}?)?\s*,\s*ng[àa]y\s+(?P<d>\d{1,2}|\.+|…|\s*)\s*th[áa]ng\s+"
    r"(?P<m>\d{1,2}|\.+|…|\s*)\s*n[ăa]m\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
#: "Tân Phong, ngày 5-3-2024", "Hà Nội, ngày 05/3/2024": the date in figures (typed letters)
_PLACE_DATE_FIGURES = re.compile(
    r"^(?P<place>[^\W\d_][^,\n]{0,60}?)?\s*,\s*ng[àa]y\s+(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*"
    r"(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)


def _place_date(value: str) -> re.Match[str] | None:
    """The place-and-date line's match, the date in words (§6) or in figures."""
    return _PLACE_DATE.match(value) or _PLACE_DATE_FIGURES.match(value)


_SEPARATOR = re.compile(r"^[\s\-_=*.–—]{3,}$|^\*$")
_MARKS = {
    "KHẨN",
    "THƯỢNG KHẨN",
    "HỎA TỐC",
    "HOẢ TỐC",
    "HỎA TỐC HẸN GIỜ",
    "MẬT",
    "TỐI MẬT",
    "TUYỆT MẬT",
    "DỰ THẢO",
}
_BODY_START = re.compile(
    r"^(ĐẢNG BỘ|ĐẢNG [ỦU]Y|ĐẢNG ỦY|BAN\b|TỈNH [ỦU]Y|THÀNH [ỦU]Y|HUYỆN [ỦU]Y|QUẬN [ỦU]Y|"
    r"THỊ [ỦU]Y|CHI BỘ|CHI [ỦU]Y|VĂN PHÒNG|[ỦU]Y BAN|UBND|ĐẢNG ĐOÀN|ĐẠI HỘI|HỘI ĐỒNG|"
    r"ĐOÀN\b|CÔNG ĐOÀN|BỘ\b|SỞ\b|TRƯỜNG\b|QUÂN [ỦU]Y|HĐND|"
    # a body under its superior's line: a State office under "UBND HUYỆN …", an
    # executive committee under its parent organisation, a grassroots union or youth cell
    r"PHÒNG\b|BCH\b|CĐCS\b|CHI ĐOÀN|CHI HỘI|TRUNG TÂM\b)"
)
_BODY_START_FOLDED = re.compile(fold(_BODY_START.pattern))
#: Two columns run together on one line (text from a layout-preserving PDF or OCR).
_COLUMN_GAP = re.compile(r"\S(\s{4,})(?=\S)")
_BLANK_BEFORE = re.compile(r"\b(?:ng[àa]y|th[áa]ng)$", re.I)
_BLANK_AFTER = re.compile(r"(?:th[áa]ng|n[ăa]m)\b", re.I)
_ADDRESS = ("Kinh gui", "Kinh trinh")
_BODY_TEXT_START = re.compile(
    r"^(Thực hiện|Căn cứ|Kính gửi|Kính trình|Để|Nhằm|Trên cơ sở|Ngày \d+|Theo)\b"
)
_BODY_TEXT_START_FOLDED = re.compile(fold(_BODY_TEXT_START.pattern))
_ROMAN_HEADING = re.compile(r"^(?:X{0,2})(?:IX|IV|V?I{1,3}|V)\s*[-./)]\s")
_CONG_VAN_PREFIX = re.compile(r"^(V/v|Về việc)\s*:?\s*", re.IGNORECASE)


@dataclass
class Header:
    """What the first page says; missing parts stay ``None``."""

    format_votes: dict[str, int] = field(default_factory=lambda: {"party": 0, "state": 0})
    number: Number | None = None
    number_span: Span | None = None
    serial_span: Span | None = None
    kind_span: Span | None = None
    issuer_code_span: Span | None = None
    number_blank: bool = False
    issuer: Located | None = None
    superior: Located | None = None
    place: Located | None = None
    date: Located | None = None
    date_value: dt.date | None = None
    date_blank: Span | None = None
    kind_name: Located | None = None
    title: Located | None = None
    addressees: list[Located] = field(default_factory=list)
    body_start: int = 0  # index of the first body line


def _located_lines(lines: list[Line]) -> Located:
    value = " ".join(line.text for line in lines)
    start = lines[0].content_span()[0]
    end = lines[-1].content_span()[1]
    return Located(value, (start, end))


def kind_name_of(text: str) -> str | None:
    """The kind name a kind-name line names ("HƯỚNG DẪN.", "KE HOACH" → its proper form)."""
    if not is_upper_line(text) or len(text) > 40:
        return None
    squeezed = fold(" ".join(text.split()).rstrip(" .:"))  # also "KE HOACH" (no diacritics)
    if squeezed in _FOLDED_KINDS:
        return _FOLDED_KINDS[squeezed]
    # "CHƯƠNG TRÌNH HÀNH ĐỘNG", "KẾ HOẠCH LIÊN TỊCH": a kind name and a qualifier
    head = " ".join(squeezed.split()[:2])
    if head in _FOLDED_KINDS and len(squeezed.split()) <= 4:
        return _FOLDED_KINDS[head]
    return None


_FOLDED_KINDS = {fold(name): name for name in KIND_NAMES}


def _opens_body(text: str) -> bool:
    """A first body line ("Thực hiện …", "Căn cứ …", "Thuc hien …") or a Roman heading.

    The form without diacritics is tried only on a first word typed without them: "Đề nghị
    Ban Thường vụ …" (a submission's summary) folds to "De nghi", which "Để" would match."""
    first = text[:12].split(" ", 1)[0]
    return bool(
        _BODY_TEXT_START.match(text)
        or (first.isascii() and _BODY_TEXT_START_FOLDED.match(fold(text)))
        or _ROMAN_HEADING.match(text)
    )


def _is_separator(text: str) -> bool:
    return bool(_SEPARATOR.match(text))


#: A committee's own name after its superior's on the same line (cells of a web page's
#: header run together): "ĐẢNG BỘ TỈNH NGHỆ AN HUYỆN ỦY THANH CHƯƠNG".
_INNER_COMMITTEE = re.compile(r"\s(?=(?:(?:ĐẢNG|TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) (?:[ỦU]Y|UỶ)|CHI BỘ)\s)")


def _split_superior(line: Line) -> tuple[Located, Located] | None:
    """(superior, issuer) when ``line`` is "ĐẢNG BỘ …" followed by the committee's own name."""
    if not fold(line.text).startswith("DANG BO "):
        return None
    cut = _INNER_COMMITTEE.search(line.raw)
    if cut is None:
        return None
    start, end = line.content_span()
    superior = " ".join(line.raw[: cut.start()].split()).strip(" *|")
    issuer = clean_inline(line.raw[cut.end() :])
    if not superior or not issuer:
        return None
    return (
        Located(superior, (start, line.start + cut.start())),
        Located(issuer, (line.start + cut.end(), end)),
    )


def _body_groups(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in lines:
        if not groups or _BODY_START.match(line.text) or _BODY_START_FOLDED.match(fold(line.text)):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


_PARTY_HEADING_FOLDED = fold(PARTY_HEADING)
#: The motto typed or read without diacritics ("CONG HOA XA HOI CHU NGHIA VIET NAM").
_STATE_HEADING_FOLDED = re.compile(fold(_STATE_HEADING.pattern), re.I)


def _is_state_heading(text: str) -> bool:
    if _STATE_HEADING.match(text):
        return True
    # the motto is a short line: a line of megabytes is not folded whole (issue 10 §4)
    return bool(_STATE_HEADING_FOLDED.match(fold(text[:200])))


def _is_anchor(text: str) -> bool:
    """A line only a header has: the number line, the Party heading or the State motto."""
    return bool(
        fold(text).startswith(_PARTY_HEADING_FOLDED)
        or _is_state_heading(text)
        or NUMBER_LINE.match(text)
        or STATE_NUMBER_LINE.match(text)
        or _GLUED_NUMBER.search(text)
    )


def _header_start(lines: list[Line]) -> int:
    """Index of the first header line: 0, unless a web page's menu, a search box or a lead
    paragraph comes first — then the issuer lines just above the first number line, Party
    heading or State motto (issue 10: "a header that does not come first")."""
    anchor = next(
        (ln.index for ln in lines[:150] if len(ln.raw) < 300 and ln.text and _is_anchor(ln.text)),
        None,
    )
    if anchor is None:
        return 0
    start = anchor
    for k in range(anchor - 1, max(-1, anchor - 10), -1):
        text = lines[k].text
        if not text:
            continue
        if text.lstrip("* ") == "" or (is_upper_line(text) and len(text) <= 90):
            start = k
            continue
        break
    for line in reversed(lines[:start]):
        text = line.text
        if len(text) > 100:
            return start  # a lead paragraph or a menu bar stands before the header
        if is_upper_line(text) and (_BODY_START.match(text) or text.startswith("*")):
            return 0  # the header's own issuer lines, with a column read apart
    return start if any(ln.text for ln in lines[:start]) else 0


def _header_end(lines: list[Line], first: int = 0) -> tuple[int, int | None]:
    """Index where the header stops, and the index of the kind-name line if any."""
    limit = min(len(lines), first + 60)
    for line in lines[first:limit]:
        if len(line.raw) > 400:  # a body paragraph (or a whole text on one line): no header
            return line.index, None
        if kind_name_of(line.text):
            return line.index, line.index
        if _opens_body(line.text):
            return line.index, None
        if len(line.text) > 160:
            return line.index, None
    return limit, None


def _read_number(header: Header, line: Line) -> bool:
    raw = line.raw
    match = NUMBER_LINE.match(raw)
    if match:
        serial = match["serial"] or ""
        header.number = party_number(serial, match["kind"], match["issuer"])
        header.format_votes["party"] += 2
    else:
        match = STATE_NUMBER_LINE.match(raw)
        if not match:
            return False
        serial = match["serial"] or ""
        header.number = state_number(serial, match["year"], re.sub(r"\s+", "", match["parts"]))
        header.format_votes["state"] += 2
    base = line.start
    groups = match.groupdict()
    code_group = "kind" if "kind" in groups else "parts"
    first = match.start("serial") if match["serial"] else match.start(code_group)
    header.number_span = (base + first, base + match.end())
    if match["serial"]:
        header.serial_span = (base + match.start("serial"), base + match.end("serial"))
    else:
        header.number_blank = True
        gap = base + match.start(code_group)
        header.serial_span = (gap, gap)
    if code_group == "kind":
        header.kind_span = (base + match.start("kind"), base + match.end("kind"))
        header.issuer_code_span = (base + match.start("issuer"), base + match.end("issuer"))
    else:
        parts_span = (base + match.start("parts"), base + match.end("parts"))
        header.kind_span = header.issuer_code_span = parts_span
    return True


def _next_to(line: Line, nxt: Line | None, lines: list[Line]) -> bool:
    """Whether ``nxt`` follows ``line`` with only blank lines (or nothing) between."""
    if nxt is None or nxt.start <= line.end or nxt.index < line.index:
        return False
    if nxt.index == line.index:
        return False
    return all(not ln.text for ln in lines[line.index + 1 : nxt.index])


def _joined(line: Line, nxt: Line, lines: list[Line]) -> Line:
    """``line`` and ``nxt`` as one line, line breaks read as spaces (offsets kept)."""
    gap = "".join(" " * (len(ln.raw) + 1) for ln in lines[line.index + 1 : nxt.index])
    between = " " * (nxt.start - line.end - len(gap))
    return Line(line.index, line.start, nxt.end, f"{line.raw}{between}{gap}{nxt.raw}")


_SERIAL_START = re.compile(r"^\d{1,5}\s*[-/]\s*[A-ZĐ]")
#: A number line cut after its serial ("Số 112-", "Số: 16 /") and the code alone below it.
_SERIAL_CUT = re.compile(r"\d{1,5}\s*[-/]\s*$")
_CODE_ALONE = re.compile(r"^[A-ZĐ][A-ZĐa-zđ&]*(?:\s*[-/]\s*[A-ZĐ][A-ZĐa-zđ0-9&]*)+\s*$")
_PLACE_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][^\W\d_]*(?: [A-ZĐÀ-Ỹ][^\W\d_]*)?$")


_DATE_LEAD = " \t*_"  # spaces and emphasis marks before a date line ("*Huế, ngày …*")


def _read_place_date(header: Header, line: Line, nxt: Line | None = None) -> bool:
    if (
        nxt is not None
        and nxt.start == line.end + 1
        and _PLACE_WORD.match(line.text)
        and _place_date(f"{line.text} {nxt.text}")
    ):
        line = Line(
            line.index, line.start, nxt.end, f"{line.raw} {nxt.raw}"
        )  # "Quảng" / "Trị, ngày"
    match = _place_date(line.raw.lstrip(_DATE_LEAD).strip())
    if not match and nxt is not None and nxt.start == line.end + 1 and ", ngay" in fold(line.text):
        # a narrow right-hand cell wraps the date line ("… tháng 3\nnăm 2024")
        joined = Line(line.index, line.start, nxt.end, f"{line.raw}\n{nxt.raw}")
        match = _place_date(joined.raw.lstrip(_DATE_LEAD).strip())
        line = joined
    if not match:
        return False
    offset = line.start + (len(line.raw) - len(line.raw.lstrip(_DATE_LEAD)))
    if match["place"]:
        place = clean_inline(match["place"])
        if place:
            header.place = Located(
                place,
                (
                    offset + match.start("place"),
                    offset + match.start("place") + len(match["place"].rstrip()),
                ),
            )
    span = (offset + match.group(0).lower().find("ngày"), offset + match.end("y"))
    if match["d"].strip().isdigit() and match["m"].strip().isdigit():
        try:
            value = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            value = None
        if value is not None:
            header.date = Located(value.isoformat(), span)
            header.date_value = value
            return True
    header.date_blank = span
    return True


_GLUED_NUMBER = re.compile(
    r"(?<=\S)\s+(?=[SṢ][ốỐoO]\s*:?\s*(?:\d{1,5}\s*[-/]|$))"
    # a PDF's text layer or a copied cell with no gap: "HUYỆN ỦY TÂN PHÚSố 31-KH/HU" (the
    # small "ố" after a capital shows where the issuer's cell ended; checked in _unglue)
    r"|(?<=\S)(?=Số\s*:?\s*\d{1,5}\s*[-/])"
)


#: The motto's second line with the place and date run on after it, as a portal serialises
#: the header row by row ("… Độc lập - Tự do - Hạnh phúc Tây Ninh, ngày 02 tháng 5 năm 2024").
_GLUED_DATE = re.compile(
    r"\bH[ạa]nh\s+ph[úu]c\s*[-–]*\s+(?=[^\W\d_][^,\n]{1,40},\s*ng[àa]y\b)", re.I
)


def _unglue(line: Line) -> list[Line]:
    """ "ĐẢNG ỦY XÃ TÂN DĨNH Số 112-CV/ĐU": the issuer and its number, as two lines; the
    motto and a place and date run on after it, as two lines too."""
    dated = _GLUED_DATE.search(line.raw) if len(line.raw) < 300 else None
    if dated is not None and _place_date(line.raw[dated.end() :].strip()):
        cut = dated.end()
        head = Line(line.index, line.start, line.start + cut, line.raw[:cut])
        return [*_unglue(head), Line(line.index, line.start + cut, line.end, line.raw[cut:])]
    match = _GLUED_NUMBER.search(line.raw.rstrip())
    if match is None:
        return [line]
    before = line.raw[: match.start()]
    # after the issuer ("… TÂN DĨNH Số", number below) or after the date line
    if not (is_upper_line(before) or _place_date(before.strip())):
        return [line]
    return [
        Line(line.index, line.start, line.start + match.start(), line.raw[: match.start()]),
        Line(line.index, line.start + match.end(), line.end, line.raw[match.end() :]),
    ]


def _columns(lines: list[Line]) -> list[Line]:
    """Header lines, each line holding two columns split at its wide gap (same index)."""
    out: list[Line] = []
    for line in [piece for ln in lines for piece in _unglue(ln)]:
        gaps = list(_COLUMN_GAP.finditer(line.raw))
        if not gaps or not line.text:
            out.append(line)
            continue
        cut = 0
        for gap in gaps:
            if len(line.raw[cut : gap.start(1)].strip()) < 4:
                continue  # "Số      -KH/ĐUK": the blank serial of a draft, not a column
            if _BLANK_BEFORE.search(line.raw, 0, gap.start(1)) and _BLANK_AFTER.match(
                line.raw, gap.end(1)
            ):
                continue  # "…, ngày      tháng      năm 2024": a draft's blank day, not a column
            out.append(
                Line(
                    line.index,
                    line.start + cut,
                    line.start + gap.start(1),
                    line.raw[cut : gap.start(1)],
                )
            )
            cut = gap.end(1)
        out.append(Line(line.index, line.start + cut, line.end, line.raw[cut:]))
    return out


def read_header(lines: list[Line]) -> Header:
    """Read the header lines; see the module docstring for the rules."""
    header = Header()
    first = _header_start(lines)
    end, kind_idx = _header_end(lines, first)
    names: list[Line] = []
    summary: list[Line] = []
    seen_number = False
    addressee_idx: int | None = None
    segments = _columns(lines[first:end])
    skip: set[int] = set()
    for pos, line in enumerate(segments):
        text = line.text
        if not text or pos in skip:
            continue
        if text.startswith(("Kính gửi", "Kính trình")) or fold(text).startswith(_ADDRESS):
            addressee_idx = line.index
            break
        if text == PARTY_HEADING or fold(text) == _PARTY_HEADING_FOLDED:
            header.format_votes["party"] += 3
            continue
        if _is_state_heading(text):
            header.format_votes["state"] += 3
            continue
        if text == "*":
            header.format_votes["party"] += 1
            continue
        if _is_separator(text) or text.upper() in _MARKS:
            continue
        nxt = segments[pos + 1] if pos + 1 < len(segments) else None
        if header.number is None and fold(text).upper().startswith("SO"):
            if fold(text).upper().rstrip(" :") == "SO":
                # "Số:" with the number on a line below (the other column may come between)
                below = next(
                    (
                        k
                        for k in range(pos + 1, min(pos + 8, len(segments)))
                        if _SERIAL_START.match(segments[k].text)
                    ),
                    None,
                )
                if below is not None:
                    number = segments[below]
                    skip.add(below)
                    prefix = "Số: "
                    line = Line(
                        line.index, number.start - len(prefix), number.end, prefix + number.raw
                    )
            elif (
                nxt is not None
                and _SERIAL_CUT.search(text)
                and 0 < nxt.start - line.end <= 2
                and _CODE_ALONE.match(nxt.text)
            ):
                # "Số 112-" / "KL/HU": a narrow cell or a PDF line broke the number at its
                # hyphen; the code on the next line finishes it (offsets kept, break as space)
                skip.add(pos + 1)
                gap = " " * (nxt.start - line.end)
                line = Line(line.index, line.start, nxt.end, f"{line.raw}{gap}{nxt.raw}")
            if _read_number(header, line):
                seen_number = True
                continue
        if pos in skip:
            continue
        if (
            header.date is None
            and header.date_blank is None
            and _read_place_date(header, line, nxt)
        ):
            continue
        if is_upper_line(text) and not seen_number and not summary:
            names.append(line)
        elif seen_number:
            summary.append(line)
    groups = _body_groups(names)
    if groups:
        header.issuer = _located_lines(groups[-1])
        if len(groups) > 1:
            header.superior = _located_lines([ln for g in groups[:-1] for ln in g])
        inner = _split_superior(groups[-1][0]) if len(groups[-1]) == 1 else None
        if inner is not None:  # "ĐẢNG BỘ HUYỆN YÊN THÀNH ĐẢNG ỦY XÃ HỢP THÀNH" on one line
            header.superior, header.issuer = inner
    if kind_idx is not None:
        kind_line = lines[kind_idx]
        written = " ".join(kind_line.text.split()).rstrip(" .:")  # "HƯỚNG DẪN." as HƯỚNG DẪN
        header.kind_name = Located(written, kind_line.content_span())
        header.title, header.body_start = _read_title(lines, kind_idx + 1)
    else:
        if header.number is not None and header.number.kind == "CV":
            header.kind_name = Located("CÔNG VĂN", header.kind_span)
        elif header.number is not None and header.number.kind in PARTY_KINDS:
            header.kind_name = None
        if summary and header.kind_name is None and _CONG_VAN_PREFIX.match(summary[0].text):
            # a letter with a "V/v" line is a công văn (State format §16: its number has no
            # kind code, so ``kind`` stays empty; the kind name says what it is)
            lead = summary[0].content_span()[0]
            header.kind_name = Located("CÔNG VĂN", (lead, lead + 3))
        if summary:
            title = _located_lines(summary)
            value = tidy_numbers(_CONG_VAN_PREFIX.sub("", title.value))
            header.title = Located(value, title.span) if value else None
        header.body_start = end
    if addressee_idx is None:
        following = next((ln for ln in lines[header.body_start :] if ln.raw.strip(" *|")), None)
        # its first words say it: a line of megabytes is not cleaned whole (issue 10 §4)
        if following is not None and fold(clean_inline(following.raw[:200])).startswith(_ADDRESS):
            addressee_idx = following.index
    if addressee_idx is not None:
        header.addressees, after = _read_addressees(lines, addressee_idx)
        header.body_start = max(header.body_start, after)
    return header


_SPACED_NUMBER = re.compile(r"\b(\d{1,5})\s*-\s*([A-ZĐ][A-Za-zĐđ]{0,4})\s*/\s*(?=[A-ZĐ])")


def tidy_numbers(text: str) -> str:
    """Close the spaces typists leave inside document numbers: "05 - CT/TW" → "05-CT/TW"
    (docs/party-format.md §5: a hyphen joins number and kind, a slash kind and issuer)."""
    return _SPACED_NUMBER.sub(r"\1-\2/", text)


def _read_title(lines: list[Line], start: int) -> tuple[Located | None, int]:
    """The summary lines under the kind name, up to ``-----`` or the body (§7)."""
    taken: list[Line] = []
    i = start
    while i < len(lines):
        line = lines[i]
        text = line.text
        if not text:
            if not taken:
                i += 1
                continue
            nxt = next((ln for ln in lines[i + 1 :] if ln.text), None)
            if (
                nxt is not None
                and nxt.text[:1].islower()
                and not taken[-1].text.endswith((".", ":", ";"))
            ):
                i += 1
                continue
            break
        if _is_separator(text):
            i += 1
            break
        if taken and _opens_body(text):
            break
        # a capitalised full sentence after the summary is the body (blank lines lost in PDFs)
        if taken and text[:1].isupper() and text.endswith((".", ":")):
            break
        if not taken and _opens_body(text) and not _ROMAN_HEADING.match(text):
            break
        taken.append(line)
        i += 1
    if not taken:
        return None, i
    title = _located_lines(taken)
    return Located(tidy_numbers(title.value), title.span), i


def _read_addressees(lines: list[Line], idx: int) -> tuple[list[Located], int]:
    """Addressees after "Kính gửi:" on the same line and on following dash lines (§8)."""
    found: list[Located] = []
    first = lines[idx]
    colon = first.raw.find(":")
    if colon >= 0:
        rest = first.raw[colon + 1 :]
        item = recipient_item(rest, first.start + colon + 1)
        if item is not None:
            found.append(item)
    i = idx + 1
    ended = False  # whether the last item ended with "." (the list's end)
    while i < len(lines):
        line = lines[i]
        if not line.text:
            # a web page sets every item in its own paragraph, an empty line between
            # ("Kính gửi:" / "" / "- Sở …;" / "" / "- Sở …."): go on to a dash line unless
            # the list has ended
            ahead = next((ln for ln in lines[i + 1 : i + 4] if ln.text), None)
            if ended or ahead is None or not ahead.text.startswith(("-", "+", "–")):
                break
            i = ahead.index
            continue
        if not line.text.startswith(("-", "+", "–")):
            break
        item = recipient_item(line.raw, line.start)
        if item is not None:
            found.append(item)
        ended = line.text.rstrip(" *").endswith(".")
        i += 1
    return found, i


_ITEM_LEAD = re.compile(r"^[\s\-–+•|*]*")
_ITEM_TAIL = re.compile(r"[\s,;.|*]*$")


def recipient_item(raw: str, offset: int) -> Located | None:
    """One recipient from a line: no leading dash, no trailing ``,;.``, table bars joined."""
    lead = _ITEM_LEAD.match(raw)
    start = lead.end() if lead else 0
    tail = _ITEM_TAIL.search(raw, start)
    end = tail.start() if tail else len(raw)
    if end <= start:
        return None
    parts = [clean_inline(p).strip(" ,;.") for p in raw[start:end].split("|")]
    value = " ".join(p for p in parts if p)
    if not value:
        return None
    return Located(value, (offset + start, offset + end))


#: A body that speaks for itself in a letter without a header: "…, Ủy ban nhân dân xã X có
#: ý kiến như sau:", "Văn phòng Đảng ủy xã X đề nghị các chi bộ:", "X trân trọng đề nghị".
_SPEAKER = re.compile(
    r"(?:^|,[ \t]+|\n)(?P<who>(?:Ủy ban nhân dân|UBND|Văn phòng|Ban|Sở|Phòng|Đảng ủy|Huyện ủy|"
    r"Thị ủy|Tỉnh ủy|Thành ủy|Quận ủy|Chi bộ|Trường|Hội|Đoàn|Công đoàn|Trung tâm)"
    r"[^,.;:\n]{2,80}?)[ \t]+(?:có ý kiến|kính đề nghị|đề nghị|trân trọng|kính gửi|thông báo|"
    r"báo cáo)\b",
    re.M,
)


def issuer_named_in_body(text: str, lo: int, hi: int) -> Located | None:
    """The body a letter without a header names as its speaker (issue 10: "a letter with no
    header whose body names the sender"), in the first 3,000 characters of the body."""
    match = _SPEAKER.search(text, lo, min(hi, lo + 3000))
    if match is None:
        return None
    return Located(clean_inline(match["who"]), (match.start("who"), match.end("who")))
