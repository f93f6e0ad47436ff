"""Render split 6 texts to .docx and .pdf (imports nothing from the project).

Word texts: tab rows of 3+ cells become tables, other lines paragraphs (tabs kept).
PDF texts: written to a throw-away .docx in a monospace font, converted by LibreOffice.
Run: /work/main/.venv/bin/python lamtheobac/reading/corpus/unseen6/render_unseen6.py
"""

import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).parent
DOCX = ["y01", "y03", "y06", "y07", "y09", "y12", "y16", "y17"]
PDF_FROM_DOCX = ["y01", "y07", "y12", "y17"]
PDF_TEXT = ["y02", "y10", "y15"]


def build(text: str, mono: bool) -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Courier New" if mono else "Times New Roman"
    style.font.size = Pt(9 if mono else 13)
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if not mono and lines[i].count("\t") >= 2:
            rows = []
            while i < len(lines) and lines[i].count("\t") >= 2:
                rows.append(lines[i].split("\t"))
                i += 1
            width = max(len(r) for r in rows)
            table = doc.add_table(rows=len(rows), cols=width)
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        doc.add_paragraph(lines[i])
        i += 1
    return doc


def to_pdf(docx: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(  # noqa: S603 - fixed argument list, our own files
            [  # noqa: S607 - soffice on PATH (system LibreOffice)
                "soffice",
                f"-env:UserInstallation=file://{tmp}/p",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx),
            ],
            check=True,
            capture_output=True,
        )
        (Path(tmp) / (docx.stem + ".pdf")).replace(out)


def main() -> None:
    for txt in sorted(HERE.glob("y*.txt")):
        key = txt.name[:3]
        if key in DOCX:
            out = txt.with_suffix(".docx")
            build(txt.read_text(encoding="utf-8"), mono=False).save(out)
            if key in PDF_FROM_DOCX:
                to_pdf(out, txt.with_suffix(".pdf"))
        if key in PDF_TEXT:
            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp) / (txt.stem + ".docx")
                build(txt.read_text(encoding="utf-8"), mono=True).save(src)
                to_pdf(src, txt.with_suffix(".pdf"))


if __name__ == "__main__":
    main()
