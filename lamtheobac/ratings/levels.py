"""Rating levels as people write them, and the years a rating may carry."""

from __future__ import annotations

import unicodedata

from django.utils import timezone

from lamtheobac.core.vietnamese import nfc
from lamtheobac.ratings.models import RatingLevel

FIRST_YEAR = 1990

SHORT_FORMS = {
    "HTXSNV": RatingLevel.EXCELLENT,
    "HTTNV": RatingLevel.GOOD,
    "HTNV": RatingLevel.COMPLETE,
    "KHTNV": RatingLevel.INCOMPLETE,
}


def fold(text: str) -> str:
    """Lower-case letters and digits without diacritics: "Hoàn thành tốt" → "hoanthanhtot"."""
    decomposed = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed.lower() if ch.isalnum() and ch.isascii())


def _level_forms() -> dict[str, RatingLevel]:
    forms: dict[str, RatingLevel] = {}
    for level in RatingLevel:
        forms[fold(str(level.label))] = level
        forms[fold(str(level.label).removesuffix(" nhiệm vụ"))] = level  # "Hoàn thành tốt"
        forms[level.value] = level
    for short, level in SHORT_FORMS.items():
        forms[fold(short)] = level
    return forms


_LEVELS = _level_forms()


def parse_level(value: object) -> RatingLevel | None:
    """A level from its label, its label without "nhiệm vụ", or its short form (HTXSNV…),
    ignoring case, diacritics, spaces and punctuation; None when it is none of these."""
    if value is None:
        return None
    return _LEVELS.get(fold(str(value)))


def name_key(text: str) -> str:
    """How names are compared: NFC, single spaces, case-insensitive (diacritics matter)."""
    return " ".join(nfc(text).split()).casefold()


def current_year() -> int:
    return timezone.localdate().year


def year_error(year: int) -> str | None:
    """The reason ``year`` cannot carry a rating, or None."""
    last = current_year()
    if FIRST_YEAR <= year <= last:
        return None
    return f"năm {year} nằm ngoài khoảng {FIRST_YEAR}–{last}"
