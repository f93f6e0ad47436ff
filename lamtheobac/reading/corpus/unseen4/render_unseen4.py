"""Renderings of some unseen4 texts as .docx (python-docx) and .pdf (LibreOffice headless).

Written for this split only (it does not import or call the reader). The text stays the
reference: a rendering shares its text's gold (NAME.docx / NAME.pdf -> NAME.gold.json).

What it rebuilds from the flattened text:
- the header block (everything before the title word or the "V/v" / "Kính gửi" line) and the
  closing block (from "Nơi nhận:" on) as two-column borderless Word tables: a line is split at
  its tabs or at its widest run of 3+ spaces; a lone piece that starts with a tab or at column
  30 or later goes to the right column;
- task and figure tables: consecutive body lines with 3+ tab-separated cells (Word texts) or a
  "TT ..." header line and the numbered rows after it split at runs of 2+ spaces (PDF texts)
  become real Word tables;
- PDF texts (`*_pdf`): page-number lines are dropped and wrapped body lines are joined into
  paragraphs (an indented line starts a paragraph; a line ending in "-" right after a
  character is joined without a space, as in "35-" / "KH/HU").

Run: /work/main/.venv/bin/python lamtheobac/reading/corpus/unseen4/render_unseen4.py
(needs python-docx and `libreoffice` on PATH).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"

# (stem, make .docx, make .pdf)
RENDER = [
    ("u01_kh_tinh_uy_bang_phan_cong_word", True, True),
    ("u04_state_kh_ubnd_huyen_so_xuong_dong_word", True, False),
    ("u06_qd_dang_uy_khoi_khen_word", True, False),
    ("u11_ttr_dang_uy_phuong_word", True, False),
    ("u15_state_bc_ubnd_phuong_bang_word", True, False),
    ("u21_bc_dang_uy_xa_ngay_cung_dong_word", True, False),
    ("u25_qd_huyen_uy_doan_kiem_tra_word", True, False),
    ("u30_ctr_chi_bo_bang_word", True, False),
    ("u02_cv_huyen_uy_vv_pdf", False, True),
    ("u10_hd_btg_huyen_uy_de_cuong_pdf", False, True),
    ("u14_ctr_huyen_uy_bang_pdf", False, True),
    ("u24_state_kh_so_gddt_bang_pdf", False, True),
    ("u31_bc_thi_uy_nhieu_trang_pdf", False, True),
]

TITLE_WORDS = {
    "KẾ HOẠCH",
    "BÁO CÁO",
    "THÔNG BÁO",
    "QUYẾT ĐỊNH",
    "HƯỚNG DẪN",
    "TỜ TRÌNH",
    "CHƯƠNG TRÌNH",
    "ĐỀ CƯƠNG",
}
PAGE_NO = re.compile(r"^\s*\d{1,2}\s*$")
RIGHT_COL = 30
HEADING = re.compile(r"^([IVX]+[.-]|\d+[.-]|[-*+] |[a-zđ]\))")


def split_cols(line: str) -> tuple[str, str]:
    """Split a flattened two-column line into (left, right)."""
    if "\t" in line:
        parts = [p.strip() for p in line.split("\t")]
        lead_tab = line.startswith("\t")
        parts = [p for p in parts if p]
        if not parts:
            return "", ""
        if len(parts) == 1:
            return ("", parts[0]) if lead_tab else (parts[0], "")
        return parts[0], " ".join(parts[1:])
    stripped = line.strip()
    if not stripped:
        return "", ""
    runs = list(re.finditer(r" {3,}", stripped))
    if runs:
        widest = max(runs, key=lambda m: m.end() - m.start())
        return stripped[: widest.start()].strip(), stripped[widest.end() :].strip()
    indent = len(line) - len(line.lstrip(" "))
    return ("", stripped) if indent >= RIGHT_COL else (stripped, "")


def is_title(line: str) -> bool:
    return line.strip().rstrip(".:") in TITLE_WORDS


def set_font(doc: Document) -> None:
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    for section in doc.sections:
        section.left_margin = Cm(3)
        section.right_margin = Cm(2)
        section.top_margin = Cm(2)
        section.bottom_margin = Cm(2)


def no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def two_column(doc: Document, rows: list[tuple[str, str]], bold_right_first: bool) -> None:
    left = [left_cell for left_cell, _ in rows if left_cell]
    right = [r for _, r in rows]
    # keep blank lines inside the right column (signature space) but trim its ends
    while right and not right[0]:
        right.pop(0)
    while right and not right[-1]:
        right.pop()
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    for cell, lines, is_right in ((table.cell(0, 0), left, False), (table.cell(0, 1), right, True)):
        cell.paragraphs[0].text = ""
        first = True
        for text in lines or [""]:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            left_aligned = not is_right and bold_right_first and not text.startswith("Nơi nhận")
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if left_aligned else WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(text)
            run.font.size = Pt(12)
            if text.isupper() or (is_right and text and text == text.upper()):
                run.bold = True


def grid_table(doc: Document, rows: list[list[str]]) -> None:
    ncols = max(len(r) for r in rows)
    table = doc.add_table(rows=0, cols=ncols)
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        cells = table.add_row().cells
        for j in range(ncols):
            text = row[j] if j < len(row) else ""
            cells[j].paragraphs[0].text = ""
            run = cells[j].paragraphs[0].add_run(text)
            run.font.size = Pt(11)
            run.bold = i == 0


def parse(text: str, pdf_like: bool):
    """Yield blocks: ("header", rows), ("title", lines), ("para", text), ("table", rows), ("closing", rows)."""
    lines = text.split("\n")
    if pdf_like:
        lines = [line for line in lines if not PAGE_NO.match(line)]
    blocks = []
    i = 0
    # header
    rows = []
    while i < len(lines):
        cur = lines[i]
        s = cur.strip()
        if is_title(cur) or s.startswith("Kính gửi") or s.startswith("Kính trình"):
            break
        if s.startswith("V/v"):
            # V/v and its continuation lines go to the left column
            while i < len(lines) and lines[i].strip() and not lines[i].strip().startswith("Kính"):
                rows.append((lines[i].strip(), ""))
                i += 1
            break
        rows.append(split_cols(cur))
        i += 1
    blocks.append(("header", rows))
    in_title = False
    para = None
    table_rows = None
    closing = None
    while i < len(lines):
        cur = lines[i]
        s = cur.strip()
        i += 1
        if closing is not None:
            if s == "ĐỀ CƯƠNG" or s.startswith("ĐỀ CƯƠNG"):
                blocks.append(("closing", closing))
                closing = None
                in_title = True
                blocks.append(("title", [s]))
                continue
            closing.append(split_cols(cur))
            continue
        if s.startswith("Nơi nhận"):
            if para:
                blocks.append(("para", para))
                para = None
            if table_rows:
                blocks.append(("table", table_rows))
                table_rows = None
            closing = [split_cols(cur)]
            continue
        # tables
        cells_tab = [c.strip() for c in cur.split("\t")] if "\t" in cur else []
        if not pdf_like and len(cells_tab) >= 3:
            if para:
                blocks.append(("para", para))
                para = None
            table_rows = (table_rows or []) + [cells_tab]
            continue
        if pdf_like and (
            re.match(r"^\s*TT\s{2,}", cur) or (table_rows and re.match(r"^\s*\d+\s{2,}", cur))
        ):
            if para:
                blocks.append(("para", para))
                para = None
            table_rows = (table_rows or []) + [re.split(r"\s{2,}", s)]
            continue
        if table_rows:
            blocks.append(("table", table_rows))
            table_rows = None
        if is_title(cur):
            if para:
                blocks.append(("para", para))
                para = None
            in_title = True
            blocks.append(("title", [s]))
            continue
        if in_title:
            if not s or s.startswith("---"):
                in_title = False
                continue
            if s.startswith(("Thực hiện", "Căn cứ", "Kính", "- Căn cứ", "Ngày ")) or HEADING.match(
                s
            ):
                in_title = False
            else:
                blocks[-1][1].append(s)
                continue
        if not s or s.startswith("-----"):
            if para:
                blocks.append(("para", para))
                para = None
            continue
        if pdf_like:
            indented = cur.startswith("      ") or cur.startswith("- ") or re.match(r"^\s{2,}", cur)
            if para and not indented:
                if para.endswith("-") and not para.endswith(" -"):
                    para = para + s
                else:
                    para = para + " " + s
                continue
            if para:
                blocks.append(("para", para))
            para = s
            continue
        if para:
            blocks.append(("para", para))
        para = s
    if para:
        blocks.append(("para", para))
    if table_rows:
        blocks.append(("table", table_rows))
    if closing is not None:
        blocks.append(("closing", closing))
    return blocks


def build_docx(txt: Path, out: Path, pdf_like: bool) -> None:
    doc = Document()
    set_font(doc)
    for kind, content in parse(txt.read_text(encoding="utf-8"), pdf_like):
        if kind in ("header", "closing"):
            two_column(doc, content, kind == "closing")
        elif kind == "title":
            for j, line in enumerate(content):
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = p.add_run(line)
                run.bold = True
                if j == 0:
                    run.font.size = Pt(14)
        elif kind == "table":
            grid_table(doc, content)
        else:
            p = doc.add_paragraph(content)
            p.paragraph_format.first_line_indent = Cm(1)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.save(out)


def to_pdf(docx_path: Path, out_pdf: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(  # noqa: S603 - fixed argv: LibreOffice from PATH, our own file names
            [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx_path)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=180,
        )
        shutil.move(str(Path(tmp) / (docx_path.stem + ".pdf")), out_pdf)


def main() -> int:
    for stem, want_docx, want_pdf in RENDER:
        txt = HERE / f"{stem}.txt"
        pdf_like = stem.endswith("_pdf")
        if want_docx:
            build_docx(txt, HERE / f"{stem}.docx", pdf_like)
        if want_pdf:
            if want_docx:
                to_pdf(HERE / f"{stem}.docx", HERE / f"{stem}.pdf")
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    tmp_docx = Path(tmp) / f"{stem}.docx"
                    build_docx(txt, tmp_docx, pdf_like)
                    to_pdf(tmp_docx, HERE / f"{stem}.pdf")
        print(stem, "docx" if want_docx else "", "pdf" if want_pdf else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
