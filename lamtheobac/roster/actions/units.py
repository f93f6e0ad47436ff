"""Import the unit tree from .xlsx, all or nothing, as a re-runnable upsert keyed by code
(issue 11 §1; docs/domain.md §9: big imports end with a row-by-row result)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lamtheobac.audit.models import AuditEvent, record, unsaved_event
from lamtheobac.core.errors import DomainError
from lamtheobac.roster import tree
from lamtheobac.roster.actions import AUDIT_ROWS, RosterAction, file_info, write_all_or_nothing
from lamtheobac.roster.report import ImportReport, sorted_errors
from lamtheobac.roster.workbook import NOTHING, read_sheet
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, authorize

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Progress = Callable[[int, str], None]


def _quiet(percent: int, stage: str) -> None:
    return None


def _outside_codes(codes: list[str], scope: Unit) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(codes), 10_000):
        found.update(
            Unit.objects.filter(code__in=codes[start : start + 10_000])
            .exclude(path__startswith=scope.path)
            .values_list("code", flat=True)
        )
    return found


def import_units(
    *,
    scope: Unit,
    data: bytes,
    filename: str,
    by: User | None,
    stored_file: str = "",
    progress: Progress = _quiet,
) -> ImportReport:
    """Import a unit-tree workbook under ``scope`` (the importer's committee), all or nothing.

    Rows are (mã đơn vị, tên, loại, mã đơn vị cấp trên — blank for a unit directly under
    ``scope`` —, số đảng viên khai báo). Raises UnreadableFile for a file that is not the
    template's .xlsx; returns a report whose ``errors`` list each bad row (duplicate code,
    unknown parent, cycle, conflicting code or kind, moved unit, missing name, bad number)
    and writes nothing when any row fails. Otherwise creates the new units (bulk, parents
    first), updates the changed ones (name, code, declared count) and leaves the others
    untouched: re-importing a corrected file changes only the corrected rows. Audits each
    created or changed unit and the import (``roster.units_import``). Needs ADMINISTER on
    ``scope`` (AccessDenied).
    """
    authorize(by, Action.ADMINISTER, scope)
    progress(5, "Đang đọc bảng tính")
    sheet = read_sheet(data, header=tree.HEADER, what="danh sách tổ chức (cột “Mã đơn vị”)")
    rows, errors = tree.parse_rows(sheet)
    if not rows and not errors:
        raise DomainError(f"Tệp không có dòng đơn vị nào. {NOTHING}")
    progress(30, "Đang đối chiếu với cây tổ chức")
    outside = _outside_codes(sorted({r.code for r in rows}), scope)
    plan = tree.plan(rows, scope, outside)
    errors = sorted_errors(errors + plan.errors)
    if errors:
        return ImportReport(errors=errors)
    progress(60, "Đang ghi")
    info = file_info(data, filename=filename, stored_file=stored_file)
    return write_all_or_nothing(
        lambda: _write(plan, scope=scope, by=by, file_info=info),
        conflict="Cây tổ chức vừa được người khác thay đổi trong lúc nhập (trùng mã hoặc vị trí).",
    )


def _write(
    plan: tree.TreePlan, *, scope: Unit, by: User | None, file_info: dict[str, Any]
) -> ImportReport:
    # Next free step under each parent, from the loaded subtree (treebeard's path encoding).
    last_step: dict[str, int] = defaultdict(int)
    for unit in plan.subtree:
        if unit.depth > scope.depth:
            parent_path = unit.path[: -Unit.steplen]
            last_step[parent_path] = max(
                last_step[parent_path], Unit._str2int(unit.path[-Unit.steplen :])
            )
    created_by_code: dict[str, Unit] = {}
    new_children: dict[str, int] = defaultdict(int)
    to_create: list[Unit] = []
    for new in plan.creates:
        parent = new.parent_unit or created_by_code[new.parent_row.code]  # type: ignore[union-attr]
        last_step[parent.path] += 1
        unit = Unit(
            name=new.row.name,
            kind=new.row.kind,
            code=new.row.code,
            declared_member_count=new.row.declared,
            path=Unit._get_path(parent.path, parent.depth + 1, last_step[parent.path]),
            depth=parent.depth + 1,
            numchild=0,
        )
        new_children[parent.path] += 1
        created_by_code[new.row.code] = unit
        to_create.append(unit)
    for unit in to_create:
        unit.numchild = new_children.get(unit.path, 0)
    Unit.objects.bulk_create(to_create, batch_size=500)
    grown = [u for u in plan.subtree if new_children.get(u.path)]
    for unit in grown:
        unit.numchild += new_children[unit.path]
    changed = [c.unit for c in plan.changes]
    for change in plan.changes:
        for key, value in change.after.items():
            setattr(change.unit, key, value)
    Unit.objects.bulk_update(grown, ["numchild"], batch_size=500)
    Unit.objects.bulk_update(changed, ["name", "code", "declared_member_count"], batch_size=500)

    events = [
        unsaved_event(
            actor=by,
            action=RosterAction.UNIT_CREATED,
            target=unit,
            unit=unit,
            after={"code": unit.code, "name": unit.name, "kind": unit.kind},
        )
        for unit in to_create
    ]
    events += [
        unsaved_event(
            actor=by,
            action=RosterAction.UNIT_UPDATED,
            target=c.unit,
            unit=c.unit,
            before=c.before,
            after=c.after,
        )
        for c in plan.changes
    ]
    AuditEvent.objects.bulk_create(events, batch_size=500)
    rows: list[dict[str, Any]] = [
        {"line": n.row.line, "code": n.row.code, "name": n.row.name, "outcome": "created"}
        for n in plan.creates
    ] + [
        {"line": c.row.line, "code": c.row.code, "name": c.row.name, "outcome": "updated"}
        for c in plan.changes
    ]
    rows.sort(key=lambda r: r["line"])
    report = ImportReport(created=len(to_create), updated=len(changed), unchanged=plan.unchanged)
    report.event = record(
        actor=by,
        action=RosterAction.UNITS_IMPORTED,
        target=scope,
        unit=scope,
        after={
            **file_info,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rows_total": len(rows),
            "rows": rows[:AUDIT_ROWS],
        },
    )
    return report
