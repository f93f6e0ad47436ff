"""Importing the roster: dates in Vietnamese forms, names split, non-members flagged, a row
report per error kind, a re-runnable upsert keyed by card number (issue 11 §1)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied
from lamtheobac.roster.actions import RosterAction
from lamtheobac.roster.actions.members import import_members
from lamtheobac.roster.tests.conftest import members_xlsx
from lamtheobac.testing import make_person, make_unit
from lamtheobac.units.models import Person, Unit

# (name, birth, gender, position, unit, member, joined, confirmed, card)
AN = (
    "Nguyễn Văn An",
    "03/05/1980",
    "Nam",
    "Bí thư chi bộ",
    "Chi bộ Phòng Ngân sách",
    "x",
    "ngày 3 tháng 2 năm 2005",
    "3.2.2006",
    "01000001",
)
BINH = (
    "Trần Thị Bình",
    dt.date(1985, 7, 20),
    "Nữ",
    "Chuyên viên",
    "Chi bộ Phòng Ngân sách",
    "",
    "15-01-2010",
    "15/01/2011",
    "01000002",
)
CUONG = (
    "Lê Văn Cường",
    "1990",
    "Nam",
    "Nhân viên",
    "Chi bộ Phòng Tin học",
    "không",
    None,
    None,
    None,
)
ROSTER = [AN, BINH, CUONG]


def _import(world, rows, by=None, scope=None):
    return import_members(
        scope=scope or world.grassroots,
        data=members_xlsx(rows),
        filename="dang-vien.xlsx",
        by=by or world.secretary,
    )


def _people():
    return list(
        Person.objects.order_by("pk").values_list(
            "pk",
            "family_name",
            "middle_name",
            "given_name",
            "date_of_birth",
            "birth_year",
            "gender",
            "position",
            "unit_id",
            "is_party_member",
            "joined_party_on",
            "confirmed_on",
            "card_number",
        )
    )


def test_a_roster_is_imported_with_names_split_dates_read_and_non_members_flagged(world):
    report = _import(world, ROSTER)

    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    an = Person.objects.get(card_number="01000001")
    assert (an.family_name, an.middle_name, an.given_name) == ("Nguyễn", "Văn", "An")
    assert an.date_of_birth == dt.date(1980, 5, 3) and an.birth_year == 1980
    assert an.joined_party_on == dt.date(2005, 2, 3) and an.confirmed_on == dt.date(2006, 2, 3)
    assert (an.gender, an.position, an.unit, an.is_party_member) == (
        "male",
        "Bí thư chi bộ",
        world.cell,
        True,
    )
    binh = Person.objects.get(card_number="01000002")  # blank flag, card given: a member
    assert binh.date_of_birth == dt.date(1985, 7, 20) and binh.is_party_member
    assert binh.gender == "female"
    cuong = Person.objects.get(given_name="Cường")
    assert cuong.date_of_birth is None and cuong.birth_year == 1990
    assert not cuong.is_party_member and cuong.unit == world.other_cell
    assert an.sort_key < binh.sort_key < cuong.sort_key  # An < Bình < Cường


def test_a_unit_may_be_named_by_its_code(world):
    world.cell.code = "STC.NS"
    world.cell.save()
    row = list(AN)
    row[4] = "stc.ns"

    assert _import(world, [row]).ok
    assert Person.objects.get(card_number="01000001").unit == world.cell


def test_reimporting_a_corrected_file_changes_only_the_corrected_rows(world):
    _import(world, ROSTER)
    before = _people()
    corrected = list(ROSTER)
    corrected[1] = (*BINH[:3], "Phó trưởng phòng", *BINH[4:])
    corrected[2] = ("Lê Văn Cường", "12/09/1990", *CUONG[2:])  # a birth date now, no card
    events = AuditEvent.objects.count()

    report = _import(world, corrected)

    assert (report.created, report.updated, report.unchanged) == (0, 2, 1)
    after = _people()
    assert [p[0] for p in after] == [p[0] for p in before]  # same people, no duplicate
    assert after[0] == before[0]
    assert after[1][7] == "Phó trưởng phòng"
    assert after[2][4] == dt.date(1990, 9, 12)
    changes = AuditEvent.objects.filter(action=RosterAction.MEMBER_UPDATED).order_by("pk")
    assert [(e.target_id, e.before, e.after) for e in changes] == [
        (str(before[1][0]), {"position": "Chuyên viên"}, {"position": "Phó trưởng phòng"}),
        (str(before[2][0]), {"date_of_birth": None}, {"date_of_birth": "1990-09-12"}),
    ]
    assert AuditEvent.objects.count() == events + 3  # two changes and the import


def test_a_name_corrected_on_a_row_with_a_card_updates_that_person(world):
    _import(world, ROSTER)
    pk = Person.objects.get(card_number="01000001").pk

    report = _import(world, [("Nguyễn Văn Ân", *AN[1:])])

    assert (report.created, report.updated) == (0, 1)
    assert Person.objects.get(pk=pk).given_name == "Ân"


def test_the_same_file_twice_changes_nothing(world):
    _import(world, ROSTER)
    people = _people()
    events = AuditEvent.objects.count()

    report = _import(world, ROSTER)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert _people() == people
    assert AuditEvent.objects.count() == events + 1  # the import itself only


def test_people_entered_before_are_matched_by_name_birth_date_and_unit(world):
    existing = make_person(
        unit=world.cell,
        family_name="Nguyễn",
        middle_name="Văn",
        given_name="An",
        birth_year=1980,
        is_party_member=True,
    )
    row = ("Nguyễn Văn An", "1980", None, None, "Chi bộ Phòng Ngân sách", "x", None, None, None)

    report = _import(world, [row])

    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert Person.objects.filter(given_name="An").get().pk == existing.pk


def _errors(report):
    return [(e.line, e.kind) for e in report.errors]


def _with(base, **changes):
    index = {
        "name": 0,
        "birth": 1,
        "gender": 2,
        "unit": 4,
        "member": 5,
        "joined": 6,
        "confirmed": 7,
        "card": 8,
    }
    row = list(base)
    for key, value in changes.items():
        row[index[key]] = value
    return tuple(row)


@pytest.mark.parametrize(
    ("rows", "expected", "phrase"),
    [
        (
            [_with(AN, birth="31/02/1980")],
            [(3, "bad_date")],
            "ngày sinh “31/02/1980” không có thật",
        ),
        (
            [_with(AN, joined="mùa xuân 2005")],
            [(3, "bad_date")],
            "ngày vào Đảng “mùa xuân 2005” không đọc được",
        ),
        ([_with(AN, confirmed="03/02/2099")], [(3, "bad_date")], "ở tương lai"),
        (
            [_with(AN, unit="Chi bộ Không Có")],
            [(3, "unknown_unit")],
            "không tìm thấy đơn vị “Chi bộ Không Có”",
        ),
        ([_with(AN, unit="")], [(3, "missing_unit")], "thiếu đơn vị"),
        ([AN, _with(BINH, card="01000001")], [(4, "duplicate_card")], "trùng với dòng 3"),
        ([_with(AN, name="")], [(3, "missing_name")], "thiếu họ và tên"),
        (
            [_with(AN, confirmed="01/01/2005")],
            [(3, "confirmed_before_joined")],
            "ngày chính thức 01/01/2005 trước ngày vào Đảng 03/02/2005",
        ),
        ([_with(AN, joined=None)], [(3, "confirmed_without_joined")], "thiếu ngày vào Đảng"),
        ([_with(AN, joined="01/01/1995", confirmed=None)], [(3, "too_young")], "chưa đủ 18 tuổi"),
        ([_with(AN, member="không")], [(3, "non_member_with_party_data")], "không phải đảng viên"),
        ([_with(AN, member="có lẽ")], [(3, "bad_flag")], "không hiểu"),
        ([_with(AN, gender="N")], [(3, "bad_gender")], "giới tính “N”"),
        ([_with(AN, card="số ?")], [(3, "bad_card")], "số thẻ đảng viên"),
        ([CUONG, CUONG], [(4, "duplicate_person")], "trùng người với dòng 3"),
    ],
)
def test_each_kind_of_bad_row_is_reported_and_nothing_is_written(world, rows, expected, phrase):
    people = _people()

    report = _import(world, rows)

    assert _errors(report) == expected
    assert phrase in report.errors[0].message, report.errors[0].message
    assert _people() == people


def test_a_card_held_by_another_person_in_the_scope_is_refused(world):
    _import(world, ROSTER)
    people = _people()

    report = _import(world, [("Phạm Văn Dũng", "01/01/1970", *AN[2:])])

    assert _errors(report) == [(3, "card_of_another_person")]
    assert "đã được cấp cho Nguyễn Văn An" in report.errors[0].message
    assert _people() == people


def test_a_card_held_outside_the_scope_is_refused_without_naming_anyone(world):
    make_person(unit=world.sibling, given_name="Dũng", card_number="01000001")
    people = _people()

    report = _import(world, [AN])

    assert _errors(report) == [(3, "card_of_another_person")]
    assert "ngoài phạm vi" in report.errors[0].message
    assert "Dũng" not in report.errors[0].message
    assert _people() == people


def test_a_unit_outside_the_scope_is_unknown(world):
    report = _import(world, [_with(AN, unit="Chi bộ Sở Tư pháp")])

    assert _errors(report) == [(3, "unknown_unit")]


def test_a_unit_name_shared_by_two_units_asks_for_the_code(world):
    make_unit(parent=world.grassroots, name="Chi bộ Phòng Ngân sách", kind="subordinate_cell")

    report = _import(world, [AN])

    assert _errors(report) == [(3, "ambiguous_unit")]


def test_every_bad_row_is_listed_at_once(world):
    report = _import(world, [_with(AN, birth="x"), BINH, _with(CUONG, unit="?")])

    assert _errors(report) == [(3, "bad_date"), (5, "unknown_unit")]


def test_the_importer_needs_the_right_to_see_personal_data(world):
    for user in (world.officer, world.leader, world.member):
        with pytest.raises(AccessDenied):
            _import(world, ROSTER, by=user)
    assert not Person.objects.exists()


def test_the_import_queries_grow_with_batches_not_with_rows(world):
    def rows(prefix, n):
        return [
            (
                f"Nguyễn Văn {prefix}{i}",
                "01/01/1980",
                "Nam",
                "",
                "Chi bộ Phòng Ngân sách",
                "x",
                "01/01/2005",
                "01/01/2006",
                f"{prefix}{i:07d}",
            )
            for i in range(n)
        ]

    with CaptureQueriesContext(connection) as small:
        assert _import(world, rows("A", 10)).ok
    with CaptureQueriesContext(connection) as large:
        assert _import(world, rows("B", 300)).ok

    # 290 more people cost a few more bulk batches (SQLite caps a batch at 999 parameters).
    assert len(large) <= len(small) + 8


def _workbook(headers, rows):
    """A workbook of our own making: a title line, ``headers``, then ``rows``."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Danh sách đảng viên"])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_roster_without_the_unit_column_is_refused_at_its_header(world):
    data = _workbook(["STT", "Họ và tên", "Ngày sinh"], [[1, "Nguyễn Văn An", "03/05/1980"]])

    report = import_members(scope=world.grassroots, data=data, filename="m.xlsx", by=world.admin)

    assert _errors(report) == [(2, "missing_column")]
    assert "thiếu cột “Đơn vị (chi bộ)”" in report.errors[0].message
    assert not Person.objects.exists()


def test_two_people_a_row_could_be_is_ambiguous_and_asks_for_a_card_or_birth_date(world):
    cell = Unit.objects.get(name="Chi bộ Phòng Tin học")
    for _ in range(2):
        make_person(
            unit=cell, family_name="Lê", middle_name="Văn", given_name="Cường", birth_year=1990
        )
    people = _people()

    report = _import(world, [CUONG])

    assert _errors(report) == [(3, "ambiguous_person")]
    assert "có 2 người tên “Lê Văn Cường”" in report.errors[0].message
    assert _people() == people
