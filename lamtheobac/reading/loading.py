"""Bytes to text, by content: .docx, .doc, .odt, .rtf, .pdf, .html or plain text.

The kind is decided from the bytes, never from the file name (docs/domain.md §8:
uploads checked for type and size). Text in the legacy TCVN3 or VNI encodings
is told apart (``legacy_detect``) and converted to Unicode (``legacy``). Every
failure becomes a ``ReadError``.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import ReadError
from .legacy import convert_runs
from .legacy_detect import decode_8bit, fix_legacy_text

if TYPE_CHECKING:
    from .ocr import OcrText

MAX_BYTES = 50 * 1024 * 1024
#: Caps on what a .docx/.odt expands to, proportionate to the upload limit (issue 10): every
#: part together at most twice the limit (images do not shrink when zipped), the XML parts
#: at most two fifths of it. Parsing costs ~12 bytes of memory and ~0.13 s per byte/MB of
#: XML, so 20 MB of XML stays under 500 MB and a few seconds; a 50 MB upload of real text
#: holds far less XML than that (pictures are most of a large .docx).
_MAX_UNZIPPED = 2 * MAX_BYTES
_MAX_XML = MAX_BYTES * 2 // 5
_MAX_PDF_PAGES = 2000

NOT_A_DOCUMENT = (
    "Tệp không đọc được: không phải .docx, .doc, .odt, .pdf, trang web hoặc văn bản thuần."
)
TOO_LARGE = "Tệp quá lớn (tối đa 50 MB)."
EMPTY = "Tệp rỗng, không có nội dung."
PDF_NO_TEXT = "Tệp PDF không có lớp chữ (ảnh quét)."
PDF_NEEDS_OCR = (
    "Tệp PDF chỉ có ảnh quét, không có lớp chữ: cần nhận dạng chữ (OCR) "
    "trước khi đọc, hoặc gửi bản .docx."
)
PDF_ENCRYPTED = "Tệp PDF được đặt mật khẩu nên không đọc được."
PDF_BROKEN = "Tệp PDF bị hỏng, không đọc được."
DOCX_BROKEN = "Tệp .docx bị hỏng hoặc không đầy đủ, không đọc được."
OLE_NOT_WORD = (
    "Tệp Office cũ này không phải văn bản Word (.doc) hoặc đã hỏng; hãy lưu lại thành .docx."
)
OFFICE_ENCRYPTED = "Tệp Word được đặt mật khẩu; hãy bỏ mật khẩu và lưu lại thành .docx."
ZIP_NOT_DOCX = "Tệp nén không phải là văn bản .docx hoặc .odt."
_XML_MB, _ALL_MB = _MAX_XML // 2**20, _MAX_UNZIPPED // 2**20
ZIP_TOO_LARGE = (
    f"Tệp .docx giải nén ra quá lớn (phần chữ quá {_XML_MB} MB, hoặc toàn bộ quá {_ALL_MB} MB): "
    "có thể là tệp hỏng hoặc tệp nén bất thường nên không đọc. Hãy lưu lại văn bản "
    "hoặc chia nhỏ rồi tải lên."
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


def _utf16_name(name: str) -> bytes:
    return name.encode("utf-16-le")


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


class ScanOnly(ReadError):
    """A PDF with page images and no text layer: a scan, for OCR."""


@dataclass
class Loaded:
    """The text of a file, what kind of file it was, and the OCR details of a scan."""

    text: str
    source: str
    ocr: OcrText | None = None


def sniff(data: bytes) -> str:
    """ "pdf", "zip", "ole", "rtf", "image", "html" or "text", from the leading bytes."""
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    head = data[:1024]
    if head.lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF-") or b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(_OLE):
        return "ole"
    if head.lstrip(b"\xef\xbb\xbf\t\n\r\f ").startswith(b"{\\rtf"):
        return "rtf"
    from .html import looks_like_html

    if looks_like_html(data):
        return "html"
    return "text"


def load(data: bytes) -> Loaded:
    """The text of the bytes; scans (image-only PDFs, PNG/JPEG/TIFF) through OCR (``ocr``).

    ``source`` is one of "pdf", "docx", "odt", "doc", "rtf", "html", "text", "ocr".
    Raises ``ReadError`` if unreadable.
    """
    if len(data) > MAX_BYTES:
        raise ReadError(TOO_LARGE)
    if not data.strip():
        raise ReadError(EMPTY)
    kind = sniff(data)
    if kind in ("pdf", "image"):
        from .ocr import ocr_image, ocr_pdf

        if kind == "image":
            scan = ocr_image(data)
        else:
            try:
                return Loaded(fix_legacy_text(pdf_text(data)), "pdf")
            except ScanOnly:
                scan = ocr_pdf(data)
        return Loaded(scan.text, "ocr", scan)
    text, source = bytes_to_text(data)
    return Loaded(text, source)


def bytes_to_text(data: bytes) -> tuple[str, str]:
    """Return (text, source kind) for the bytes; raise ``ReadError`` if unreadable.

    The kind is one of "pdf", "docx", "odt", "doc", "rtf", "html", "text". Scans are
    refused here (``PDF_NEEDS_OCR``); ``load`` reads them.
    """
    if len(data) > MAX_BYTES:
        raise ReadError(TOO_LARGE)
    if not data.strip():
        raise ReadError(EMPTY)
    kind = sniff(data)
    if kind == "image":
        raise ReadError(PDF_NEEDS_OCR)
    if kind == "pdf":
        return fix_legacy_text(pdf_text(data)), "pdf"
    if kind == "zip":
        if _is_odt(data):
            return _through_office(data, ".odt"), "odt"
        return docx_text(data), "docx"
    if kind == "ole":
        return _through_office(_word_ole(data), ".doc"), "doc"
    if kind == "rtf":
        return _through_office(data, ".rtf"), "rtf"
    if kind == "html":
        from .html import html_text

        return fix_legacy_text(html_text(data)), "html"
    return fix_legacy_text(decode_text(data)), "text"


def _through_office(data: bytes, suffix: str) -> str:
    from .office import convert_to_docx

    return docx_text(convert_to_docx(data, suffix))


def _is_odt(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "mimetype" not in archive.namelist():
                return False
            info = archive.getinfo("mimetype")
            if info.file_size > 200:
                return False
            return archive.read(info).strip().startswith(_ODT_MIME)
    except Exception:  # a damaged zip is reported by docx_text
        return False


def _word_ole(data: bytes) -> bytes:
    """The bytes of an OLE2 file that holds a Word document; refuse other OLE2 files."""
    if _utf16_name("EncryptedPackage") in data:
        raise ReadError(OFFICE_ENCRYPTED)
    if _utf16_name("WordDocument") not in data:
        raise ReadError(OLE_NOT_WORD)
    return data


# --- plain text -----------------------------------------------------------------------------


_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x80-\x9f\ufffd]")


def _looks_like_text(text: str) -> bool:
    if not text.strip():
        return False
    limit = max(2, len(text) // 100)
    return all(bad <= limit for bad, _ in enumerate(_NOT_TEXT.finditer(text), start=1))


def decode_text(data: bytes, *, declared: str | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with BOM, or told by its NUL bytes), else 8-bit.

    8-bit text is Windows-1258, TCVN3 or VNI, whichever reads as Vietnamese
    (``legacy_detect.decode_8bit``). ``declared`` is a charset named by the file
    itself (an HTML ``<meta charset>``); a BOM overrides it. Raises
    ``ReadError`` when the bytes do not look like text in any of these.
    """
    candidates: list[str]
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "8bit"]
        if len(data) % 2 == 0 and data[1::2].count(0) > len(data) // 4:
            candidates.insert(0, "utf-16-le")
        elif len(data) % 2 == 0 and data[0::2].count(0) > len(data) // 4:
            candidates.insert(0, "utf-16-be")
        if declared is not None:
            candidates.insert(0, declared)
    for encoding in candidates:
        try:
            if encoding == "8bit":
                text = decode_8bit(data)
            elif codecs.lookup(encoding).name in ("cp1258", "windows-1258"):
                text = codecs.decode(data, "cp1258")
            else:
                text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text
    raise ReadError(NOT_A_DOCUMENT)


# --- docx -----------------------------------------------------------------------------------


class _Fonts:
    """The font a run is shown in, from its own properties, its styles and the defaults.

    Only the names matter here: a ".Vn…" or "VNI-…" font means legacy text.
    """

    def __init__(self, document: Any) -> None:
        self.styles: dict[str, tuple[str | None, str | None]] = {}
        self.default_paragraph: str | None = None
        self.default_font: str | None = None
        try:
            root = document.styles.element
        except Exception:  # a .docx without a styles part
            return
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.default_font = _rfonts(defaults)
        for style in root.iterchildren(f"{_W}style"):
            style_id = style.get(f"{_W}styleId")
            if not style_id:
                continue
            based = style.find(f"{_W}basedOn")
            self.styles[style_id] = (
                based.get(f"{_W}val") if based is not None else None,
                _rfonts(style.find(f"{_W}rPr")),
            )
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                self.default_paragraph = style_id

    def _style_font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            based, font = self.styles[style_id]
            if font:
                return font
            style_id = based
        return None

    def run_font(self, run: Any, paragraph_style: str | None) -> str | None:
        props = run.find(f"{_W}rPr")
        font = _rfonts(props)
        if font:
            return font
        if props is not None:
            style = props.find(f"{_W}rStyle")
            if style is not None:
                font = self._style_font(style.get(f"{_W}val"))
                if font:
                    return font
        return self._style_font(paragraph_style or self.default_paragraph) or self.default_font


def _rfonts(props: Any) -> str | None:
    if props is None:
        return None
    fonts = props.find(f"{_W}rFonts")
    if fonts is None:
        return None
    # high-ANSI characters (where the legacy letters live) are shown in hAnsi
    return fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}ascii")


_RUN_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_PARAGRAPH_WRAPPERS = {
    f"{_W}{name}"
    for name in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo")
}


class _DocxReader:
    """Lines of a .docx body or part: paragraphs, tables, text boxes; legacy runs converted."""

    def __init__(self, fonts: _Fonts) -> None:
        self.fonts = fonts

    def blocks(self, container: Any, element: Any) -> Iterator[str]:
        for child in element.iterchildren():
            if child.tag == f"{_W}p":
                yield from self.paragraph(child)
            elif child.tag == f"{_W}tbl":
                yield from self.table(container, child)
            elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
                content = child.find(f"{_W}sdtContent")
                yield from self.blocks(container, content if content is not None else child)

    def table(self, container: Any, element: Any) -> Iterator[str]:
        from docx.table import Table

        rows: list[list[list[str]]] = []  # rows of cells of lines
        for row in Table(element, container).rows:
            seen: set[int] = set()
            cells = []
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    cells.append(list(self.blocks(cell, cell._tc)))
            rows.append(cells)
        if (
            len(rows) > 1
            and (
                all(len(cells) == 2 for cells in rows)
                or (  # a closing with two signatures beside the recipients
                    all(len(cells) == 3 for cells in rows)
                    and bool(rows[0][0])
                    and re.match(r"\s*N[ơo]i\s+nh[ậa]n", rows[0][0][0], re.IGNORECASE) is not None
                )
            )
            and all(len(lines) <= 1 for cells in rows for lines in cells)
        ):
            # a two-column layout table built one line per row (a header, or a closing block
            # with "Nơi nhận:" and its list beside the signature): each row becomes one line,
            # its cells separated by a tab, as Word copies a table as plain text — read down
            # cell by cell, the recipients and the signer's lines would interleave
            for cells in rows:
                yield "\t".join(lines[0] if lines else "" for lines in cells).rstrip()
            yield ""
            return
        if rows and len(rows[0]) >= 3 and _counts_kinds(rows[0]):
            # a table of quotas per unit ("Đơn vị | Tập thể | Cá nhân"): a row a line, as Word
            # copies it, so that each unit's counts stay on the unit's line
            for cells in rows:
                yield "\t".join(" ".join(line.strip() for line in lines) for lines in cells)
            yield ""
            return
        for cells in rows:
            for lines in cells:
                if len(cells) >= 3 and not any(line.strip() for line in lines):
                    # an empty cell of a table of three columns or more (no "Phối hợp" in a
                    # table of tasks): a mark keeps the row's cells in their columns, as a
                    # reader counting cells needs (``tasks._table_tasks``)
                    lines = ["-"]
                yield from lines
                yield ""

    def paragraph(self, element: Any) -> Iterator[str]:
        """The paragraph's text boxes first (a floating box is often the header's left column)."""
        props = element.find(f"{_W}pPr")
        style = props.find(f"{_W}pStyle") if props is not None else None
        style_id = style.get(f"{_W}val") if style is not None else None
        runs: list[tuple[str, str | None]] = []
        boxes: list[str] = []
        self._collect(element, style_id, runs, boxes)
        yield from boxes
        yield convert_runs(runs)

    def _collect(
        self,
        element: Any,
        style_id: str | None,
        runs: list[tuple[str, str | None]],
        boxes: list[str],
    ) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == f"{_W}r":
                self._run(child, style_id, runs, boxes)
            elif tag in _PARAGRAPH_WRAPPERS:
                self._collect(child, style_id, runs, boxes)
            elif tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self._collect(content, style_id, runs, boxes)
            elif tag == f"{_MC}AlternateContent":
                choice = child.find(f"{_MC}Choice")
                if choice is not None:
                    self._collect(choice, style_id, runs, boxes)

    def _run(
        self, run: Any, style_id: str | None, runs: list[tuple[str, str | None]], boxes: list[str]
    ) -> None:
        font = self.fonts.run_font(run, style_id)
        for child in run.iterchildren():
            tag = child.tag
            if tag in _RUN_TEXT:
                text = _RUN_TEXT[tag]
                runs.append((child.text or "" if text is None else text, font))
            elif tag == f"{_W}br":
                if child.get(f"{_W}type") in (None, "textWrapping"):
                    runs.append(("\n", font))
            elif tag in (f"{_W}drawing", f"{_W}pict", f"{_MC}AlternateContent", f"{_W}object"):
                for box in _text_boxes(child):
                    boxes.extend(line for line in self.blocks(None, box) if line.strip())


def _counts_kinds(header: list[list[str]]) -> bool:
    """Whether a table's header row ends with a column of collectives and one of
    individuals ("Tập thể", "Cá nhân", either order): a table of quotas per unit."""
    last = {" ".join(" ".join(lines).lower().split()) for lines in header[-2:]}
    return last == {"tập thể", "cá nhân"}


def _text_boxes(element: Any) -> Iterator[Any]:
    """Outermost ``w:txbxContent`` elements, reading a drawing's VML fallback never twice."""
    if element.tag == f"{_MC}AlternateContent":
        choice = element.find(f"{_MC}Choice")
        element = choice if choice is not None else element
    for child in element.iterchildren():
        if not isinstance(child.tag, str):
            continue
        if child.tag == f"{_W}txbxContent":
            yield child
        else:
            yield from _text_boxes(child)


def _header_parts(section: Any) -> Iterator[tuple[Any, bool]]:
    """(part, is a footer) for each header and footer a section defines itself."""
    for name in ("first_page_header", "header", "even_page_header"):
        yield getattr(section, name), False
    for name in ("first_page_footer", "footer", "even_page_footer"):
        yield getattr(section, name), True


def check_expanded_size(archive: zipfile.ZipFile) -> None:
    """Refuse a zip whose parts expand past the caps, from the sizes its directory declares.

    A part longer than declared is cut at the declared size by ``zipfile`` (and then fails
    its checksum), so the declared sizes bound the memory. Raises ``ReadError``.
    """
    infos = archive.infolist()
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    if xml > _MAX_XML or sum(i.file_size for i in infos) > _MAX_UNZIPPED:
        raise ReadError(ZIP_TOO_LARGE)


def docx_text(data: bytes) -> str:
    """Body paragraphs, tables and text boxes in order, with headers first and footers last.

    Table cells are read row by row, left to right; merged cells once; each
    cell ends with a blank line. Runs in a TCVN3 (".VnTime") or VNI
    ("VNI-Times") font are converted to Unicode, then any legacy text left
    (legacy characters in another font) is found by statistics. Raises
    ``ReadError`` for a zip that is not a readable .docx.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise ReadError(ZIP_NOT_DOCX)
            check_expanded_size(archive)
            archive.testzip()
    except ReadError:
        raise
    except Exception as exc:  # zipfile raises many kinds on damaged archives
        raise ReadError(DOCX_BROKEN) from exc
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        reader = _DocxReader(_Fonts(document))
        heads: list[str] = []
        feet: list[str] = []
        seen: set[str] = set()
        for section in document.sections:
            for part, is_footer in _header_parts(section):
                if part.is_linked_to_previous:
                    continue
                lines = [ln for ln in reader.blocks(part, part._element) if ln.strip()]
                key = "\n".join(lines)
                # page numbers alone are not content; the same header twice is read once
                if key not in seen and any(not ln.strip().isdigit() for ln in lines):
                    seen.add(key)
                    (feet if is_footer else heads).extend(lines)
        body = list(reader.blocks(document, document.element.body))
    except ReadError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on bad parts
        raise ReadError(DOCX_BROKEN) from exc
    lines = [*heads, *([""] if heads else []), *body, *([""] if feet else []), *feet]
    text = fix_legacy_text("\n".join(lines))
    if not text.strip():
        raise ReadError(EMPTY)
    return text


# --- pdf ------------------------------------------------------------------------------------


def _has_images(page: Any) -> bool:
    try:
        resources = page.get("/Resources")
        objects = resources.get_object().get("/XObject") if resources else None
        if objects:
            for ref in objects.get_object().values():
                if ref.get_object().get("/Subtype") == "/Image":
                    return True
        return b"BI" in (page.get_contents().get_data() if page.get_contents() else b"")
    except Exception:  # a damaged resource dictionary says nothing either way
        return False


def _page_text(page: Any) -> str:
    """A page's text laid out as printed (pypdf layout mode): columns of a header or
    closing table side by side on one line, unfolded later by ``layout.unfold_columns``
    (docs/decisions/0006-pdf-and-ocr.md). Falls back to pypdf's stream order if the layout
    pass fails on an unusual font."""
    try:
        text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False)
    except Exception:  # layout mode needs font widths some damaged PDFs lack
        text = None
    if not text or not text.strip():
        return page.extract_text() or ""
    return "\n".join(_unjustify(line) for line in text.split("\n"))


_WORD_GAPS = re.compile(r"(?<=\S)( {2,})(?=\S)")
#: The closing's left cell set on the baseline of the body's last line.
_RULE_THEN_TEXT = re.compile(r"^(\s*-{3,})\s+(?=\S)")
_CLOSING_ON_LINE = re.compile(r"(?<=[.:;])\s+(?=N[ơo]i\s+nh[ậa]n\s*:)")


def _unjustify(line: str) -> str:
    """A justified line of layout text ("4.     Chi     bộ     sơ     kết") back to single
    spaces — every gap between its words alike — and "Nơi nhận:" moved to its own line."""
    gaps = [len(g) for g in _WORD_GAPS.findall(line)]
    if len(gaps) >= 4 and max(gaps) - min(gaps) <= 1 and line.count(" ") > len(line) // 4:
        line = line.lstrip() and re.sub(r" {2,}", " ", line.strip())
    line = _RULE_THEN_TEXT.sub("\\1\n", line)  # "----- Thực hiện …": the rule, then the body
    return _CLOSING_ON_LINE.sub("\n", line)


def pdf_text(data: bytes) -> str:
    """Text layer of every page, pages separated by a blank line.

    An encrypted PDF is opened with the empty password (PDFs that only
    restrict printing or copying); otherwise, and for a damaged or image-only
    PDF, raises ``ReadError``.
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
        pages = list(reader.pages)[:_MAX_PDF_PAGES]
        texts = [_page_text(page) for page in pages]
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise ReadError(PDF_BROKEN) from exc
    text = "\n\n".join(texts)
    if sum(1 for c in text if c.isalpha()) < 10:
        if any(_has_images(page) for page in pages):
            raise ScanOnly(PDF_NEEDS_OCR)
        raise ReadError(PDF_NO_TEXT)
    return text
