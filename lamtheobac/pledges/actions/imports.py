"""Import a cell's pledges from .xlsx or .docx: all or nothing, with a row-by-row report.

Layout (.xlsx: the first sheet; .docx: the first table whose header row has the columns),
header row first; column order free, names matched case-insensitively: "Họ và tên",
"Nội dung đăng ký", optional "Gắn với nhiệm vụ", "Thời gian", "Nêu gương" (x / có). Several
rows of one person are several items; in a Word table a name cell merged down several rows
counts for each of them. A person not found in the cell, or found twice, is an error naming
the row (issue 8 "Rules and bad input"; seed 002 §II.2, mẫu 01/02).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

import docx
import openpyxl
from django.db import transaction

from lamtheobac.audit.models import record
from lamtheobac.core.errors import DomainError
from lamtheobac.core.vietnamese import nfc
from lamtheobac.pledges.actions import AuditAction
from lamtheobac.pledges.actions.pledges import ItemInput, save_pledge, start_pledge
from lamtheobac.pledges.models import EDITABLE_STATES, Pledge
from lamtheobac.pledges.queries import year_settings
from lamtheobac.reading.loading import ReadError, check_expanded_size
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action, authorize

COLUMNS = {
    "name": ("họ và tên", "họ tên", "tên"),
    "content": ("nội dung đăng ký", "nội dung", "việc làm"),
    "job_link": ("gắn với nhiệm vụ", "nhiệm vụ"),
    "timeframe": ("thời gian", "thời gian thực hiện"),
    "leader": ("nêu gương",),
}
MAX_ROWS = 5000


@dataclass
class RowReport:
    row: int  # spreadsheet row number (1 = header)
    name: str
    ok: bool
    message: str


@dataclass
class ImportReport:
    rows: list[RowReport] = field(default_factory=list)
    people: int = 0
    items: int = 0

    @property
    def errors(self) -> list[RowReport]:
        return [r for r in self.rows if not r.ok]


class ImportFailed(DomainError):
    """The file had errors; ``report`` lists every row; nothing was written."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            f"Không nhập được: {len(report.errors)} dòng có lỗi; chưa có gì được ghi.",
            code="import",
        )
        self.report = report


def _key(text: Any) -> str:
    return " ".join(nfc(str(text or "")).split()).casefold()


def _read_rows(data: bytes) -> list[tuple[Any, ...]]:
    """The rows of an .xlsx (first sheet) or .docx (table with the header) as tuples.

    Raises DomainError for a file that is neither, a .docx without such a table, a package
    that would expand past the reader's caps, or more than MAX_ROWS rows."""
    rows = _docx_rows(data) if _is_docx(data) else _xlsx_rows(data)
    if len(rows) > MAX_ROWS:
        raise DomainError(f"Tệp có hơn {MAX_ROWS} dòng; hãy chia nhỏ.")
    return rows


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _docx_rows(data: bytes) -> list[tuple[Any, ...]]:
    """The rows of the first table whose first row names the required columns, from its
    header row on. A cell merged across rows or columns repeats its text (python-docx)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_expanded_size(archive)
        document = docx.Document(io.BytesIO(data))
    except (ReadError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DomainError("Tệp Word (.docx) hỏng hoặc quá lớn khi giải nén.") from exc
    for table in document.tables:
        rows = [tuple(c.text for c in row.cells) for row in table.rows]
        for start, row in enumerate(rows[:3]):  # a title row may sit above the header
            try:
                _header(row)
            except DomainError:
                continue
            return rows[start:]
    raise DomainError(
        "Không thấy bảng đăng ký trong tệp Word: cần một bảng có cột “họ và tên” và "
        "“nội dung đăng ký”."
    )


def _xlsx_rows(data: bytes) -> list[tuple[Any, ...]]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DomainError(
            "Tệp không phải bảng tính Excel (.xlsx) hay văn bản Word (.docx) đọc được."
        ) from exc
    sheet = book.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(tuple(row))
        if len(rows) > MAX_ROWS:  # declared dimensions are not trusted: stop reading
            break
    book.close()
    return rows


def _header(row: tuple[Any, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        name = _key(cell)
        for column, aliases in COLUMNS.items():
            if column not in found and name in aliases:
                found[column] = index
    missing = [COLUMNS[c][0] for c in ("name", "content") if c not in found]
    if missing:
        raise DomainError(
            "Dòng đầu của bảng tính cần các cột: " + ", ".join(f"“{m}”" for m in missing) + "."
        )
    return found


@transaction.atomic
def import_cell_pledges(*, unit: Unit, year: int, data: bytes, by: Any) -> ImportReport:
    """Read ``data`` (.xlsx or .docx) and write the cell's plans as drafts (new plans are started,
    plans still editable get their items replaced). Returns the report.

    Raises ImportFailed (with the report) when any row is wrong — a person not in the cell
    (by full name, NFC, case-insensitive), a name shared by two people, an empty content,
    a plan already accepted — or DomainError for an unreadable file or locked year; nothing
    is written then. Needs REPORT on ``unit``.
    """
    authorize(by, Action.REPORT, unit)
    if year_settings(unit, year).registration_locked:
        raise DomainError(f"Cấp ủy đã khóa việc đăng ký làm theo năm {year}.")
    rows = _read_rows(data)
    if not rows:
        raise DomainError("Bảng tính trống.")
    columns = _header(rows[0])
    people: dict[str, list[Person]] = {}
    for p in Person.objects.filter(unit__path__startswith=unit.path):
        people.setdefault(_key(p.full_name), []).append(p)
    pledges = {
        p.person_id: p
        for p in Pledge.objects.filter(year=year, person__unit__path__startswith=unit.path)
    }
    report = ImportReport()
    plan: dict[int, tuple[Person, list[ItemInput], bool]] = {}

    def cell(row: tuple[Any, ...], column: str) -> str:
        index = columns.get(column)
        if index is None or index >= len(row) or row[index] is None:
            return ""
        return nfc(str(row[index])).strip()

    for number, row in enumerate(rows[1:], start=2):
        name, content = cell(row, "name"), cell(row, "content")
        if not name and not content:
            continue
        matches = people.get(_key(name), [])
        if not name:
            report.rows.append(RowReport(number, name, False, "Thiếu họ và tên."))
        elif not matches:
            report.rows.append(
                RowReport(number, name, False, f"Không có người tên “{name}” trong {unit.name}.")
            )
        elif len(matches) > 1:
            report.rows.append(
                RowReport(number, name, False, f"Có {len(matches)} người cùng tên “{name}”.")
            )
        elif not content:
            report.rows.append(RowReport(number, name, False, "Thiếu nội dung đăng ký."))
        elif matches[0].pk in pledges and pledges[matches[0].pk].state not in EDITABLE_STATES:
            report.rows.append(
                RowReport(number, name, False, "Bản đăng ký đã được duyệt, không ghi đè.")
            )
        else:
            person = matches[0]
            entry = plan.setdefault(person.pk, (person, [], False))
            entry[1].append(ItemInput(content, cell(row, "job_link"), cell(row, "timeframe")))
            if _key(cell(row, "leader")) in ("x", "có", "co", "1"):
                plan[person.pk] = (person, entry[1], True)
            report.rows.append(RowReport(number, name, True, "Hợp lệ."))
    if report.errors:
        raise ImportFailed(report)
    for person, items, leader in plan.values():
        existing = pledges.get(person.pk)
        if existing is None:
            start_pledge(person=person, year=year, by=by, items=items, is_leader=leader or None)
        else:
            save_pledge(
                pledge=existing,
                items=items,
                by=by,
                version=existing.version,
                is_leader=True if leader else None,
            )
        report.people += 1
        report.items += len(items)
    record(
        actor=by,
        action=AuditAction.PLEDGES_IMPORTED,
        target=unit,
        unit=unit,
        after={"people": report.people, "items": report.items},
    )
    return report


def import_template(unit: Unit) -> bytes:
    """An .xlsx with the header row and one row per person of ``unit`` to fill in."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Đăng ký"
    sheet.append(
        ["Họ và tên", "Chức vụ", "Nội dung đăng ký", "Gắn với nhiệm vụ", "Thời gian", "Nêu gương"]
    )
    for p in Person.objects.filter(unit__path__startswith=unit.path).order_by("sort_key", "pk"):
        sheet.append([p.full_name, p.position, "", "", "", ""])
    for column, width in zip("ABCDEF", (28, 30, 60, 30, 16, 10), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
