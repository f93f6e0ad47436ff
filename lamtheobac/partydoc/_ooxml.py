"""Low-level WordprocessingML helpers python-docx has no API for (fonts, borders, fields)."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

_BORDER_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _child(
    parent: BaseOxmlElement, tag: str, *, after: frozenset[str] = frozenset()
) -> BaseOxmlElement:
    """The existing ``tag`` child of ``parent``, or a new one placed in schema order.

    ``after`` names the sibling tags the schema puts before ``tag``; the new element goes
    before the first child that is not one of them (Word rejects out-of-order children).
    """
    found = parent.find(qn(tag))
    if found is not None:
        return found
    found = OxmlElement(tag)
    earlier = {qn(name) for name in after}
    for index, sibling in enumerate(parent):
        if sibling.tag not in earlier:
            parent.insert(index, found)
            return found
    parent.append(found)
    return found


def _names(text: str) -> frozenset[str]:
    return frozenset(f"w:{name}" for name in text.split())


# Schema order (ECMA-376 Part 1, §17.3.2, §17.4, §17.15) of the siblings before each tag.
_BEFORE_SZCS = _names(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz"
)
_BEFORE_TBLW = _names(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize"
)
_BEFORE_TBLBORDERS = _BEFORE_TBLW | _names("tblW jc tblCellSpacing tblInd")
_BEFORE_CANTSPLIT = _names("cnfStyle divId gridBefore gridAfter wBefore wAfter")
_BEFORE_TBLHEADER = _BEFORE_CANTSPLIT | _names("cantSplit trHeight")
_BEFORE_MIRROR = _names(
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData"
)


def set_rpr_fonts(rpr: BaseOxmlElement, font_name: str) -> None:
    """Name the font for Latin, east-asian and complex-script text so Word and LibreOffice agree."""
    fonts = _child(rpr, "w:rFonts", after=_names("rStyle"))
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font_name)


def style_run(
    run: Run,
    *,
    font_name: str,
    size_pt: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> Run:
    """Give ``run`` explicit font, size (also the complex-script size) and weight."""
    font = run.font
    font.name = font_name
    set_rpr_fonts(run._r.get_or_add_rPr(), font_name)
    font.size = Pt(size_pt)
    font.bold = bold
    font.italic = italic
    font.underline = underline or None
    size_cs = _child(run._r.get_or_add_rPr(), "w:szCs", after=_BEFORE_SZCS)
    size_cs.set(qn("w:val"), str(round(size_pt * 2)))
    return run


def run_properties(
    *,
    font_name: str,
    size_pt: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> BaseOxmlElement:
    """The ``w:rPr`` that ``style_run`` writes, built once to be copied onto many runs.

    Setting each property through python-docx costs about twenty element look-ups per run,
    which dominated the time to write a 1,500-paragraph report.
    """
    scratch = Run(OxmlElement("w:r"), None)  # type: ignore[arg-type]  # detached: no story part
    style_run(
        scratch, font_name=font_name, size_pt=size_pt, bold=bold, italic=italic, underline=underline
    )
    return scratch._r.get_or_add_rPr()


def append_run(paragraph: Paragraph, text: str, rpr: BaseOxmlElement) -> CT_R:
    """Add a run with a copy of ``rpr`` and ``text``, as ``paragraph.add_run(text)`` would.

    Text without tabs or line breaks goes into one ``w:t`` (python-docx's ``run.text``
    setter walks it a character at a time); the rest keeps python-docx's translation
    into ``w:tab`` and ``w:br``.
    """
    r = paragraph._p.add_r()
    r.append(copy.deepcopy(rpr))
    if text:
        append_text(r, text)
    return r


NO_BREAK_HYPHEN = "\u2011"


def append_text(r: CT_R, text: str) -> None:
    """Put non-empty ``text`` after the run properties of ``r``, which has no text yet.

    U+2011 becomes ``w:noBreakHyphen`` (Word and LibreOffice print a hyphen and never break
    the line there; python-docx reads it back as "-").
    """
    if NO_BREAK_HYPHEN in text:
        for index, part in enumerate(text.split(NO_BREAK_HYPHEN)):
            if index:
                r.append(OxmlElement("w:noBreakHyphen"))
            if part:
                append_text(r, part)
        return
    if "\t" in text or "\n" in text or "\r" in text:
        r.text = text
    else:
        r.add_t(text)


def set_document_defaults(doc: Document, *, font_name: str, size_pt: float, lang: str) -> None:
    """Replace the template's theme fonts, 11 pt size, 10 pt spacing and en-US language."""
    styles = doc.styles.element
    defaults = _child(styles, "w:docDefaults")
    rpr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    set_rpr_fonts(rpr, font_name)
    half_points = str(round(size_pt * 2))
    _child(rpr, "w:sz", after=_BEFORE_SZCS - _names("sz")).set(qn("w:val"), half_points)
    _child(rpr, "w:szCs", after=_BEFORE_SZCS).set(qn("w:val"), half_points)
    language = _child(rpr, "w:lang", after=_BEFORE_SZCS | _names("szCs highlight u effect"))
    for slot in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(slot), lang)
    ppr = _child(_child(defaults, "w:pPrDefault", after=_names("rPrDefault")), "w:pPr")
    spacing = _child(ppr, "w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    for name in ("Normal", "Header", "Footer"):
        style = doc.styles[name]
        style.font.name = font_name
        style.font.size = Pt(size_pt)
        set_rpr_fonts(style.element.get_or_add_rPr(), font_name)


def set_mirror_margins(doc: Document) -> None:
    """Mirror left/right margins on back pages for duplex printing (§2)."""
    _child(doc.settings.element, "w:mirrorMargins", after=_BEFORE_MIRROR)


def set_table_borders(table: Table, *, visible: bool, size_eighths: int = 4) -> None:
    """Single black borders on every edge, or explicit "none" for a layout table."""
    tbl_pr = table._tbl.tblPr
    borders = _child(tbl_pr, "w:tblBorders", after=_BEFORE_TBLBORDERS)
    for old in list(borders):
        borders.remove(old)
    for edge in _BORDER_EDGES:
        line = OxmlElement(f"w:{edge}")
        borders.append(line)
        line.set(qn("w:val"), "single" if visible else "none")
        line.set(qn("w:sz"), str(size_eighths if visible else 0))
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000" if visible else "auto")


def set_column_widths(table: Table, widths_mm: Sequence[float]) -> None:
    """Fixed layout with the grid, table and every existing cell set to ``widths_mm``."""
    tbl = table._tbl
    table.autofit = False
    tbl_pr = tbl.tblPr
    tbl_pr.get_or_add_tblLayout().set(qn("w:type"), "fixed")
    total = _child(tbl_pr, "w:tblW", after=_BEFORE_TBLW)
    total.set(qn("w:w"), str(sum(Mm(w).twips for w in widths_mm)))
    total.set(qn("w:type"), "dxa")
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        grid_col.w = Mm(width)
    for tr in tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths_mm, strict=True):
            tc.width = Mm(width)


def mark_header_row(row: _Row) -> None:
    """Repeat ``row`` at the top of every page the table runs onto."""
    _child(row._tr.get_or_add_trPr(), "w:tblHeader", after=_BEFORE_TBLHEADER)


def keep_row_on_one_page(row: _Row) -> None:
    """Forbid a page break inside ``row`` (signature blocks)."""
    _child(row._tr.get_or_add_trPr(), "w:cantSplit", after=_BEFORE_CANTSPLIT)


def add_page_number_field(
    paragraph: Paragraph, *, font_name: str, size_pt: float, placeholder: str = "2"
) -> None:
    """Append a complex ``PAGE`` field; ``placeholder`` shows until the viewer updates it."""

    def field_run() -> Run:
        return style_run(paragraph.add_run(), font_name=font_name, size_pt=size_pt)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    field_run()._r.append(begin)

    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    field_run()._r.append(instruction)

    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    field_run()._r.append(separate)

    field_run().text = placeholder

    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    field_run()._r.append(end)


def set_cell_margins(table: Table, *, left_mm: float, right_mm: float) -> None:
    """Default left/right padding inside every cell of ``table``."""
    after = _BEFORE_TBLBORDERS | _names("tblBorders shd tblLayout")
    margins = _child(table._tbl.tblPr, "w:tblCellMar", after=after)
    for old in list(margins):
        margins.remove(old)
    for side, width in (("left", left_mm), ("right", right_mm)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(Mm(width).twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
