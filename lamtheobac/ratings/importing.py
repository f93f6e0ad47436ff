"""Reading an uploaded ratings workbook (.xlsx) and matching its rows to people and units.

Nothing here writes to the database; ``services.import_ratings`` decides and writes. Rows are
matched only inside the importer's scope (a unit and its subtree), so a row about a person or
unit outside it is reported as not found there — the same answer as for a name that does not
exist, which tells the importer nothing about other units (permission checks apply to import
paths too, docs/domain.md §9).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import filetype
import openpyxl

from lamtheobac.core.errors import DomainError
from lamtheobac.core.vietnamese import nfc
from lamtheobac.ratings.levels import current_year, fold, name_key, parse_level, year_error
from lamtheobac.ratings.models import RatingLevel
from lamtheobac.units.models import Person, Unit

PERSON_SHEET = "Cá nhân"
UNIT_SHEET = "Tập thể"
MAX_ROWS = 50_000  # data rows (after the header row), both sheets together
MAX_COLUMNS = 50
MAX_SHEET_ROWS = 1_048_576  # Excel's own limit; blank rows included
# A 20 MB upload may unzip to far more; refuse before parsing anything that large.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024


def _text(value: object) -> str:
    """A cell as one line of NFC text; 2023.0 → "2023"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(nfc(str(value)).split())


# --- reading an upload ---------------------------------------------------------------------


class UnreadableFile(DomainError):
    """The upload is not a readable ratings workbook; nothing was imported."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="unreadable")


@dataclass(frozen=True)
class RowError:
    sheet: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.line}: {self.message}"


@dataclass(frozen=True)
class PersonRow:
    line: int
    full_name: str
    birth_year: int | None
    unit_name: str
    year: int
    level: RatingLevel


@dataclass(frozen=True)
class UnitRow:
    line: int
    name: str
    year: int
    level: RatingLevel


@dataclass
class ParsedFile:
    person_rows: list[PersonRow] = field(default_factory=list)
    unit_rows: list[UnitRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Rows of a prefilled template left without a level (people or units not rated this time):
    # skipped, not errors (issue 14 §7).
    unrated: int = 0


def _check_content(data: bytes) -> None:
    kind = filetype.guess(data)
    if kind is None or kind.extension != "xlsx":
        raise UnreadableFile(
            "Tệp tải lên không phải là bảng tính Excel .xlsx (kiểm tra theo nội dung tệp). "
            "Hãy dùng tệp mẫu và lưu dưới dạng .xlsx. Chưa có xếp loại nào được nhập."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise _corrupt() from exc
    if unzipped > MAX_UNZIPPED_BYTES:
        raise UnreadableFile("Tệp .xlsx quá lớn khi giải nén. Chưa có xếp loại nào được nhập.")


def _corrupt() -> UnreadableFile:
    return UnreadableFile(
        "Không đọc được tệp .xlsx: tệp bị hỏng hoặc không đúng định dạng. "
        "Chưa có xếp loại nào được nhập."
    )


def _load_sheets(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's rows, keyed by folded sheet name; UnreadableFile when openpyxl fails."""
    _check_content(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets: dict[str, list[tuple[Any, ...]]] = {}
            for sheet in workbook.worksheets:
                # The declared <dimension> (e.g. A1:XFD60002) is ignored: openpyxl would pad
                # every row to it (issue 13 §7). Only the template's first MAX_COLUMNS count.
                sheet.reset_dimensions()
                rows: list[tuple[Any, ...]] = []
                filled = 0
                for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
                    if any(value is not None for value in row):
                        rows.append(row)
                        filled += 1
                    else:
                        rows.append(())  # one shared empty tuple: blank rows cost nothing
                    if filled > MAX_ROWS + 50:
                        break  # already more than MAX_ROWS data rows: refused below
                    if len(rows) > MAX_SHEET_ROWS:
                        raise UnreadableFile(
                            "Trang tính có nhiều dòng hơn giới hạn của Excel. "
                            "Chưa có xếp loại nào được nhập."
                        )
                sheets[fold(sheet.title)] = rows
        finally:
            workbook.close()
    except UnreadableFile:
        raise
    # openpyxl raises many kinds of errors on a damaged archive or XML (KeyError, ValueError,
    # ParseError, zipfile errors…); each means the same thing to the user.
    except Exception as exc:
        raise _corrupt() from exc
    return sheets


def _header(rows: Sequence[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    """(index of the header row, {folded header: column}) — the first row naming "Xếp loại"."""
    for index, row in enumerate(rows[:20]):
        columns = {fold(_text(v)): i for i, v in enumerate(row) if _text(v)}
        if "xeploai" in columns:
            return index, columns
    return None


def _column(columns: dict[str, int], *prefixes: str) -> int | None:
    for name, index in columns.items():
        if any(name.startswith(p) for p in prefixes):
            return index
    return None


def _cell(row: tuple[Any, ...], index: int | None) -> Any:
    if index is None or index >= len(row):
        return None
    return row[index]


def _parse_year(value: Any) -> tuple[int | None, str | None]:
    text = _text(value)
    if not text:
        return None, "thiếu năm xếp loại"
    if isinstance(value, int | float) and float(value).is_integer():
        year = int(value)
    elif re.fullmatch(r"\d{4}", text):
        year = int(text)
    else:
        return None, f"năm “{text}” không hợp lệ"
    return year, year_error(year)


def _parse_birth_year(value: Any) -> tuple[int | None, str | None]:
    if isinstance(value, dt.datetime | dt.date):
        return value.year, None
    text = _text(value)
    if not text:
        return None, None
    found = re.fullmatch(r"(?:\d{1,2}[/.-]){0,2}(\d{4})", text) or re.fullmatch(
        r"(\d{4})-\d{1,2}-\d{1,2}", text
    )
    if found and 1900 <= int(found.group(1)) <= current_year():
        return int(found.group(1)), None
    return None, f"ngày sinh/năm sinh “{text}” không hợp lệ"


def _parse_level(value: Any) -> tuple[RatingLevel | None, str | None]:
    text = _text(value)
    if not text:
        return None, "thiếu xếp loại"
    level = parse_level(text)
    if level is None:
        return None, (
            f"xếp loại “{text}” không hợp lệ (chọn một trong: "
            + ", ".join(f"“{label}”" for label in RatingLevel.labels)
            + "; hoặc ghi tắt HTXSNV, HTTNV, HTNV, KHTNV)"
        )
    return level, None


def _data_rows(
    rows: Sequence[tuple[Any, ...]], start: int, columns: Iterable[int | None]
) -> Iterable[tuple[int, tuple[Any, ...]]]:
    """(Excel line number, row) of rows with something besides the STT column."""
    wanted = [c for c in columns if c is not None]
    for index in range(start, len(rows)):
        row = rows[index]
        if any(_text(_cell(row, c)) for c in wanted):
            yield index + 1, row


def _read_person_sheet(rows: Sequence[tuple[Any, ...]], parsed: ParsedFile) -> None:
    found = _header(rows)
    if found is None:
        parsed.errors.append(
            RowError(PERSON_SHEET, 1, "không tìm thấy dòng tiêu đề có cột “Xếp loại”")
        )
        return
    index, columns = found
    name_col = _column(columns, "hovaten", "hoten")
    birth_col = _column(columns, "ngaysinh", "namsinh")
    unit_col = _column(columns, "donvi", "chibo")
    year_col = columns.get("nam")
    level_col = columns["xeploai"]
    missing = [
        label
        for label, col in (
            ("Họ và tên", name_col),
            ("Đơn vị (chi bộ)", unit_col),
            ("Năm", year_col),
        )
        if col is None
    ]
    if missing:
        parsed.errors.append(
            RowError(PERSON_SHEET, index + 1, "thiếu cột " + ", ".join(f"“{m}”" for m in missing))
        )
        return
    for line, row in _data_rows(
        rows, index + 1, (name_col, birth_col, unit_col, year_col, level_col)
    ):
        problems: list[str] = []
        full_name = _text(_cell(row, name_col))
        unit_name = _text(_cell(row, unit_col))
        if not full_name:
            problems.append("thiếu họ và tên")
        if not unit_name:
            problems.append("thiếu đơn vị (chi bộ)")
        birth_year, problem = _parse_birth_year(_cell(row, birth_col))
        problems += [problem] if problem else []
        year, problem = _parse_year(_cell(row, year_col))
        problems += [problem] if problem else []
        if not problems and not _text(_cell(row, level_col)):
            parsed.unrated += 1
            continue
        level, problem = _parse_level(_cell(row, level_col))
        problems += [problem] if problem else []
        if problems:
            parsed.errors.append(RowError(PERSON_SHEET, line, "; ".join(problems)))
            continue
        assert year is not None and level is not None
        parsed.person_rows.append(PersonRow(line, full_name, birth_year, unit_name, year, level))


def _read_unit_sheet(rows: Sequence[tuple[Any, ...]], parsed: ParsedFile) -> None:
    found = _header(rows)
    if found is None:
        parsed.errors.append(
            RowError(UNIT_SHEET, 1, "không tìm thấy dòng tiêu đề có cột “Xếp loại”")
        )
        return
    index, columns = found
    name_col = _column(columns, "tentochuc", "tendonvi", "ten")
    year_col = columns.get("nam")
    level_col = columns["xeploai"]
    if name_col is None or year_col is None:
        parsed.errors.append(RowError(UNIT_SHEET, index + 1, "thiếu cột “Tên tổ chức” hoặc “Năm”"))
        return
    for line, row in _data_rows(rows, index + 1, (name_col, year_col, level_col)):
        problems: list[str] = []
        name = _text(_cell(row, name_col))
        if not name:
            problems.append("thiếu tên tổ chức")
        year, problem = _parse_year(_cell(row, year_col))
        problems += [problem] if problem else []
        if not problems and not _text(_cell(row, level_col)):
            parsed.unrated += 1
            continue
        level, problem = _parse_level(_cell(row, level_col))
        problems += [problem] if problem else []
        if problems:
            parsed.errors.append(RowError(UNIT_SHEET, line, "; ".join(problems)))
            continue
        assert year is not None and level is not None
        parsed.unit_rows.append(UnitRow(line, name, year, level))


def _data_row_count(rows: Sequence[tuple[Any, ...]] | None) -> int:
    """Non-blank rows after the header row (the template's title and header rows excluded)."""
    if not rows:
        return 0
    found = _header(rows)
    start = found[0] + 1 if found else 0
    return sum(1 for index in range(start, len(rows)) if rows[index])


def read_workbook(data: bytes) -> ParsedFile:
    """Parse an uploaded workbook into rows and row errors.

    Raises UnreadableFile when the bytes are not an .xlsx, the archive or its XML is damaged,
    neither sheet "Cá nhân" nor "Tập thể" exists, or it has more than MAX_ROWS data rows
    (exactly MAX_ROWS is accepted). Peak memory stays bounded whatever the sheet declares.
    """
    sheets = _load_sheets(data)
    person_rows = sheets.get(fold(PERSON_SHEET))
    unit_rows = sheets.get(fold(UNIT_SHEET))
    if person_rows is None and unit_rows is None:
        raise UnreadableFile(
            f"Tệp không có trang tính “{PERSON_SHEET}” hoặc “{UNIT_SHEET}”. "
            "Hãy dùng tệp mẫu. Chưa có xếp loại nào được nhập."
        )
    if _data_row_count(person_rows) + _data_row_count(unit_rows) > MAX_ROWS:
        raise UnreadableFile(
            f"Tệp có hơn {MAX_ROWS:,} dòng; hãy chia thành nhiều tệp. ".replace(",", ".")
            + "Chưa có xếp loại nào được nhập."
        )
    parsed = ParsedFile()
    if person_rows is not None:
        _read_person_sheet(person_rows, parsed)
    if unit_rows is not None:
        _read_unit_sheet(unit_rows, parsed)
    return parsed


# --- matching rows to people and units -----------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A valid row bound to the person or unit it rates."""

    sheet: str
    line: int
    label: str  # the name as the system knows it, for the report
    unit_name: str
    year: int
    level: RatingLevel
    person_id: int | None = None
    unit_id: int | None = None


@dataclass(frozen=True)
class _PersonEntry:
    pk: int
    full_name: str
    birth_year: int | None
    unit_id: int


def _chunks(items: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def match_rows(parsed: ParsedFile, scope: Unit) -> tuple[list[Match], list[RowError]]:
    """Bind each parsed row to one person or unit inside ``scope``'s subtree.

    Queries: one for the subtree's units, one per 500 units named in the file for their people.
    Errors: unknown or ambiguous names, a birth year that matches nobody, and the same person or
    unit rated twice for one year in the file.
    """
    units_by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pk, name in Unit.objects.subtree(scope).values_list("pk", "name"):
        units_by_name[name_key(name)].append((pk, name))

    named_unit_ids = sorted(
        {
            pk
            for row in parsed.person_rows
            for pk, _ in units_by_name.get(name_key(row.unit_name), [])
        }
    )
    people: dict[tuple[int, str], list[_PersonEntry]] = defaultdict(list)
    for chunk in _chunks(named_unit_ids):
        for pk, family, middle, given, birth_year, unit_id in Person.objects.filter(
            unit_id__in=chunk
        ).values_list("pk", "family_name", "middle_name", "given_name", "birth_year", "unit_id"):
            full_name = " ".join(p for p in (family, middle, given) if p)
            people[(unit_id, name_key(full_name))].append(
                _PersonEntry(pk, full_name, birth_year, unit_id)
            )

    matches: list[Match] = []
    errors: list[RowError] = []
    scope_name = scope.name
    for prow in parsed.person_rows:
        result = _match_person(prow, units_by_name, people, scope_name)
        if isinstance(result, str):
            errors.append(RowError(PERSON_SHEET, prow.line, result))
        else:
            matches.append(result)
    for urow in parsed.unit_rows:
        candidates = units_by_name.get(name_key(urow.name), [])
        if not candidates:
            errors.append(
                RowError(
                    UNIT_SHEET,
                    urow.line,
                    f"không tìm thấy tổ chức “{urow.name}” trong phạm vi “{scope_name}”",
                )
            )
        elif len(candidates) > 1:
            errors.append(
                RowError(
                    UNIT_SHEET,
                    urow.line,
                    f"có {len(candidates)} tổ chức cùng tên “{urow.name}” trong phạm vi "
                    f"“{scope_name}”; hãy nhập từ phạm vi hẹp hơn hoặc sửa trên trang xếp loại",
                )
            )
        else:
            pk, name = candidates[0]
            matches.append(
                Match(UNIT_SHEET, urow.line, name, name, urow.year, urow.level, unit_id=pk)
            )
    errors += _duplicates(matches)
    return matches, errors


def _match_person(
    row: PersonRow,
    units_by_name: dict[str, list[tuple[int, str]]],
    people: dict[tuple[int, str], list[_PersonEntry]],
    scope_name: str,
) -> Match | str:
    units = units_by_name.get(name_key(row.unit_name), [])
    if not units:
        return f"không tìm thấy đơn vị “{row.unit_name}” trong phạm vi “{scope_name}”"
    # Several units may share a name (a "Chi bộ Văn phòng" in many đảng bộ): the person decides.
    candidates = [p for pk, _ in units for p in people.get((pk, name_key(row.full_name)), [])]
    if not candidates:
        return f"không tìm thấy đảng viên “{row.full_name}” ở đơn vị “{row.unit_name}”"
    if row.birth_year is not None:
        exact = [p for p in candidates if p.birth_year == row.birth_year]
        unknown = [p for p in candidates if p.birth_year is None]
        candidates = exact or unknown
        if not candidates:
            return (
                f"không tìm thấy đảng viên “{row.full_name}” sinh năm {row.birth_year} "
                f"ở đơn vị “{row.unit_name}”"
            )
    if len(candidates) > 1:
        hint = (
            "ghi thêm năm sinh để phân biệt"
            if row.birth_year is None
            else "không phân biệt được; hãy sửa trực tiếp trên trang xếp loại"
        )
        return (
            f"có {len(candidates)} người cùng tên “{row.full_name}” ở đơn vị "
            f"“{row.unit_name}”; {hint}"
        )
    person = candidates[0]
    unit_name = next(name for pk, name in units if pk == person.unit_id)
    return Match(
        PERSON_SHEET,
        row.line,
        person.full_name,
        unit_name,
        row.year,
        row.level,
        person_id=person.pk,
    )


def _duplicates(matches: list[Match]) -> list[RowError]:
    first: dict[tuple[str, int, int], int] = {}
    errors: list[RowError] = []
    for m in matches:
        key = ("p", m.person_id, m.year) if m.person_id else ("u", m.unit_id or 0, m.year)
        if key in first:
            who = "cùng người" if m.person_id else "cùng tổ chức"
            errors.append(
                RowError(
                    m.sheet,
                    m.line,
                    f"trùng với dòng {first[key]} ({who} “{m.label}”, cùng năm {m.year})",
                )
            )
        else:
            first[key] = m.line
    return errors
