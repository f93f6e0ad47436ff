"""Fixtures for ratings: a few people in the world's cells and real .xlsx files built from the
downloadable template."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import openpyxl
import pytest

from lamtheobac.ratings.importing import PERSON_SHEET, UNIT_SHEET
from lamtheobac.ratings.xlsx_template import build_template
from lamtheobac.testing import World, make_person
from lamtheobac.units.models import Person


@dataclass
class Cast:
    an: Person  # Nguyễn Văn An, Chi bộ Phòng Ngân sách, born 1980
    binh: Person  # Trần Thị Bình, Chi bộ Phòng Ngân sách
    cuong: Person  # Lê Văn Cường, Chi bộ Phòng Tin học
    dung: Person  # Phạm Văn Dũng, Chi bộ Sở Tư pháp (outside Đảng bộ Sở Tài chính)


@pytest.fixture
def cast(world: World) -> Cast:
    return Cast(
        an=make_person(
            unit=world.cell,
            family_name="Nguyễn",
            middle_name="Văn",
            given_name="An",
            birth_year=1980,
        ),
        binh=make_person(unit=world.cell, family_name="Trần", middle_name="Thị", given_name="Bình"),
        cuong=make_person(
            unit=world.other_cell, family_name="Lê", middle_name="Văn", given_name="Cường"
        ),
        dung=make_person(
            unit=world.sibling, family_name="Phạm", middle_name="Văn", given_name="Dũng"
        ),
    )


Row = Sequence[Any]


def xlsx(people: Sequence[Row] = (), units: Sequence[Row] = ()) -> bytes:
    """The template filled in: ``people`` rows are (name, birth, unit, year, level), ``units``
    rows (name, year, level); STT is numbered. Data starts on line 3 (line 1 is the note)."""
    workbook = openpyxl.load_workbook(io.BytesIO(build_template()))
    for sheet_name, rows in ((PERSON_SHEET, people), (UNIT_SHEET, units)):
        sheet = workbook[sheet_name]
        for number, row in enumerate(rows, start=1):
            sheet.append([number, *row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def make_xlsx() -> Callable[..., bytes]:
    return xlsx


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
