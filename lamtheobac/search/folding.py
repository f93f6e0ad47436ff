"""Diacritics-insensitive matching of Vietnamese text, as regular expressions both databases run.

Plain Python, no Django. "khanh an" must find "Khánh An" and "Khánh Ân"; "dang uy" finds
"Đảng ủy". Stored text is NFC (docs/domain.md §5), so each base letter a query may stand for is
spelled out as a character class of its precomposed forms, upper and lower case; the pattern is
then case- and accent-insensitive without ``unaccent`` (PostgreSQL) or a user function (SQLite),
and compares the same under any collation. Django's ``__regex`` lookup runs it: ``~`` on
PostgreSQL, Python's ``re`` through the REGEXP function Django registers on SQLite.
"""

from __future__ import annotations

import re
import unicodedata

# Every precomposed lower-case letter that folds to a base letter (tones and modifiers).
_FORMS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "d": "dđ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
}
MAX_WORDS = 8
MAX_WORD_LENGTH = 40


def fold(text: str) -> str:
    """Lower case without tones or modifiers: "Đảng ủy Khối" → "dang uy khoi"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(query: str) -> list[str]:
    """The folded words of a query, at most ``MAX_WORDS`` of at most ``MAX_WORD_LENGTH``
    characters each (a pasted paragraph does not become a pathological pattern)."""
    return [w[:MAX_WORD_LENGTH] for w in fold(query).split()][:MAX_WORDS]


def _letter_class(ch: str) -> str:
    forms = _FORMS.get(ch)
    if forms is not None:
        return "[" + forms + forms.upper() + "]"
    if ch.isalpha():
        return "[" + ch + ch.upper() + "]"
    return re.escape(ch)


def loose(word: str) -> str:
    """The pattern matching ``word`` (already folded) with any tones, modifiers and case.

    ``loose("an")`` matches "An", "Ân", "ấn", "ĂN"."""
    return "".join(_letter_class(ch) for ch in fold(word))


def word_start(word: str) -> str:
    """The pattern matching ``word`` at the start of a word: "an" finds "Ân" and "Anh", not
    "Lan"."""
    return r"(^|\s|[(/-])" + loose(word)
