"""Importing a ratings workbook: all rows or none, a row-by-row report, history in the audit."""

from __future__ import annotations

import io
import zipfile

import pytest

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import DomainError
from lamtheobac.ratings.actions.ratings import import_ratings, set_rating
from lamtheobac.ratings.importing import UnreadableFile
from lamtheobac.ratings.models import Rating, RatingLevel
from lamtheobac.ratings.tests.conftest import xlsx
from lamtheobac.testing import make_person, make_unit
from lamtheobac.units.models import UnitKind

GOOD_PEOPLE = [
    ("Nguyễn Văn An", 1980, "Chi bộ Phòng Ngân sách", 2023, "Hoàn thành xuất sắc nhiệm vụ"),
    ("Trần Thị Bình", None, "Chi bộ Phòng Ngân sách", 2023, "HTTNV"),
    ("Lê Văn Cường", "", "Chi bộ Phòng Tin học", 2024, "hoan thanh nhiem vu"),
]
GOOD_UNITS = [
    ("Chi bộ Phòng Ngân sách", 2023, "Hoàn thành tốt nhiệm vụ"),
    ("Đảng bộ Sở Tài chính", 2023, "HTXSNV"),
]


def _import(world, data: bytes, *, scope=None, by=None):
    return import_ratings(
        scope=scope or world.committee, data=data, filename="xep-loai.xlsx", by=by or world.officer
    )


def _messages(report) -> list[str]:
    return [str(e) for e in report.errors]


def test_a_good_file_creates_every_rating_and_one_audit_event_with_counts(world, cast):
    report = _import(world, xlsx(GOOD_PEOPLE, GOOD_UNITS))

    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (5, 0, 0)
    assert Rating.objects.get(person=cast.an, year=2023).level == RatingLevel.EXCELLENT
    assert Rating.objects.get(person=cast.binh, year=2023).level == RatingLevel.GOOD
    assert Rating.objects.get(person=cast.cuong, year=2024).level == RatingLevel.COMPLETE
    assert Rating.objects.get(unit=world.cell, year=2023).level == RatingLevel.GOOD
    assert Rating.objects.get(unit=world.grassroots, year=2023).level == RatingLevel.EXCELLENT
    event = AuditEvent.objects.get(action="ratings.import")
    assert event == report.event
    assert event.actor == world.officer
    assert event.unit == world.committee
    assert event.after is not None
    assert {k: event.after[k] for k in ("file", "created", "updated", "unchanged")} == {
        "file": "xep-loai.xlsx",
        "created": 5,
        "updated": 0,
        "unchanged": 0,
    }
    assert [(r["sheet"], r["line"], r["outcome"]) for r in event.after["rows"]] == [
        ("Cá nhân", 3, "created"),
        ("Cá nhân", 4, "created"),
        ("Cá nhân", 5, "created"),
        ("Tập thể", 3, "created"),
        ("Tập thể", 4, "created"),
    ]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(world, cast):
    data = xlsx(GOOD_PEOPLE, GOOD_UNITS)
    _import(world, data)
    before = list(Rating.objects.order_by("pk").values_list("pk", "level", "recorded_at"))

    report = _import(world, data)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert list(Rating.objects.order_by("pk").values_list("pk", "level", "recorded_at")) == before


def test_a_different_level_replaces_the_stored_one_and_the_audit_keeps_before_and_after(
    world, cast
):
    kept = set_rating(cast.an, year=2023, level=RatingLevel.GOOD, note="QĐ 12", by=world.officer)

    report = _import(
        world,
        xlsx(
            [
                ("Nguyễn Văn An", 1980, "Chi bộ Phòng Ngân sách", 2023, "HTXSNV"),
                ("Trần Thị Bình", None, "Chi bộ Phòng Ngân sách", 2023, "HTTNV"),
            ]
        ),
    )

    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    rating = Rating.objects.get(person=cast.an, year=2023)
    assert rating.pk == kept.rating.pk
    assert rating.level == RatingLevel.EXCELLENT
    assert rating.note == "QĐ 12"
    event = report.event
    assert event.before == {
        "ratings": [{"rating": rating.pk, "year": 2023, "level": "good", "note": "QĐ 12"}]
    }
    row = event.after["rows"][0]
    assert (row["before"], row["level"], row["outcome"], row["rating"]) == (
        "good",
        "excellent",
        "updated",
        rating.pk,
    )


def test_a_bad_file_reports_every_bad_row_and_imports_nothing(world, cast):
    report = _import(
        world,
        xlsx(
            [
                ("Nguyễn Văn Ann", None, "Chi bộ Phòng Ngân sách", 2023, "HTTNV"),
                ("Trần Thị Bình", None, "Chi bộ Phòng Ngân sách", 2023, "Tốt lắm"),
                ("Lê Văn Cường", None, "Chi bộ Phòng Tin học", 1989, "HTNV"),
                ("Lê Văn Cường", None, "Chi bộ Phòng Tin học", 2999, "HTNV"),
                ("Lê Văn Cường", None, "Chi bộ Không Có", 2023, "HTNV"),
                ("", None, "Chi bộ Phòng Tin học", "năm ngoái", ""),
            ],
            [("Chi bộ Ma", 2023, "HTNV")],
        ),
    )

    assert not report.ok
    messages = _messages(report)
    assert messages[0] == (
        "Dòng 3: không tìm thấy đảng viên “Nguyễn Văn Ann” ở đơn vị “Chi bộ Phòng Ngân sách”"
    )
    assert messages[1].startswith("Dòng 4: xếp loại “Tốt lắm” không hợp lệ")
    assert messages[2].startswith("Dòng 5: năm 1989 nằm ngoài khoảng 1990–")
    assert messages[3].startswith("Dòng 6: năm 2999 nằm ngoài khoảng 1990–")
    assert messages[4] == (
        "Dòng 7: không tìm thấy đơn vị “Chi bộ Không Có” trong phạm vi “Đảng ủy Khối các cơ quan tỉnh”"
    )
    assert messages[5] == ("Dòng 8: thiếu họ và tên; năm “năm ngoái” không hợp lệ; thiếu xếp loại")
    assert report.errors[6].sheet == "Tập thể"
    assert messages[6] == (
        "Dòng 3: không tìm thấy tổ chức “Chi bộ Ma” trong phạm vi “Đảng ủy Khối các cơ quan tỉnh”"
    )
    assert len(messages) == 7
    assert not Rating.objects.exists()
    assert not AuditEvent.objects.filter(action="ratings.import").exists()


def test_a_mixed_file_imports_nothing_not_even_its_good_rows(world, cast):
    set_rating(cast.binh, year=2023, level=RatingLevel.COMPLETE, by=world.officer)
    counts = (Rating.objects.count(), AuditEvent.objects.count())

    report = _import(
        world,
        xlsx(
            [
                *GOOD_PEOPLE,
                ("Nguyễn Văn Ann", None, "Chi bộ Phòng Ngân sách", 2023, "HTTNV"),
            ],
            GOOD_UNITS,
        ),
    )

    assert _messages(report) == [
        "Dòng 6: không tìm thấy đảng viên “Nguyễn Văn Ann” ở đơn vị “Chi bộ Phòng Ngân sách”"
    ]
    assert (Rating.objects.count(), AuditEvent.objects.count()) == counts
    assert Rating.objects.get(person=cast.binh, year=2023).level == RatingLevel.COMPLETE


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a spreadsheet at all",
        b"PK\x03\x04" + b"\x00" * 200,
        "Họ và tên;Xếp loại\nNguyễn Văn An;HTTNV\n".encode(),
    ],
    ids=["empty", "text", "broken-zip-header", "csv"],
)
def test_a_file_that_is_not_an_xlsx_is_refused_with_a_vietnamese_message(world, cast, data):
    with pytest.raises(UnreadableFile) as refused:
        _import(world, data)

    assert "Chưa có xếp loại nào được nhập" in refused.value.message
    assert not Rating.objects.exists()


def test_a_truncated_xlsx_is_reported_as_corrupt_and_changes_nothing(world, cast):
    data = xlsx(GOOD_PEOPLE)

    with pytest.raises(UnreadableFile) as refused:
        _import(world, data[: len(data) // 2])

    assert refused.value.message.startswith("Không đọc được tệp .xlsx")
    assert not Rating.objects.exists()


def test_an_xlsx_with_damaged_xml_is_reported_as_corrupt(world, cast):
    source = zipfile.ZipFile(io.BytesIO(xlsx(GOOD_PEOPLE)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as damaged:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet1"):
                content = content[: len(content) // 2]
            damaged.writestr(info, content)

    with pytest.raises(UnreadableFile):
        _import(world, buffer.getvalue())
    assert not Rating.objects.exists()


def test_a_workbook_without_the_template_sheets_is_refused(world, cast):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Họ và tên", "Xếp loại"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(UnreadableFile, match="Cá nhân"):
        _import(world, buffer.getvalue())


def test_an_empty_template_is_refused_as_having_no_rows(world, cast):
    with pytest.raises(DomainError, match="không có dòng xếp loại nào"):
        _import(world, xlsx())


def test_a_row_outside_the_importers_subtree_is_an_error_and_nothing_is_imported(world, cast):
    report = _import(
        world,
        xlsx(
            [
                ("Nguyễn Văn An", None, "Chi bộ Phòng Ngân sách", 2023, "HTTNV"),
                ("Phạm Văn Dũng", None, "Chi bộ Sở Tư pháp", 2023, "HTTNV"),
            ],
            [("Chi bộ Sở Tư pháp", 2023, "HTTNV")],
        ),
        scope=world.grassroots,
    )

    assert _messages(report) == [
        "Dòng 4: không tìm thấy đơn vị “Chi bộ Sở Tư pháp” trong phạm vi “Đảng bộ Sở Tài chính”",
        "Dòng 3: không tìm thấy tổ chức “Chi bộ Sở Tư pháp” trong phạm vi “Đảng bộ Sở Tài chính”",
    ]
    assert not Rating.objects.exists()


def test_another_committees_people_are_not_found_for_its_neighbours_officer(world, cast):
    other = make_unit(name="Huyện ủy Núi Thành", kind=UnitKind.COMMITTEE)
    cell = make_unit(parent=other, name="Chi bộ Phòng Ngân sách")
    make_person(unit=cell, family_name="Võ", middle_name="Thị", given_name="Hoa")

    # The neighbour (world.committee)'s officer imports for their own committee.
    report = _import(world, xlsx([("Võ Thị Hoa", None, "Chi bộ Phòng Ngân sách", 2023, "HTTNV")]))

    assert _messages(report) == [
        "Dòng 3: không tìm thấy đảng viên “Võ Thị Hoa” ở đơn vị “Chi bộ Phòng Ngân sách”"
    ]


def test_names_match_in_any_case_and_unicode_form(world, cast):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "TRẦN  THỊ BÌNH")
    report = _import(world, xlsx([(decomposed, None, " chi bộ phòng ngân sách ", 2023.0, "httnv")]))

    assert report.ok, _messages(report)
    assert Rating.objects.get(person=cast.binh, year=2023).level == RatingLevel.GOOD


def test_the_birth_year_tells_namesakes_apart(world, cast):
    older = make_person(
        unit=world.cell, family_name="Nguyễn", middle_name="Văn", given_name="An", birth_year=1965
    )
    ambiguous = _import(
        world, xlsx([("Nguyễn Văn An", None, "Chi bộ Phòng Ngân sách", 2023, "HTNV")])
    )
    wrong_year = _import(
        world, xlsx([("Nguyễn Văn An", 1970, "Chi bộ Phòng Ngân sách", 2023, "HTNV")])
    )
    by_date = _import(
        world, xlsx([("Nguyễn Văn An", "12/03/1965", "Chi bộ Phòng Ngân sách", 2023, "HTNV")])
    )

    assert _messages(ambiguous) == [
        "Dòng 3: có 2 người cùng tên “Nguyễn Văn An” ở đơn vị “Chi bộ Phòng Ngân sách”; "
        "ghi thêm năm sinh để phân biệt"
    ]
    assert _messages(wrong_year) == [
        "Dòng 3: không tìm thấy đảng viên “Nguyễn Văn An” sinh năm 1970 ở đơn vị "
        "“Chi bộ Phòng Ngân sách”"
    ]
    assert by_date.ok
    assert Rating.objects.get(year=2023).person == older


def test_a_person_is_found_when_several_cells_share_the_unit_name(world, cast):
    twin = make_unit(parent=world.sibling, name="Chi bộ Phòng Ngân sách")
    namesake_cell_person = make_person(
        unit=twin, family_name="Hồ", middle_name="", given_name="Lan"
    )

    report = _import(
        world,
        xlsx(
            [
                ("Hồ Lan", None, "Chi bộ Phòng Ngân sách", 2023, "HTNV"),
                ("Nguyễn Văn An", None, "Chi bộ Phòng Ngân sách", 2023, "HTNV"),
            ],
            [("Chi bộ Phòng Ngân sách", 2023, "HTNV")],
        ),
    )

    assert _messages(report) == [
        "Dòng 3: có 2 tổ chức cùng tên “Chi bộ Phòng Ngân sách” trong phạm vi “Đảng ủy Khối "
        "các cơ quan tỉnh”; hãy nhập từ phạm vi hẹp hơn hoặc sửa trên trang xếp loại"
    ]
    report = _import(
        world,
        xlsx(
            [
                ("Hồ Lan", None, "Chi bộ Phòng Ngân sách", 2023, "HTNV"),
                ("Nguyễn Văn An", None, "Chi bộ Phòng Ngân sách", 2023, "HTNV"),
            ]
        ),
    )
    assert report.ok
    assert set(Rating.objects.values_list("person", flat=True)) == {
        namesake_cell_person.pk,
        cast.an.pk,
    }


def test_the_same_person_twice_in_one_file_is_an_error(world, cast):
    report = _import(
        world,
        xlsx(
            [
                ("Nguyễn Văn An", None, "Chi bộ Phòng Ngân sách", 2023, "HTNV"),
                ("Trần Thị Bình", None, "Chi bộ Phòng Ngân sách", 2023, "HTNV"),
                ("nguyễn văn an", 1980, "Chi bộ Phòng Ngân sách", 2023, "HTXSNV"),
                ("Nguyễn Văn An", None, "Chi bộ Phòng Ngân sách", 2024, "HTNV"),
            ]
        ),
    )

    assert _messages(report) == [
        "Dòng 5: trùng với dòng 3 (cùng người “Nguyễn Văn An”, cùng năm 2023)"
    ]


def test_blank_and_numbered_only_rows_are_skipped(world, cast):
    data = xlsx(
        [
            ("Nguyễn Văn An", None, "Chi bộ Phòng Ngân sách", 2023, "HTNV"),
            (None, None, None, None, None),
            ("Trần Thị Bình", None, "Chi bộ Phòng Ngân sách", 2023, "HTNV"),
        ]
    )

    report = _import(world, data)

    assert report.ok
    assert report.created == 2


def test_the_import_writes_in_bulk_so_queries_do_not_grow_with_the_rows(world, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cells = [make_unit(parent=world.grassroots, name=f"Chi bộ {n}") for n in range(2)]
    people = [make_person(unit=cells[n % 2], given_name=f"Tên{n}") for n in range(120)]

    def queries(count: int, level: str) -> int:
        rows = [(p.full_name, None, p.unit.name, 2023, level) for p in people[:count]]
        data = xlsx(rows, [(c.name, 2023, level) for c in cells])
        with CaptureQueriesContext(connection) as captured:
            report = _import(world, data)
        assert report.ok, _messages(report)
        return len(captured)

    queries(10, "HTNV")  # 10 people and 2 units created
    some = queries(20, "HTTNV")  # 12 replaced, 10 created
    many = queries(120, "HTXSNV")  # 22 replaced, 100 created
    # The same statements for 22 rows or 122 (SQLite splits inserts past ~160 rows per batch).
    assert many == some
    assert Rating.objects.filter(year=2023, level=RatingLevel.EXCELLENT).count() == 122
