"""Paragraph, run and table primitives shared by the document parts (docs/party-format.md §18)."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Emu, Inches, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.parfmt import ParagraphFormat

from . import _ooxml
from ._ooxml import NO_BREAK_HYPHEN
from .rules import FormatRules
from .text import protect_numbers, respell

_XML_SPACE = qn("xml:space")
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What keeps a text off the direct path: characters XML refuses, tabs and line breaks
# (python-docx's w:tab / w:br), the non-breaking hyphen (w:noBreakHyphen).
_CONTROL_OR_HYPHEN = re.compile(r"[\x00-\x1f\u2011\ufffe\uffff]")

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
NUMERIC = re.compile(r"^[\d\s.,%/+\-–]*\d[\d\s.,%/+\-–]*$")

_SECT_PR = qn("w:sectPr")
_TBL = qn("w:tbl")
_R = qn("w:r")
_T = qn("w:t")
_TR_PR = qn("w:trPr")
_TC = qn("w:tc")


def _set_text(r: BaseOxmlElement, text: str) -> None:
    """Fill the empty ``w:t`` that ends the run ``r`` with ``text``, as ``append_text`` would
    write it into a run without one (``w:noBreakHyphen``, tabs and breaks through it)."""
    t = r[-1]
    if NO_BREAK_HYPHEN in text or "\t" in text or "\n" in text or "\r" in text:
        r.remove(t)
        if text:
            _ooxml.append_text(r, text)
        return
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


# (size, bold, italic, underline) of a run; (indent, align, space before, space after) of a
# body paragraph. Each distinct key is formatted through python-docx once, then copied.
RunKey = tuple[float, bool, bool, bool]
ParagraphKey = tuple[bool, str, float, float]


class Writer:
    """Appends formatted blocks to ``doc`` under ``rules``; carries a pending page break."""

    def __init__(self, doc: Document, rules: FormatRules) -> None:
        self.doc = doc
        self.rules = rules
        self.break_pending = False
        self._run_formats: dict[RunKey, BaseOxmlElement] = {}
        self._paragraph_formats: dict[ParagraphKey, BaseOxmlElement] = {}
        body = doc.element.body
        # python-docx's add_paragraph / add_table look for w:sectPr among every block already
        # in the body before inserting, so a document of n blocks costs O(n²) (issue 13 §5).
        # New blocks go straight before the body's final w:sectPr instead: O(1) each.
        end = body[-1] if len(body) and body[-1].tag == _SECT_PR else None
        if end is None:
            end = body._add_sectPr()
        self._end: BaseOxmlElement = end
        self._last_p: BaseOxmlElement | None = None

        self._templates: dict[tuple[object, ...], BaseOxmlElement] = {}

    def add_block(self, element: BaseOxmlElement) -> None:
        """Insert a ``w:p`` or ``w:tbl`` at the end of the body, before the section properties."""
        self._end.addprevious(element)

    # -- the fast path for body text ------------------------------------------------------
    # A long report is tens of thousands of short paragraphs. Building each run through
    # python-docx's element classes costs ~100 µs; a paragraph of a given format is instead
    # one C-level copy of a template (properties and empty w:t already in place) whose texts
    # are then set (issue 13 §5: 1,500 reports × the seed-003 outline).

    def text_paragraph(
        self,
        runs: Sequence[tuple[str, bool, bool]],
        *,
        indent: bool = True,
        align: str = "justify",
        keep_with_next: bool = False,
    ) -> None:
        """A body paragraph of ``runs`` — (text, bold, italic) at body size — appended in
        constant time. Text goes through ``prose`` and ``protect_numbers`` like ``run``."""
        texts = [protect_numbers(self.prose(text)) for text, _, _ in runs]
        # Most text has no control character and no U+2011: one scan tells, and its runs
        # are filled directly; the rest takes the careful path.
        plain = [_CONTROL_OR_HYPHEN.search(text) is None for text in texts]
        if self.break_pending or any(
            "\t" in t or "\n" in t or "\r" in t
            for t, ok in zip(texts, plain, strict=True)
            if not ok
        ):
            paragraph = self.body_paragraph(indent=indent, align=align)
            paragraph.paragraph_format.keep_with_next = keep_with_next or None
            for text, (_, bold, italic) in zip(texts, runs, strict=True):
                self.run(paragraph, text, bold=bold, italic=italic)
            return
        before = self.rules.space_after_pt if self.last_block_is_table() else 0
        key = (indent, align, before, self.rules.space_after_pt)
        shape = (key, keep_with_next, tuple((b, i) for _, b, i in runs))
        template = self._templates.get(shape)
        if template is None:
            template = self._templates[shape] = self._template(key, keep_with_next, runs)
        p = template.__copy__()  # lxml copies the whole subtree in C
        if all(plain):
            for t, text in zip(p.iter(_T), texts, strict=True):
                t.text = text
                if text != text.strip():
                    t.set(_XML_SPACE, "preserve")
        else:
            for r, text in zip(p.iterchildren(_R), texts, strict=True):
                text = _INVALID_XML.sub("", text) if _INVALID_XML.search(text) else text
                _set_text(r, text)
        self._end.addprevious(p)
        self._last_p = p

    def _template(
        self, key: ParagraphKey, keep_with_next: bool, runs: Sequence[tuple[str, bool, bool]]
    ) -> BaseOxmlElement:
        p = OxmlElement("w:p")
        ppr = copy.deepcopy(self._paragraph_formats.get(key) or self._body_format(*key))
        p.append(ppr)
        if keep_with_next:
            ParagraphFormat(p).keep_with_next = True
        size = self.rules.body_size_pt
        for _, bold, italic in runs:
            r = OxmlElement("w:r")
            p.append(r)
            r.append(self._rpr((size, bold, italic, False)))
            r.append(OxmlElement("w:t"))
        return p

    def _rpr(self, key: RunKey) -> BaseOxmlElement:
        rpr = self._run_formats.get(key)
        if rpr is None:
            rpr = self._run_formats[key] = _ooxml.run_properties(
                font_name=self.rules.font_name, size_pt=key[0], bold=key[1], italic=key[2],
                underline=key[3],
            )  # fmt: skip
        return copy.deepcopy(rpr)

    @property
    def last_body_paragraph(self) -> Paragraph | None:
        """The last body paragraph written (None after a table or the title block)."""
        if self._last_p is None:
            return None
        return Paragraph(self._last_p, self.doc._body)

    @last_body_paragraph.setter
    def last_body_paragraph(self, paragraph: Paragraph | None) -> None:
        self._last_p = None if paragraph is None else paragraph._p

    def add_paragraph(self) -> Paragraph:
        """An empty body paragraph at the end of the document (constant time)."""
        p = OxmlElement("w:p")
        self.add_block(p)
        return Paragraph(p, self.doc._body)

    def add_table(self, rows: int, cols: int) -> Table:
        """A body table of ``rows`` × ``cols`` empty cells at the end (constant time)."""
        # python-docx's Document._block_width finds the last section by an XPath over every
        # paragraph; the body's w:sectPr is that last section, and it is at hand.
        section = Section(self._end, self.doc.part)
        width = Emu(
            (section.page_width or Inches(8.5))
            - (section.left_margin or Inches(1))
            - (section.right_margin or Inches(1))
        )
        tbl = CT_Tbl.new_tbl(rows, cols, width)
        self.add_block(tbl)
        table = Table(tbl, self.doc._body)
        table.style = None
        return table

    def prose(self, text: str) -> str:
        return respell(text, self.rules.spelling)

    def caps(self, text: str) -> str:
        return "\n".join(line.strip().upper() for line in self.prose(text).strip().splitlines())

    def take_break(self, paragraph: Paragraph) -> None:
        if self.break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.break_pending = False

    def body_paragraph(
        self, *, indent: bool = True, align: str = "justify", space_after: float | None = None
    ) -> Paragraph:
        rules = self.rules
        before = rules.space_after_pt if self.last_block_is_table() else 0
        after = rules.space_after_pt if space_after is None else space_after
        key = (indent, align, before, after)
        ppr = self._paragraph_formats.get(key)
        if ppr is None:
            ppr = self._paragraph_formats[key] = self._body_format(*key)
        paragraph = self.add_paragraph()
        paragraph._p.append(copy.deepcopy(ppr))
        self.take_break(paragraph)
        self.last_body_paragraph = paragraph
        return paragraph

    def _body_format(
        self, indent: bool, align: str, before: float, after: float
    ) -> BaseOxmlElement:
        """The ``w:pPr`` of a body paragraph: §9 line spacing, indent and spacing."""
        p = OxmlElement("w:p")
        fmt = ParagraphFormat(p)
        fmt.alignment = ALIGN[align]
        fmt.first_line_indent = Mm(self.rules.first_line_indent_mm) if indent else Mm(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(self.rules.line_spacing_pt)
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.widow_control = True
        return p.get_or_add_pPr()

    def centred(self, *, space_before: float = 0, exact: bool = True) -> Paragraph:
        paragraph = self.body_paragraph(indent=False, align="center", space_after=0)
        fmt = paragraph.paragraph_format
        fmt.space_before = Pt(space_before)
        if not exact:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        return paragraph

    def separator(self) -> None:
        paragraph = self.centred()
        paragraph.paragraph_format.space_after = Pt(12)
        self.run(paragraph, self.rules.separator)

    def cell_paragraph(
        self, cell: _Cell, *, first: bool = False, align: str = "center", space_before: float = 0
    ) -> Paragraph:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = ALIGN[align]
        fmt.first_line_indent = Mm(0)
        fmt.space_before = Pt(space_before)
        fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        return paragraph

    def cell_text(self, cell: _Cell, text: str, size: float, *, bold: bool, align: str) -> None:
        paragraph = self.cell_paragraph(cell, first=True, align=align, space_before=2)
        paragraph.paragraph_format.space_after = Pt(2)
        self.run(paragraph, self.prose(text), size=size, bold=bold)

    def run(
        self,
        paragraph: Paragraph,
        text: str,
        *,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
    ) -> None:
        key = (self.rules.body_size_pt if size is None else size, bold, italic, underline)
        rpr = self._run_formats.get(key)
        if rpr is None:
            rpr = self._run_formats[key] = _ooxml.run_properties(
                font_name=self.rules.font_name,
                size_pt=key[0],
                bold=bold,
                italic=italic,
                underline=underline,
            )
        _ooxml.append_run(paragraph, protect_numbers(text), rpr)

    def data_rows(self, table: Table, rows: Sequence[Sequence[object]], size: float) -> None:
        """Append ``rows`` to ``table``: numbers centred, the rest left.

        Rows may split across pages: LibreOffice 7.4 drops "cannot split" rows at a page
        break when the font is metrically Times New Roman (issue 12), and a short row never
        needs the mark.

        Cells are written once through python-docx as prototypes; each row is then one C-level
        copy of a prototype row of its shape (alignment and empty cells) whose texts are set,
        so a 1,500-row status table takes tens of milliseconds (issue 13 §5).
        """
        left, centre = (self._prototype_row(table, align, size) for align in ("left", "center"))
        row_format = left.find(_TR_PR)
        cells = {"left": left.tc_lst, "center": centre.tc_lst}
        shapes: dict[tuple[tuple[str, bool], ...], BaseOxmlElement] = {}
        tbl = table._tbl
        for row in rows:
            raw = ["" if value is None else str(value) for value in row]
            texts = [protect_numbers(self.prose(text)) for text in raw]
            shape = tuple(
                ("center" if NUMERIC.match(r) else "left", bool(t))
                for r, t in zip(raw, texts, strict=True)
            )
            prototype = shapes.get(shape)
            if prototype is None:
                prototype = shapes[shape] = self._row_of_shape(row_format, cells, shape)
            tr = prototype.__copy__()
            for tc, text in zip(tr.iterchildren(_TC), texts, strict=True):
                if text:
                    _set_text(next(tc.iter(_R)), text)
            tbl.append(tr)

    @staticmethod
    def _row_of_shape(
        row_format: BaseOxmlElement,
        cells: dict[str, list[BaseOxmlElement]],
        shape: tuple[tuple[str, bool], ...],
    ) -> BaseOxmlElement:
        """A detached ``w:tr``: the row format, then per column the prototype cell of its
        alignment, with an empty ``w:t`` in its run when the cell gets text."""
        tr = OxmlElement("w:tr")
        tr.append(copy.deepcopy(row_format))
        for column, (align, has_text) in enumerate(shape):
            tc = copy.deepcopy(cells[align][column])
            if has_text:
                next(tc.iter(_R)).append(OxmlElement("w:t"))
            tr.append(tc)
        return tr

    def _prototype_row(self, table: Table, align: str, size: float) -> BaseOxmlElement:
        """A detached data row of empty cells with ``align``, built the python-docx way."""
        row = table.add_row()
        row._tr.get_or_add_trPr()
        for tc in row._tr.tc_lst:
            self.cell_text(_Cell(tc, table), "", size, bold=False, align=align)
        table._tbl.remove(row._tr)
        return row._tr

    def layout_table(self, *, rows: int) -> Table:
        """A borderless two-column table split ``header_left_share`` / rest (§4, §10)."""
        rules = self.rules
        table = self.add_table(rows, 2)
        _ooxml.set_table_borders(table, visible=False)
        margin = rules.layout_cell_margin_mm
        _ooxml.set_cell_margins(table, left_mm=margin, right_mm=margin)
        left_mm = rules.text_width_mm * rules.header_left_share
        _ooxml.set_column_widths(table, [left_mm, rules.text_width_mm - left_mm])
        return table

    def column_widths(self, count: int, widths_mm: Sequence[float] | None) -> list[float]:
        available = self.rules.text_width_mm
        if widths_mm is None:
            return [available / count] * count
        widths = [float(w) for w in widths_mm]
        if len(widths) != count:
            raise ValueError(f"{len(widths)} widths given for {count} columns")
        if any(w <= 0 for w in widths) or sum(widths) > available + 0.5:
            raise ValueError(f"column widths must be positive and fit in {available:g} mm")
        return widths

    def last_block_is_table(self) -> bool:
        """Whether the last block before the section properties is a table.

        Looks at the end of the body only: scanning every block made a long report quadratic.
        """
        previous = self._end.getprevious()
        return previous is not None and previous.tag == _TBL

    def spacer(self) -> Paragraph:
        """An empty 1 pt paragraph: keeps adjacent tables apart and carries page breaks."""
        paragraph = self.centred()
        paragraph.paragraph_format.line_spacing = Pt(1)
        self.run(paragraph, "", size=1)
        return paragraph

    def before_block_table(self) -> None:
        if self.break_pending or self.last_block_is_table():
            self.spacer()

    def finish(self) -> None:
        if self.break_pending or self.last_block_is_table():
            self.spacer()
