"""Spreadsheet cells users can sort and print safely (issue 12 §5).

* Text that a spreadsheet would read as a formula ("=", "+", "-", "@", tab or CR first) is
  stored as a text cell with the quote prefix: never a live formula (formula injection).
* Dates and datetimes are real date cells with Vietnamese formats; ratios are fractions shown
  as percentages with one decimal.
* Pages: A4 landscape, fit to one page wide, title rows repeated, print area set.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .text import nfc

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "hh:mm dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"


def put(cell: Cell, value: object) -> Cell:
    """Write ``value`` into ``cell``: text never becomes a formula; dates get a date format.

    A ``datetime`` must already be in local time (Asia/Ho_Chi_Minh) and is stored naive.
    """
    if isinstance(value, str):
        text = nfc(value)
        cell.value = text
        if text.startswith(FORMULA_TRIGGERS):
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell
    if isinstance(value, datetime.datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
        return cell
    cell.value = value
    return cell


def append(ws: Worksheet, values: Iterable[object]) -> int:
    """Append one row through ``put``; returns its row number."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        put(ws.cell(row, column), value)
    return row


def percent(cell: Cell, part: int, total: int) -> None:
    """``part / total`` as a number shown with one decimal ("84,2%" in a Vietnamese locale)."""
    cell.value = part / total if total else 0.0
    cell.number_format = PERCENT_FORMAT


def print_setup(ws: Worksheet, *, title_rows: tuple[int, int], columns: int) -> None:
    """A4 landscape, one page wide, ``title_rows`` repeated on every page, print area set."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    first, last = title_rows
    ws.print_title_rows = f"{first}:{last}"
    ws.print_area = f"A1:{get_column_letter(columns)}{max(ws.max_row, last)}"
