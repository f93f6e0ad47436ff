"""Render some texts of the unseen split as .docx (and .pdf through LibreOffice).

Run from the repository root: ``.venv/bin/python lamtheobac/reading/corpus/unseen/render_unseen.py``.
The output is committed so the split stays stable; a rendering shares the gold
file of its text (``NAME.docx`` / ``NAME.pdf`` → ``NAME.gold.json``), as in the
development corpus.

Unlike ``../render.py`` (written for texts laid out one element per line), the
texts here are already flattened the way they arrive: a header or a closing
typed in a two-column Word table shows up as lines whose columns are separated
by tabs (copied from Word) or by runs of spaces (a PDF text layer). This script
rebuilds the tables from those lines:

- a header line (up to the kind name or "Kính gửi/Kính trình") or a closing line
  (from "Nơi nhận" to the signer) is split at its widest gap into a left and a
  right cell; a line without a gap goes right when it is indented far (a tab, or
  12 spaces or more) or is the Party heading, the national motto or a place-date
  line, else left. Each piece stays its own paragraph, so wrapped pieces
  ("Quảng" / "Trị, ngày …", "PHÓ" / "TRƯỞNG BAN", "Số:" / "318-CV/ThU") stay
  wrapped in the rendering too;
- body lines of a ``*_pdf`` text are joined back into paragraphs (a new one
  starts at an indented line or a list marker); LibreOffice wraps them again
  where its own line ends fall. Lines holding only a page number are dropped;
- every other line is a paragraph.

Which texts get which rendering: ``DOCX`` and ``PDF`` below (the ``*_word``
texts as .docx, the ``*_pdf`` texts as .pdf, plus ``u01`` as both). Web-page
texts are not rendered: they are read as pasted.
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
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent

DOCX = sorted(p.stem for p in HERE.glob("u*_word.txt"))
PDF = [*sorted(p.stem for p in HERE.glob("u*_pdf*.txt")), "u01_kh_duk_tab_word"]

_KIND_NAMES = {
    "KẾ HOẠCH",
    "HƯỚNG DẪN",
    "HƯỚNG DẪN.",
    "BÁO CÁO",
    "QUYẾT ĐỊNH",
    "THÔNG BÁO",
    "CHƯƠNG TRÌNH",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "TỜ TRÌNH",
}
_RIGHT = re.compile(
    r"^(ĐẢNG CỘNG SẢN VIỆT NAM|DANG CONG SAN VIET NAM|ĐOÀN TNCS|CỘNG HÒA XÃ HỘI|Độc lập"
    r"|.{2,40}, ng[aà]y \d|T/M |TM\. |K/T |KT\. |T/L )"
)
_GAP = re.compile(r"\t+| {3,}")
_NEW_PARAGRAPH = re.compile(
    r"^(-|\*|\+|•|\(|\d+[.\-)]|[IVX]+[.\-]|[a-zđ]\)|Điều \d|Nơi nhận|Kính |Căn cứ)"
)
_ANNEX = re.compile(r"^(ĐỀ CƯƠNG|Phụ lục|PHỤ LỤC)")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")


def _indent(raw: str) -> int:
    head = raw[: len(raw) - len(raw.lstrip())]
    return head.count(" ") + 8 * head.count("\t")


def _split(raw: str) -> tuple[str, str]:
    """(left, right) of one flattened table line, split at its widest gap."""
    text = raw.strip()
    gaps = list(_GAP.finditer(text))
    if gaps:
        widest = max(gaps, key=lambda m: len(m.group()) + 7 * m.group().count("\t"))
        return text[: widest.start()].strip(), text[widest.end() :].strip()
    if _indent(raw) >= 12 or _RIGHT.match(text):
        return "", text
    return text, ""


def _cell(cell, lines: list[str], *, align=WD_ALIGN_PARAGRAPH.CENTER, size: int = 13) -> None:
    cell.paragraphs[0].text = ""
    for i, text in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold = text.isupper()
        run.font.size = Pt(size)


def _two_columns(doc, raws: list[str], *, closing: bool = False) -> None:
    """A borderless two-column table; in a closing, recipients left-aligned and
    room for the signature above the signer's name (empty paragraphs, no text)."""
    left: list[str] = []
    right: list[str] = []
    for raw in raws:
        if not raw.strip():
            continue
        a, b = _split(raw)
        if a:
            left.append(a)
        if b:
            right.append(b)
    table = doc.add_table(rows=1, cols=2)
    if closing:
        name = next((i for i, text in enumerate(right) if not text.isupper()), len(right))
        right[name:name] = ["", "", ""]
        _cell(table.cell(0, 0), left, align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    else:
        _cell(table.cell(0, 0), left)
    _cell(table.cell(0, 1), right)


def _paragraphs(raws: list[str], *, join: bool) -> list[str]:
    out: list[str] = []
    previous_blank = True
    for raw in raws:
        text = raw.strip()
        if not text:
            previous_blank = True
            continue
        if _PAGE_NUMBER.match(text):
            continue
        starts = (
            not join
            or previous_blank
            or not out
            or _indent(raw) >= 3
            or _NEW_PARAGRAPH.match(text)
            or text.isupper()
            or out[-1].isupper()
        )
        if starts:
            out.append(text)
        else:
            out[-1] = f"{out[-1]} {text}"
        previous_blank = False
    return out


def _add_body(doc, paragraphs: list[str]) -> None:
    """Paragraphs; the kind name and its summary lines (up to "-----") centred."""
    centred = False
    for text in paragraphs:
        if text in _KIND_NAMES:
            centred = True
        elif centred and (
            len(text) > 120 or _NEW_PARAGRAPH.match(text) or text.startswith("Thực hiện")
        ):
            centred = False
        paragraph = doc.add_paragraph()
        paragraph.alignment = (
            WD_ALIGN_PARAGRAPH.CENTER
            if centred or (text.isupper() and len(text) < 60)
            else WD_ALIGN_PARAGRAPH.JUSTIFY
        )
        run = paragraph.add_run(text)
        run.bold = text.isupper() and len(text) < 120
        run.font.size = Pt(13)
        if text.startswith("---"):
            centred = False


def _bounds(lines: list[str]) -> tuple[int, int, int]:
    """(end of header, start of closing, end of closing) as line indexes."""
    header_end = 0
    for i, raw in enumerate(lines[:25]):
        text = raw.strip()
        if text in _KIND_NAMES or text.startswith(("Kính gửi", "Kính trình")):
            header_end = i
            break
    start = next(
        (i for i, raw in enumerate(lines) if raw.strip().startswith("Nơi nhận")), len(lines)
    )
    end = len(lines)
    for i in range(start + 1, len(lines)):
        text = lines[i].strip()
        if _ANNEX.match(text) or _PAGE_NUMBER.match(text):
            end = i
            break
    return header_end, start, end


def render_docx(stem: str, out_dir: Path = HERE) -> Path:
    lines = (HERE / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    join = "_pdf" in stem
    header_end, start, end = _bounds(lines)
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    _two_columns(doc, lines[:header_end])
    _add_body(doc, _paragraphs(lines[header_end:start], join=join))
    if start < len(lines):
        _two_columns(doc, lines[start:end], closing=True)
        _add_body(doc, _paragraphs(lines[end:], join=join))
    doc.core_properties.author = "lamtheobac unseen split"
    out = out_dir / f"{stem}.docx"
    doc.save(str(out))
    return out


def render_pdf(stem: str) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice không có: bỏ qua .pdf", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = render_docx(stem, Path(tmp))
        subprocess.run(  # noqa: S603 (fixed argument list, our own files)
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
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
