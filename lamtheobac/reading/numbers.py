"""Document numbers: Party ``59-KH/ĐUK`` and State ``1654/UBND-NC`` (format §5, §14, §16)."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Party kind codes (docs/party-format.md §14.1) and their kind names.
PARTY_KINDS: dict[str, str] = {
    "NQ": "NGHỊ QUYẾT",
    "QĐ": "QUYẾT ĐỊNH",
    "QĐi": "QUY ĐỊNH",
    "CT": "CHỈ THỊ",
    "KL": "KẾT LUẬN",
    "QC": "QUY CHẾ",
    "TT": "THÔNG TRI",
    "HD": "HƯỚNG DẪN",
    "TB": "THÔNG BÁO",
    "TC": "THÔNG CÁO",
    "BC": "BÁO CÁO",
    "KH": "KẾ HOẠCH",
    "QH": "QUY HOẠCH",
    "CTr": "CHƯƠNG TRÌNH",
    "ĐA": "ĐỀ ÁN",
    "PA": "PHƯƠNG ÁN",
    "TTr": "TỜ TRÌNH",
    "CV": "CÔNG VĂN",
    "BB": "BIÊN BẢN",
    "BS": "BẢN SAO",
    "GM": "GIẤY MỜI",
    "GGT": "GIẤY GIỚI THIỆU",
}

#: Every kind name a kind-name line may carry (both Party and State).
KIND_NAMES: frozenset[str] = frozenset(
    [*PARTY_KINDS.values(), "QUY ĐỊNH", "NGHỊ ĐỊNH", "THÔNG TƯ", "CÔNG ĐIỆN", "DỰ ÁN", "TỜ TRÌNH"]
)

#: State kind codes (NĐ 30/2020 Phụ lục III; format §16) plus legal-document codes.
STATE_KINDS: frozenset[str] = frozenset(
    [
        "NQ",
        "QĐ",
        "CT",
        "QC",
        "QyĐ",
        "TC",
        "TB",
        "HD",
        "CTr",
        "KH",
        "PA",
        "ĐA",
        "DA",
        "BC",
        "BB",
        "TTr",
        "HĐ",
        "CĐ",
        "BGN",
        "BTT",
        "GUQ",
        "GM",
        "GGT",
        "GNP",
        "PG",
        "PC",
        "PB",
        "SY",
        "TrS",
        "SL",
        "NĐ",
        "TT",
        "TTLT",
        "L",
        "PL",
    ]
)

_ISSUER = r"[A-ZĐ][A-ZĐa-zđ0-9]*(?:-[A-ZĐ][A-ZĐa-zđ0-9]*)*"
#: The end of a number, or a word glued onto it ("45-TB/TWngày 12/7/2023").
_NUMBER_END = r"(?:(?![\w/])|(?=(?:ngày|của|về|năm|tại)\b))"
#: "236 QĐ/TWĐTN-VP": a space for the hyphen, only before a known kind code.
_SPACED_KIND = "|".join(sorted(PARTY_KINDS, key=len, reverse=True))
PARTY_NUMBER = re.compile(
    r"(?<![\w/])(?P<serial>\d{1,5})"
    rf"(?:\s{{0,3}}-\s{{0,3}}|\s{{1,2}}(?=(?:{_SPACED_KIND})\s{{0,3}}/))"
    r"(?P<kind>[A-ZĐ][A-Za-zĐđ]{0,4})"
    rf"\s{{0,3}}/\s{{0,3}}(?P<issuer>{_ISSUER}){_NUMBER_END}"
)
#: "1654/UBND-NC", "204/SGD&ĐT-TCCB" ("&" in a code), "03/KH- UBND" (a stray space).
STATE_NUMBER = re.compile(
    r"(?<![\w/])(?P<serial>\d{1,5})/(?:(?P<year>\d{4})/)?"
    r"(?P<parts>[A-ZĐ][A-ZĐa-zđ&]*(?:\s?-\s?[A-ZĐ][A-ZĐa-zđ0-9&]*)+)(?![\w/&])"
)
#: The number line of a header: "Số 59-KH/ĐUK", "Số: 59 - KH/ĐUK", "Số      -KH/ĐUK".
NUMBER_LINE = re.compile(
    r"^\W*[SṢ][ốoỐO]\s*:?\s*(?P<serial>\d{1,5})?\s*-\s*(?P<kind>[A-ZĐ][A-Za-zĐđ]{0,4})"
    rf"\s*/\s*(?P<issuer>{_ISSUER})"
)
STATE_NUMBER_LINE = re.compile(
    r"^\W*[SṢ][ốoỐO]\s*:?\s*(?P<serial>\d{1,5})?\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?"
    r"(?P<parts>[A-ZĐ][A-ZĐa-zđ]*(?:\s*-\s*[A-ZĐ][A-ZĐa-zđ0-9]*)+"
    # "Số: 86/VHTT": a code without a kind segment, on the number line only
    r"|[A-ZĐ][A-ZĐ&]{1,9}(?=\s|$))"
)


@dataclass(frozen=True)
class Number:
    """A parsed number: ``value`` normalised (no spaces), its parts, and the style."""

    value: str
    serial: str
    kind: str | None
    issuer: str | None
    style: str  # "party" | "state"


def party_number(serial: str, kind: str, issuer: str) -> Number:
    """Normalised Party number ``<serial>-<kind>/<issuer>``."""
    return Number(f"{serial}-{kind}/{issuer}", serial, kind, issuer, "party")


def state_number(serial: str, year: str | None, parts: str) -> Number:
    """Normalised State number; ``kind`` is the part that is a State kind code, if any.

    "97/HD-BTĐKT" → kind HD, issuer BTĐKT; "1654/UBND-NC" → kind None,
    issuer UBND-NC (a công văn has no kind code, format §16).
    """
    pieces = [p.strip() for p in parts.split("-")]
    value = f"{serial}/{year + '/' if year else ''}{'-'.join(pieces)}"
    if pieces[0] in STATE_KINDS:
        return Number(value, serial, pieces[0], "-".join(pieces[1:]) or None, "state")
    if len(pieces) > 1 and pieces[-1] in STATE_KINDS:  # "09/2023/CĐ-HD": the kind last
        return Number(value, serial, pieces[-1], "-".join(pieces[:-1]), "state")
    return Number(value, serial, None, "-".join(pieces), "state")
