"""Render some corpus texts as .docx (and .pdf through LibreOffice), laid out as offices do.

Run from the repository root: ``.venv/bin/python lamtheobac/reading/corpus/render.py``.
The output is committed so the corpus stays stable; a rendering shares the
gold file of its text (``NAME.docx`` → ``NAME.gold.json``).

Layout (docs/party-format.md §4, §10, §11, §18): the header is a
borderless two-column table (issuer, star, number and summary on the left;
the heading or national motto and the place-date line on the right); the
closing is another (Nơi nhận on the left, the signature on the right);
pipe tables become Word tables; everything else is a paragraph.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
DOCX = [
    "seed_001",
    "d01_kh_huyen_uy",
    "d02_cv_thi_uy_de_cuong",
    "d03_hd_btg_tinh_uy",
    "d05_qd_khen_thuong",
    "d08_state_kh_ubnd",
    "d09_state_cv_ubnd",
    "d14_kh_khen_thuong_quota",
    "d15_hd_phu_luc_de_cuong",
    "d17_bc_huyen_uy_bang",
    "d20_tb_ket_luan_thi_uy",
    "d27_kh_thi_uy_so_ket",
]
PDF = ["d01_kh_huyen_uy", "d09_state_cv_ubnd", "d27_kh_thi_uy_so_ket"]

_RIGHT = re.compile(r"^(ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI|Độc lập|.{2,40}, ngày \d)")
_KIND_OR_BODY = re.compile(
    r"^(Kính gửi|Kính trình|[A-ZĐ ÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÊỀẾỂỄỆÔỒỐỔỖỘƠỜỚỞỠỢƯỪỨỬỮỰ]{4,30})$"
)
_KIND_NAMES = {
    "KẾ HOẠCH",
    "HƯỚNG DẪN",
    "BÁO CÁO",
    "QUYẾT ĐỊNH",
    "THÔNG BÁO",
    "CHƯƠNG TRÌNH",
    "TỜ TRÌNH",
}


def _split_header(lines: list[str]) -> tuple[list[str], list[str], int]:
    """Left-column lines, right-column lines, and the index where the header ends."""
    left: list[str] = []
    right: list[str] = []
    end = 0
    for i, line in enumerate(lines[:20]):
        text = line.strip()
        if text in _KIND_NAMES or text.startswith(("Kính gửi", "Kính trình")):
            return left, right, i
        if not text:
            continue
        if _RIGHT.match(text):
            right.append(text)
            end = i + 1
        else:
            left.append(text)
            end = i + 1
    return left, right, end


def _closing_bounds(lines: list[str]) -> tuple[int, int, int] | None:
    """(Nơi nhận line, first signature line, line after the signer's name)."""
    start = next((i for i, ln in enumerate(lines) if ln.strip().startswith("Nơi nhận")), None)
    if start is None:
        return None
    i = start + 1
    while i < len(lines) and (lines[i].strip().startswith("-") or not lines[i].strip()):
        i += 1
    sign = i
    filled = 0
    while i < len(lines):
        if lines[i].strip():
            filled += 1
            if lines[i].strip()[:1].isupper() and not lines[i].strip().isupper():
                return start, sign, i + 1
        i += 1
    return start, sign, len(lines)


def _cell(cell, lines: list[str], *, bold_caps: bool = True) -> None:
    cell.paragraphs[0].text = ""
    first = True
    for text in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold_caps and text.isupper()
        run.font.size = Pt(13)


def render_docx(stem: str) -> Path:
    lines = (HERE / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    doc = Document()
    left, right, end = _split_header(lines)
    table = doc.add_table(rows=1, cols=2)
    _cell(table.cell(0, 0), left)
    _cell(table.cell(0, 1), right)
    bounds = _closing_bounds(lines)
    stop = bounds[0] if bounds else len(lines)
    body = lines[end:stop]
    rows: list[list[str]] = []

    def flush_rows() -> None:
        if not rows:
            return
        grid = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                grid.cell(r, c).text = value
        rows.clear()

    def paragraphs(chunk: list[str]) -> None:
        for line in chunk:
            text = line.strip()
            if text.startswith("|"):
                rows.append([cell.strip() for cell in text.strip("|").split("|")])
                continue
            flush_rows()
            if not text:
                continue
            paragraph = doc.add_paragraph()
            run = paragraph.add_run(text.replace("**", ""))
            run.bold = text.isupper() and len(text) < 120
        flush_rows()

    paragraphs(body)
    if bounds:
        start, sign, after = bounds
        closing = doc.add_table(rows=1, cols=2)
        _cell(
            closing.cell(0, 0),
            [ln.strip() for ln in lines[start:sign] if ln.strip()],
            bold_caps=False,
        )
        _cell(
            closing.cell(0, 1),
            [ln.strip().replace("**", "") for ln in lines[sign:after] if ln.strip()],
        )
        paragraphs(lines[after:])
    out = HERE / f"{stem}.docx"
    doc.core_properties.author = "lamtheobac corpus"
    doc.save(out)
    return out


def render_pdf(stem: str) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice không có: bỏ qua .pdf", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(  # noqa: S603 (fixed argument list, our own files)
            [
                soffice,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(HERE / f"{stem}.docx"),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        out = HERE / f"{stem}.pdf"
        shutil.move(Path(tmp) / f"{stem}.pdf", out)
    return out


def main() -> None:
    for stem in DOCX:
        print(render_docx(stem).name)
    for stem in PDF:
        out = render_pdf(stem)
        if out is not None:
            print(out.name)


if __name__ == "__main__":
    main()
