"""Real .xlsx files for the roster tests, filled in from the downloadable templates."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import openpyxl
import pytest

from lamtheobac.roster.sheets import MEMBERS_SHEET, UNITS_SHEET, members_template, units_template


def _fill(template: bytes, sheet_name: str, rows: Sequence[Sequence[Any]]) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook[sheet_name]
    for line, row in enumerate(rows, start=3):  # line 1: the note, line 2: the header
        for column, value in enumerate(row, start=1):
            sheet.cell(row=line, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def units_xlsx(rows: Sequence[Sequence[Any]]) -> bytes:
    """The tree template with ``rows`` of (code, name, kind, parent code, member count) from
    line 3 on."""
    return _fill(units_template(), UNITS_SHEET, rows)


def members_xlsx(rows: Sequence[Sequence[Any]]) -> bytes:
    """The roster template with ``rows`` of (name, birth, gender, position, unit, member flag,
    joined, confirmed, card) from line 3 on; STT is numbered."""
    return _fill(
        members_template(), MEMBERS_SHEET, [[n, *row] for n, row in enumerate(rows, start=1)]
    )


@pytest.fixture(autouse=True)
def _codes(world):
    """The world's committee carries a code, as an imported tree would."""
    world.committee.code = "DUK"
    world.committee.save()
