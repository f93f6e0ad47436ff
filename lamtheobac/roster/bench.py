"""``lamtheobac bench --roster``: importing a province's tree and roster (docs/domain.md §7,
profile L: 1,500 organisations, 8,000 cells, 150,000 people), against a baseline that only
reads the same .xlsx with python-calamine and bulk-inserts the rows (issue 11: ≤ 15 s and
≤ 2× the baseline). Runs at a tenth of the size too, for linearity."""

from __future__ import annotations

import datetime as dt
import io
import random
import time
from typing import Any

import openpyxl
import python_calamine
from django.db import transaction

from lamtheobac.roster.actions.members import BATCH, import_members, insert_people
from lamtheobac.roster.actions.units import import_units
from lamtheobac.roster.cells import split_name
from lamtheobac.roster.sheets import MEMBER_HEADERS, UNIT_HEADERS
from lamtheobac.units.models import Person, Unit, UnitKind

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thị Thu", "Quang", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
]


class _Rollback(Exception):
    pass


def _workbook(title: str, headers: tuple[str, ...], rows: Any) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append([title])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def tree_file(prefix: str, organisations: int, cells: int) -> tuple[bytes, list[str]]:
    """Two thirds of the organisations are đảng bộ cơ sở sharing ``cells`` cells; the rest
    chi bộ cơ sở. Returns the file and the codes of the units people belong to."""
    committees = organisations * 2 // 3
    rows: list[list[Any]] = []
    homes: list[str] = []
    for i in range(organisations):
        code = f"{prefix}{i:05d}"
        if i < committees:
            rows.append([code, f"Đảng bộ cơ quan {i}", "Đảng bộ cơ sở", "", None])
        else:
            rows.append([code, f"Chi bộ cơ quan {i}", "Chi bộ cơ sở", "", 20])
            homes.append(code)
    for j in range(cells):
        parent = f"{prefix}{j % committees:05d}"
        code = f"{parent}.{j // committees:03d}"
        rows.append([code, f"Chi bộ {j}", "Chi bộ trực thuộc", parent, None])
        homes.append(code)
    return _workbook("Tổ chức", UNIT_HEADERS, rows), homes


def members_file(prefix: str, people: int, homes: list[str], seed: int = 11) -> bytes:
    rng = random.Random(seed)  # noqa: S311 (bench data, not secrets)
    rows = []
    for i in range(people):
        born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365))
        member = rng.random() < 0.9
        joined = born + dt.timedelta(days=365 * 20 + rng.randrange(3000)) if member else None
        if joined and joined > dt.date(2024, 12, 31):
            joined = dt.date(2024, 6, 1)
        confirmed = joined + dt.timedelta(days=365) if joined else None
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        rows.append(
            [
                i + 1,
                name,
                born,  # a real date cell
                "Nữ" if "Thị" in name else "Nam",
                "Đảng viên" if member else "Nhân viên",
                homes[i % len(homes)],
                "x" if member else "không",
                f"{joined:%d/%m/%Y}" if joined else None,  # written as text
                confirmed,
                f"{prefix}{i:07d}" if member else None,
            ]
        )
    return _workbook("Đảng viên", MEMBER_HEADERS, rows)


def _timed(function: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def _cpu(function: Any) -> tuple[float, float, Any]:
    """(wall seconds, this process's CPU seconds, result): on SQLite the database works in
    this process, so CPU time is the figure a loaded shared machine does not distort."""
    cpu = time.process_time()
    wall, result = _timed(function)
    return wall, time.process_time() - cpu, result


def _baseline(data: bytes, scope: Unit, *, orm: bool = False) -> tuple[float, float]:
    """Read with calamine, map each row to a person (unit by code, name split, no checks),
    insert them all — with the import's own ``insert_people`` (the fastest insert we have),
    or with ``bulk_create`` when ``orm`` — and roll back. Returns (wall, CPU) seconds."""
    start, cpu = time.perf_counter(), time.process_time()
    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    rows: list[list[Any]] = workbook.get_sheet_by_index(0).to_python()[2:]
    units = dict(Unit.objects.subtree(scope).values_list("code", "pk"))
    people = []
    for row in rows:
        family, middle, given = split_name(row[1])
        people.append(
            {
                "unit_id": units[row[5]],
                "family_name": family,
                "middle_name": middle,
                "given_name": given,
                "sort_key": given,
                "date_of_birth": row[2] or None,
                "is_party_member": row[6] == "x",
                "card_number": row[9] or "",
            }
        )
    try:
        with transaction.atomic():
            if orm:
                Person.objects.bulk_create([Person(**p) for p in people], batch_size=BATCH)
            else:
                insert_people(people)
            elapsed = time.perf_counter() - start, time.process_time() - cpu
            raise _Rollback
    except _Rollback:
        pass
    return elapsed


def _import_rolled_back(scope: Unit, data: bytes) -> tuple[float, float]:
    """The first import of ``data``, measured and rolled back: (wall, CPU) seconds."""
    try:
        with transaction.atomic():
            wall, cpu, report = _cpu(
                lambda: import_members(scope=scope, data=data, filename="m.xlsx", by=None)
            )
            assert report.ok, report.errors[:5]
            raise _Rollback
    except _Rollback:
        pass
    return wall, cpu


def measure_size(people: int, organisations: int, cells: int, *, prefix: str) -> dict[str, Any]:
    """Each figure is the best of two runs (the import: once rolled back, once for real),
    so a burst of load from other work on the machine does not decide the verdict. The
    ratio is of CPU seconds of this process: on SQLite the database works in-process, and
    CPU time is what a shared, loaded machine does not distort (wall times are printed too)."""
    root = Unit.objects.add_root(
        {"name": f"Tỉnh ủy {prefix}", "kind": UnitKind.COMMITTEE, "code": prefix}
    )
    tree_data, homes = tree_file(prefix, organisations, cells)
    member_data = members_file(prefix, people, homes)
    tree_s, tree_report = _timed(
        lambda: import_units(scope=root, data=tree_data, filename="t.xlsx", by=None)
    )
    assert tree_report.ok, tree_report.errors[:5]
    calamine_s, _ = _timed(
        lambda: (
            python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(member_data))
            .get_sheet_by_index(0)
            .to_python()
        )
    )
    openpyxl_s, _ = _timed(
        lambda: list(
            openpyxl.load_workbook(io.BytesIO(member_data), read_only=True, data_only=True)
            .worksheets[0]
            .iter_rows(values_only=True)
        )
    )
    orm_s, _ = _baseline(member_data, root, orm=True)
    baselines = [_baseline(member_data, root) for _ in range(2)]
    imports = [_import_rolled_back(root, member_data)]
    wall, cpu, report = _cpu(
        lambda: import_members(scope=root, data=member_data, filename="m.xlsx", by=None)
    )
    assert report.ok and report.created == people, report.errors[:5]
    imports.append((wall, cpu))
    again_s, again = _timed(
        lambda: import_members(scope=root, data=member_data, filename="m.xlsx", by=None)
    )
    assert again.unchanged == people
    baseline_s, baseline_cpu = min(w for w, _ in baselines), min(c for _, c in baselines)
    import_s, import_cpu = min(w for w, _ in imports), min(c for _, c in imports)
    return {
        "people": people,
        "organisations": organisations,
        "cells": cells,
        "units": organisations + cells,
        "tree_import_s": round(tree_s, 2),
        "read_calamine_s": round(calamine_s, 2),
        "read_openpyxl_s": round(openpyxl_s, 2),
        "baseline_s": round(baseline_s, 2),
        "baseline_orm_s": round(orm_s, 2),
        "import_s": round(import_s, 2),
        "reimport_unchanged_s": round(again_s, 2),
        "ratio": round(import_cpu / baseline_cpu, 2),
        "wall_ratio": round(import_s / baseline_s, 2),
        "baseline_cpu_s": round(baseline_cpu, 2),
        "import_cpu_s": round(import_cpu, 2),
        "file_mb": round(len(member_data) / 1e6, 1),
    }


def measure(people: int = 150_000) -> list[dict[str, Any]]:
    """Profile L (1,500 organisations, 8,000 cells, ``people``) and a tenth of it."""
    small = max(people // 10, 100)
    return [
        measure_size(small, 150, 800, prefix="S"),
        measure_size(people, 1_500, 8_000, prefix="L"),
    ]


def table(results: list[dict[str, Any]], *, vendor: str) -> str:
    lines = [
        "",
        f"roster import (issue 11) on {vendor}: target ≤ 15 s and ≤ 2× (calamine read + bulk "
        "insert), best of two runs; ratio of CPU seconds",
        f"  {'people':>8} {'units':>6} {'tree':>7} {'calamine':>9} {'openpyxl':>9} "
        f"{'baseline':>9} {'import':>7} {'ratio':>6} {'again':>7}  verdict",
    ]
    for r in results:
        ok = r["import_s"] <= 15 and r["ratio"] <= 2
        lines.append(
            f"  {r['people']:>8,} {r['units']:>6,} {r['tree_import_s']:>6.2f}s "
            f"{r['read_calamine_s']:>8.2f}s {r['read_openpyxl_s']:>8.2f}s {r['baseline_s']:>8.2f}s "
            f"{r['import_s']:>6.2f}s {r['ratio']:>5.2f}× {r['reimport_unchanged_s']:>6.2f}s  "
            + ("OK" if ok else "BELOW TARGET")
        )
        lines.append(
            f"  {'':>8} CPU of this process: baseline {r['baseline_cpu_s']:.2f}s, "
            f"import {r['import_cpu_s']:.2f}s (wall ratio {r['wall_ratio']:.2f}×); baseline "
            f"with bulk_create {r['baseline_orm_s']:.2f}s; file {r['file_mb']} MB"
        )
    if len(results) == 2 and results[0]["import_cpu_s"]:
        growth = results[1]["import_cpu_s"] / results[0]["import_cpu_s"]
        base = results[1]["baseline_cpu_s"] / results[0]["baseline_cpu_s"]
        size = results[1]["people"] / results[0]["people"]
        lines.append(
            f"  growth: {growth:.1f}× import CPU ({base:.1f}× baseline CPU) for {size:.0f}× people"
        )
    return "\n".join(lines) + "\n"
