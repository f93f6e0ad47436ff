"""Scans built in the test: text drawn on page images with a Vietnamese-capable font."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
_PAGE = (2480, 3508)  # A4 at 300 dpi
_MARGIN = 200
_SIZE = 40  # pixels: 9.6 pt at 300 dpi


def _wrap(draw: Any, font: Any, line: str, width: int) -> list[str]:
    words, out, current = line.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if current and draw.textlength(trial, font=font) > width:
            out.append(current)
            current = word
        else:
            current = trial
    return [*out, current] if current else [""]


def page_images(text: str) -> list[Any]:
    """``text`` (markdown stars dropped) drawn line by line, wrapped, on A4 pages at 300 dpi."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), _SIZE)
    pages: list[Any] = []
    draw: Any = None
    y = _PAGE[1]
    for raw in re.sub(r"\*+", "", text).splitlines():
        for line in _wrap(
            ImageDraw.Draw(Image.new("L", (1, 1))), font, raw.strip(), _PAGE[0] - 2 * _MARGIN
        ):
            if y + _SIZE * 1.5 > _PAGE[1] - _MARGIN:
                pages.append(Image.new("L", _PAGE, 255))
                draw = ImageDraw.Draw(pages[-1])
                y = _MARGIN
            draw.text((_MARGIN, y), line, font=font, fill=0)
            y += int(_SIZE * 1.5)
    return pages


def scan_pdf(text: str) -> bytes:
    """An image-only PDF of ``text`` (no text layer), one image per page."""
    pages = page_images(text)
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=300)
    return out.getvalue()


def scan_png(text: str) -> bytes:
    """The first page of ``text`` as a PNG."""
    out = io.BytesIO()
    page_images(text)[0].save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()
