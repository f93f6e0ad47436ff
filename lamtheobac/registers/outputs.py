"""The register as an .xlsx workbook (STT, số ký hiệu, ngày, trích yếu, nơi nhận, liên kết).

Text cells are written as text even when they begin with = + - @, so a title can never run
as a formula in the reader's spreadsheet.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from lamtheobac.core.dates import short_date
from lamtheobac.registers.models import DocumentRegister, RegisterEntry


def _text(cell: Cell, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # never a formula, whatever the first character


def register_workbook(
    register: DocumentRegister, entries: Iterable[RegisterEntry], base_url: str = ""
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Sổ văn bản đi {register.year}"
    ws.append([f"SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM {register.year} — {register.unit.name}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(["STT", "Số, ký hiệu", "Ngày", "Trích yếu", "Nơi nhận", "Liên kết"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for i, entry in enumerate(entries, start=1):
        ws.append([i, "", short_date(entry.issued_on)])
        row = ws.max_row
        _text(ws.cell(row, 2), entry.number)
        _text(ws.cell(row, 4), entry.title)
        _text(ws.cell(row, 5), entry.recipients)
        _text(ws.cell(row, 6), f"{base_url}{entry.link}" if entry.link else "")
    for col, width in zip("ABCDEF", (6, 18, 12, 70, 30, 40), strict=True):
        ws.column_dimensions[col].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
