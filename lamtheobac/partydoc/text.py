"""Text clean-up shared by the writer: NFC, tone-mark placement, list punctuation."""

from __future__ import annotations

import re
import unicodedata

from .rules import Spelling

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def nfc(text: str) -> str:
    """Vietnamese text in Unicode NFC (TCVN 6909:2001, docs/party-format.md §2)."""
    return unicodedata.normalize("NFC", text)


# A vowel carrying only a tone, precomposed → (the bare vowel, the tone mark).
_UNTONED = {nfc(vowel + tone): (vowel, tone) for vowel in "oOuUaAeEyY" for tone in _TONES}


def _with_tones(vowels: str) -> str:
    return "".join(toned for toned, (vowel, _) in _UNTONED.items() if vowel in vowels)


# The syllables that move are open and end in "oa", "oe" or "uy" (not after "q", where "u"
# belongs to the consonant, as in "quý"): "hoà" ↔ "hòa", "khoẻ" ↔ "khỏe", "uỷ" ↔ "ủy". Matched
# on NFC text, a precomposed vowel carrying only its tone: "ô", "ơ", "ư", "â", "ê", "ă" never
# match, nor does a pair followed by a letter or a combining mark ("thuyền", "hoặc"). Each
# pattern opens with one character class and looks for the "q" behind the pair, so the engine
# skips ahead to candidate vowels; the pair itself is checked on a match.
_NOT_AFTER_Q = r"(?<![qQ]..)"
_OPEN_END = r"(?![\w\u0300-\u036f])"
_MODERNISE = re.compile(rf"[oOuU][{_with_tones('aAeEyY')}]{_NOT_AFTER_Q}{_OPEN_END}")
_TRADITIONALISE = re.compile(rf"[{_with_tones('oOuU')}][aAeEyY]{_NOT_AFTER_Q}{_OPEN_END}")
_PAIRS = {"oa", "oe", "uy"}


def _to_modern(match: re.Match[str]) -> str:
    pair = match.group(0)
    first, toned = pair[0], pair[1]
    vowel, tone = _UNTONED[toned]
    if (first + vowel).lower() not in _PAIRS:
        return pair
    return nfc(first + tone) + vowel


def _to_traditional(match: re.Match[str]) -> str:
    pair = match.group(0)
    toned, second = pair[0], pair[1]
    vowel, tone = _UNTONED[toned]
    if (vowel + second).lower() not in _PAIRS:
        return pair
    return vowel + nfc(second + tone)


def respell(text: str, spelling: Spelling) -> str:
    """Move tone marks in "oa/oe/uy" syllables: traditional "hoà, uỷ" or modern "hòa, ủy" (§9).

    Returns NFC text. One regular-expression pass over the NFC text (a long report respells
    tens of thousands of paragraphs; decomposing each one cost ten times more, issue 13 §5).
    """
    text = nfc(text)
    if spelling == "as_written":
        return text
    if spelling == "modern":
        return _MODERNISE.sub(_to_modern, text)
    return _TRADITIONALISE.sub(_to_traditional, text)


# Every whitespace character ``str.split()`` splits on except the plain space (Unicode 15;
# a test compares it with ``str.isspace`` over every code point).
OTHER_SPACES = "\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_OTHER_SPACE = re.compile(f"[{OTHER_SPACES}]")


def one_line(text: str) -> str:
    """``" ".join(text.split())``: whitespace runs folded into one space, ends stripped.

    Text that needs no folding (most of a report) is returned after a scan instead of being
    split into words and joined again.
    """
    if "  " in text or text[:1] == " " or text[-1:] == " " or _OTHER_SPACE.search(text):
        return " ".join(text.split())
    return text


def list_item(text: str, end: str) -> str:
    """'- Các chi, đảng bộ cơ sở' + end; a leading dash or trailing , ; . is replaced."""
    body = nfc(text).strip()
    body = re.sub(r"^[-–+]\s*", "", body)
    body = body.rstrip(",;. ").rstrip()
    return f"- {body}{end}"


def split_paragraphs(text: str) -> list[str]:
    """Split on newlines (blank or single); empty parts are dropped."""
    return [part.strip() for part in nfc(text).splitlines() if part.strip()]


# §5: "59-BC/ĐUK", "Số     -KH/ĐUK", joint "05-QC/BTCTU-BDVTU". The hyphens in a number must not
# end a line ("01-" / "KL/TW", issue 12), so they become U+2011, written as w:noBreakHyphen.
_NUMBER_TOKEN = re.compile(
    r"\d*\s?-\s?[A-Za-zĐđ]{1,5}/[A-ZĐ][A-ZĐa-zđ0-9]*(?:-[A-ZĐ][A-ZĐa-zđ0-9]*)*"
)


def protect_numbers(text: str) -> str:
    """Replace the hyphens inside document numbers with U+2011 (non-breaking hyphen)."""
    if "-" not in text or "/" not in text:
        return text
    return _NUMBER_TOKEN.sub(lambda m: m.group(0).replace("-", "\u2011"), text)
