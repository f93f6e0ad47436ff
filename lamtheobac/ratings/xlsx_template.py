"""The downloadable import template (.xlsx): two sheets, a note row, lists for the levels."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lamtheobac.ratings.importing import PERSON_SHEET, UNIT_SHEET
from lamtheobac.ratings.levels import FIRST_YEAR, current_year
from lamtheobac.ratings.models import RatingLevel
from lamtheobac.units.models import Person, Unit

PERSON_HEADERS = ("STT", "Họ và tên", "Ngày sinh/Năm sinh", "Đơn vị (chi bộ)", "Năm", "Xếp loại")
UNIT_HEADERS = ("STT", "Tên tổ chức", "Năm", "Xếp loại")
TEMPLATE_ROWS = 5000

_NOTE = (
    "Hướng dẫn: mỗi dòng là xếp loại chất lượng của {what} trong một năm. {names} "
    "Năm: từ {first} đến {last}. Xếp loại: chọn trong danh sách (Hoàn thành xuất sắc nhiệm vụ, "
    "Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ) hoặc ghi tắt "
    "HTXSNV, HTTNV, HTNV, KHTNV. Nếu có dòng sai, không dòng nào được nhập và hệ thống báo lỗi "
    "từng dòng. Xếp loại đã có của cùng {who}, cùng năm được thay bằng xếp loại mới (có lưu "
    "lịch sử). Không xóa dòng tiêu đề."
)


def _fill_sheet(sheet: Any, headers: Sequence[str], note: str, widths: Sequence[int]) -> None:
    last_col = get_column_letter(len(headers))
    sheet.append([note])
    sheet.merge_cells(f"A1:{last_col}1")
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(italic=True)
    sheet.row_dimensions[1].height = 96
    sheet.append(list(headers))
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=2, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EAEEF2")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"

    level_col = get_column_letter(len(headers))
    year_col = get_column_letter(len(headers) - 1)
    last_row = TEMPLATE_ROWS + 2
    levels = DataValidation(
        type="list",
        formula1='"' + ",".join(str(label) for label in RatingLevel.labels) + '"',
        allow_blank=True,
        # A warning, not a stop: the short forms (HTXSNV…) are accepted on import.
        errorStyle="warning",
        errorTitle="Xếp loại",
        error="Nên chọn trong danh sách; chữ viết tắt HTXSNV, HTTNV, HTNV, KHTNV cũng được nhận.",
        promptTitle="Xếp loại",
        prompt="Chọn trong danh sách hoặc ghi tắt HTXSNV, HTTNV, HTNV, KHTNV.",
    )
    levels.add(f"{level_col}3:{level_col}{last_row}")
    years = DataValidation(
        type="whole",
        operator="between",
        formula1=str(FIRST_YEAR),
        formula2=str(current_year()),
        allow_blank=True,
        errorTitle="Năm",
        error=f"Năm từ {FIRST_YEAR} đến {current_year()}.",
    )
    years.add(f"{year_col}3:{year_col}{last_row}")
    sheet.add_data_validation(levels)
    sheet.add_data_validation(years)


def build_template(
    *,
    people: Sequence[Person] = (),
    units: Sequence[Unit] = (),
    year: int | None = None,
) -> bytes:
    """The import template: sheets "Cá nhân" and "Tập thể", a note row, level and year lists.

    Prefilled (issue 14 §7) with ``people`` (in the order given: the office order; name, birth
    year, unit name exactly as the import matches them) and ``units``, each with ``year`` and
    a blank level, so nothing has to be typed but the levels; rows left blank are skipped."""
    workbook = openpyxl.Workbook()
    sheet_people = workbook.active
    sheet_people.title = PERSON_SHEET
    last = current_year()
    _fill_sheet(
        sheet_people,
        PERSON_HEADERS,
        _NOTE.format(
            what="một người",
            who="người",
            first=FIRST_YEAR,
            last=last,
            names="Họ và tên, Đơn vị (chi bộ) ghi đúng như trong hệ thống; Ngày sinh/Năm sinh "
            "không bắt buộc, dùng để phân biệt người trùng tên.",
        ),
        (6, 30, 16, 36, 8, 30),
    )
    for n, person in enumerate(people, start=1):
        born = person.birth_year or (person.date_of_birth.year if person.date_of_birth else None)
        people_sheet_row = [n, person.full_name, born, person.unit.name, year, None]
        sheet_people.append(people_sheet_row)
    sheet_units = workbook.create_sheet(UNIT_SHEET)
    _fill_sheet(
        sheet_units,
        UNIT_HEADERS,
        _NOTE.format(
            what="một tổ chức đảng, đơn vị",
            who="tổ chức",
            first=FIRST_YEAR,
            last=last,
            names="Tên tổ chức ghi đúng như trong hệ thống.",
        ),
        (6, 48, 8, 30),
    )
    for n, unit in enumerate(units, start=1):
        sheet_units.append([n, unit.name, year, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
