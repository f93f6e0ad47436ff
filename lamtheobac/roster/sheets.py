"""The workbooks the roster writes with openpyxl: the two import templates and the roster
export (whose columns are the members template's, so an export can be corrected and imported
again). Text cells are stored as text, never as formulas, whatever their first character."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lamtheobac.roster.tree import TEMPLATE_KINDS

UNITS_SHEET = "Tổ chức"
MEMBERS_SHEET = "Đảng viên"
UNIT_HEADERS = ("Mã đơn vị", "Tên đơn vị", "Loại", "Mã đơn vị cấp trên", "Số đảng viên")
MEMBER_HEADERS = (
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Chức vụ",
    "Đơn vị (mã hoặc tên chi bộ)",
    "Đảng viên",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số thẻ đảng viên",
)
TEMPLATE_ROWS = 2000
UNITS_NOTE = (
    "Hướng dẫn: mỗi dòng là một tổ chức. Mã đơn vị: duy nhất, do cấp ủy đặt (chữ, số, . _ - /). "
    "Loại: chọn trong danh sách. Mã đơn vị cấp trên: để trống nếu trực thuộc ngay đơn vị nhập; "
    "có thể là mã một dòng khác trong tệp. Số đảng viên: chỉ dùng khi đơn vị chưa có danh sách "
    "đảng viên. Nếu có dòng sai, không dòng nào được nhập. Nhập lại tệp đã sửa chỉ thay đổi các "
    "dòng đã sửa."
)
MEMBERS_NOTE = (
    "Hướng dẫn: mỗi dòng là một người. Đơn vị: ghi mã đơn vị (hoặc tên chi bộ nếu không trùng). "
    "Ngày: dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy hoặc “ngày 3 tháng 5 năm 1980”; ngày sinh "
    "có thể chỉ ghi năm. Đảng viên: x hoặc có; không (quần chúng); để trống thì người có số thẻ "
    "hoặc ngày vào Đảng được coi là đảng viên. Số thẻ đảng viên: ghi dạng chữ (giữ số 0 đầu). "
    "Nếu có dòng sai, không dòng nào được nhập. Nhập lại tệp đã sửa chỉ thay đổi các dòng đã sửa."
)


def _sheet(
    workbook: Any, title: str, note: str, headers: Sequence[str], widths: Sequence[int]
) -> Any:
    sheet = workbook.active
    sheet.title = title
    sheet.append([note])
    sheet.merge_cells(f"A1:{get_column_letter(len(headers))}1")
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(italic=True)
    sheet.row_dimensions[1].height = 90
    sheet.append(list(headers))
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=2, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EAEEF2")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    return sheet


def _bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet: Any, row: int, column: int, value: str) -> None:
    if not value:
        return
    cell = sheet.cell(row=row, column=column, value=value)
    cell.data_type = "s"  # never a formula, whatever the first character


def units_template() -> bytes:
    """The unit-tree import template: sheet "Tổ chức", a note row, a list of kinds."""
    workbook = openpyxl.Workbook()
    sheet = _sheet(workbook, UNITS_SHEET, UNITS_NOTE, UNIT_HEADERS, (16, 48, 22, 20, 14))
    kinds = DataValidation(
        type="list", formula1='"' + ",".join(TEMPLATE_KINDS) + '"', allow_blank=True
    )
    kinds.add(f"C3:C{TEMPLATE_ROWS + 2}")
    sheet.add_data_validation(kinds)
    for column in ("A", "D"):
        for row in range(3, TEMPLATE_ROWS + 3):
            sheet[f"{column}{row}"].number_format = "@"
    return _bytes(workbook)


def _members_sheet(workbook: Any) -> Any:
    sheet = _sheet(
        workbook,
        MEMBERS_SHEET,
        MEMBERS_NOTE,
        MEMBER_HEADERS,
        (6, 30, 13, 9, 24, 28, 10, 14, 14, 16),
    )
    flags = DataValidation(type="list", formula1='"x,có,không"', allow_blank=True)
    flags.add(f"G3:G{TEMPLATE_ROWS + 2}")
    genders = DataValidation(type="list", formula1='"Nam,Nữ"', allow_blank=True)
    genders.add(f"D3:D{TEMPLATE_ROWS + 2}")
    sheet.add_data_validation(flags)
    sheet.add_data_validation(genders)
    return sheet


def members_template() -> bytes:
    """The roster import template: sheet "Đảng viên", a note row, lists for flag and gender;
    the card column is text so leading zeros stay."""
    workbook = openpyxl.Workbook()
    sheet = _members_sheet(workbook)
    for row in range(3, TEMPLATE_ROWS + 3):
        sheet[f"J{row}"].number_format = "@"
        for column in ("C", "H", "I"):
            sheet[f"{column}{row}"].number_format = "dd/mm/yyyy"
    return _bytes(workbook)


def roster_export(rows: Iterable[dict[str, Any]]) -> bytes:
    """The roster as the members template (re-importable): ``rows`` are dicts with keys
    name, date_of_birth | birth_year, gender, position, unit, is_party_member, joined_party_on,
    confirmed_on, card_number."""
    workbook = openpyxl.Workbook()
    sheet = _members_sheet(workbook)
    line = 2
    for number, person in enumerate(rows, start=1):
        line += 1
        sheet.cell(row=line, column=1, value=number)
        _text_cell(sheet, line, 2, person["name"])
        born: dt.date | int | None = person["date_of_birth"] or person["birth_year"]
        birth = sheet.cell(row=line, column=3, value=born)
        if isinstance(born, dt.date):
            birth.number_format = "dd/mm/yyyy"
        _text_cell(sheet, line, 4, person["gender"])
        _text_cell(sheet, line, 5, person["position"])
        _text_cell(sheet, line, 6, person["unit"])
        _text_cell(sheet, line, 7, "x" if person["is_party_member"] else "không")
        for column, key in ((8, "joined_party_on"), (9, "confirmed_on")):
            if person[key]:
                sheet.cell(row=line, column=column, value=person[key]).number_format = "dd/mm/yyyy"
        _text_cell(sheet, line, 10, person["card_number"])
    return _bytes(workbook)
