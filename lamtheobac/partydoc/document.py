"""PartyDocument: build a Party-format .docx (docs/party-format.md §2–§4, §7–§11, §15, §18)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import _Cell

from . import _ooxml
from ._writer import ALIGN, Writer
from .dates import format_date_line
from .header import Header, Signature
from .rules import RULES, FormatRules
from .text import list_item, nfc, split_paragraphs

PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
RECIPIENTS_LABEL = "Nơi nhận:"
LANGUAGE = "vi-VN"

_ADDRESSEE_LABEL_MM = 22  # room for "Kính gửi:" at 14 pt before the list (§8)
_ADDRESSEE_OFFSET_MM = 20
_PETITION_KIND = "TỜ TRÌNH"


class PartyDocument:
    """A Party document under construction; call the body methods in reading order.

    The first-page header, kind name, title and "Kính gửi" block are written on creation.
    ``kind_name=None`` makes a công văn: its summary (``header.summary``, else ``title``)
    goes under the number in the left column (§7). ``duplex=True`` mirrors the margins (§2).
    """

    def __init__(
        self,
        header: Header,
        *,
        kind_name: str | None = None,
        title: str | None = None,
        addressees: Sequence[str] | None = None,
        rules: FormatRules = RULES["hd36_2018"],
        duplex: bool = False,
    ) -> None:
        if kind_name is not None and header.summary is not None:
            raise ValueError("Header.summary is only for a công văn (kind_name=None); use title")
        self.header = header
        self.rules = rules
        self.kind_name = nfc(kind_name).strip().upper() if kind_name else None
        self.title = nfc(title).strip() if title else None
        self.addressees = [nfc(a).strip() for a in addressees or () if a.strip()]
        self._doc = docx.Document()
        self._w = Writer(self._doc, rules)
        self._setup_page(duplex=duplex)
        self._write_header()
        if self.kind_name is not None:
            self._write_kind_and_title()
        if self.addressees:
            self._write_addressees()
        self._set_properties()

    # -- public body API -------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        """A numbered heading the caller wrote ("I- KẾT QUẢ", "1. ...", "a) ...") (§9).

        Level 1 is bold capitals, level 2 bold, level 3 italic; all 14 pt, indented like body.
        """
        if level not in (1, 2, 3):
            raise ValueError(f"heading level must be 1, 2 or 3, got {level}")
        content = self._w.prose(text).strip()
        if level == 1:
            content = content.upper()
        self._w.text_paragraph([(content, level in (1, 2), level == 3)], keep_with_next=True)

    def paragraph(
        self,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        indent: bool = True,
        align: str = "justify",
    ) -> None:
        """Body text, 14 pt, exactly 18 pt lines, 6 pt after, 10 mm first-line indent (§9).

        Each line of ``text`` becomes its own paragraph. ``align`` is one of
        "justify", "left", "center", "right"; anything else raises ValueError.
        """
        if align not in ALIGN:
            raise ValueError(f"align must be one of {sorted(ALIGN)}, got {align!r}")
        for part in split_paragraphs(text):
            self._w.text_paragraph([(part, bold, italic)], indent=indent, align=align)

    def labelled(self, label: str, text: str) -> None:
        """A body paragraph opening with a bold ``label`` ("Đảng bộ Sở Tài chính: ").

        Further lines of ``text`` follow as ordinary body paragraphs.
        """
        head = nfc(label)
        if head and not head[-1].isspace():
            head += " "
        parts = split_paragraphs(text) or [""]
        runs = [(head, True, False)]
        if parts[0]:
            runs.append((parts[0], False, False))
        self._w.text_paragraph(runs)
        for part in parts[1:]:
            self._w.text_paragraph([(part, False, False)])

    def table(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        widths_mm: Sequence[float] | None = None,
        header_bold: bool = True,
        font_size: float = 12,
    ) -> None:
        """A bordered table whose header row repeats on every page; rows may break across pages.

        ``widths_mm`` defaults to equal columns across the 165 mm text width and may not
        exceed it. Every row needs ``len(columns)`` cells (ValueError otherwise); cells are
        written with ``str()``, numbers centred. Cell text is kept as written (NFC only).
        """
        if not columns:
            raise ValueError("a table needs at least one column")
        count = len(columns)
        for index, row in enumerate(rows):
            if len(row) != count:
                raise ValueError(f"row {index} has {len(row)} cells; the table has {count} columns")
        widths = self._w.column_widths(count, widths_mm)
        self._w.before_block_table()
        table = self._w.add_table(1, count)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _ooxml.set_table_borders(table, visible=True)
        _ooxml.set_column_widths(table, widths)
        header_row = table.rows[0]
        _ooxml.mark_header_row(header_row)
        for tc, name in zip(header_row._tr.tc_lst, columns, strict=True):
            cell = _Cell(tc, table)
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            self._w.cell_text(cell, str(name), font_size, bold=header_bold, align="center")
        self._w.data_rows(table, rows, font_size)

    def page_break(self) -> None:
        """Start the next paragraph or table on a new page (no empty line left behind)."""
        self._w.break_pending = True

    def closing(self, recipients: Sequence[str], signature: Signature) -> None:
        """Boxes 7 and 9b side by side in a borderless table that never splits (§10, §11).

        Left: underlined "Nơi nhận:" (14 pt) and "- X," lines (12 pt), the last (the file
        copy, "Lưu ...") ending with ".". A document with "Kính gửi" gets "- Như trên," first.
        Right, centred: authority (bold caps), title (caps, bold only if the rules say so,
        or when there is no authority line), blank lines for signature and seal, name bold.
        """
        items = [nfc(r).strip() for r in recipients if r.strip()]
        if self.addressees and not (items and items[0].lstrip("- ").startswith("Như trên")):
            items.insert(0, "Như trên")
        # Issue 12: the last body paragraph travels with the closing, so the signature never
        # sits alone on the last page; the closing row itself is the only unsplittable block.
        self._w.before_block_table()
        if self._w.last_body_paragraph is not None and not self._w.last_block_is_table():
            self._w.last_body_paragraph.paragraph_format.keep_with_next = True
        rules = self.rules
        table = self._w.layout_table(rows=1)
        row = table.rows[0]
        _ooxml.keep_row_on_one_page(row)
        left, right = row.cells

        self.signature = signature
        label = self._w.cell_paragraph(left, first=True, align="left", space_before=12)
        self._w.run(label, RECIPIENTS_LABEL, size=rules.recipient_label_size_pt, underline=True)
        for index, item in enumerate(items):
            last = index == len(items) - 1
            end = rules.recipient_last_end if last else rules.recipient_item_end
            line = self._w.cell_paragraph(left, align="left")
            self._w.run(line, list_item(self._w.prose(item), end), size=rules.recipient_size_pt)

        sign_size = rules.signature_size_pt
        first = True
        if signature.capacity:
            line = self._w.cell_paragraph(right, first=True, space_before=12)
            self._w.run(line, self._w.caps(signature.capacity), size=sign_size, bold=True)
            first = False
        if signature.title:
            title_bold = rules.signer_title_bold or not signature.capacity
            line = self._w.cell_paragraph(right, first=first, space_before=12 if first else 0)
            self._w.run(
                line, _title_case(self._w.prose(signature.title)), size=sign_size, bold=title_bold
            )
            first = False
        for _ in range(rules.signature_blank_lines):
            self._w.cell_paragraph(right, first=first)
            first = False
        name = self._w.cell_paragraph(right, first=first)
        self._w.run(name, nfc(signature.name).strip(), size=sign_size, bold=True)

    def appendix(self, label: str, title: str, note: str | None = None) -> None:
        """Start an appendix on a new page: "Phụ lục 1" bold, TITLE bold caps, (note) italic,
        then "-----", all centred (§15). ``note`` is wrapped in parentheses if it is not already.
        """
        self.page_break()
        self._w.run(self._w.centred(), self._w.prose(label).strip(), bold=True)
        self._w.run(self._w.centred(), self._w.prose(title).strip().upper(), bold=True)
        if note:
            text = self._w.prose(note).strip()
            if not (text.startswith("(") and text.endswith(")")):
                text = f"({text})"
            self._w.run(self._w.centred(), text, italic=True)
        self._w.separator()

    def save(self, target: str | Path | BinaryIO) -> None:
        """Write the .docx to a path or a binary file object."""
        self._w.finish()
        self._doc.save(str(target) if isinstance(target, Path) else target)

    def to_bytes(self) -> bytes:
        """The .docx file as bytes."""
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()

    # -- first page ------------------------------------------------------------------

    def _setup_page(self, *, duplex: bool) -> None:
        rules = self.rules
        _ooxml.set_document_defaults(
            self._doc, font_name=rules.font_name, size_pt=rules.body_size_pt, lang=LANGUAGE
        )
        section = self._doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Mm(rules.page_width_mm)
        section.page_height = Mm(rules.page_height_mm)
        section.top_margin = Mm(rules.margin_top_mm)
        section.bottom_margin = Mm(rules.margin_bottom_mm)
        section.left_margin = Mm(rules.margin_left_mm)
        section.right_margin = Mm(rules.margin_right_mm)
        section.header_distance = Mm(rules.header_distance_mm)
        section.footer_distance = Mm(rules.header_distance_mm)
        section.gutter = Mm(0)
        if duplex:
            _ooxml.set_mirror_margins(self._doc)
        # §2: page numbers from page 2 only, top centre, 14 pt.
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _ooxml.add_page_number_field(
            number, font_name=rules.font_name, size_pt=rules.page_number_size_pt
        )

    def _write_header(self) -> None:
        rules, header = self.rules, self.header
        table = self._w.layout_table(rows=2)
        names, heading = table.rows[0].cells
        number, date_line = table.rows[1].cells

        size = rules.body_name_size_pt
        first = True
        if header.superior:
            self._w.run(
                self._w.cell_paragraph(names, first=True), self._w.caps(header.superior), size=size
            )
            first = False
        issuer = self._w.cell_paragraph(names, first=first)
        self._w.run(issuer, self._w.caps(header.issuer), size=size, bold=True)
        self._w.run(self._w.cell_paragraph(names), "*", size=size)

        self._w.run(
            self._w.cell_paragraph(heading, first=True),
            PARTY_HEADING,
            size=rules.party_heading_size_pt,
            bold=True,
            underline=True,
        )

        self._w.run(
            self._w.cell_paragraph(number, first=True),
            header.number_line,
            size=rules.number_size_pt,
        )
        summary = header.summary or (self.title if self.kind_name is None else None)
        if summary:
            summary_paragraph = self._w.cell_paragraph(number, space_before=3)
            self._w.run(
                summary_paragraph,
                self._w.prose(summary).strip(),
                size=rules.cong_van_summary_size_pt,
                italic=True,
            )
        line = format_date_line(self._w.prose(header.place), header.date)
        date_paragraph = self._w.cell_paragraph(date_line, first=True)
        self._w.run(date_paragraph, line, size=rules.date_line_size_pt, italic=True)

    def _write_kind_and_title(self) -> None:
        rules = self.rules
        kind = self._w.centred(space_before=18, exact=False)
        self._w.last_body_paragraph = None
        kind.paragraph_format.keep_with_next = True
        self._w.run(
            kind, self._w.prose(self.kind_name or ""), size=rules.kind_name_size_pt, bold=True
        )
        if self.title:
            title = self._w.centred()
            title.paragraph_format.keep_with_next = True
            self._w.run(title, self._w.prose(self.title), size=rules.title_size_pt, bold=True)
        self._w.separator()

    def _write_addressees(self) -> None:
        rules = self.rules
        petition = self.kind_name == _PETITION_KIND
        label = f"{rules.petition_label if petition else rules.addressee_label}:"
        if len(self.addressees) == 1:
            paragraph = self._w.centred(space_before=12)
            paragraph.paragraph_format.space_after = Pt(rules.space_after_pt)
            self._w.run(
                paragraph,
                f"{label} {self._w.prose(self.addressees[0])}",
                size=rules.addressee_size_pt,
            )
            return
        list_start = Mm(_ADDRESSEE_OFFSET_MM + _ADDRESSEE_LABEL_MM)
        for index, addressee in enumerate(self.addressees):
            last = index == len(self.addressees) - 1
            end = rules.addressee_last_end if last else rules.addressee_item_end
            paragraph = self._w.body_paragraph(indent=False, align="left", space_after=0)
            fmt = paragraph.paragraph_format
            fmt.left_indent = list_start
            if index == 0:
                fmt.space_before = Pt(12)
                fmt.first_line_indent = -Mm(_ADDRESSEE_LABEL_MM)
                fmt.tab_stops.add_tab_stop(list_start)
                self._w.run(paragraph, f"{label}\t", size=rules.addressee_size_pt)
            if last:
                fmt.space_after = Pt(rules.space_after_pt * 2)
            self._w.run(
                paragraph, list_item(self._w.prose(addressee), end), size=rules.addressee_size_pt
            )

    def _set_properties(self) -> None:
        props = self._doc.core_properties
        parts = [self.kind_name or "", self.title or self.header.summary or ""]
        props.title = " ".join(p for p in parts if p)
        props.subject = self.header.number_line
        props.author = " ".join(nfc(self.header.issuer).split())
        props.last_modified_by = props.author
        props.comments = ""
        props.keywords = ""
        props.language = LANGUAGE
        props.revision = 1
        if self.header.date is not None:
            stamp = datetime.datetime.combine(self.header.date, datetime.time(), datetime.UTC)
            props.created = stamp
            props.modified = stamp


def _title_case(text: str) -> str:
    """Capitalise a signer title line by line, leaving the joining word "kiêm" as written (§10)."""
    lines = [line.strip() for line in text.strip().splitlines()]
    return "\n".join(line if line.lower() == "kiêm" else line.upper() for line in lines)
