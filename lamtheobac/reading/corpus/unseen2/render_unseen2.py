"""Render the second unseen split's texts as .docx and .pdf (issue 10, point 1).

Written by the helper that wrote the split, without reading the reader or the first split's
renderer. For each text named in ``DOCX`` or ``PDF`` below:

- the header (every line before the kind title, e.g. "KẾ HOẠCH") and the closing (from
  "Nơi nhận:" to the signer's name, taken from ``NAME.gold.json``) become two-column
  borderless tables, as clerks lay them out in Word; a line is split into its two columns
  at tabs (Word copies) or at its widest run of three or more spaces (PDF text layers); a
  line with one piece goes to the right column when the piece starts at column 40 or later
  (PDF) or follows a leading tab (Word);
- body lines with three or more tab-separated cells become a Word table;
- for PDF texts, wrapped body lines are joined back into paragraphs (an indented line starts
  a new paragraph) and bare page numbers are dropped;
- ``NAME.docx`` is written with python-docx; ``NAME.pdf`` is converted from a temporary
  .docx by LibreOffice (``soffice --headless --convert-to pdf``).

A rendering shares its text's gold (``NAME.gold.json``). Run from the repository root:
``.venv/bin/python lamtheobac/reading/corpus/unseen2/render_unseen2.py``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

DOCX = [
    "v01_kh_huyen_uy_tab_word",
    "v03_state_kh_ubnd_xa_so_trong_word",
    "v06_state_hd_mttq_huyen_word",
    "v09_ttr_btg_huyen_uy_word",
    "v11_ctr_dang_uy_phuong_bang_word",
    "v13_state_cv_phong_vhtt_word",
    "v15_hd_dang_uy_xa_de_cuong_word",
    "v19_kh_hoi_phu_nu_huyen_word",
    "v21_state_bc_ubnd_huyen_bang_word",
    "v24_tb_chi_bo_thon_ky_xuong_dong_word",
    "v28_kh_dang_uy_benh_vien_word",
    "v32_bc_dang_uy_xa_moi_word",
]
PDF = [
    "v01_kh_huyen_uy_tab_word",
    "v02_cv_btg_tinh_uy_pdf",
    "v05_qd_dang_uy_xa_pdf",
    "v08_state_kh_ban_chi_dao_pdf",
    "v12_kh_chi_bo_truong_pdf",
    "v16_kh_huyen_doan_pdf",
    "v18_state_qd_ubnd_tinh_pdf",
    "v22_kh_thanh_uy_dai_pdf",
    "v25_hd_quan_uy_gian_chu_pdf",
    "v29_cv_btg_dv_tinh_uy_cot_dao_pdf",
]

TITLES = (
    "KẾ HOẠCH",
    "HƯỚNG DẪN",
    "H Ư Ớ N G",
    "BÁO CÁO",
    "THÔNG BÁO",
    "QUYẾT ĐỊNH",
    "TỜ TRÌNH",
    "CHƯƠNG TRÌNH",
    "Kính gửi",
)
RIGHT_COLUMN = 40
GAP = re.compile(r" {3,}")


def split_columns(line: str) -> tuple[str, str]:
    """Split one flattened header/closing line into (left, right) cell text."""
    if "\t" in line:
        parts = re.split(r"\t+", line)
        if parts[0].strip() == "":
            return "", " ".join(p.strip() for p in parts[1:]).strip()
        return parts[0].strip(), " ".join(p.strip() for p in parts[1:]).strip()
    stripped = line.strip()
    if not stripped:
        return "", ""
    indent = len(line) - len(line.lstrip(" "))
    gaps = list(GAP.finditer(stripped))
    if not gaps:
        return ("", stripped) if indent >= RIGHT_COLUMN else (stripped, "")
    widest = max(gaps, key=lambda m: m.end() - m.start())
    return stripped[: widest.start()].strip(), stripped[widest.end() :].strip()


def is_title(line: str) -> bool:
    text = line.strip()
    return any(text.startswith(t) for t in TITLES) and (
        text.isupper() or text.startswith("Kính gửi")
    )


def closing_bounds(lines: list[str], signer: str) -> tuple[int, int]:
    """Index of the 'Nơi nhận:' line and of the last line holding the signer's name."""
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Nơi nhận:"))
    last_word = signer.split()[-1]
    end = next(i for i in range(start, len(lines)) if last_word in lines[i])
    return start, end


def join_pdf_body(lines: list[str]) -> list[str]:
    """Join wrapped PDF body lines into paragraphs; drop bare page numbers."""
    paragraphs: list[str] = []
    for line in lines:
        text = line.strip()
        if not text or text.isdigit():
            continue
        indented = len(line) - len(line.lstrip(" ")) >= 4
        if paragraphs and not indented and not text.startswith("- "):
            joiner = "" if paragraphs[-1].endswith("-") else " "
            paragraphs[-1] = paragraphs[-1] + joiner + text
        else:
            paragraphs.append(text)
    return paragraphs


def add_two_column_table(doc: DocxDocument, rows: list[tuple[str, str]]) -> None:
    left = [r[0] for r in rows if r[0]]
    right = [r[1] for r in rows if r[1]]
    table = doc.add_table(rows=1, cols=2)
    for cell, texts, align in (
        (table.rows[0].cells[0], left, WD_ALIGN_PARAGRAPH.LEFT),
        (table.rows[0].cells[1], right, WD_ALIGN_PARAGRAPH.CENTER),
    ):
        cell.paragraphs[0].text = texts[0] if texts else ""
        cell.paragraphs[0].alignment = align
        for text in texts[1:]:
            paragraph = cell.add_paragraph(text)
            paragraph.alignment = align


def add_body(doc: DocxDocument, lines: list[str]) -> None:
    grid: list[list[str]] = []
    for line in [*lines, ""]:
        cells = line.split("\t")
        if len(cells) >= 3:
            grid.append([c.strip() for c in cells])
            continue
        if grid:
            width = max(len(r) for r in grid)
            table = doc.add_table(rows=len(grid), cols=width)
            table.style = "Table Grid"
            for row, values in zip(table.rows, grid, strict=True):
                for cell, value in zip(row.cells, values, strict=False):
                    cell.text = value
            grid = []
        if line.strip():
            paragraph = doc.add_paragraph(line.strip())
            if is_title(line) and not line.strip().startswith("Kính gửi"):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def build(name: str, pdf_layout: bool) -> DocxDocument:
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((HERE / f"{name}.gold.json").read_text(encoding="utf-8"))
    lines = text.split("\n")
    title = next(i for i, line in enumerate(lines) if is_title(line))
    close_start, close_end = closing_bounds(lines, gold["signer"]["name"])
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    add_two_column_table(doc, [split_columns(line) for line in lines[:title] if line.strip()])
    body = lines[title:close_start]
    if pdf_layout:
        pending: list[str] = []
        for line in [*body, ""]:
            if line.strip() and not is_title(line):
                pending.append(line)
                continue
            for paragraph in join_pdf_body(pending):
                doc.add_paragraph(paragraph)
            pending = []
            if line.strip():
                doc.add_paragraph(line.strip()).alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        add_body(doc, body)
    add_two_column_table(
        doc, [split_columns(line) for line in lines[close_start : close_end + 1] if line.strip()]
    )
    add_body(doc, lines[close_end + 1 :])
    return doc


def main() -> None:
    for name in DOCX:
        build(name, pdf_layout=False).save(str(HERE / f"{name}.docx"))
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) không có trên máy: không tạo được .pdf")
    with tempfile.TemporaryDirectory() as tmp:
        for name in PDF:
            source = Path(tmp) / f"{name}.docx"
            build(name, pdf_layout=not name.endswith("_word")).save(str(source))
            subprocess.run(  # noqa: S603 - fixed argv: soffice from PATH, our own file names
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(HERE), str(source)],
                check=True,
                capture_output=True,
            )


if __name__ == "__main__":
    main()
