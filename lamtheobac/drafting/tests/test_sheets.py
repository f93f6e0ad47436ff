"""Spreadsheets users can sort and print (issue 12 §5): no live formula from user text, real
date cells, percentages with one decimal, page setup, Vietnamese name order."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from lamtheobac.commendations import outputs as commendation_outputs
from lamtheobac.commendations.actions import nominations as services
from lamtheobac.commendations.actions import review
from lamtheobac.drafting.tests.builders import commendation_round, giay_khen, reporting_round
from lamtheobac.reporting import outputs as reporting_outputs
from lamtheobac.reporting import queries
from lamtheobac.testing import make_person, make_unit
from lamtheobac.units.models import UnitKind

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = '=HYPERLINK("http://evil.example/","Bấm vào đây")'


def matrix_sheet(round):
    rows, counts = queries.matrix(round)
    data = reporting_outputs.matrix_workbook(round, rows, counts)
    return load_workbook(io.BytesIO(data)).active


def test_a_hostile_round_title_and_unit_name_are_stored_as_text_not_formulas(world):
    round = reporting_round(world, units=3, submitted=1)
    round.title = HOSTILE_TITLE
    round.save()
    target = round.targets.order_by("position").last()
    assert target is not None
    target.unit_name = "+cmd|' /C calc'!A0"
    target.save()
    sheet = matrix_sheet(round)
    assert sheet["A1"].data_type == "s" and sheet["A1"].value == HOSTILE_TITLE
    assert sheet["A1"].quotePrefix
    hostile = [c for c in sheet["B"] if c.value == "+cmd|' /C calc'!A0"]
    assert hostile and hostile[0].data_type == "s" and hostile[0].quotePrefix


def test_a_hostile_person_name_in_the_nominee_list_is_text(world):
    round = commendation_round(world)
    person = make_person(unit=world.cell, family_name="", middle_name="", given_name="=1+1")
    nomination = services.nominate(
        round, unit=world.grassroots, person=person, summary="Tốt", by=world.officer
    )
    services.submit_nomination(nomination, by=world.officer)
    sheet = load_workbook(io.BytesIO(commendation_outputs.list_workbook(round))).active
    cells = [c for c in sheet["C"] if isinstance(c.value, str) and c.value.endswith("=1+1")]
    assert cells and all(c.data_type == "s" for c in cells)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_matrix_times_are_date_cells_and_shares_have_one_decimal(world):
    round = reporting_round(world, units=3, submitted=1)
    sheet = matrix_sheet(round)
    submitted = sheet["D5"]
    assert isinstance(submitted.value, dt.datetime)
    assert submitted.number_format == "hh:mm dd/mm/yyyy"
    shares = [c for c in sheet["D"] if c.number_format == "0.0%"]
    assert len(shares) == 6
    assert sum(c.value for c in shares) == pytest.approx(1.0)
    assert {round_(c.value) for c in shares} >= {0.333, 0.667}


def round_(value: float) -> float:
    return round(value, 3)


def test_sheets_print_landscape_one_page_wide_with_title_rows_and_print_area(world):
    round = reporting_round(world, units=3, submitted=1)
    sheets = [
        matrix_sheet(round),
        load_workbook(
            io.BytesIO(commendation_outputs.list_workbook(commendation_round(world)))
        ).active,
    ]
    for sheet in sheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$4:$4"
        assert sheet.print_area and sheet.print_area[0].startswith("'")


def _two_ans(world):
    round = commendation_round(world)
    award = giay_khen()
    other = make_unit(
        parent=world.committee, name="Đảng bộ Sở Y tế", kind=UnitKind.GRASSROOTS_COMMITTEE
    )
    for unit, (family, middle) in ((other, ("Trần", "Bá")), (world.grassroots, ("Lê", "Văn"))):
        person = make_person(unit=unit, family_name=family, middle_name=middle, given_name="An")
        n = services.nominate(round, unit=unit, person=person, summary="Tốt", by=world.officer)
        n = services.submit_nomination(n, by=world.officer)
        n = review.shortlist_nomination(n, by=world.officer)
        review.decide_nomination(n, award_kind=award, by=world.officer)
    return round


def _names(data: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [r[2] for r in sheet.iter_rows(min_row=5, values_only=True) if r[1] == "Cá nhân"]


def test_people_sort_by_given_name_with_a_configurable_tie_break(world):
    round = _two_ans(world)
    by_middle = _names(commendation_outputs.list_workbook(round))
    by_family = _names(commendation_outputs.list_workbook(round, tie_break="given_family_middle"))
    assert by_middle[:3] == ["Trần Bá An", "Lê Hoàng An", "Lê Văn An"]
    assert by_family[:3] == ["Lê Hoàng An", "Lê Văn An", "Trần Bá An"]


def test_the_list_can_be_grouped_by_proposing_unit(world):
    round = _two_ans(world)
    data = commendation_outputs.list_workbook(round, group_by_unit=True)
    sheet = load_workbook(io.BytesIO(data)).active
    column = [r[0] for r in sheet.iter_rows(min_row=5, values_only=True)]
    groups = [v for v in column if isinstance(v, str)]
    assert groups == ["Đảng bộ Sở Tài chính", "Đảng bộ Sở Y tế"]
    after_second = column[column.index("Đảng bộ Sở Y tế") + 1 :]
    assert len([v for v in after_second if isinstance(v, int)]) == 1
