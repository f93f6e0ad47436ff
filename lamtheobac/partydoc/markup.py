"""A plain-text body that staff can edit before download, and its rendering (§9).

One line per paragraph. A line starting ``# `` is a level-1 heading ("I- KẾT QUẢ"), ``## ``
level 2, ``### `` level 3; ``**Label:** text`` opens with a bold label (a unit's
contribution); ``_text_`` is an italic paragraph; blank lines are ignored. Everything else is
an ordinary body paragraph. The headings carry their own numbering, as the writer prints it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .document import PartyDocument
from .text import one_line

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_LABEL = re.compile(r"^\*\*(.+?)\*\*\s*(.*)$")
_ITALIC = re.compile(r"^_(.+)_$")


def heading(text: str, level: int) -> str:
    return f"{'#' * level} {text.strip()}"


def labelled(label: str, text: str) -> str:
    """One line: the label in bold, then the text with its line breaks folded into spaces."""
    return f"**{label.strip()}** {one_line(text)}"


def italic(text: str) -> str:
    return f"_{one_line(text)}_"


def render(
    doc: PartyDocument, text: str, *, blocks: Mapping[str, Callable[[], None]] | None = None
) -> None:
    """Write ``text`` (the markup above) into ``doc``'s body, in order.

    A line equal to a key of ``blocks`` (e.g. "[BẢNG TÌNH HÌNH GỬI BÁO CÁO]") calls its
    function there, which writes a generated block such as a table; each runs at most once
    and, if the line was deleted, at the end.
    """
    pending = dict(blocks or {})
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line in pending:
            pending.pop(line)()
        elif match := _HEADING.match(line):
            doc.heading(match[2], level=len(match[1]))
        elif match := _LABEL.match(line):
            doc.labelled(match[1] + " ", match[2])
        elif match := _ITALIC.match(line):
            doc.paragraph(match[1], italic=True)
        else:
            doc.paragraph(line)
    for write in pending.values():
        write()
