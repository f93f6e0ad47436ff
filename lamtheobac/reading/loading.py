"""Bytes to text, by content: .docx, .pdf with a text layer, or plain text.

The kind is decided from the bytes, never from the file name (DESIGN.md §8:
uploads checked for type and size). Every failure becomes a ``ReadError``.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from typing import Any

from .errors import ReadError

MAX_BYTES = 50 * 1024 * 1024
_MAX_UNZIPPED = 300 * 1024 * 1024

NOT_A_DOCUMENT = "Tệp không đọc được: không phải .docx, .pdf hoặc văn bản thuần."
TOO_LARGE = "Tệp quá lớn (tối đa 50 MB)."
EMPTY = "Tệp rỗng, không có nội dung."
PDF_NO_TEXT = "Tệp PDF không có lớp chữ (ảnh quét)."
PDF_ENCRYPTED = "Tệp PDF được đặt mật khẩu nên không đọc được."
PDF_BROKEN = "Tệp PDF bị hỏng, không đọc được."
DOCX_BROKEN = "Tệp .docx bị hỏng hoặc không đầy đủ, không đọc được."
OLE_DOCUMENT = (
    "Tệp là định dạng Word cũ (.doc) hoặc tệp Office được đặt mật khẩu; "
    "hãy lưu lại thành .docx không mật khẩu."
)
ZIP_NOT_DOCX = "Tệp nén không phải là văn bản .docx."

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def sniff(data: bytes) -> str:
    """ "pdf", "docx", "zip", "ole" or "text", from the leading bytes."""
    head = data[:1024]
    if head.lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    return "text"


def bytes_to_text(data: bytes) -> tuple[str, str]:
    """Return (text, source kind) for the bytes; raise ``ReadError`` if unreadable."""
    if len(data) > MAX_BYTES:
        raise ReadError(TOO_LARGE)
    if not data.strip():
        raise ReadError(EMPTY)
    kind = sniff(data)
    if kind == "pdf":
        return pdf_text(data), "pdf"
    if kind == "zip":
        return docx_text(data), "docx"
    if kind == "ole":
        raise ReadError(OLE_DOCUMENT)
    return decode_text(data), "text"


# --- plain text -----------------------------------------------------------------------------


def _looks_like_text(text: str) -> bool:
    if not text.strip():
        return False
    bad = sum(
        1
        for c in text
        if (ord(c) < 32 and c not in "\t\n\r\f\v") or 0x80 <= ord(c) < 0xA0 or c == "\ufffd"
    )
    return bad <= max(2, len(text) // 100)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258.

    Raises ``ReadError`` when the bytes do not look like text (control
    characters, NUL bytes) in any of these encodings.
    """
    candidates: list[str]
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8"]
        if len(data) % 2 == 0 and data[1::2].count(0) > len(data) // 4:
            candidates.insert(0, "utf-16-le")
        elif len(data) % 2 == 0 and data[0::2].count(0) > len(data) // 4:
            candidates.insert(0, "utf-16-be")
        candidates.append("cp1258")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text
    raise ReadError(NOT_A_DOCUMENT)


# --- docx -----------------------------------------------------------------------------------


def _paragraph_text(paragraph: Any) -> str:
    return str(paragraph.text)


def _table_lines(table: Any) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for child in cell._tc.iterchildren():
                if child.tag == f"{_W}p":
                    yield _paragraph_text(Paragraph(child, cell))
                elif child.tag == f"{_W}tbl":
                    yield from _table_lines(Table(child, cell))
            yield ""


def _block_lines(container: Any, element: Any) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == f"{_W}p":
            yield _paragraph_text(Paragraph(child, container))
        elif child.tag == f"{_W}tbl":
            yield from _table_lines(Table(child, container))
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_lines(container, content)


def docx_text(data: bytes) -> str:
    """Body paragraphs and tables in order, with headers first and footers last.

    Table cells are read row by row, left to right; merged cells once; each
    cell ends with a blank line. Raises ``ReadError`` for a zip that is not
    a readable .docx.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise ReadError(ZIP_NOT_DOCX)
            if sum(info.file_size for info in archive.infolist()) > _MAX_UNZIPPED:
                raise ReadError(TOO_LARGE)
            archive.testzip()
    except ReadError:
        raise
    except Exception as exc:  # zipfile raises many kinds on damaged archives
        raise ReadError(DOCX_BROKEN) from exc
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        heads: list[str] = []
        feet: list[str] = []
        seen: set[str] = set()
        for section in document.sections:
            for part, sink in ((section.header, heads), (section.footer, feet)):
                if part.is_linked_to_previous:
                    continue
                lines = [ln for ln in _block_lines(part, part._element) if ln.strip()]
                key = "\n".join(lines)
                # page numbers alone are not content; the same header twice is read once
                if key not in seen and any(not ln.strip().isdigit() for ln in lines):
                    seen.add(key)
                    sink.extend(lines)
        body = list(_block_lines(document, document.element.body))
    except ReadError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on bad parts
        raise ReadError(DOCX_BROKEN) from exc
    lines = [*heads, *([""] if heads else []), *body, *([""] if feet else []), *feet]
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError(EMPTY)
    return text


# --- pdf ------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    """Text layer of every page, pages separated by a blank line.

    Raises ``ReadError`` for an encrypted, damaged, or image-only PDF.
    """
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ReadError(PDF_ENCRYPTED)
            except ReadError:
                raise
            except Exception as exc:
                raise ReadError(PDF_ENCRYPTED) from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise ReadError(PDF_BROKEN) from exc
    text = "\n\n".join(pages)
    if sum(1 for c in text if c.isalpha()) < 10:
        raise ReadError(PDF_NO_TEXT)
    return text
