"""The downloadable template: two sheets, a note row, the headers, the level list."""

from __future__ import annotations

import io

import openpyxl

from lamtheobac.ratings.models import RatingLevel
from lamtheobac.ratings.xlsx_template import build_template


def _workbook() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(build_template()))


def test_the_template_has_a_people_sheet_and_a_collectives_sheet_with_their_headers(db):
    workbook = _workbook()

    assert workbook.sheetnames == ["Cá nhân", "Tập thể"]
    people = [c.value for c in workbook["Cá nhân"][2]]
    units = [c.value for c in workbook["Tập thể"][2]]
    assert people == [
        "STT",
        "Họ và tên",
        "Ngày sinh/Năm sinh",
        "Đơn vị (chi bộ)",
        "Năm",
        "Xếp loại",
    ]
    assert units == ["STT", "Tên tổ chức", "Năm", "Xếp loại"]


def test_the_first_row_explains_how_to_fill_it(db):
    note = _workbook()["Cá nhân"]["A1"].value

    assert note.startswith("Hướng dẫn:")
    assert "HTXSNV, HTTNV, HTNV, KHTNV" in note
    assert "không dòng nào được nhập" in note


def test_the_level_column_offers_the_four_labels_and_warns_only(db):
    for sheet, column in (("Cá nhân", "F"), ("Tập thể", "D")):
        validations = _workbook()[sheet].data_validations.dataValidation
        levels = next(v for v in validations if v.type == "list")

        assert levels.formula1 == '"' + ",".join(RatingLevel.labels) + '"'
        assert levels.errorStyle == "warning"
        assert str(levels.sqref).startswith(f"{column}3:{column}")
