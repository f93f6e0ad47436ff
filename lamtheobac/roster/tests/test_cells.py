"""Reading cells: Vietnamese dates in every common form, names, flags, genders, cards."""

from __future__ import annotations

import datetime as dt

import pytest

from lamtheobac.roster.cells import parse_card, parse_date, parse_flag, parse_gender, split_name

TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("03/05/1980", dt.date(1980, 5, 3)),
        ("3/5/1980", dt.date(1980, 5, 3)),
        ("3/5/80", dt.date(1980, 5, 3)),
        ("03-05-1980", dt.date(1980, 5, 3)),
        ("03.05.1980", dt.date(1980, 5, 3)),
        ("1980-05-03", dt.date(1980, 5, 3)),
        ("ngày 3 tháng 5 năm 1980", dt.date(1980, 5, 3)),
        ("Ngày 03 tháng 05 năm 1980", dt.date(1980, 5, 3)),
        ("3 tháng 5 năm 1980", dt.date(1980, 5, 3)),
        (dt.datetime(1980, 5, 3, 0, 0), dt.date(1980, 5, 3)),
        (dt.date(1980, 5, 3), dt.date(1980, 5, 3)),
        (29344.0, dt.date(1980, 5, 3)),  # an Excel serial in a cell formatted as a number
        ("15/1/05", dt.date(2005, 1, 15)),
    ],
)
def test_a_date_is_read_in_every_common_vietnamese_form(written, expected):
    day, year, problem = parse_date(written, label="ngày vào Đảng", today=TODAY)

    assert (day, year, problem) == (expected, expected.year, None)


def test_a_two_digit_birth_year_is_the_last_century_when_this_one_would_be_too_young():
    assert parse_date("3/5/15", label="ngày sinh", today=TODAY, birth=True)[0] == dt.date(
        1915, 5, 3
    )
    assert parse_date("3/5/05", label="ngày sinh", today=TODAY, birth=True)[0] == dt.date(
        2005, 5, 3
    )


@pytest.mark.parametrize("written", ["1980", 1980, 1980.0])
def test_a_birth_cell_may_hold_the_year_alone(written):
    assert parse_date(written, label="ngày sinh", today=TODAY, birth=True) == (None, 1980, None)


def test_a_year_alone_is_not_a_date_of_joining():
    day, _, problem = parse_date("1980", label="ngày vào Đảng", today=TODAY)

    assert day is None
    assert problem is not None and "không đọc được" in problem


@pytest.mark.parametrize(
    ("written", "phrase"),
    [
        ("31/02/1980", "không có thật"),
        ("03/13/1980", "không có thật"),
        ("hôm qua", "không đọc được"),
        ("05/12/2026 nữa", "không đọc được"),
        ("05/12/2027", "ở tương lai"),
        ("05/12/1890", "quá xa"),
    ],
)
def test_a_bad_date_gets_a_vietnamese_reason(written, phrase):
    day, _, problem = parse_date(written, label="ngày sinh", today=TODAY)

    assert day is None
    assert problem is not None and phrase in problem and "ngày sinh" in problem


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Nguyễn Thị Minh Khai", ("Nguyễn", "Thị Minh", "Khai")),
        ("Lê  Văn   Cường", ("Lê", "Văn", "Cường")),
        ("Trần Hưng", ("Trần", "", "Hưng")),
        ("Tôn Thất Thuyết", ("Tôn Thất", "", "Thuyết")),
        ("Âu Dương Thị Lan", ("Âu Dương", "Thị", "Lan")),
        ("Hoa", ("", "", "Hoa")),
    ],
)
def test_a_name_splits_in_vietnamese_order(full, parts):
    assert split_name(full) == parts


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("x", True),
        ("X", True),
        ("có", True),
        ("Đảng viên", True),
        ("không", False),
        ("Quần chúng", False),
        (None, None),
        ("", None),
    ],
)
def test_the_member_column_reads_x_co_and_khong(written, expected):
    assert parse_flag(written) == (expected, None)


def test_an_unknown_member_flag_is_a_problem():
    assert parse_flag("có lẽ")[1] is not None


def test_gender_and_card_are_read_and_checked():
    assert parse_gender("Nữ") == ("female", None)
    assert parse_gender("nam") == ("male", None)
    assert parse_gender("khác")[1] is not None
    assert parse_card(" 01 234 567 ") == ("01234567", None)
    assert parse_card(12345678.0) == ("12345678", None)
    assert parse_card("?!")[1] is not None
