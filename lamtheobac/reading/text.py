"""Normalising text and walking it line by line, with offsets kept.

All spans in an ``Extraction`` point into the text returned by ``normalise``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

_DROP = dict.fromkeys(
    [0xFEFF, 0x200B, 0x200C, 0x200D, 0x2060, 0x00AD]
    + [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D)]
    + [0x7F]
)
_DROP_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _DROP) + "]")
_SPACES_RE = re.compile("[\t\u00a0\u202f\u2007\u3000]")
_BLANK_RUN = re.compile(r"\n(?:[ ]*\n){3,}")


def normalise(text: str) -> str:
    """NFC; CR LF, CR, VT, FF and U+2028/9 to ``\\n``; tabs and no-break spaces to spaces.

    Zero-width characters, soft hyphens and other control characters are
    dropped; more than two blank lines in a row become two. Line structure is kept
    (docs/domain.md §5: text is stored NFC).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\x0b\x0c\u2028\u2029\x85]", "\n", text)
    text = _DROP_RE.sub("", text)  # a regex, not str.translate: linear and fast on 10 MB
    text = _SPACES_RE.sub(" ", text)
    # more than two blank lines in a row say no more than two; a text of nothing but line
    # breaks would otherwise cost every line-walking step a line each (issue 10 §4)
    text = _BLANK_RUN.sub("\n\n\n", text)
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Line:
    """One line of the text: its content and where it starts (``end`` excludes ``\\n``)."""

    index: int
    start: int
    end: int
    raw: str

    @cached_property
    def text(self) -> str:
        """The line without markdown emphasis stars, table bars and outer spaces."""
        return clean_inline(self.raw)

    @property
    def blank(self) -> bool:
        return not self.text

    def content_span(self) -> tuple[int, int]:
        """Span of the line without outer spaces and emphasis stars."""
        return trim_span(self.raw, self.start)


def split_lines(text: str) -> list[Line]:
    """Split normalised text into ``Line`` records with absolute offsets."""
    lines: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        lines.append(Line(i, pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


_EMPH_OPEN = re.compile(r"(?<![\w*])\*{1,3}(?=[^\s*])")
_EMPH_CLOSE = re.compile(r"(?<=[^\s*])\*{1,3}(?![\w*])")


def clean_inline(value: str) -> str:
    """Drop markdown emphasis (``**x**``, ``*x*``), table bars, and squeeze spaces.

    A leading bullet star followed by a space ("* Đánh giá chung") is kept.
    """
    if "*" in value:  # most lines have no emphasis: two substitutions saved a line
        value = _EMPH_OPEN.sub("", value)
        value = _EMPH_CLOSE.sub("", value)
    if "|" in value:
        value = value.replace("|", " ")
    return " ".join(value.split())


def trim_span(raw: str, offset: int) -> tuple[int, int]:
    """Span of ``raw`` (starting at ``offset``) without outer spaces, stars and bars.

    A bullet star followed by a space is kept, as ``clean_inline`` keeps it.
    """
    start, end = 0, len(raw)
    while start < end:
        char = raw[start]
        if char.isspace() or char == "|":
            start += 1
        elif char == "*":
            stars_end = start
            while stars_end < end and raw[stars_end] == "*":
                stars_end += 1
            if stars_end < end and raw[stars_end] == " ":
                break
            start = stars_end
        else:
            break
    while end > start and (raw[end - 1].isspace() or raw[end - 1] in "*|"):
        end -= 1
    return offset + start, offset + end


def squeeze(value: str) -> str:
    """Collapse runs of whitespace (including newlines) to one space."""
    return " ".join(value.split())


def shorten(value: str, limit: int = 200) -> str:
    """``value`` cleaned and cut at a word boundary to at most ``limit`` characters."""
    value = clean_inline(value[: limit * 4])  # what is cut anyway is not cleaned
    if len(value) <= limit:
        return value
    cut = value[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "…"


def is_upper_line(value: str) -> bool:
    """True when the line has letters and none of them is lower case."""
    return not any(c.islower() for c in value) and any(c.isalpha() for c in value)
