"""Telling the legacy encodings apart: which of Windows-1258, TCVN3 or VNI a text reads as.

A candidate decoding is scored by how many of its words are spelled like Vietnamese
syllables (``legacy.is_vietnamese_syllable``), less the stray symbols a wrong guess
leaves; ``guess_legacy`` picks an encoding only when it reads far better than the
text as it stands. ``fix_legacy_text`` converts the lines of extracted text still in a
legacy encoding; ``decode_8bit`` decodes a plain 8-bit file. The conversions
themselves are ``legacy``.
"""

from __future__ import annotations

import re
import unicodedata

from .legacy import (
    CP1252_SPECIAL,
    ansi_text,
    is_vietnamese_syllable,
    tcvn3_to_unicode,
    vni_to_unicode,
)

_LETTERS = re.compile(r"[^\W\d_]+")
_JUNK = frozenset(
    [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in range(0xA1, 0xC0)]
    + list("×÷\ufffd")
    + list(CP1252_SPECIAL)
)


def vietnamese_score(text: str) -> int:
    """Words with a non-ASCII letter spelled as Vietnamese, minus the others and stray symbols."""
    score = 0
    for word in _LETTERS.findall(text):
        if word.isascii():
            continue
        score += 1 if is_vietnamese_syllable(word) else -1
    score -= sum(1 for c in text if c in _JUNK or unicodedata.combining(c))
    return score


_SAMPLE = 200_000


def guess_legacy(text: str) -> str | None:
    """ "tcvn3" or "vni" when ``text`` (all Windows-1252 characters) reads far better so, else None."""
    sample = text[:_SAMPLE]
    if not any(ord(c) >= 0x80 for c in sample):
        return None
    base = vietnamese_score(sample)
    scores = {
        "tcvn3": vietnamese_score(tcvn3_to_unicode(sample, guess_case=True)),
        "vni": vietnamese_score(vni_to_unicode(sample)),
    }
    best = max(scores, key=lambda k: scores[k])
    if scores[best] >= base + 3 and scores[best] > 0:
        return best
    return None


_NOT_ANSI = re.compile("[^\x00-\xff" + "".join(CP1252_SPECIAL) + "]")


def _ansi_only(line: str) -> bool:
    return _NOT_ANSI.search(line) is None


def fix_legacy_text(text: str) -> str:
    """Convert the lines still in TCVN3 or VNI (as Windows-1252 characters) to Unicode.

    Only lines made wholly of Windows-1252 characters can be legacy text; the
    encoding is chosen once, over all of them, by ``guess_legacy``.
    """
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if _ansi_only(line) and not line.isascii()]
    if not candidates:
        return text
    encoding = guess_legacy("\n".join(lines[i] for i in candidates))
    if encoding is None:
        return text
    for i in candidates:
        if encoding == "tcvn3":
            lines[i] = tcvn3_to_unicode(lines[i], guess_case=True)
        else:
            lines[i] = vni_to_unicode(lines[i])
    return "\n".join(lines)


def decode_8bit(data: bytes) -> str:
    """Decode 8-bit text as Windows-1258, TCVN3 or VNI, whichever reads as Vietnamese best.

    Windows-1258 writes tones as combining marks, so its text is composed (NFC).
    """
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        cp1258 = None
    ansi = ansi_text(data)
    legacy = guess_legacy(ansi)
    candidates: dict[str, str] = {}
    if cp1258 is not None:
        candidates["cp1258"] = cp1258
    if legacy == "tcvn3":
        candidates["tcvn3"] = tcvn3_to_unicode(ansi, guess_case=True)
    elif legacy == "vni":
        candidates["vni"] = vni_to_unicode(ansi)
    if not candidates:
        return ansi
    if len(candidates) == 1:
        return next(iter(candidates.values()))
    scores = {k: vietnamese_score(v[:_SAMPLE]) for k, v in candidates.items()}
    best = max(scores, key=lambda k: scores[k])
    return candidates[best] if scores[best] > scores.get("cp1258", 0) else candidates["cp1258"]
