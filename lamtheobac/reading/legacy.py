"""Legacy Vietnamese encodings to Unicode: TCVN3 (ABC, ".VnTime") and VNI ("VNI-Times").

Both are 8-bit font encodings: the bytes were shown through a special font, so
a .docx stores them as the Windows-1252 characters with those byte values
(".VnTime" text "Sè" is "Số"), and a .txt from an old system holds the bytes.

* TCVN3 is TCVN 5712:1993 part 3 (VN3): ASCII, plus one byte per lower-case
  letter with its tone (0xB5-0xFE), the seven lower-case base letters ă â ê ô
  ơ ư đ (0xA8-0xAE) and their capitals (0xA1-0xA7). Capitals with a tone have
  no code: they were typed with the lower-case code in an all-capitals font
  (".VnTimeH"), so a run's font tells their case, and plain text loses it.
* VNI-Windows writes a letter as an ASCII base letter followed by one mark
  byte (tone, circumflex or breve, or both in one byte), except ơ ư đ and the
  toned i, which are single bytes. Marks have an upper- and a lower-case byte.

Each table below is derived from these rules, row by row; the encoders exist so
the tests can prove the round trip for every letter. The Vietnamese syllable
check lives here too: guessing a TCVN3 letter's case needs it. Telling which
encoding a text is in (and decoding unknown 8-bit text) is ``legacy_detect``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Tone marks in the order every row below lists its toned forms.
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # grave, hook, tilde, acute, dot
_TONE_SET = frozenset(_TONES)

# --- TCVN3 -------------------------------------------------------------------------------------

# vowel: (byte of the untoned vowel or None for ASCII, bytes for grave, hook, tilde, acute, dot)
_TCVN3_ROWS: dict[str, tuple[int | None, tuple[int, int, int, int, int]]] = {
    "a": (None, (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    "ă": (0xA8, (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    "â": (0xA9, (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    "e": (None, (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    "ê": (0xAA, (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    "i": (None, (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    "o": (None, (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    "ô": (0xAB, (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    "ơ": (0xAC, (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    "u": (None, (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    "ư": (0xAD, (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    "y": (None, (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
}
_TCVN3_CAPITAL_BASES = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}


def _build_tcvn3() -> dict[int, str]:
    table = {0xA0: "\u00a0", 0xAE: "đ"}
    table.update({code: letter for letter, code in _TCVN3_CAPITAL_BASES.items()})
    for vowel, (plain, toned) in _TCVN3_ROWS.items():
        if plain is not None:
            table[plain] = vowel
        for tone, code in zip(_TONES, toned, strict=True):
            table[code] = unicodedata.normalize("NFC", vowel + tone)
    return table


TCVN3_TO_UNICODE: dict[int, str] = _build_tcvn3()
_UNICODE_TO_TCVN3 = {char: code for code, char in TCVN3_TO_UNICODE.items()}
# codes whose letter has no capital in TCVN3: its case comes from the font or the context
_TCVN3_CASELESS = frozenset(
    code for code, char in TCVN3_TO_UNICODE.items() if char.islower() and char != "đ"
) - {code for vowel, (code, _) in _TCVN3_ROWS.items() if code is not None}

# --- VNI ---------------------------------------------------------------------------------------

_VNI_TONE = {"lower": (0xF8, 0xFB, 0xF5, 0xF9, 0xEF), "upper": (0xD8, 0xDB, 0xD5, 0xD9, 0xCF)}
_VNI_CIRCUMFLEX = {"lower": 0xE2, "upper": 0xC2}
_VNI_CIRCUMFLEX_TONE = {
    "lower": (0xE0, 0xE5, 0xE3, 0xE1, 0xE4),
    "upper": (0xC0, 0xC5, 0xC3, 0xC1, 0xC4),
}
_VNI_BREVE = {"lower": 0xEA, "upper": 0xCA}
_VNI_BREVE_TONE = {"lower": (0xE8, 0xFA, 0xFC, 0xE9, 0xEB), "upper": (0xC8, 0xDA, 0xDC, 0xC9, 0xCB)}
_VNI_Y_DOT = {"lower": 0xEE, "upper": 0xCE}
# single-byte letters: ơ ư đ and the toned i (grave, hook, tilde, acute, dot)
_VNI_SINGLE = {
    "ơ": 0xF4,
    "Ơ": 0xD4,
    "ư": 0xF6,
    "Ư": 0xD6,
    "đ": 0xF1,
    "Đ": 0xD1,
    **dict(zip(("ì", "ỉ", "ĩ", "í", "ị"), (0xEC, 0xE6, 0xF3, 0xED, 0xF2), strict=True)),
    **dict(zip(("Ì", "Ỉ", "Ĩ", "Í", "Ị"), (0xCC, 0xC6, 0xD3, 0xCD, 0xD2), strict=True)),
}


def _build_vni() -> dict[tuple[str, int], str]:
    """(base character, mark byte) → letter, for every base that takes a mark byte."""
    table: dict[tuple[str, int], str] = {}
    for case in ("lower", "upper"):
        for base in "aeiouy" + "ơư":
            letter = base.upper() if case == "upper" else base
            for tone, code in zip(_TONES, _VNI_TONE[case], strict=True):
                table[(letter, code)] = unicodedata.normalize("NFC", letter + tone)
        for base in "aeo":
            letter = base.upper() if case == "upper" else base
            table[(letter, _VNI_CIRCUMFLEX[case])] = unicodedata.normalize("NFC", letter + "\u0302")
            for tone, code in zip(_TONES, _VNI_CIRCUMFLEX_TONE[case], strict=True):
                table[(letter, code)] = unicodedata.normalize("NFC", letter + "\u0302" + tone)
        letter = "A" if case == "upper" else "a"
        table[(letter, _VNI_BREVE[case])] = unicodedata.normalize("NFC", letter + "\u0306")
        for tone, code in zip(_TONES, _VNI_BREVE_TONE[case], strict=True):
            table[(letter, code)] = unicodedata.normalize("NFC", letter + "\u0306" + tone)
        letter = "Y" if case == "upper" else "y"
        table[(letter, _VNI_Y_DOT[case])] = unicodedata.normalize("NFC", letter + "\u0323")
    return table


_VNI_PAIRS = _build_vni()
_VNI_ENCODE_PAIRS: dict[str, tuple[str, int]] = {}
for _key, _letter in _VNI_PAIRS.items():
    # y with a dot below is written with its own mark byte, not the general one
    if _letter in "ỵỴ" and _key[1] in (0xEF, 0xCF):
        continue
    _VNI_ENCODE_PAIRS.setdefault(_letter, _key)
_VNI_USED = frozenset(_VNI_SINGLE.values()) | {code for _, code in _VNI_PAIRS}
_VNI_SINGLE_DECODE = {code: letter for letter, code in _VNI_SINGLE.items()}
_VNI_MARKS = frozenset(code for _, code in _VNI_PAIRS)
_VNI_CASE_SWAP: dict[int, int] = {}
for _lower, _upper in [
    *zip(_VNI_TONE["lower"], _VNI_TONE["upper"], strict=True),
    *zip(_VNI_CIRCUMFLEX_TONE["lower"], _VNI_CIRCUMFLEX_TONE["upper"], strict=True),
    *zip(_VNI_BREVE_TONE["lower"], _VNI_BREVE_TONE["upper"], strict=True),
    *((g["lower"], g["upper"]) for g in (_VNI_CIRCUMFLEX, _VNI_BREVE, _VNI_Y_DOT)),
]:
    _VNI_CASE_SWAP[_lower], _VNI_CASE_SWAP[_upper] = _upper, _lower

# --- bytes as characters -------------------------------------------------------------------------

CP1252_SPECIAL = {
    char: byte
    for byte in range(0x80, 0xA0)
    for char in [bytes([byte]).decode("cp1252", errors="ignore")]
    if char
}


def ansi_byte(char: str) -> int | None:
    """The byte a Windows-1252 font shows as ``char`` (C1 controls stand for themselves)."""
    code = ord(char)
    if code < 0x100:
        return code
    return CP1252_SPECIAL.get(char)


def ansi_text(data: bytes) -> str:
    """Bytes as a Windows-1252 program shows them; the five unassigned bytes stay as C1 codes."""
    return data.decode("cp1252", errors="surrogateescape").translate(_SURROGATE_TO_C1)


_SURROGATE_TO_C1 = {0xDC00 + b: b for b in range(0x80, 0xA0)}

_CASE_GUESS_LIMIT = 2_000_000
# every legacy code used here is >= 0xA0, where Windows-1252 and Unicode agree
_TCVN3_TRANSLATE = {code: char for code, char in TCVN3_TO_UNICODE.items()}
_TCVN3_CASELESS_CHARS = frozenset(chr(code) for code in _TCVN3_CASELESS)
_TCVN3_CASELESS_RE = re.compile("[" + "".join(sorted(_TCVN3_CASELESS_CHARS)) + "]")
_VNI_RE = re.compile(
    "([aeiouyAEIOUY"
    + "".join(chr(_VNI_SINGLE[c]) for c in "ơƠưƯ")
    + "])(["
    + "".join(chr(code) for code in sorted(_VNI_MARKS))
    + "])|(["
    + "".join(chr(code) for code in sorted(_VNI_SINGLE_DECODE))
    + "])"
)

# --- decoding --------------------------------------------------------------------------------------


def tcvn3_to_unicode(text: str, *, capitals: bool = False, guess_case: bool = False) -> str:
    """Convert TCVN3 characters (bytes shown as Windows-1252) to Unicode.

    ``capitals`` is for text in an all-capitals font (".VnTimeH"): every letter
    is then a capital; otherwise the font says the toned vowels are small.
    ``guess_case`` is for text whose font is unknown (plain text): a toned
    vowel's case is then guessed from its word and line (``_restore_capitals``).
    """
    converted = text.translate(_TCVN3_TRANSLATE)
    if capitals:
        return converted.upper()
    if not guess_case or _TCVN3_CASELESS_RE.search(text) is None:
        return converted
    # past the first 2 million characters (far beyond any real document) case is left as read,
    # so a 50 MB file costs seconds, not minutes
    head = _CASE_GUESS_LIMIT
    return _restore_capitals(text[:head], converted[:head]) + converted[head:]


def tcvn3_bytes_to_unicode(data: bytes) -> str:
    """Decode TCVN3 bytes (e.g. a .txt saved by an old system)."""
    return tcvn3_to_unicode(ansi_text(data), guess_case=True)


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows characters (bytes shown as Windows-1252) to Unicode."""
    return _VNI_RE.sub(_vni_letter, text)


def _vni_letter(match: re.Match[str]) -> str:
    if match[3] is not None:
        return _VNI_SINGLE_DECODE[ord(match[3])]
    base = _VNI_SINGLE_DECODE.get(ord(match[1]), match[1])
    mark = ord(match[2])
    letter = _VNI_PAIRS.get((base, mark)) or _VNI_PAIRS.get((base, _VNI_CASE_SWAP.get(mark, 0)))
    return letter if letter is not None else base + match[2]


def vni_bytes_to_unicode(data: bytes) -> str:
    """Decode VNI-Windows bytes."""
    return vni_to_unicode(ansi_text(data))


_WORD = re.compile(r"\w+")


def _restore_capitals(original: str, converted: str) -> str:
    """Give TCVN3's caseless toned vowels the case their word, line or sentence shows.

    A word with a capital after its first letter and no small letter is all
    capitals ("§¶NG" → "ĐẢNG", "ñY" → "ỦY"); a word that does not tell
    ("Sè", "ë") follows the nearest word on its line that does, and otherwise
    starts with a capital only at the start of a line or a sentence. A capital
    inside mixed-case text ("Ủy ban" mid-sentence) cannot be told and stays small.
    ``original`` and ``converted`` have the same length (one character each).
    """
    out: list[str] = []
    for line, new in zip(original.split("\n"), converted.split("\n"), strict=True):
        out.append(_restore_line(line, new) if _TCVN3_CASELESS_RE.search(line) else new)
    return "\n".join(out)


def _restore_line(line: str, new: str) -> str:
    # (start, end, verdict, has caseless): verdict True = capitals, False = small, None = untold
    words: list[tuple[int, int, bool | None, bool]] = []
    for match in _WORD.finditer(new):
        word = line[match.start() : match.end()]
        masked = _TCVN3_CASELESS_RE.sub("\x00", word)
        has_caseless = masked != word
        told = masked.translate(_TCVN3_TRANSLATE)
        verdict: bool | None = None
        if told.upper() != told:
            verdict = False
        elif told[1:].lower() != told[1:]:
            verdict = True
        # "KH", "ĐUK", "TU", "UBND" are capitals in any line; only real words tell
        if verdict and not has_caseless and (len(word) < 3 or not is_vietnamese_syllable(told)):
            verdict = None
        words.append((match.start(), match.end(), verdict, has_caseless))
    nearest = _nearest_told([verdict for _, _, verdict, _ in words])
    chars = list(new)
    previous_end = 0
    for i, (lo, hi, verdict, has_caseless) in enumerate(words):
        gap = line[previous_end:lo]
        previous_end = hi
        if not has_caseless:
            continue
        if verdict is None:
            verdict = nearest[i]
        if verdict:
            chars[lo:hi] = new[lo:hi].upper()
        elif line[lo] in _TCVN3_CASELESS_CHARS:
            first = i == 0 and not gap.strip(" -+•*\t")
            if first or _SENTENCE_END.search(gap):
                chars[lo] = chars[lo].upper()
    return "".join(chars)


def _nearest_told(verdicts: list[bool | None]) -> list[bool | None]:
    """For each word, the verdict of the nearest word that has one (the earlier on a tie)."""
    n = len(verdicts)
    before: list[tuple[int, bool] | None] = [None] * n
    after: list[tuple[int, bool] | None] = [None] * n
    last: tuple[int, bool] | None = None
    for i, verdict in enumerate(verdicts):
        if verdict is not None:
            last = (i, verdict)
        before[i] = last
    last = None
    for i in range(n - 1, -1, -1):
        if verdicts[i] is not None:
            last = (i, verdicts[i])  # type: ignore[assignment]
        after[i] = last
    out: list[bool | None] = []
    for i in range(n):
        b, a = before[i], after[i]
        if b is None and a is None:
            out.append(None)
        elif a is None or (b is not None and i - b[0] <= a[0] - i):
            out.append(b[1])  # type: ignore[index]
        else:
            out.append(a[1])
    return out


_SENTENCE_END = re.compile(r"[.!?][\s\"'“”)]*\s$")


# --- encoding (for tests and test fixtures) ------------------------------------------------------------


def unicode_to_tcvn3_runs(text: str) -> list[tuple[str, bool]]:
    """Encode as TCVN3 characters, split into runs: (text, needs an all-capitals font).

    A capital with a tone has no TCVN3 code, so it is written with the
    lower-case code in a run marked for the capitals font (".VnTimeH").
    Raises ``ValueError`` for a character TCVN3 cannot write.
    """
    runs: list[tuple[str, bool]] = []
    for char in unicodedata.normalize("NFC", text):
        code = _UNICODE_TO_TCVN3.get(char)
        capital = False
        if code is None and char.isupper() and char.lower() in _UNICODE_TO_TCVN3:
            lower_code = _UNICODE_TO_TCVN3[char.lower()]
            if lower_code in _TCVN3_CASELESS:
                code, capital = lower_code, True
        if code is not None:
            encoded = chr(code)
        elif ansi_byte(char) is not None and ansi_byte(char) not in TCVN3_TO_UNICODE:
            encoded = char
        else:
            raise ValueError(f"TCVN3 has no code for {char!r}")
        if runs and runs[-1][1] == capital:
            runs[-1] = (runs[-1][0] + encoded, capital)
        else:
            runs.append((encoded, capital))
    return runs


def unicode_to_tcvn3(text: str) -> bytes:
    """Encode as TCVN3 bytes; capitals with a tone become their lower-case code (as plain text does)."""
    return _ansi_bytes("".join(run for run, _ in unicode_to_tcvn3_runs(text)))


def unicode_to_vni(text: str) -> str:
    """Encode as VNI-Windows characters (bytes shown as Windows-1252)."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char in _VNI_SINGLE:
            out.append(bytes([_VNI_SINGLE[char]]).decode("cp1252"))
        elif char in _VNI_ENCODE_PAIRS:
            base, mark = _VNI_ENCODE_PAIRS[char]
            single = _VNI_SINGLE.get(base)
            base_text = bytes([single]).decode("cp1252") if single is not None else base
            out.append(base_text + bytes([mark]).decode("cp1252"))
        elif ansi_byte(char) is not None and ansi_byte(char) not in _VNI_USED:
            out.append(char)
        else:
            raise ValueError(f"VNI has no code for {char!r}")
    return "".join(out)


def unicode_to_vni_bytes(text: str) -> bytes:
    """Encode as VNI-Windows bytes."""
    return _ansi_bytes(unicode_to_vni(text))


def _ansi_bytes(text: str) -> bytes:
    return bytes(ansi_byte(c) or 0x3F for c in text)


# --- fonts -------------------------------------------------------------------------------------------


def font_encoding(font: str | None) -> str | None:
    """ "tcvn3" for a ".Vn…" font, "vni" for a "VNI-…" font, else None."""
    if not font:
        return None
    name = font.strip()
    if name[:3].lower() == ".vn":
        return "tcvn3"
    if name[:4].upper() in ("VNI-", "VNI_"):
        return "vni"
    return None


def capitals_font(font: str | None) -> bool:
    """True for TCVN3's all-capitals fonts, named with a trailing "H" (".VnTimeH", ".VnArialH")."""
    return font is not None and font_encoding(font) == "tcvn3" and font.strip().endswith("H")


def convert_runs(runs: Iterable[tuple[str, str | None]]) -> str:
    """Join (text, font) runs, converting those in a legacy font; neighbours in one font join first.

    A VNI letter's mark may sit in the next run when Word split the runs.
    """
    out: list[str] = []
    pending: list[str] = []
    pending_key: tuple[str | None, bool] = (None, False)

    def flush() -> None:
        chunk = "".join(pending)
        encoding, capitals = pending_key
        if encoding == "tcvn3":
            out.append(tcvn3_to_unicode(chunk, capitals=capitals))
        elif encoding == "vni":
            out.append(vni_to_unicode(chunk))
        else:
            out.append(chunk)
        pending.clear()

    for text, font in runs:
        key = (font_encoding(font), capitals_font(font))
        if key != pending_key:
            flush()
            pending_key = key
        pending.append(text)
    flush()
    return "".join(out)


# --- Vietnamese spelling (tells real words from mis-decoded ones) ----------------------------

_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
# vowel groups ending in a glide take no final consonant; the others may
_OPEN = "iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyu ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu"
_CLOSABLE = "uyê iê yê oa oă oe uâ uê uô uơ ươ uy a ă â e ê i o ô ơ u ư y"
_SYLLABLE = re.compile(
    rf"(?:{_ONSET})?(?:(?:{'|'.join(_OPEN.split())})"
    rf"|(?:{'|'.join(_CLOSABLE.split())})(?P<coda>ch|nh|ng|c|m|n|p|t)?)"
)
_STOP_TONES = frozenset(("\u0301", "\u0323"))  # a syllable ending in p, t, c, ch is sharp or heavy


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` is spelled like one Vietnamese syllable (at most one tone)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_SET]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_SET))
    match = _SYLLABLE.fullmatch(bare)
    if match is None:
        return False
    coda = match.group("coda")
    return not (coda in ("p", "t", "c", "ch") and not (tones and tones[0] in _STOP_TONES))
