"""Seeds re-laid-out as others' tools flatten them (issue 10 §2): two-column header and
closing tables written as tab-, space- or bar-separated rows, in .txt, .docx and .pdf."""

from __future__ import annotations

import io
import re
from itertools import zip_longest

import docx

from lamtheobac.reading.tests.builders import make_placed_pdf

_RIGHT = re.compile(r"^(?:ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA|Độc lập|[^\W\d_][^,]{0,40}, ngày \d)")
_AUTHORITY = re.compile(r"^(?:T/M|K/T|T/L|TM\.|KT\.|TL\.)")


def _strip(line: str) -> str:
    return re.sub(r"\*\*", "", line).strip()


def blocks(text: str) -> tuple[list[str], list[str], list[str], list[str], list[str], list[str]]:
    """(header left, header right, middle lines, closing left, closing right, rest)."""
    lines = text.splitlines()
    number = next(i for i, ln in enumerate(lines) if ln.strip().startswith("Số"))
    dated = next(i for i, ln in enumerate(lines) if ", ngày " in ln and i < number + 8)
    head_end = max(number, dated) + 1
    left = [_strip(ln) for ln in lines[:head_end] if ln.strip() and not _RIGHT.match(ln.strip())]
    right = [_strip(ln) for ln in lines[:head_end] if ln.strip() and _RIGHT.match(ln.strip())]
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith("Nơi nhận"))
    authority = next(i for i in range(start, len(lines)) if _AUTHORITY.match(_strip(lines[i])))
    signer: list[str] = []
    end = authority
    for i in range(authority, len(lines)):
        for piece in _strip(lines[i]).split("\n"):
            if piece:
                signer.append(piece)
        end = i + 1
        if len(signer) >= 3:
            break
    recipients = [_strip(ln) for ln in lines[start:authority] if ln.strip()]
    return left, right, lines[head_end:start], recipients, signer, lines[end:]


def rows(left: list[str], right: list[str]) -> list[tuple[str, str]]:
    return [(a or "", b or "") for a, b in zip_longest(left, right)]


def _join(row: tuple[str, str], style: str) -> str:
    left, right = row
    if not right:
        return left
    if style == "tabs":
        return f"{left}\t\t{right}"
    if style == "spaces":
        return f"{left:<44}      {right}"
    return f"| {left} | {right} |"


def relayout(text: str, style: str) -> str:
    """``text`` with its header and closing as two-column rows in ``style``
    ("tabs" as copied from Word, "spaces" as a PDF's layout, "bars" as a web table)."""
    h_left, h_right, middle, c_left, c_right, rest = blocks(text)
    out = [_join(row, style) for row in rows(h_left, h_right)]
    out += middle
    out += [_join(row, style) for row in rows(c_left, c_right)]
    out += rest
    return "\n".join(out)


def relayout_docx(text: str) -> bytes:
    """The tab layout as Word paragraphs (each tab a ``w:tab``)."""
    document = docx.Document()
    for line in relayout(text, "tabs").splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def relayout_pdf(text: str) -> bytes:
    """A PDF whose header and closing rows put their two cells side by side on one
    baseline (left cell at 40 pt, right cell at 330 pt), as a Word table prints."""
    h_left, h_right, middle, c_left, c_right, rest = blocks(text)
    placed: list[tuple[str, str]] = [
        *rows(h_left, h_right),
        *((ln, "") for ln in middle),
        *rows(c_left, c_right),
        *((ln, "") for ln in rest),
    ]
    placed = [(_strip(a).replace("\t", " "), _strip(b)) for a, b in placed]
    height = 60 + 14 * len(placed)
    items = [
        (x, height - 40 - 14 * k, cell)
        for k, (left, right) in enumerate(placed)
        for x, cell in ((40, left), (330, right))
        if cell
    ]
    return make_placed_pdf(items, width=2000, height=height)
