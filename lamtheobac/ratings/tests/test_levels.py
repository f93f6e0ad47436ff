"""Rating levels as people write them in spreadsheets."""

from __future__ import annotations

import unicodedata

import pytest

from lamtheobac.ratings.levels import parse_level
from lamtheobac.ratings.models import RatingLevel


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Hoàn thành xuất sắc nhiệm vụ", RatingLevel.EXCELLENT),
        ("Hoàn thành tốt nhiệm vụ", RatingLevel.GOOD),
        ("Hoàn thành nhiệm vụ", RatingLevel.COMPLETE),
        ("Không hoàn thành nhiệm vụ", RatingLevel.INCOMPLETE),
        ("HTXSNV", RatingLevel.EXCELLENT),
        ("HTTNV", RatingLevel.GOOD),
        ("HTNV", RatingLevel.COMPLETE),
        ("KHTNV", RatingLevel.INCOMPLETE),
        ("htxsnv", RatingLevel.EXCELLENT),
        ("HT.T.NV", RatingLevel.GOOD),
        ("  HOÀN THÀNH   TỐT NHIỆM VỤ ", RatingLevel.GOOD),
        ("hoan thanh xuat sac nhiem vu", RatingLevel.EXCELLENT),
        ("khong hoan thanh nhiem vu", RatingLevel.INCOMPLETE),
        (unicodedata.normalize("NFD", "Hoàn thành nhiệm vụ"), RatingLevel.COMPLETE),
        ("Hoàn thành xuất sắc", RatingLevel.EXCELLENT),
        ("Không hoàn thành", RatingLevel.INCOMPLETE),
        ("good", RatingLevel.GOOD),
    ],
)
def test_a_level_is_read_from_its_label_short_form_or_folded_spelling(text, level):
    assert parse_level(text) == level


@pytest.mark.parametrize(
    "text", ["", "Tốt", "HTX", "xuất sắc", "Hoàn thành tốt nhiệm vụ hơn", None, 4]
)
def test_anything_else_is_not_a_level(text):
    assert parse_level(text) is None


def test_hoan_thanh_alone_is_the_plain_level_not_a_prefix_of_a_better_one():
    assert parse_level("Hoàn thành") == RatingLevel.COMPLETE
