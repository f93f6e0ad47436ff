"""A header, or a whole document, pasted on one line: its parts put back on lines (issue 10).

Copied from a forum post or a web page that dropped the line breaks, a document reads::

    HUYỆN ỦY X * Số 12-TB/HU ĐẢNG CỘNG SẢN VIỆT NAM X, ngày 1 tháng 2 năm 2023 THÔNG BÁO
    kết luận … ---------- Ngày 25/8/2023, … 1. Giao Ban … 2. Giao … Nơi nhận: - A; - B;
    - Lưu VP. T/L BAN THƯỜNG VỤ CHÁNH VĂN PHÒNG (đã ký) Lê Văn A

``break_run_on`` finds a line that holds two header anchors or more (the number, the
Party heading or the State motto, the place-and-date line; docs/party-format.md §4–§6)
and breaks it before each part a header, a numbered item or a closing starts with,
so the line-based readers see the layout the document was typed in. Other lines are
returned unchanged. Time is linear in the length of the text (a fixed set of regular
expressions, each run once over a qualifying line).
"""

from __future__ import annotations

import re

from .dates import fold

#: Anchors of a header (matched on folded text): number, Party heading, State motto, date line.
_ANCHORS = (
    re.compile(r"\bSo\s*:?\s*\d{1,5}\s*[-/]\s*[A-Z]"),
    re.compile(r"DANG CONG SAN VIET NAM"),
    re.compile(r"CONG HOA XA HOI CHU NGHIA VIET NAM|Doc lap\s*-\s*Tu do", re.I),
    re.compile(r",\s*ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}", re.I),
)
_UP = "A-ZĐÀ-Ỹ"
#: Where a part of a header starts: a break goes before each match's start.
_HEADER_BREAKS = re.compile(
    rf"(?<=\S)\s+(?="
    r"(?:\*{1,3}|-{3,})\s|"  # "*" / "***" under the issuer, "-----" under the title
    r"[SṢ][ốỐ]\s*:?\s*\d{1,5}\s*[-/]|"  # the number line
    r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H[ÒO]A XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do|"
    rf"[{_UP}][^\W\d_]*(?:\s[{_UP}][^\W\d_]*){{0,3}},\s*ngày\s+\d{{1,2}}\s+tháng"  # place, date
    r")"
)

#: After the number or the date: the kind name (upper case) before its lower-case summary.
_KIND_BREAK = re.compile(
    r"(?<=[\dA-ZĐa-z])\s+(?=(?:KẾ HOẠCH|THÔNG BÁO|QUYẾT ĐỊNH|HƯỚNG DẪN|BÁO CÁO|CÔNG VĂN|"
    r"CHƯƠNG TRÌNH|TỜ TRÌNH|NGHỊ QUYẾT|CHỈ THỊ|KẾT LUẬN|QUY ĐỊNH|BIÊN BẢN)\s+[a-zđà-ỹ])"
)
#: The kind name and its summary on one line: "THÔNG BÁO ý kiến kết luận …".
_KIND_THEN_SUMMARY = re.compile(
    r"^((?:KẾ HOẠCH|THÔNG BÁO|QUYẾT ĐỊNH|HƯỚNG DẪN|BÁO CÁO|CÔNG VĂN|CHƯƠNG TRÌNH|TỜ TRÌNH|"
    r"NGHỊ QUYẾT|CHỈ THỊ|KẾT LUẬN|QUY ĐỊNH|BIÊN BẢN))\s+(?=[a-zđà-ỹ])",
    re.M,
)
#: A Party body glued after its superior's name: "ĐẢNG BỘ TỈNH X HUYỆN ỦY Y".
_ISSUER_BREAK = re.compile(
    rf"(?<=[{_UP}])\s+(?=(?:HUYỆN|THỊ|THÀNH|QUẬN|TỈNH|ĐẢNG) ỦY [{_UP}]|CHI BỘ [{_UP}])"
)
#: In a long run-on line: separators, numbered items, "Nơi nhận", its items, the signature.
_BODY_BREAKS = re.compile(
    r"\s+(?=-{3,}\s)|(?<=-{3})\s+|"
    rf"(?<=[.:;])\s+(?=\d{{1,2}}\.\s+[{_UP}])|"  # "… kết luận: 1. Giao …"
    r"(?<=[.;])\s+(?=Nơi nhận\s*:)|"
    r"(?<=Nơi nhận:)\s+(?=-)|(?<=[;,])\s+(?=-\s)|"  # "Nơi nhận: - A; - B"
    rf"(?<=[.;])\s+(?=(?:T/M|T/L|K/T|TM\.|TL\.|KT\.)\s*[{_UP}])|"  # the signer's capacity
    rf"(?<=[{_UP}\)])\s+(?=\((?:đã ký|Đã ký)[^)]*\))|"  # "(đã ký)" under the title
    rf"(?<=\))\s+(?=[{_UP}][a-zđà-ỹ]+\s+[{_UP}][a-zđà-ỹ]+(?:\s+[{_UP}][a-zđà-ỹ]+){{0,3}}\s*$)"
)
#: A heading run on after the left column's line with a single space: "PHÒNG GD&ĐT THỊ XÃ
#: X CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TRƯỜNG TH X Độc lập - Tự do - Hạnh phúc".
_HEADING_BESIDE = re.compile(
    rf"(?<=[{_UP}\d*])\s+(?=ĐẢNG CỘNG SẢN VIỆT NAM$|CỘNG H[ÒO]A XÃ HỘI CHỦ NGHĨA VIỆT NAM$|"
    r"Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc$)"
)
#: The place-and-date line run on after the left column's capitals with a single space:
#: "THỊ ỦY PHÚ MỸ Phú Mỹ, ngày 14 tháng 10 năm 2019" (a PDF whose columns ran together).
_DATE_BESIDE = re.compile(
    rf"\s+(?=[{_UP}][a-zđà-ỹ]+(?:\s[{_UP}][^\W\d_]*){{0,3}},\s*"
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*$)"
)


def _date_beside(line: str) -> str:
    """``line`` broken before a place-and-date run on after capitals only (``_DATE_BESIDE``)."""
    for match in _DATE_BESIDE.finditer(line):
        left, place = line[: match.start()], line[match.end() :].split(" ", 1)[0]
        if any(c.islower() for c in left):
            return line
        if left.strip() and place[1:].islower():  # "Phú Mỹ, ngày …", not "MỸ Phú Mỹ, ngày …"
            return f"{left}\n{line[match.end() :]}"
    return line


_HEAD_LINES = 40  # only lines this near the top can be a header
_RUN_ON = 300  # a line longer than this holds more than a header: its body is broken too


def _header_break(match: re.Match[str]) -> str:
    """A line break, except after a lower-case letter: inside a place name ("Hương Thủy",
    "Bù Đăng") or a sentence, where the place's own first word is further on."""
    before = match.string[match.start() - 1]
    if before.islower() or (before.isupper() and _upper_word_then_title(match)):
        return match.group()
    return "\n"


def _upper_word_then_title(match: re.Match[str]) -> bool:
    """ "… VIỆT NAM Hương Thủy, ngày": the break goes before "Hương", not before "VIỆT"."""
    following = match.string[match.end() : match.end() + 40].split(" ", 1)[0]
    return (
        following.isupper()
        and "ngày" in match.string[match.end() : match.end() + 60]
        and not (following.startswith(("Số", "SỐ", "ĐẢNG", "CỘNG", "Độc", "*", "-")))
    )


def _anchors(line: str) -> int:
    folded = fold(line[:600])
    return sum(1 for anchor in _ANCHORS if anchor.search(folded))


def break_run_on(text: str) -> str:
    """``text`` with a header (or document) pasted on one line broken into its parts."""
    lines = text.split("\n")
    changed = False
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        if "\t" in line[:600] or "   " in line[:600]:
            continue  # columns told by tabs or runs of spaces are for ``layout.py``
        if _anchors(line) < 2:
            lines[i] = _date_beside(_HEADING_BESIDE.sub("\n", line)) if len(line) < 200 else line
            changed = changed or lines[i] != line
            continue
        head, rest = line[:600], line[600:]
        head = _HEADER_BREAKS.sub(_header_break, head)
        head = _ISSUER_BREAK.sub("\n", _KIND_BREAK.sub("\n", head))
        head = _KIND_THEN_SUMMARY.sub("\\1\n", head)
        broken = head + rest
        if len(line) > _RUN_ON:
            broken = _BODY_BREAKS.sub("\n", broken)
        lines[i] = broken
        changed = True
    return "\n".join(lines) if changed else text
