"""Achievement periods with start and end dates."""

from __future__ import annotations

import pytest

from lamtheobac.reading.periods import find_periods

from .conftest import read_seed


def _periods(text: str) -> list[tuple[str, str, str]]:
    return [(p.text, p.start, p.end) for p in find_periods(text, 0, len(text))]


def test_seed_001_counts_achievements_from_may_2021_to_the_end_of_may_2022():
    ex = read_seed("001")
    assert [(p.text, p.start, p.end) for p in ex.periods] == [
        ("tháng 5/2021 - 5/2022", "2021-05-01", "2022-05-31")
    ]
    start, end = ex.periods[0].span
    assert ex.text[start:end] == "tháng 5/2021 - 5/2022"


def test_seed_003_four_years_without_dates_is_not_a_period():
    assert read_seed("003").periods == []


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_seeds_without_an_achievement_period_have_none(prefix):
    assert read_seed(prefix).periods == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Thành tích tính từ ngày 01/01/2021 đến ngày 31/12/2021.",
            ("ngày 01/01/2021 đến ngày 31/12/2021", "2021-01-01", "2021-12-31"),
        ),
        (
            "Thành tích từ tháng 5 năm 2021 đến tháng 5 năm 2022.",
            ("tháng 5 năm 2021 đến tháng 5 năm 2022", "2021-05-01", "2022-05-31"),
        ),
        (
            "Thành tích trong giai đoạn 2017 - 2019.",
            ("2017 - 2019", "2017-01-01", "2019-12-31"),
        ),
        (
            "Thành tích tính từ tháng 02/2023 - 02/2024.",
            ("tháng 02/2023 - 02/2024", "2023-02-01", "2024-02-29"),
        ),
    ],
)
def test_each_range_form_reads_as_dates(sentence, expected):
    assert _periods(sentence) == [expected]


def test_a_range_outside_an_achievement_sentence_is_not_a_period():
    assert _periods("Nhiệm kỳ 2020 - 2025; kỷ niệm (19/5/1890 - 19/5/2020).") == []


def test_a_length_in_years_is_not_a_period():
    assert _periods("Thành tích tiêu biểu trong 04 năm học tập và làm theo Bác.") == []
