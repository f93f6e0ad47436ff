"""Render the third unseen split's texts as .docx, .pdf (text layer) and a scanned .pdf.

Issue 10, point 1. The Word and PDF renderings reuse the second split's renderer
(``../unseen2/render_unseen2.py``: header and closing rebuilt as two-column borderless tables
from tabs or the widest run of spaces, tab rows as Word tables, wrapped PDF body lines joined;
``.pdf`` through LibreOffice headless). ``SCANS`` texts become image-only PDFs: each line is
drawn in DejaVu Sans Mono at 200 dpi on A4 pages (spaces kept, so columns stay where the text
puts them) and the pages are saved as a PDF with no text layer, which the reader must OCR.

A rendering shares its text's gold (``NAME.gold.json``). Run from the repository root:
``.venv/bin/python lamtheobac/reading/corpus/unseen3/render_unseen3.py``.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
_SPEC = importlib.util.spec_from_file_location(
    "render_unseen2", HERE.parent / "unseen2" / "render_unseen2.py"
)
assert _SPEC is not None and _SPEC.loader is not None
base: Any = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(base)
base.HERE = HERE
base.TITLES = (*base.TITLES, "CHỈ THỊ", "KẾT LUẬN")

DOCX = [
    "w01_kh_tinh_uy_tab_word",
    "w08_hd_btg_huyen_uy_de_cuong_word",
    "w10_state_kh_ubnd_huyen_so_trong_word",
    "w12_ctr_dang_uy_khoi_bang_word",
    "w14_qd_dang_uy_co_so_cong_ty_word",
]
PDF = [
    "w01_kh_tinh_uy_tab_word",
    "w03_state_qd_ubnd_tinh_pdf_mat_gach",
    "w07_bc_chi_bo_truong_pdf_loi_font",
    "w09_cv_dang_uy_khoi_pdf_cot_dan",
    "w13_state_bc_so_noi_vu_pdf",
]
SCANS = ["w06_kl_tinh_uy_ocr_scan"]

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
PAGE = (1654, 2339)  # A4 at 200 dpi
MARGIN = 120
LINE = 44
SIZE = 26


def render_scan(name: str) -> None:
    """Draw NAME.txt line by line on A4 images; save them as an image-only NAME.pdf."""
    font = ImageFont.truetype(FONT, SIZE)
    lines = (HERE / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    per_page = (PAGE[1] - 2 * MARGIN) // LINE
    pages = []
    for start in range(0, len(lines), per_page):
        image = Image.new("L", PAGE, 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines[start : start + per_page]):
            draw.text((MARGIN, MARGIN + row * LINE), line.expandtabs(8), font=font, fill=0)
        pages.append(image)
    pages[0].save(HERE / f"{name}.pdf", save_all=True, append_images=pages[1:], resolution=200)


def main() -> None:
    for name in DOCX:
        base.build(name, pdf_layout=False).save(str(HERE / f"{name}.docx"))
    for name in SCANS:
        render_scan(name)
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) không có trên máy: không tạo được .pdf")
    with tempfile.TemporaryDirectory() as tmp:
        for name in PDF:
            source = Path(tmp) / f"{name}.docx"
            base.build(name, pdf_layout=not name.endswith("_word")).save(str(source))
            subprocess.run(  # noqa: S603 - fixed argv: soffice from PATH, our own file names
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(HERE), str(source)],
                check=True,
                capture_output=True,
            )


if __name__ == "__main__":
    main()
