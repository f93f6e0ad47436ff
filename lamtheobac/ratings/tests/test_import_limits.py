"""Hostile and boundary ratings workbooks (issue 13 §5, §7): the 50,000-row limit counts data
rows only, and a sheet that declares huge dimensions (A1:XFD60002) is read without padding
rows to them — refused or reported in Vietnamese, nothing stored, peak memory under 500 MB."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile

import pytest

from lamtheobac.audit.models import AuditEvent
from lamtheobac.ratings.actions.ratings import import_ratings
from lamtheobac.ratings.importing import MAX_ROWS, UnreadableFile, read_workbook
from lamtheobac.ratings.models import Rating
from lamtheobac.ratings.xlsx_template import build_template

MEMORY_CEILING = 500 * 1024 * 1024


def _cell(column: str, line: int, text: str) -> str:
    return f'<c r="{column}{line}" t="inlineStr"><is><t>{text}</t></is></c>'


def _people_rows(count: int, *, first_line: int = 3) -> str:
    """``count`` person rows written straight as sheet XML (fast at 60,000 rows)."""
    rows = []
    for n in range(count):
        line = first_line + n
        rows.append(
            f'<row r="{line}"><c r="A{line}"><v>{n + 1}</v></c>'
            + _cell("B", line, f"Người Thứ {n + 1}")
            + _cell("D", line, "Chi bộ Không Có")
            + f'<c r="E{line}"><v>2023</v></c>'
            + _cell("F", line, "HTTNV")
            + "</row>"
        )
    return "".join(rows)


def _workbook(extra_rows: str, *, dimension: str | None = None) -> bytes:
    """The downloadable template with ``extra_rows`` appended to "Cá nhân" (sheet1.xml) and,
    if given, its declared <dimension> replaced."""
    source = zipfile.ZipFile(io.BytesIO(build_template()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                xml = xml.replace("</sheetData>", extra_rows + "</sheetData>")
                if dimension:
                    xml = re.sub(
                        r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', xml
                    )
                data = xml.encode()
            target.writestr(item, data)
    return out.getvalue()


def _peak(call):
    tracemalloc.start()
    try:
        outcome = call()
    except Exception as exc:
        outcome = exc
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return outcome, peak


def test_exactly_50000_data_rows_are_read_and_one_more_is_refused():
    parsed = read_workbook(_workbook(_people_rows(MAX_ROWS)))
    assert len(parsed.person_rows) + len(parsed.errors) == MAX_ROWS
    assert parsed.person_rows[-1].line == MAX_ROWS + 2  # after the note and header lines

    with pytest.raises(UnreadableFile) as refused:
        read_workbook(_workbook(_people_rows(MAX_ROWS + 1)))
    assert "hơn 50.000 dòng" in refused.value.message
    assert "Chưa có xếp loại nào được nhập" in refused.value.message


@pytest.mark.django_db
def test_a_sheet_declaring_a1_xfd60002_is_read_in_bounded_memory_and_reported_in_vietnamese(world):
    hostile = _workbook(
        _people_rows(2) + f'<row r="60002">{_cell("XFD", 60002, "x")}</row>',
        dimension="A1:XFD60002",
    )
    report, peak = _peak(
        lambda: import_ratings(
            scope=world.committee, data=hostile, filename="x.xlsx", by=world.officer
        )
    )
    assert peak < MEMORY_CEILING, f"{peak / 2**20:.0f} MB"
    assert not report.ok
    assert [e.line for e in report.errors] == [3, 4]
    assert all("Không có" in str(e) or "không" in str(e).lower() for e in report.errors)
    assert not Rating.objects.exists()
    assert not AuditEvent.objects.filter(action="ratings.import").exists()


@pytest.mark.django_db
def test_more_than_50000_real_rows_under_a_huge_declared_dimension_are_refused_in_bounded_memory(
    world,
):
    hostile = _workbook(_people_rows(MAX_ROWS + 60), dimension="A1:XFD60002")
    refused, peak = _peak(
        lambda: import_ratings(
            scope=world.committee, data=hostile, filename="x.xlsx", by=world.officer
        )
    )
    assert peak < MEMORY_CEILING, f"{peak / 2**20:.0f} MB"
    assert isinstance(refused, UnreadableFile)
    assert "hơn 50.000 dòng" in refused.message
    assert not Rating.objects.exists()
    assert not AuditEvent.objects.filter(action="ratings.import").exists()
