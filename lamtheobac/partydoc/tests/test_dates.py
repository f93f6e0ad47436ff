import datetime

import pytest

from lamtheobac.partydoc import format_date_line, format_date_long, format_date_short


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2020, 3, 6), "ngày 06 tháng 3 năm 2020"),
        (datetime.date(2018, 4, 3), "ngày 03 tháng 4 năm 2018"),
        (datetime.date(2022, 2, 28), "ngày 28 tháng 02 năm 2022"),
        (datetime.date(2024, 1, 9), "ngày 09 tháng 01 năm 2024"),
        (datetime.date(2020, 4, 30), "ngày 30 tháng 4 năm 2020"),
        (datetime.date(2021, 12, 10), "ngày 10 tháng 12 năm 2021"),
    ],
)
def test_long_dates_pad_days_below_ten_and_only_january_and_february(day, expected):
    assert format_date_long(day) == expected


@pytest.mark.parametrize("day_of_month", range(1, 10))
def test_every_day_from_one_to_nine_gets_a_leading_zero(day_of_month):
    day = datetime.date(2023, 5, day_of_month)
    assert format_date_long(day) == f"ngày 0{day_of_month} tháng 5 năm 2023"
    assert format_date_short(day) == f"0{day_of_month}/5/2023"


@pytest.mark.parametrize("month", range(3, 13))
def test_months_from_march_to_december_are_written_without_a_zero(month):
    assert f"tháng {month} năm" in format_date_long(datetime.date(2023, month, 15))
    assert format_date_short(datetime.date(2023, month, 15)) == f"15/{month}/2023"


def test_short_dates_follow_the_party_citation_style():
    assert format_date_short(datetime.date(2020, 3, 6)) == "06/3/2020"
    assert format_date_short(datetime.date(2022, 2, 28)) == "28/02/2022"
    assert format_date_short(datetime.date(2020, 4, 30)) == "30/4/2020"
    assert format_date_short(datetime.date(2021, 1, 18)) == "18/01/2021"


def test_the_date_line_starts_with_the_place():
    line = format_date_line("Quảng Nam", datetime.date(2020, 3, 6))
    assert line == "Quảng Nam, ngày 06 tháng 3 năm 2020"


def test_a_missing_date_gives_the_blank_form_of_an_unsigned_draft():
    assert format_date_line("Quảng Nam", None) == "Quảng Nam, ngày     tháng     năm 20.."
