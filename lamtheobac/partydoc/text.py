"""Text clean-up shared by the writer: NFC, tone-mark placement, list punctuation."""

from __future__ import annotations

import re
import unicodedata

from .rules import Spelling

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng

# An open syllable ending in "oa", "oe" or "uy" (not after "q", where "u" belongs to the
# consonant, as in "quý"). Matching is done on NFD text so the tone is a separate mark.
_TRADITIONAL = re.compile(rf"(?<![qQ])([oOuU])([{_TONES}])([aAeEyY])(?![\w\u0300-\u036f])")
_MODERN = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])(?![\w\u0300-\u036f])")


def nfc(text: str) -> str:
    """Vietnamese text in Unicode NFC (TCVN 6909:2001, docs/party-format.md §2)."""
    return unicodedata.normalize("NFC", text)


# Quick NFC pre-checks: a syllable that would change has a toned o/u before a/e/y (modern
# rewrites it) or o/u before a toned a/e/y (traditional rewrites it).
_MAY_MODERNISE = re.compile(r"[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?!\w)")
_MAY_TRADITIONALISE = re.compile(r"[òóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤ][aAeEyY](?!\w)")


def respell(text: str, spelling: Spelling) -> str:
    """Move tone marks in "oa/oe/uy" syllables: traditional "hoà, uỷ" or modern "hòa, ủy" (§9)."""
    text = nfc(text)
    if spelling == "as_written":
        return text
    check = _MAY_MODERNISE if spelling == "modern" else _MAY_TRADITIONALISE
    if check.search(text) is None:
        return text
    decomposed = unicodedata.normalize("NFD", text)
    if spelling == "modern":
        decomposed = _MODERN.sub(_modern_match, decomposed)
    else:
        decomposed = _TRADITIONAL.sub(_traditional_match, decomposed)
    return nfc(decomposed)


def _modern_match(match: re.Match[str]) -> str:
    first, second, tone = match.groups()
    if not _pair_ok(first, second):
        return match.group(0)
    return first + tone + second


def _traditional_match(match: re.Match[str]) -> str:
    first, tone, second = match.groups()
    if not _pair_ok(first, second):
        return match.group(0)
    return first + second + tone


def _pair_ok(first: str, second: str) -> bool:
    pair = (first + second).lower()
    return pair in {"oa", "oe", "uy"}


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
