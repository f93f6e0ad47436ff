"""Cited documents: "Hướng dẫn số 115-HD/TW, ngày 11/10/2019 của Ban Tuyên giáo Trung ương".

Party in-text citation style (docs/party-format.md §6): kind name,
"số", number, ", ngày" short date, "của" issuing body. State numbers such
as "1654/UBND-NC" and "97/HD-BTĐKT" are citations too (§16).
"""

from __future__ import annotations

import re

from .dates import find_dates
from .model import Citation
from .numbers import PARTY_NUMBER, STATE_NUMBER, Number, party_number, state_number
from .text import squeeze

_KIND_WORDS = (
    r"Nghị quyết|Quyết định|Chỉ thị|Kết luận|Quy chế|Quy định|Thông tri|Hướng dẫn|Thông báo|"
    r"Thông cáo|Báo cáo|Kế hoạch|Quy hoạch|Chương trình|Đề án|Phương án|Tờ trình|Công văn|"
    r"Biên bản|Nghị định|Thông tư|Luật|Công điện"
)
_KIND_BEFORE = re.compile(rf"(?:{_KIND_WORDS})(?:\s+liên\s+tịch)?\s*(?:số\s*)?$", re.IGNORECASE)
_DATE_AFTER = re.compile(r"^\s*,?\s*\(?\s*ngày\s+")
_OF = re.compile(r"^\s*\)?\s*,?\s*của\s+")
_WORD = re.compile(r"\S+")
_STOP_BIGRAMS = {
    "ban hành",
    "hướng dẫn",
    "thực hiện",
    "tiếp tục",
    "triển khai",
    "quy định",
    "xây dựng",
    "tổ chức",
    "đối với",
    "nay là",
    "về việc",
}
_STOP_WORDS = {
    "về",
    "đã",
    "gửi",
    "trong",
    "tại",
    "nhằm",
    "để",
    "với",
    "khóa",
    "khoá",
    "là",
    "như",
    "theo",
    "cụ",
    "và",
    "đến",
}


def _body_after(text: str, pos: int) -> int:
    """End offset of an issuing-body name starting at ``pos`` (after "của ")."""
    end = pos
    count = 0
    for match in _WORD.finditer(text, pos):
        gap = text[end : match.start()]
        if "\n" in gap or (count and gap != " "):
            break
        word = match.group()
        core = word.strip(',;:.“”"()*')
        nxt = _WORD.match(text, match.end() + 1)
        pair = f"{core} {nxt.group().strip(',;:.')}" if nxt else core
        if not core or word[0] in '(“"' or pair in _STOP_BIGRAMS:
            break
        if core in _STOP_WORDS and not (
            word == "và"
            and nxt
            and nxt.group()[:1].isupper()
            and not re.match(_KIND_WORDS, text[nxt.start() :])
        ):
            break
        if word == "-":
            end = match.end()
            continue
        end = match.start() + len(word.rstrip(',;:.”")*'))
        count += 1
        if word[-1] in ',;:.”")' or count >= 12:
            break
    return end


def _parse(match: re.Match[str], style: str) -> Number:
    if style == "party":
        return party_number(match["serial"], match["kind"], match["issuer"])
    return state_number(match["serial"], match["year"], match["parts"])


def find_citations(text: str, own_number: str | None = None) -> list[Citation]:
    """Each distinct cited document once, at its first mention, in text order.

    ``date`` is the short date right after the number ("…/TW, ngày 18/5/2021",
    "(ngày 14/9/2016)"); when the first mention has none, a later one's is used.
    The document's own number is left out.
    """
    found: dict[str, Citation] = {}
    later_dates: dict[str, str] = {}
    matches = [(m, "party") for m in PARTY_NUMBER.finditer(text)]
    matches += [(m, "state") for m in STATE_NUMBER.finditer(text)]
    matches.sort(key=lambda item: item[0].start())
    for match, style in matches:
        number = _parse(match, style)
        if own_number is not None and number.value == own_number:
            continue
        start, end = match.start(), match.end()
        kind_word = _KIND_BEFORE.search(text, max(0, start - 30), start)
        if kind_word and "\n" not in text[kind_word.start() : start]:
            start = kind_word.start()
        date_iso: str | None = None
        after = _DATE_AFTER.match(text[end : end + 40])
        if after:
            dates = find_dates(text[end : end + 40])
            # "ngày 22/02/2022" or "ngày 12 tháng 8 năm 2022" (the date in words starts at "ngày")
            if dates and dates[0].start <= after.end() and dates[0].date is not None:
                date_iso = dates[0].date.isoformat()
                end = end + dates[0].end
                if text[end : end + 1] == ")":
                    end += 1
        of = _OF.match(text[end : end + 20])
        if of:
            body_end = _body_after(text, end + of.end())
            if body_end > end + of.end():
                end = body_end
        if number.value in found:
            if date_iso and number.value not in later_dates:
                later_dates[number.value] = date_iso
            continue
        found[number.value] = Citation(
            number=number.value,
            kind=number.kind,
            issuer=number.issuer,
            date=date_iso,
            text=squeeze(text[start:end].replace("*", "")),
            span=(start, end),
        )
    result = []
    for value, citation in found.items():
        if citation.date is None and value in later_dates:
            citation = Citation(
                citation.number,
                citation.kind,
                citation.issuer,
                later_dates[value],
                citation.text,
                citation.span,
            )
        result.append(citation)
    return result
