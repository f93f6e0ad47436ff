"""Vietnamese text helpers: NFC normalisation, name splitting and the office sort order.

Offices list people by given name, then middle name, then family name, with the
Vietnamese alphabet (a < ă < â < b < c < d < đ < e < ê < … < o < ô < ơ < … < u < ư < …)
and tones ordered ngang < huyền < hỏi < ngã < sắc < nặng (docs/domain.md §5).
"""

from __future__ import annotations

import unicodedata

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Letters outside the Vietnamese alphabet (f, j, w, z in foreign names) sort after y.
_EXTRA = "fjwz"
_LETTER_CODE = {ch: f"{i + 1:02d}" for i, ch in enumerate(ALPHABET + _EXTRA)}
_TONES = {
    "\u0300": "1",  # huyền
    "\u0309": "2",  # hỏi
    "\u0303": "3",  # ngã
    "\u0301": "4",  # sắc
    "\u0323": "5",  # nặng
}
_MODIFIERS = {"\u0306": "ă", "\u0302": "^", "\u031b": "ư"}


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form Vietnamese text is stored in (docs/domain.md §5)."""
    return unicodedata.normalize("NFC", text)


def _letter_and_tone(ch: str) -> tuple[str, str]:
    """Split one character into its base Vietnamese letter and its tone digit ("0" for none)."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base = decomposed[0]
    tone = "0"
    for mark in decomposed[1:]:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark == "\u0306" and base == "a":
            base = "ă"
        elif mark == "\u0302" and base in "aeo":
            base = {"a": "â", "e": "ê", "o": "ô"}[base]
        elif mark == "\u031b" and base in "ou":
            base = {"o": "ơ", "u": "ư"}[base]
    if base == "đ" or ch.lower() == "đ":
        base = "đ"
    return base, tone


def word_key(word: str) -> tuple[str, str]:
    """Return (letters, tones) digit strings for one word; other characters are dropped."""
    letters: list[str] = []
    tones: list[str] = []
    for ch in nfc(word):
        base, tone = _letter_and_tone(ch)
        code = _LETTER_CODE.get(base)
        if code is None:
            if base.isdigit():
                code = f"{40 + int(base):02d}"
            else:
                continue
        letters.append(code)
        tones.append(tone)
    return "".join(letters), "".join(tones)


def sort_key(given_name: str, middle_name: str = "", family_name: str = "") -> str:
    """Return a digits-only key that sorts names the way Vietnamese offices list them.

    Order: given name, then middle name(s), then family name; each word letter by letter
    in the Vietnamese alphabet; ties broken by tones. Digits only, so the key compares the
    same under any database collation (SQLite BINARY, PostgreSQL ``en_US.UTF-8`` or ``C``).
    """
    words = [w for part in (given_name, middle_name, family_name) for w in part.split()]
    primary: list[str] = []
    secondary: list[str] = []
    for word in words:
        letters, tones = word_key(word)
        primary.append(letters + "00")
        secondary.append(tones)
    return "".join(primary) + "9" + "".join(secondary)


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """Split "Nguyễn Thị Minh Khai" into (family, middle, given): ("Nguyễn", "Thị Minh", "Khai")."""
    words = nfc(full_name).split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def fold(text: str) -> str:
    """``text`` for searching without diacritics: lower case, marks dropped, đ → d, single
    spaces ("  Đảng bộ Sở Y TẾ " → "dang bo so y te"; issue 14 §7: "khanh an" finds "Khánh An")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())
