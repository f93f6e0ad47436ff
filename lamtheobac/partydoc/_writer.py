"""Paragraph, run and table primitives shared by the document parts (party-document-format.md §18)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from . import _ooxml
from .rules import FormatRules
from .text import nfc, respell

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
NUMERIC = re.compile(r"^[\d\s.,%/+\-–]*\d[\d\s.,%/+\-–]*$")


class Writer:
    """Appends formatted blocks to ``doc`` under ``rules``; carries a pending page break."""

    def __init__(self, doc: Document, rules: FormatRules) -> None:
        self.doc = doc
        self.rules = rules
        self.break_pending = False

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
        follows_table = self.last_block_is_table()
        paragraph = self.doc.add_paragraph()
        self.take_break(paragraph)
        fmt = paragraph.paragraph_format
        fmt.alignment = ALIGN[align]
        fmt.first_line_indent = Mm(rules.first_line_indent_mm) if indent else Mm(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(rules.line_spacing_pt)
        fmt.space_before = Pt(rules.space_after_pt if follows_table else 0)
        fmt.space_after = Pt(rules.space_after_pt if space_after is None else space_after)
        fmt.widow_control = True
        return paragraph

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
        self.run(paragraph, nfc(text), size=size, bold=bold)

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
        run = paragraph.add_run(text)
        _ooxml.style_run(
            run,
            font_name=self.rules.font_name,
            size_pt=self.rules.body_size_pt if size is None else size,
            bold=bold,
            italic=italic,
            underline=underline,
        )

    def layout_table(self, *, rows: int) -> Table:
        """A borderless two-column table split ``header_left_share`` / rest (§4, §10)."""
        rules = self.rules
        table = self.doc.add_table(rows=rows, cols=2)
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
        body = self.doc.element.body
        blocks = [child for child in body if not child.tag.endswith("}sectPr")]
        return bool(blocks) and blocks[-1].tag.endswith("}tbl")

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
