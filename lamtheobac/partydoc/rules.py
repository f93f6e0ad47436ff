"""Versioned Party document format rules (docs/party-format.md §0, §17, §18)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

Spelling = Literal["as_written", "traditional", "modern"]


@dataclass(frozen=True)
class FormatRules:
    """One version of the Party format; lengths in millimetres, sizes and spacing in points.

    Sources: margins, page number and header distance docs/party-format.md §2;
    sizes §3; body spacing §9; signer title weight §10; recipients §11; 2026 changes §17.
    ``spelling`` picks the tone-mark placement applied to generated prose (§9):
    ``"traditional"`` writes "uỷ", "hoà"; ``"modern"`` writes "ủy", "hòa";
    ``"as_written"`` leaves the caller's text alone.
    """

    key: str
    source: str
    effective_from: datetime.date
    page_width_mm: float = 210
    page_height_mm: float = 297
    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    header_distance_mm: float = 10
    font_name: str = "Times New Roman"
    body_size_pt: float = 14
    party_heading_size_pt: float = 15
    body_name_size_pt: float = 14
    number_size_pt: float = 14
    date_line_size_pt: float = 14
    kind_name_size_pt: float = 16
    title_size_pt: float = 14
    cong_van_summary_size_pt: float = 12
    addressee_size_pt: float = 14
    recipient_label_size_pt: float = 14
    recipient_size_pt: float = 12
    signature_size_pt: float = 14
    page_number_size_pt: float = 14
    first_line_indent_mm: float = 10
    line_spacing_pt: float = 18
    space_after_pt: float = 6
    signer_title_bold: bool = False
    signature_blank_lines: int = 4
    header_left_share: float = 0.47
    layout_cell_margin_mm: float = 1
    addressee_label: str = "Kính gửi"
    petition_label: str = "Kính gửi"
    addressee_item_end: str = ","
    addressee_last_end: str = ","
    recipient_item_end: str = ","
    recipient_last_end: str = "."
    separator: str = "-----"
    cong_van_summary_prefix: str = ""  # §7: no "V/v"; 05-HD writes "về việc …" (§17)
    spelling: Spelling = "as_written"

    @property
    def text_width_mm(self) -> float:
        """Width between the left and right margins, in mm (165 mm on A4 by default)."""
        return self.page_width_mm - self.margin_left_mm - self.margin_right_mm


HD36_2018 = FormatRules(
    key="hd36_2018",
    source="Hướng dẫn 36-HD/VPTW ngày 03/4/2018 (docs/party-format.md §1–§15)",
    effective_from=datetime.date(2018, 4, 3),
)

HD05_2026 = FormatRules(
    key="hd05_2026",
    source="Hướng dẫn 05-HD/VPTW ngày 27/5/2026, as reported [C] (docs/party-format.md §17)",
    effective_from=datetime.date(2026, 5, 27),
    petition_label="Kính trình",
    cong_van_summary_prefix="về việc ",
    addressee_item_end=";",
    addressee_last_end=".",
    spelling="modern",
)

RULES: dict[str, FormatRules] = {r.key: r for r in (HD36_2018, HD05_2026)}


def rules_for_date(day: datetime.date) -> FormatRules:
    """The rule set in force on ``day``: 05-HD/VPTW from 27/5/2026, else 36-HD/VPTW (§0)."""
    if day >= HD05_2026.effective_from:
        return HD05_2026
    return HD36_2018
