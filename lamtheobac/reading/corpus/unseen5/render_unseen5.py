"""Renderings of the unseen split 5 (issue 10): .docx with python-docx, .pdf with LibreOffice.

Written for this split only; imports nothing from the project. Shapes:

- ``*_word.txt`` (columns separated by tabs): the header block (lines up to the first empty
  line) and the closing block (from "Nơi nhận" to the next empty line or the end) become
  borderless two-column Word tables (left = text before the first tab, right = the last
  non-empty piece after it; a line that starts with a tab goes right); runs of three or more
  tab-separated cells become a real Word table; other lines are paragraphs.
- ``*_pdf.txt`` (PDF text layer: runs of spaces, wrapped lines, page numbers): header and
  closing lines are split at the widest run of 3+ spaces (a lone piece indented 30+ columns
  goes right); page-number lines and running headers are dropped; wrapped body lines are
  joined back into paragraphs (a piece ending in a hyphen is joined without a space).

A rendering shares its text's gold (``NAME.docx``, ``NAME.pdf`` -> ``NAME.gold.json``).
Run: ``/work/main/.venv/bin/python lamtheobac/reading/corpus/unseen5/render_unseen5.py``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent

WORD_DOCX = [
    "x01_kh_dang_uy_xa_tab_word",
    "x04_state_cv_ubnd_huyen_vv_word",
    "x06_qd_dang_uy_khoi_khen_word",
    "x11_state_kh_ubnd_xa_so_trong_word",
    "x14_hd_dang_uy_khoi_dn_de_cuong_word",
    "x19_kh_ban_dan_van_bang_phan_cong_word",
    "x21_state_cv_ubnd_xa_so_ngay_trong_word",
    "x26_kh_dang_uy_truong_dh_word",
    "x30_kh_dang_uy_xa_2026_word",
    "x32_bc_dang_uy_co_quan_dang_2025_word",
]
WORD_PDF = [
    "x01_kh_dang_uy_xa_tab_word",
    "x11_state_kh_ubnd_xa_so_trong_word",
    "x19_kh_ban_dan_van_bang_phan_cong_word",
    "x32_bc_dang_uy_co_quan_dang_2025_word",
]
PDF_ONLY = [
    "x02_bc_huyen_uy_so_ket_pdf",
    "x09_kl_huyen_uy_dinh_so_pdf",
    "x23_state_kh_so_noi_vu_trang_pdf",
    "x31_kh_tinh_uy_dai_nhieu_trang_pdf",
]


def _new_document() -> DocxDocument:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(2), Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.paragraph_format.space_after = Pt(3)
    return doc


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _two_columns(doc, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=2)
    _no_borders(table)
    for left, right in rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(7.5), Cm(9)
        for cell, text in ((cells[0], left), (cells[1], right)):
            par = cell.paragraphs[0]
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            par.paragraph_format.space_after = Pt(0)
            if text:
                par.add_run(text)
    doc.add_paragraph()


def _grid(doc, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        cells = table.add_row().cells
        for j in range(width):
            text = row[j] if j < len(row) else ""
            run = cells[j].paragraphs[0].add_run(text)
            run.bold = i == 0
    doc.add_paragraph()


def _paragraph(doc, text: str, *, centre: bool = False, bold: bool = False, indent: bool = False):
    par = doc.add_paragraph()
    if centre:
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        par.paragraph_format.left_indent = Cm(2)
    else:
        par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        par.paragraph_format.first_line_indent = Cm(1)
    run = par.add_run(text)
    run.bold = bold
    return par


def _title_span(lines: list[str], start: int) -> int:
    """Index after the kind title block: up to and including "-----", or the next empty line."""
    for i in range(start, min(start + 8, len(lines))):
        if lines[i].strip().startswith("-----"):
            return i + 1
    i = start
    while i < len(lines) and lines[i].strip():
        i += 1
    return i


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def render_word(name: str) -> Path:
    lines = (HERE / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    doc = _new_document()
    i = 0
    header: list[tuple[str, str]] = []
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        pieces = line.split("\t")
        left = pieces[0].strip()
        rest = [p.strip() for p in pieces[1:] if p.strip()]
        header.append((left, rest[-1] if rest else ""))
        i += 1
    _two_columns(doc, header)
    i = _skip_blank(lines, i)
    # Kính gửi lines that start with a tab (State letters) come before the title or body.
    end = _title_span(lines, i)
    title_lines = lines[i:end]
    if title_lines and not title_lines[0].startswith("\t"):
        for k, t in enumerate(title_lines):
            if t.strip() and not t.strip().startswith("-----"):
                _paragraph(doc, t.strip(), centre=True, bold=k == 0)
            elif t.strip():
                _paragraph(doc, t.strip(), centre=True)
        i = end
    table_rows: list[list[str]] = []
    while i < len(lines):
        line = lines[i]
        if line.startswith("Nơi nhận"):
            closing: list[tuple[str, str]] = []
            while i < len(lines) and lines[i].strip():
                pieces = lines[i].split("\t")
                left = pieces[0].strip()
                rest = [p.strip() for p in pieces[1:] if p.strip()]
                closing.append((left, rest[-1] if rest else ""))
                i += 1
            _flush_grid(doc, table_rows)
            _closing(doc, closing)
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len([c for c in cells if c]) >= 3 and not line.startswith("\t"):
            table_rows.append(cells)
            i += 1
            continue
        _flush_grid(doc, table_rows)
        if not line.strip():
            i += 1
            continue
        if line.startswith("\t"):
            _paragraph(doc, line.strip(), indent=True)
        elif line.isupper() and len(line) < 60:
            _paragraph(doc, line.strip(), centre=True, bold=True)
        else:
            _paragraph(doc, line.strip())
        i += 1
    _flush_grid(doc, table_rows)
    out = HERE / f"{name}.docx"
    doc.save(str(out))
    return out


def _flush_grid(doc, rows: list[list[str]]) -> None:
    if rows:
        _grid(doc, list(rows))
        rows.clear()


def _closing(doc, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=2)
    _no_borders(table)
    for left, right in rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(8), Cm(8.5)
        lpar = cells[0].paragraphs[0]
        lpar.paragraph_format.space_after = Pt(0)
        if left:
            run = lpar.add_run(left)
            run.font.size = Pt(11)
            run.underline = left.startswith("Nơi nhận")
        rpar = cells[1].paragraphs[0]
        rpar.alignment = WD_ALIGN_PARAGRAPH.CENTER
        rpar.paragraph_format.space_after = Pt(0)
        if right:
            rpar.add_run(right).bold = True
    doc.add_paragraph()


SPLIT = re.compile(r" {3,}")
KIND_NAMES = {
    "KẾ HOẠCH",
    "BÁO CÁO",
    "HƯỚNG DẪN",
    "KẾT LUẬN",
    "THÔNG BÁO",
    "QUYẾT ĐỊNH",
    "NGHỊ QUYẾT",
}
PAGE_NO = re.compile(r"^\s*\d{1,2}\s*$")
RUNNING = re.compile(r"^\S.*\s{10,}\d{1,2}\s*$")
NEW_ITEM = re.compile(r"^(\d+(\.\d+)*[.)-]|[a-zđ]\)|[IVX]+[.-]|-|\*|\+|Điều \d)")


def _split_row(raw: str) -> tuple[str, str]:
    text = raw.rstrip()
    stripped = text.strip()
    parts = SPLIT.split(stripped)
    if len(parts) >= 2:
        return parts[0].strip(), " ".join(p.strip() for p in parts[1:])
    indent = len(text) - len(text.lstrip(" "))
    return ("", stripped) if indent >= 30 else (stripped, "")


def render_pdf_text(name: str) -> Path:
    lines = (HERE / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    doc = _new_document()
    i = 0
    header = []
    while i < len(lines) and lines[i].strip() and lines[i].strip() not in KIND_NAMES:
        header.append(_split_row(lines[i]))
        i += 1
    _two_columns(doc, header)
    i = _skip_blank(lines, i)
    end = _title_span(lines, i)
    for k, t in enumerate(lines[i:end]):
        if t.strip():
            _paragraph(doc, t.strip(), centre=True, bold=k == 0)
    i = end
    buf = ""
    table_rows: list[list[str]] = []

    def flush() -> None:
        nonlocal buf
        if buf:
            if buf.startswith("Kính gửi"):
                _paragraph(doc, buf, indent=True)
            elif buf.isupper() and len(buf) < 80:
                _paragraph(doc, buf, centre=True, bold=True)
            else:
                _paragraph(doc, buf)
            buf = ""

    while i < len(lines):
        raw = lines[i]
        if PAGE_NO.match(raw) or RUNNING.match(raw):
            i += 1
            continue
        stripped = raw.strip()
        if stripped.startswith("Nơi nhận"):
            flush()
            _flush_grid(doc, table_rows)
            closing = []
            while i < len(lines):
                if PAGE_NO.match(lines[i]):
                    i += 1
                    continue
                if not lines[i].strip():
                    i += 1
                    continue
                if _looks_like_outline_start(lines[i]):
                    break
                closing.append(_split_row(lines[i]))
                i += 1
            _closing(doc, closing)
            continue
        if not stripped:
            flush()
            _flush_grid(doc, table_rows)
            i += 1
            continue
        cells = SPLIT.split(stripped)
        if len(cells) >= 3 and (stripped.startswith("TT") or re.match(r"^\d+\s{2,}", stripped)):
            flush()
            table_rows.append(cells)
            i += 1
            continue
        _flush_grid(doc, table_rows)
        indent = len(raw) - len(raw.lstrip(" "))
        if indent >= 12 and not buf:
            _paragraph(doc, stripped, centre=True, bold=stripped.isupper())
        elif indent >= 4 or NEW_ITEM.match(stripped) or not buf:
            flush()
            buf = stripped
        elif buf.endswith("-"):
            buf = buf[:-1] + stripped if re.search(r"[a-zà-ỹđ]-$", buf) else buf + stripped
        else:
            buf = f"{buf} {stripped}"
        i += 1
    flush()
    _flush_grid(doc, table_rows)
    out = HERE / f"{name}.for_pdf.docx"
    doc.save(str(out))
    return out


def _looks_like_outline_start(line: str) -> bool:
    return line.strip() in {"ĐỀ CƯƠNG", "ĐỀ CƯƠNG BÁO CÁO"}


def to_pdf(docx_path: Path, name: str) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) không có trên máy: không tạo được .pdf")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        # Fixed arguments: the soffice found on PATH and paths written by this script.
        subprocess.run(  # noqa: S603
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        produced = Path(tmp) / (docx_path.stem + ".pdf")
        target = HERE / f"{name}.pdf"
        shutil.move(str(produced), target)
    return target


def main() -> None:
    for name in WORD_DOCX:
        path = render_word(name)
        print("docx", path.name)
        if name in WORD_PDF:
            print("pdf ", to_pdf(path, name).name)
    for name in PDF_ONLY:
        tmp_docx = render_pdf_text(name)
        print("pdf ", to_pdf(tmp_docx, name).name)
        tmp_docx.unlink()


if __name__ == "__main__":
    main()
