"""The first-page header values: issuing body, number and symbol, place and date (§4–§6)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .text import nfc

# §5: "Số <n>-<KIND>/<ISSUER>", no colon; joint issuers joined by hyphens; blank serial allowed.
_NUMBER = re.compile(
    r"^(?P<serial>\d{0,5})\s*-\s*(?P<kind>[A-Za-zĐđ]{1,5})\s*/\s*"
    r"(?P<issuer>[A-ZĐ][A-ZĐa-zđ0-9]*(?:-[A-ZĐ][A-ZĐa-zđ0-9]*)*)$"
)
_BLANK_SERIAL = " " * 4  # "Số" + five spaces before the hyphen


def format_number(number: str) -> str:
    """'59-BC/ĐUK' -> 'Số 59-BC/ĐUK'; '5-CV/ĐUK' -> 'Số 05-CV/ĐUK'; '-BC/ĐUK' -> 'Số     -BC/ĐUK'.

    A leading 'Số' or 'Số:' is dropped; serials below 10 get a leading zero (§5).
    Raises ValueError when ``number`` is not '<serial>-<KIND>/<ISSUER>'.
    """
    cleaned = re.sub(r"^Số\s*:?\s*", "", nfc(number).strip())
    match = _NUMBER.match(cleaned)
    if match is None:
        raise ValueError(f"số và ký hiệu must look like '59-BC/ĐUK', got {number!r}")
    serial = match["serial"]
    if not serial:
        serial = _BLANK_SERIAL
    elif len(serial) == 1:
        serial = f"0{serial}"
    return f"Số {serial}-{match['kind']}/{match['issuer']}"


@dataclass(frozen=True)
class Header:
    """Boxes 2–4 and 5b of the first page (docs/party-format.md §4).

    ``superior`` is the directly superior body (None for a one-line name such as
    "TỈNH ỦY BẾN TRE"); ``issuer`` may hold "\\n" to break a long name. ``number`` is
    "59-BC/ĐUK" or, for an unsigned draft, "-BC/ĐUK". ``date=None`` prints the blank
    date form. ``summary`` is only for a công văn: shown under the number, 12 pt italic (§7).
    """

    superior: str | None
    issuer: str
    number: str
    place: str
    date: datetime.date | None
    summary: str | None = None

    def __post_init__(self) -> None:
        format_number(self.number)  # fail at construction, not at save time
        if not self.issuer.strip():
            raise ValueError("issuer must not be empty")
        if not self.place.strip():
            raise ValueError("place must not be empty")

    @property
    def number_line(self) -> str:
        """The box 3 text, e.g. 'Số 59-BC/ĐUK'."""
        return format_number(self.number)


@dataclass(frozen=True)
class Signature:
    """Boxes 7a–7c (docs/party-format.md §10).

    ``capacity`` is the authority line ("T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN") or None
    when a head signs directly; ``title`` is "PHÓ BÍ THƯ" (may hold "\\n", e.g.
    "BÍ THƯ\\nkiêm\\nTRƯỞNG BAN CHỈ ĐẠO") or None for a committee member; ``name`` has no
    academic titles.
    """

    capacity: str | None
    title: str | None
    name: str
