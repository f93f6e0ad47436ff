"""Importing the unit tree: all or nothing, a row report per error kind, a re-runnable upsert
keyed by code (issue 11 §1)."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied
from lamtheobac.roster.actions import RosterAction
from lamtheobac.roster.actions.units import import_units
from lamtheobac.roster.tests.conftest import units_xlsx
from lamtheobac.roster.workbook import UnreadableFile
from lamtheobac.testing import make_unit
from lamtheobac.units.models import Unit, UnitKind

TREE = [
    ("SCT", "Đảng bộ Sở Công Thương", "Đảng bộ cơ sở", "", 120),
    ("SCT.VP", "Chi bộ Văn phòng", "Chi bộ trực thuộc", "SCT", 30),
    ("SCT.QLTM", "Chi bộ Phòng Quản lý thương mại", "Chi bộ trực thuộc", "SCT", None),
    ("STNMT", "Chi bộ Sở Tài nguyên và Môi trường", "Chi bộ cơ sở", "DUK", 25),
    ("CDK", "Công đoàn Khối", "Đoàn thể", "", None),
]


def _import(world, rows, by=None):
    return import_units(
        scope=world.committee, data=units_xlsx(rows), filename="to-chuc.xlsx", by=by or world.admin
    )


def _state():
    return list(
        Unit.objects.order_by("pk").values_list(
            "pk", "path", "code", "name", "kind", "declared_member_count", "numchild"
        )
    )


def test_the_tree_is_created_under_the_scope_with_codes_kinds_and_declared_counts(world):
    report = _import(world, TREE)

    assert report.ok and (report.created, report.updated, report.unchanged) == (5, 0, 0)
    sct = Unit.objects.get(code="SCT")
    assert Unit.objects.get_parent(sct) == world.committee
    assert sct.kind == UnitKind.GRASSROOTS_COMMITTEE and sct.declared_member_count == 120
    assert [c.code for c in Unit.objects.get_children(sct)] == ["SCT.VP", "SCT.QLTM"]
    assert Unit.objects.get_parent(Unit.objects.get(code="STNMT")) == world.committee
    assert Unit.objects.get(code="CDK").kind == UnitKind.MASS_ORGANISATION
    assert Unit.objects.find_problems() == ([], [], [], [], [])  # treebeard's own tree check
    world.committee.refresh_from_db()
    assert world.committee.numchild == Unit.objects.get_children(world.committee).count()
    # A new unit can still be added the ordinary way after a bulk import.
    added = make_unit(parent=sct, name="Chi bộ Thanh tra", kind=UnitKind.SUBORDINATE_CELL)
    assert Unit.objects.get_parent(added) == sct


def test_a_parent_may_come_later_in_the_file(world):
    rows = [TREE[1], TREE[0]]

    assert _import(world, rows).ok
    assert Unit.objects.get_parent(Unit.objects.get(code="SCT.VP")).code == "SCT"


def test_reimporting_a_corrected_file_changes_only_the_corrected_rows(world):
    _import(world, TREE)
    before = {u.code: u for u in Unit.objects.filter(code__in=[r[0] for r in TREE])}
    corrected = list(TREE)
    corrected[1] = ("SCT.VP", "Chi bộ Văn phòng Sở", "Chi bộ trực thuộc", "SCT", 31)
    events = AuditEvent.objects.count()

    with CaptureQueriesContext(connection) as queries:
        report = _import(world, corrected)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 4)
    after = {u.code: u for u in Unit.objects.filter(code__in=[r[0] for r in TREE])}
    assert {c: u.pk for c, u in after.items()} == {c: u.pk for c, u in before.items()}
    assert after["SCT.VP"].name == "Chi bộ Văn phòng Sở"
    assert after["SCT.VP"].declared_member_count == 31
    # Only the corrected unit is written to, and only it gets a change event.
    updated_ids = set()
    for sql in (q["sql"] for q in queries.captured_queries):
        if sql.startswith('UPDATE "units_unit"'):
            found = re.search(r'WHERE "units_unit"\."id" IN \(([\d, ]+)\)', sql)
            assert found, sql
            updated_ids |= {int(x) for x in found.group(1).split(",")}
    assert updated_ids == {before["SCT.VP"].pk}
    changes = AuditEvent.objects.filter(action=RosterAction.UNIT_UPDATED)
    assert [(e.target_id, e.before, e.after) for e in changes] == [
        (
            str(before["SCT.VP"].pk),
            {"name": "Chi bộ Văn phòng", "declared_member_count": 30},
            {"name": "Chi bộ Văn phòng Sở", "declared_member_count": 31},
        )
    ]
    assert AuditEvent.objects.count() == events + 2  # the change and the import


def test_the_same_file_twice_changes_nothing(world):
    _import(world, TREE)
    state = _state()

    report = _import(world, TREE)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert _state() == state


def test_an_existing_unit_without_a_code_is_adopted_by_its_name_under_the_same_parent(world):
    report = _import(
        world,
        [
            ("STC", "Đảng bộ Sở Tài chính", "Đảng bộ cơ sở", "", None),
            ("STC.NS", "Chi bộ Phòng Ngân sách", "Chi bộ trực thuộc", "STC", None),
        ],
    )

    assert (report.created, report.updated) == (0, 2)
    world.grassroots.refresh_from_db()
    world.cell.refresh_from_db()
    assert (world.grassroots.code, world.cell.code) == ("STC", "STC.NS")


def _errors(report):
    return [(e.line, e.kind) for e in report.errors]


@pytest.mark.parametrize(
    ("rows", "expected", "phrase"),
    [
        (
            [TREE[0], ("SCT", "Đảng bộ khác", "Đảng bộ cơ sở", "", None)],
            [(4, "duplicate_code")],
            "trùng với dòng 3",
        ),
        (
            [("X1", "Chi bộ A", "Chi bộ trực thuộc", "KHONGCO", None)],
            [(3, "unknown_parent")],
            "không tìm thấy mã đơn vị cấp trên “KHONGCO”",
        ),
        (
            [
                ("A", "Đảng bộ A", "Đảng bộ cơ sở", "B", None),
                ("B", "Đảng bộ B", "Đảng bộ cơ sở", "A", None),
            ],
            [(3, "cycle"), (4, "cycle")],
            "vòng lặp cấp trên",
        ),
        (
            [("A", "Chi bộ A", "Chi bộ trực thuộc", "", None)],
            [(3, "conflicting_kind")],
            "không thể trực thuộc",
        ),
        (
            [("STC", "Đảng bộ Sở Tài chính", "Chi bộ cơ sở", "", None)],
            [(3, "conflicting_kind")],
            "đổi loại đơn vị",
        ),
        (
            [("A", "", "Chi bộ cơ sở", "", None)],
            [(3, "missing_name")],
            "thiếu tên đơn vị",
        ),
        (
            [("A", "Chi bộ A", "Chi bộ cơ sở", "", "ba mươi")],
            [(3, "bad_number")],
            "số đảng viên “ba mươi” không hợp lệ",
        ),
        (
            [("A", "Chi bộ A", "Chi bộ cơ sở", "", -3)],
            [(3, "bad_number")],
            "không hợp lệ",
        ),
        (
            [("A", "Chi bộ A", "Tổ đảng", "", None)],
            [(3, "bad_kind")],
            "loại “Tổ đảng” không hợp lệ",
        ),
        (
            [("", "Chi bộ A", "Chi bộ cơ sở", "", None)],
            [(3, "missing_code")],
            "thiếu mã đơn vị",
        ),
        (
            [("A#1", "Chi bộ A", "Chi bộ cơ sở", "", None)],
            [(3, "bad_code")],
            "mã đơn vị “A#1” không hợp lệ",
        ),
    ],
)
def test_each_kind_of_bad_row_is_reported_and_nothing_is_written(world, rows, expected, phrase):
    state = _state()

    report = _import(world, rows)

    assert _errors(report) == expected
    assert all(phrase in e.message for e in report.errors), report.errors
    assert _state() == state


def test_a_code_used_outside_the_scope_is_a_conflict_and_says_nothing_of_where(world):
    make_unit(name="Huyện ủy Núi Thành", code="HU01")

    report = import_units(
        scope=world.grassroots,
        data=units_xlsx([("HU01", "Chi bộ X", "Chi bộ trực thuộc", "", None)]),
        filename="a.xlsx",
        by=world.admin,
    )

    assert _errors(report) == [(3, "conflicting_code")]
    assert "Núi Thành" not in report.errors[0].message


def test_a_name_already_coded_otherwise_under_the_same_parent_is_a_conflict(world):
    _import(world, [TREE[0]])

    report = _import(world, [("SCT2", "Đảng bộ Sở Công Thương", "Đảng bộ cơ sở", "", None)])

    assert _errors(report) == [(3, "conflicting_code")]
    assert "đã có mã “SCT”" in report.errors[0].message


def test_a_unit_moved_to_another_parent_is_refused_as_a_restructuring(world):
    _import(world, TREE)

    report = _import(
        world,
        [
            ("SCT.VP", "Chi bộ Văn phòng", "Chi bộ trực thuộc", "STC", None),
            ("STC", "Đảng bộ Sở Tài chính", "Đảng bộ cơ sở", "", None),
        ],
    )

    assert ("moved_unit") in {e.kind for e in report.errors}
    assert "sắp xếp tổ chức" in report.errors[0].message


def test_one_bad_row_among_good_ones_stops_the_whole_import(world):
    state = _state()

    report = _import(world, [*TREE, ("BAD", "Chi bộ", "Chi bộ trực thuộc", "NOPE", None)])

    assert _errors(report) == [(8, "unknown_parent")]
    assert _state() == state


def test_a_file_that_is_not_an_xlsx_is_refused_in_vietnamese(world):
    with pytest.raises(UnreadableFile, match="không phải là bảng tính Excel"):
        import_units(scope=world.committee, data=b"abc", filename="a.xlsx", by=world.admin)


def test_only_an_administrator_may_import_the_tree(world):
    with pytest.raises(AccessDenied):
        _import(world, TREE, by=world.officer)
    assert not Unit.objects.filter(code="SCT").exists()


def test_the_import_queries_grow_with_batches_not_with_rows(world):
    def rows(prefix, n):
        return [(prefix, f"Đảng bộ {prefix}", "Đảng bộ cơ sở", "", n)] + [
            (f"{prefix}.{i}", f"Chi bộ {i}", "Chi bộ trực thuộc", prefix, None) for i in range(n)
        ]

    with CaptureQueriesContext(connection) as small:
        assert _import(world, rows("G", 10)).ok
    with CaptureQueriesContext(connection) as large:
        assert _import(world, rows("H", 200)).ok

    # 190 more units cost a few more bulk batches (SQLite caps a batch at 999 parameters).
    assert len(large) <= len(small) + 6


def test_a_tree_without_the_kind_column_is_refused_at_its_header(world):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Danh sách tổ chức"])
    sheet.append(["Mã đơn vị", "Tên đơn vị"])
    sheet.append(["A", "Chi bộ A"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    state = _state()

    report = import_units(
        scope=world.committee, data=buffer.getvalue(), filename="t.xlsx", by=world.admin
    )

    assert _errors(report) == [(2, "missing_column")]
    assert "thiếu cột Loại" in report.errors[0].message
    assert _state() == state
