"""Planning a unit-tree import: rows of the workbook checked against the tree, nothing written.

A row is (mã đơn vị, tên, loại, mã đơn vị cấp trên, số đảng viên). Rows are matched by code
inside the importer's scope; a unit that exists without a code is adopted by its name under
the same parent. Moving a unit to another parent or changing its kind is a restructuring
(with history, done elsewhere), so the import refuses it rather than doing it silently.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from lamtheobac.roster.cells import fold, name_key, text
from lamtheobac.roster.report import RowError
from lamtheobac.roster.workbook import Sheet, cell
from lamtheobac.units.models import Unit, UnitKind

HEADER = "madonvi"
CODE_PATTERN = re.compile(r"[0-9A-Z][0-9A-Z._\-/]{0,31}")

# The kinds a file may name, by folded word (labels of UnitKind too).
KIND_WORDS: dict[str, UnitKind] = {
    "dangbocoso": UnitKind.GRASSROOTS_COMMITTEE,
    "chibocoso": UnitKind.GRASSROOTS_CELL,
    "dangbobophan": UnitKind.SUBORDINATE_COMMITTEE,
    "chibotructhuoc": UnitKind.SUBORDINATE_CELL,
    "ban": UnitKind.BOARD,
    "vanphong": UnitKind.BOARD,
    "uybankiemtra": UnitKind.BOARD,
    "doanthe": UnitKind.MASS_ORGANISATION,
    "capuycaptren": UnitKind.COMMITTEE,
    **{fold(str(kind.label)): kind for kind in UnitKind},
}
TEMPLATE_KINDS = (
    "Đảng bộ cơ sở",
    "Chi bộ cơ sở",
    "Đảng bộ bộ phận",
    "Chi bộ trực thuộc",
    "Ban",
    "Đoàn thể",
)
# Where each kind may sit (Điều lệ Đảng, ch. III: a chi bộ trực thuộc belongs to a đảng bộ cơ sở
# or bộ phận; grassroots organisations to a committee above them).
ALLOWED_PARENTS: dict[str, set[str]] = {
    UnitKind.COMMITTEE: {UnitKind.COMMITTEE},
    UnitKind.GRASSROOTS_COMMITTEE: {UnitKind.COMMITTEE},
    UnitKind.GRASSROOTS_CELL: {UnitKind.COMMITTEE},
    UnitKind.SUBORDINATE_COMMITTEE: {UnitKind.GRASSROOTS_COMMITTEE},
    UnitKind.SUBORDINATE_CELL: {UnitKind.GRASSROOTS_COMMITTEE, UnitKind.SUBORDINATE_COMMITTEE},
    UnitKind.BOARD: {UnitKind.COMMITTEE, UnitKind.GRASSROOTS_COMMITTEE},
    UnitKind.MASS_ORGANISATION: {
        UnitKind.COMMITTEE,
        UnitKind.GRASSROOTS_COMMITTEE,
        UnitKind.GRASSROOTS_CELL,
        UnitKind.MASS_ORGANISATION,
    },
}


def kind_label(kind: str) -> str:
    return str(UnitKind(kind).label)


@dataclass
class UnitRow:
    line: int
    code: str
    name: str
    kind: str
    parent_code: str
    declared: int | None


@dataclass
class NewUnit:
    row: UnitRow
    parent_unit: Unit | None  # an existing parent, or
    parent_row: UnitRow | None  # a parent created by the same file


@dataclass
class UnitChange:
    unit: Unit
    row: UnitRow
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass
class TreePlan:
    errors: list[RowError] = field(default_factory=list)
    creates: list[NewUnit] = field(default_factory=list)  # parents before children
    changes: list[UnitChange] = field(default_factory=list)
    unchanged: int = 0
    subtree: list[Unit] = field(default_factory=list)


def _parse_count(value: Any) -> tuple[int | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 0 <= value <= 1_000_000:
            return int(value), None
    elif re.fullmatch(r"\d{1,7}", text(value).replace(".", "")):
        return int(text(value).replace(".", "")), None
    return None, f"số đảng viên “{text(value)}” không hợp lệ (ghi một số nguyên không âm)"


def parse_rows(sheet: Sheet) -> tuple[list[UnitRow], list[RowError]]:
    """Rows of the tree sheet, and the errors of rows that cannot be read on their own."""
    code_col = sheet.columns[HEADER]
    name_col = sheet.column("tendonvi", "ten")
    kind_col = sheet.column("loai")
    parent_col = sheet.column("madonvicaptren", "macaptren", "captren")
    count_col = sheet.column("sodangvien")
    errors: list[RowError] = []
    missing = [label for label, col in (("Tên", name_col), ("Loại", kind_col)) if col is None]
    if missing:
        line = sheet.header_index + 1
        return [], [RowError(line, "missing_column", "thiếu cột " + ", ".join(missing))]
    rows: list[UnitRow] = []
    for line, values in sheet.data():
        code = "".join(text(cell(values, code_col)).split()).upper()
        name = text(cell(values, name_col))
        kind_text = text(cell(values, kind_col))
        parent = "".join(text(cell(values, parent_col)).split()).upper()
        problems: list[tuple[str, str]] = []
        if not code:
            problems.append(("missing_code", "thiếu mã đơn vị"))
        elif not CODE_PATTERN.fullmatch(code):
            problems.append(("bad_code", f"mã đơn vị “{code}” không hợp lệ (chữ, số, . _ - /)"))
        if not name:
            problems.append(("missing_name", "thiếu tên đơn vị"))
        kind = KIND_WORDS.get(fold(kind_text))
        if kind is None:
            problems.append(
                (
                    "bad_kind",
                    f"loại “{kind_text}” không hợp lệ (chọn: " + ", ".join(TEMPLATE_KINDS) + ")"
                    if kind_text
                    else "thiếu loại đơn vị",
                )
            )
        declared, problem = _parse_count(cell(values, count_col))
        if problem:
            problems.append(("bad_number", problem))
        if parent and parent == code:
            problems.append(("cycle", "đơn vị không thể là cấp trên của chính nó"))
        for kind_code, message in problems:
            errors.append(RowError(line, kind_code, message))
        if not problems and kind is not None:
            rows.append(UnitRow(line, code, name, kind, parent, declared))
    return rows, errors


def plan(rows: list[UnitRow], scope: Unit, outside_codes: set[str]) -> TreePlan:
    """Check ``rows`` against ``scope``'s subtree (loaded here: one query) and decide what to
    create and change. ``outside_codes`` are the file's codes already used outside the scope."""
    result = TreePlan()
    errors = result.errors
    subtree = list(Unit.objects.subtree(scope))
    result.subtree = subtree
    by_path = {u.path: u for u in subtree}
    existing_by_code = {u.code: u for u in subtree if u.code}
    children_by_name: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    for unit in subtree:
        children_by_name[(unit.path[: -Unit.steplen], name_key(unit.name))].append(unit)

    first_line: dict[str, int] = {}
    file_rows: dict[str, UnitRow] = {}
    for row in rows:
        if row.code in first_line:
            errors.append(
                RowError(
                    row.line,
                    "duplicate_code",
                    f"mã “{row.code}” trùng với dòng {first_line[row.code]}",
                )
            )
            continue
        first_line[row.code] = row.line
        file_rows[row.code] = row
    bad: set[str] = set()

    for row in file_rows.values():
        if row.code in outside_codes:
            errors.append(
                RowError(
                    row.line,
                    "conflicting_code",
                    f"mã “{row.code}” đã được dùng cho một đơn vị ngoài phạm vi nhập",
                )
            )
            bad.add(row.code)
        elif (
            row.parent_code
            and row.parent_code not in file_rows
            and row.parent_code not in existing_by_code
        ):
            errors.append(
                RowError(
                    row.line,
                    "unknown_parent",
                    f"không tìm thấy mã đơn vị cấp trên “{row.parent_code}” trong tệp hoặc "
                    f"trong phạm vi “{scope.name}”",
                )
            )
            bad.add(row.code)

    # Cycles among the file's rows (A → B → A): walk each chain once.
    state: dict[str, int] = {}  # 1 on the current walk, 2 done
    for start in file_rows:
        walk: list[str] = []
        code = start
        while code in file_rows and state.get(code) is None:
            state[code] = 1
            walk.append(code)
            code = file_rows[code].parent_code
        if code in file_rows and state.get(code) == 1:
            cycle = walk[walk.index(code) :]
            chain = " → ".join([*cycle, code])
            for member in cycle:
                errors.append(
                    RowError(file_rows[member].line, "cycle", f"vòng lặp cấp trên: {chain}")
                )
                bad.add(member)
        for code in walk:
            state[code] = 2

    # Resolve each row to an existing unit (by code, else adopted by name) or a new one.
    matched: dict[str, Unit] = {}
    adopted: set[int] = set()

    def parent_of(row: UnitRow) -> tuple[Unit | None, UnitRow | None]:
        if not row.parent_code:
            return scope, None
        if row.parent_code in file_rows:
            return None, file_rows[row.parent_code]
        return existing_by_code[row.parent_code], None

    order = _parents_first(file_rows, bad)
    for row in order:
        unit = existing_by_code.get(row.code)
        if unit is None and scope.code == row.code:
            unit = scope
        parent_unit, parent_row = parent_of(row)
        if parent_row is not None and parent_row.code in bad:
            bad.add(row.code)  # its parent is wrong: reported there
            continue
        if parent_row is not None:
            parent_unit = matched.get(parent_row.code)
        if unit is None and parent_unit is not None:
            same = [
                u
                for u in children_by_name.get((parent_unit.path, name_key(row.name)), [])
                if u.pk not in adopted
            ]
            if same and same[0].code and same[0].code != row.code:
                errors.append(
                    RowError(
                        row.line,
                        "conflicting_code",
                        f"“{row.name}” thuộc “{parent_unit.name}” đã có mã “{same[0].code}”, "
                        f"tệp ghi mã “{row.code}”",
                    )
                )
                bad.add(row.code)
                continue
            if same:
                unit = same[0]
        if unit is not None:
            if unit.pk in adopted:
                errors.append(
                    RowError(
                        row.line,
                        "conflicting_code",
                        f"đơn vị “{unit.name}” đã được dòng khác nhận mã",
                    )
                )
                bad.add(row.code)
                continue
            adopted.add(unit.pk)
            problem = _check_existing(unit, row, parent_unit, parent_row, scope, by_path)
            if problem:
                errors.append(RowError(row.line, *problem))
                bad.add(row.code)
                continue
            matched[row.code] = unit
            change = _change(unit, row)
            if change:
                result.changes.append(change)
            else:
                result.unchanged += 1
            continue
        parent_kind = parent_unit.kind if parent_unit is not None else parent_row.kind  # type: ignore[union-attr]
        if parent_kind not in ALLOWED_PARENTS[row.kind]:
            parent_name = parent_unit.name if parent_unit is not None else parent_row.name  # type: ignore[union-attr]
            errors.append(
                RowError(
                    row.line,
                    "conflicting_kind",
                    f"{kind_label(row.kind).lower()} không thể trực thuộc “{parent_name}” "
                    f"({kind_label(parent_kind).lower()})",
                )
            )
            bad.add(row.code)
            continue
        result.creates.append(NewUnit(row, parent_unit, parent_row))
    return result


def _parents_first(file_rows: dict[str, UnitRow], bad: set[str]) -> list[UnitRow]:
    """The rows without a known error, each after the file row that is its parent."""
    depth: dict[str, int] = {}

    def depth_of(code: str) -> int:
        seen = []
        while code in file_rows and code not in depth and code not in seen:
            seen.append(code)
            code = file_rows[code].parent_code
        base = depth.get(code, 0)
        for c in reversed(seen):
            base += 1
            depth[c] = base
        return depth[seen[0]] if seen else base

    rows = [r for r in file_rows.values() if r.code not in bad]
    return sorted(rows, key=lambda r: (depth_of(r.code), r.line))


def _check_existing(
    unit: Unit,
    row: UnitRow,
    parent_unit: Unit | None,
    parent_row: UnitRow | None,
    scope: Unit,
    by_path: dict[str, Unit],
) -> tuple[str, str] | None:
    if unit.kind != row.kind:
        return (
            "conflicting_kind",
            f"“{unit.name}” là {kind_label(unit.kind).lower()} trong hệ thống, tệp ghi "
            f"{kind_label(row.kind).lower()}; đổi loại đơn vị phải làm bằng chức năng sắp xếp tổ chức",
        )
    if unit.pk == scope.pk:
        return None if not row.parent_code else ("unknown_parent", "đơn vị gốc không đổi cấp trên")
    current = by_path.get(unit.path[: -Unit.steplen])
    if parent_unit is None or current is None or current.pk != parent_unit.pk:
        target = parent_unit.name if parent_unit else (parent_row.name if parent_row else "")
        return (
            "moved_unit",
            f"“{unit.name}” đang thuộc “{current.name if current else ''}”, tệp ghi cấp trên "
            f"“{target}”; chuyển đơn vị sang cấp trên khác phải làm bằng chức năng sắp xếp tổ chức",
        )
    return None


def _change(unit: Unit, row: UnitRow) -> UnitChange | None:
    fields = {"name": row.name, "code": row.code, "declared_member_count": row.declared}
    before = {k: getattr(unit, k) for k, v in fields.items() if getattr(unit, k) != v}
    if not before:
        return None
    return UnitChange(unit, row, before, {k: fields[k] for k in before})
