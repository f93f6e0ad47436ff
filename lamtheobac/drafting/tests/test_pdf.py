"""Every kind rendered by LibreOffice with a Times-New-Roman-metric font keeps every table row
and every unit's name (issue 12 §3: the 38-row status table came out as its header only)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from lamtheobac.drafting.tests.documents import generate_all
from lamtheobac.partydoc.document import RECIPIENTS_LABEL

pytestmark = pytest.mark.django_db

VIETNAMESE_CAPITALS = "1ea4 1ec6 1ed8 1edc 1ee8 0110"  # Ấ Ệ Ộ Ờ Ứ Đ


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} must be installed in CI (scripts/system-packages.sh)")
        pytest.skip(f"{name} is not installed")
    return found


def squeeze(text: str) -> str:
    """NFC, the non-breaking hyphen as "-", and no whitespace (lines wrap differently)."""
    text = unicodedata.normalize("NFC", text).replace("\u2011", "-")
    return re.sub(r"\s+", "", text)


def data_tables(data: bytes) -> list:
    """The bordered tables (not the header and closing layout tables)."""
    document = docx.Document(io.BytesIO(data))
    return [
        t
        for t in document.tables[1:]
        if t.cell(0, 0).paragraphs[0].text.strip() != RECIPIENTS_LABEL
    ]


def pdf_text(pdf: Path, data: bytes) -> str:
    """The PDF's text, squeezed, without page numbers and repeated table header rows, so a
    row that continues on the next page reads as one."""
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    for index in range(1, len(pages)):
        first, _, rest = pages[index].partition("\n")
        if first.strip().isdigit():
            pages[index] = rest
    text = squeeze("".join(pages))
    for table in data_tables(data):
        header = squeeze("".join(c.text for c in table.rows[0].cells))
        text = text[: text.find(header) + len(header)] + text[
            text.find(header) + len(header) :
        ].replace(header, "")
    return text


def words_in_order(text: str, squeezed: str) -> bool:
    """Whether the words of ``text`` appear in order in ``squeezed``, each within 120
    characters of the last: a cell that wraps onto the next page has the other columns, the
    page number and the repeated header row in between."""
    words = [squeeze(w) for w in text.split() if squeeze(w)]
    pattern = ".{0,120}?".join(re.escape(w) for w in words)
    return re.search(pattern, squeezed) is not None


def rows_missing(data: bytes, text: str) -> list[str]:
    """Data rows whose number and every cell cannot be found in the PDF text."""
    missing = []
    for table in data_tables(data):
        for row in table.rows[1:]:
            cells = [c.text.strip() for c in row.cells]
            first = squeeze(cells[1].split()[0]) if len(cells) > 1 and cells[1] else ""
            numbered = re.search(rf"(?<!\d){re.escape(squeeze(cells[0]))}{re.escape(first)}", text)
            if numbered is None or not all(words_in_order(c, text) for c in cells if c):
                missing.append(" | ".join(cells))
    return missing


def test_the_times_new_roman_substitute_has_vietnamese_capitals():
    fc_match = program("fc-match")
    chosen = subprocess.run(
        [fc_match, "-f", "%{file}", "Times New Roman"], capture_output=True, text=True, check=True
    ).stdout
    covering = subprocess.run(
        [program("fc-list"), f":charset={VIETNAMESE_CAPITALS}", "file"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert chosen and chosen in covering, f"{chosen} lacks Vietnamese capitals"


def test_libreoffice_keeps_every_table_row_and_unit_name_of_every_kind(world, tmp_path):
    soffice = program("soffice")
    generated = generate_all(world, "hd36_2018", units=38)
    sources = []
    for item in generated:
        path = tmp_path / f"{item.code.replace('Đ', 'D')}.docx"
        path.write_bytes(item.data)
        sources.append(path)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    report = generated[0]
    assert report.code == "BC" and report.rows == 38
    for item, source in zip(generated, sources, strict=True):
        pdf = Path(source).with_suffix(".pdf")
        text = pdf_text(pdf, item.data)
        assert rows_missing(item.data, text) == [], item.code
        for name in item.names:
            assert words_in_order(name, text), f"{item.code}: {name} missing"
        assert squeeze("ĐẢNG CỘNG SẢN VIỆT NAM") in text
        assert squeeze(f"Số05-{item.code}/") in text or item.code == "TTr"
    assert len(PdfReader(Path(sources[0]).with_suffix(".pdf")).pages) >= 2  # a page break
