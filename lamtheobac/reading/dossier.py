"""Dossier items: the documents a nomination must carry ("Hồ sơ … gồm: …").

The list after the colon is split at top level (never inside parentheses):
on ";" when the writer used semicolons (commas then stay inside items, as
in "Tờ trình của chi ủy, đảng ủy cơ sở"); otherwise on "," with the last
item introduced by "và", which keeps "của tập thể, cá nhân" whole
(59-KH/ĐUK §II.3.2.d). The list ends with the sentence or where the text
turns to sending it ("gửi về …", "trước ngày …"). A list set out one item
a line ("- Tờ trình …;") is read line by line.
"""

from __future__ import annotations

import re

from .model import DossierItem, Span
from .text import clean_inline, trim_span

_HEAD = re.compile(r"\bHồ\s+sơ\b[^:\n]{0,160}?\b(?:bao\s+gồm|gồm\s+có|gồm)\s*:", re.IGNORECASE)
_STOP = re.compile(
    r"\s+(?:gửi|nộp|chuyển)\s+(?:về|đến|tới|cho|lên|qua)\b|\s+(?:trước|chậm\s+nhất)\s+ngày\b"
    r"|\.(?=\s|$)|\n",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[\s*]*(?:[-–+•]|\d{1,2}[.)]|[a-zđ][.)])[\s*]+", re.IGNORECASE)


def _top_level(segment: str, separator: str) -> list[tuple[int, int]]:
    """(start, end) pieces of ``segment`` split on ``separator`` outside parentheses."""
    pieces: list[tuple[int, int]] = []
    depth = 0
    start = 0
    i = 0
    while i < len(segment):
        char = segment[i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and segment.startswith(separator, i):
            pieces.append((start, i))
            start = i + len(separator)
            i = start
            continue
        i += 1
    pieces.append((start, len(segment)))
    return pieces


def _item(text: str, start: int, end: int) -> DossierItem | None:
    raw = text[start:end]
    lead = re.match(r"[\s*]*(?:và\s+)?", raw)
    skip = lead.end() if lead else 0
    while end > start + skip and text[end - 1] in " *,;.:":
        end -= 1
    span: Span = trim_span(text[start + skip : end], start + skip)
    value = clean_inline(text[span[0] : span[1]])
    return DossierItem(value, span) if value else None


def _split(text: str, lo: int, hi: int) -> list[DossierItem]:
    segment = text[lo:hi]
    items: list[DossierItem] = []
    if _top_level(segment, ";")[1:]:
        pieces = _top_level(segment, ";")
    else:
        pieces = []
        first_and = next(
            (s for s, _ in _top_level(segment, " và ")[1:] if _top_level(segment[:s], ",")[1:]),
            None,
        )
        head_end = first_and - len(" và ") if first_and is not None else len(segment)
        pieces = _top_level(segment[:head_end], ",")
        if first_and is not None:
            pieces.append((first_and, len(segment)))
    for start, end in pieces:
        item = _item(text, lo + start, lo + end)
        if item is not None:
            items.append(item)
    return items


def _bullets(text: str, pos: int, hi: int) -> list[DossierItem]:
    items: list[DossierItem] = []
    start = pos
    for raw in text[pos:hi].split("\n"):
        line_start, start = start, start + len(raw) + 1
        if not raw.strip(" *|"):
            continue
        bullet = _BULLET.match(raw)
        if bullet is None:
            break
        item = _item(text, line_start + bullet.end(), line_start + len(raw))
        if item is not None:
            items.append(item)
    return items


def find_dossier_items(text: str, lo: int, hi: int) -> list[DossierItem]:
    """Dossier items listed in ``text[lo:hi]`` (the body); spans are absolute."""
    found: list[DossierItem] = []
    for head in _HEAD.finditer(text, lo, hi):
        start = head.end()
        line_end = text.find("\n", start, hi)
        line_end = hi if line_end < 0 else line_end
        if not text[start:line_end].strip(" *"):
            found.extend(_bullets(text, line_end + 1, hi))
            continue
        stop = _STOP.search(text, start, line_end)
        found.extend(_split(text, start, stop.start() if stop else line_end))
    return found
