"""Test inputs built in the test: a Party-style .docx and a PDF with a Unicode text layer."""

from __future__ import annotations

import io
import unicodedata

import docx


def make_docx(
    header_left: list[str],
    header_right: list[str],
    body: list[str],
    closing_left: list[str],
    closing_right: list[str],
    *,
    page_header: str = "",
    after: list[str] | None = None,
) -> bytes:
    """A .docx laid out like a Party document: 2-column header and closing tables."""
    document = docx.Document()
    if page_header:
        document.sections[0].header.paragraphs[0].text = page_header
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (header_left, header_right), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for line in body:
        document.add_paragraph(line)
    closing = document.add_table(rows=1, cols=2)
    for cell, lines in zip(closing.rows[0].cells, (closing_left, closing_right), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for line in after or []:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Type0 font with a ToUnicode map)."""
    chars = sorted(set("".join(lines)))
    cid = {char: i + 1 for i, char in enumerate(chars)}
    ops = ["BT", "/F1 11 Tf", "14 TL", "40 800 Td"]
    for line in lines:
        ops.append("<" + "".join(f"{cid[c]:04X}" for c in line) + "> Tj T*")
    ops.append("ET")
    return _one_page_pdf("\n".join(ops).encode("ascii"), chars, width=595, height=842)


def make_placed_pdf(items: list[tuple[int, int, str]], *, width: int, height: int) -> bytes:
    """A one-page PDF with each text of ``items`` ((x, y, text), points from the bottom left,
    11 pt, every glyph 5.5 pt wide) at its place: a Word table as it prints, cell by cell."""
    chars = sorted(set("".join(text for _, _, text in items)) | {" "})
    cid = {char: i + 1 for i, char in enumerate(chars)}
    ops = []
    for x, y, cell in items:
        code = "".join(f"{cid[c]:04X}" for c in cell)
        ops.append(f"BT /F1 11 Tf 1 0 0 1 {x} {y} Tm <{code}> Tj ET")
    return _one_page_pdf("\n".join(ops).encode("ascii"), chars, width=width, height=height)


def _one_page_pdf(content: bytes, chars: list[str], *, width: int, height: int) -> bytes:
    """A one-page PDF drawing ``content`` with font F1, whose glyph ids are 1-based positions
    in ``chars`` and whose ToUnicode map gives each id its character back."""
    blocks = []
    for i in range(0, len(chars), 100):
        chunk = chars[i : i + 100]
        entries = "\n".join(
            f"<{i + k + 1:04X}> <{c.encode('utf-16-be').hex().upper()}>"
            for k, c in enumerate(chunk)
        )
        blocks.append(f"{len(chunk)} beginbfchar\n{entries}\nendbfchar")
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (width, height)
        + b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R /DW 500 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    return pdf_from_objects(objects)


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file from its numbered object bodies (object 1 is the catalog), with the xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def to_cp1258(text: str) -> bytes:
    """Encode Vietnamese as Windows-1258 does: a precomposed base letter plus a combining tone."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], list(decomposed[1:])
        for mark in list(marks):
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1:
                try:
                    composed.encode("cp1258")
                except UnicodeEncodeError:
                    continue
                base = composed
                marks.remove(mark)
                break
        out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)
