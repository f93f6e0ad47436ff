"""Reading the cells of a roster workbook: dates in every common Vietnamese form, names, flags.

Plain Python (no Django). Each parser returns ``(value, problem)``: ``problem`` is a Vietnamese
phrase for the row report, or None.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Any

from lamtheobac.core.vietnamese import nfc, sort_key, split_full_name

DATE_FORMS = "dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy, “ngày 3 tháng 5 năm 1980”"
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_WORDS = re.compile(r"(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|/|,)?\s*(\d{4})")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Compound family names kept whole when splitting "Tôn Thất Thuyết" (docs/domain.md §5).
COMPOUND_FAMILY = {"tôn thất", "tôn nữ", "âu dương", "tư mã", "gia cát", "công tôn", "hoàng phủ"}


def text(value: object) -> str:
    """A cell as one line of NFC text; 2023.0 → "2023"; None → ""."""
    if value is None:
        return ""
    if type(value) is str:  # the usual cell: one call less per cell, ASCII is NFC already
        return " ".join((value if value.isascii() else unicodedata.normalize("NFC", value)).split())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(nfc(str(value)).split())


def fold(value: str) -> str:
    """Lower case without diacritics or spaces, đ → d: "Ngày vào Đảng" → "ngayvaodang"."""
    decomposed = unicodedata.normalize("NFD", value.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def _fold_spaced(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value.lower().replace("đ", "d"))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


def _year(two_or_four: str, *, birth: bool, today: dt.date) -> int:
    """A written year; a two-digit one is the latest plausible century (a birth year at least
    15 years back, any other date not in the future)."""
    year = int(two_or_four)
    if len(two_or_four) == 4:
        return year
    latest = today.year - 15 if birth else today.year
    return 2000 + year if 2000 + year <= latest else 1900 + year


# Dates repeat in a roster (a birthday among ~20,000 days, joining dates likewise): one parse
# per distinct (cell, column, day). ``typed`` keeps True, 1 and 1.0 apart.
@lru_cache(maxsize=131_072, typed=True)
def parse_date(
    value: Any, *, label: str, today: dt.date, birth: bool = False
) -> tuple[dt.date | None, int | None, str | None]:
    """(date, year, problem) for one date cell; a birth cell may hold only a year (date None).

    Accepted: an Excel date cell, an Excel serial number, dd/mm/yyyy, d/m/yy, dd-mm-yyyy,
    dd.mm.yyyy, yyyy-mm-dd, "ngày 3 tháng 5 năm 1980"; for ``birth`` also "1980". A day that
    does not exist, a date in the future or before 1900 is a problem. ``value`` must be
    hashable (a cell's value is).
    """
    if value is None or value == "":
        return None, None, None
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, bool):
        return None, None, f"{label} “{value}” không hợp lệ"
    elif isinstance(value, int | float):
        number = float(value)
        if birth and number.is_integer() and 1900 <= number <= today.year:
            return None, int(number), None
        if number.is_integer() and 367 <= number <= 80_000:
            day = _EXCEL_EPOCH + dt.timedelta(days=int(number))
        else:
            return None, None, f"{label} “{text(value)}” không hợp lệ"
    else:
        written = text(value)
        if not written:
            return None, None, None
        if birth and re.fullmatch(r"\d{4}", written):
            year = int(written)
            if 1900 <= year <= today.year:
                return None, year, None
            return None, None, f"{label} “{written}” không hợp lệ"
        parts = None
        if found := _NUMERIC.fullmatch(written):
            parts = (found.group(1), found.group(2), found.group(3))
        elif found := _ISO.fullmatch(written):
            parts = (found.group(3), found.group(2), found.group(1))
        elif found := _WORDS.fullmatch(_fold_spaced(written)):
            parts = (found.group(1), found.group(2), found.group(3))
        if parts is None:
            return (
                None,
                None,
                (f"{label} “{written}” không đọc được (ghi theo một trong các dạng {DATE_FORMS})"),
            )
        try:
            day = dt.date(_year(parts[2], birth=birth, today=today), int(parts[1]), int(parts[0]))
        except ValueError:
            return None, None, f"{label} “{written}” không có thật"
    if day.year < 1900:
        return None, None, f"{label} {day:%d/%m/%Y} quá xa"
    if day > today:
        return None, None, f"{label} {day:%d/%m/%Y} ở tương lai"
    return day, day.year, None


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) in Vietnamese order; compound family names (Tôn Thất, Âu
    Dương…) stay whole: "Tôn Thất Thuyết" → ("Tôn Thất", "", "Thuyết")."""
    words = nfc(full_name).split()
    if len(words) >= 3 and " ".join(words[:2]).lower() in COMPOUND_FAMILY:
        return " ".join(words[:2]), " ".join(words[2:-1]), words[-1]
    return split_full_name(full_name)


def split_words(words: list[str]) -> tuple[str, str, str]:
    """``split_name`` of a name already read by ``text`` (NFC), given as its words."""
    if len(words) >= 3:
        if f"{words[0]} {words[1]}".lower() in COMPOUND_FAMILY:
            return f"{words[0]} {words[1]}", " ".join(words[2:-1]), words[-1]
        return words[0], " ".join(words[1:-1]), words[-1]
    if len(words) == 2:
        return words[0], "", words[1]
    return ("", "", words[0]) if words else ("", "", "")


@lru_cache(maxsize=65_536)  # given names repeat: one key per distinct word triple
def office_sort_key(given: str, middle: str, family: str) -> str:
    """``core.vietnamese.sort_key`` of NFC name parts, cached for bulk imports."""
    return sort_key(given, middle, family)


def name_key(full_name: str) -> str:
    """The key two spellings of one name share (case, spaces and Unicode form ignored)."""
    return " ".join(nfc(full_name).lower().split())


_YES = {"x", "co", "c", "1", "dangvien", "dv", "yes", "true"}
_NO = {"khong", "k", "0", "quanchung", "no", "false", "-"}


@lru_cache(maxsize=1024)  # a column of a few distinct values, 150,000 times
def parse_flag(value: Any) -> tuple[bool | None, str | None]:
    """The "Đảng viên" column: x/có → True, không/quần chúng → False, blank → None."""
    if isinstance(value, bool):
        return value, None
    written = text(value)
    if not written:
        return None, None
    folded = fold(written)
    if folded in _YES:
        return True, None
    if folded in _NO:
        return False, None
    return None, f"cột “Đảng viên” ghi “{written}” không hiểu (ghi x, có hoặc không)"


@lru_cache(maxsize=1024)
def parse_gender(value: Any) -> tuple[str, str | None]:
    """ "Nam" → "male", "Nữ" → "female", blank → ""."""
    written = text(value)
    folded = fold(written)
    if not folded:
        return "", None
    if folded in {"nam", "m"}:
        return "male", None
    if folded in {"nu", "f"}:
        return "female", None
    return "", f"giới tính “{written}” không hợp lệ (ghi Nam hoặc Nữ)"


_CARD = re.compile(r"[0-9A-Z][0-9A-Z.\-/]{3,19}")


def parse_card(value: Any) -> tuple[str, str | None]:
    """A party card number as written (spaces removed, upper case); a number cell → its digits."""
    if type(value) is str and value.isascii() and value.isalnum():  # the usual card: as is
        written = value.upper()
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        written = "".join(text(value).split()).upper()
    if not written:
        return "", None
    if not _CARD.fullmatch(written):
        return "", f"số thẻ đảng viên “{text(value)}” không hợp lệ"
    return written, None
