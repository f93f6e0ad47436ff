"""Eligibility criteria and their rating rules."""

from __future__ import annotations

import pytest

from lamtheobac.reading.criteria import find_criteria, parse_rule

from .conftest import read_seed


def _rule(text: str) -> dict | None:
    rule = parse_rule(text)
    return rule.to_json() if rule is not None else None


def test_seed_003_lists_four_criteria_for_collectives_and_four_for_individuals():
    applies = [c.applies_to for c in read_seed("003").criteria]
    assert applies == ["collective"] * 4 + [
        "individual",
        "individual",
        "non_member",
        "party_member",
    ]


def test_seed_003_a_party_organisation_must_be_rated_good_or_better_in_2017_2018_and_2019():
    criterion = read_seed("003").criteria[3]
    assert criterion.text.startswith("Nếu là tổ chức đảng, phải đạt danh hiệu hoàn thành tốt")
    assert criterion.rule.to_json() == {
        "kind": "rating_each_year",
        "min_level": "good",
        "years": [2017, 2018, 2019],
    }


def test_seed_003_a_non_member_must_be_excellent_in_one_of_2017_to_2019():
    criterion = read_seed("003").criteria[6]
    assert criterion.applies_to == "non_member"
    assert criterion.rule.to_json() == {
        "kind": "rating_any_year",
        "min_level": "excellent",
        "years": [2017, 2018, 2019],
    }


def test_seed_003_a_party_member_needs_at_least_three_excellent_years():
    criterion = read_seed("003").criteria[7]
    assert criterion.applies_to == "party_member"
    assert criterion.text.startswith("nếu là đảng viên, phải có ít nhất 03 năm")
    assert criterion.rule.to_json() == {
        "kind": "rating_count",
        "min_level": "excellent",
        "count": 3,
        "years": None,
    }


def test_seed_003_qualitative_criteria_are_left_to_staff():
    criteria = read_seed("003").criteria
    assert [c.rule for c in criteria[:3]] == [None, None, None]
    assert criteria[4].text.startswith("Có phẩm chất đạo đức cách mạng trong sáng")
    assert criteria[4].rule is None and criteria[5].rule is None


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_seeds_without_a_criteria_list_have_none(prefix):
    assert read_seed(prefix).criteria == []


def test_criterion_spans_hold_the_text_as_written(seed):
    for criterion in seed.criteria:
        assert seed.text[criterion.span[0] : criterion.span[1]] == criterion.text


@pytest.mark.parametrize(
    ("words", "level"),
    [
        ("hoàn thành xuất sắc nhiệm vụ năm 2021", "excellent"),
        ("hoàn thành tốt nhiệm vụ trở lên năm 2021", "good"),
        ("hoàn thành nhiệm vụ trở lên năm 2021", "complete"),
    ],
)
def test_each_rating_level_is_read_as_a_minimum(words, level):
    assert _rule(words) == {"kind": "rating_each_year", "min_level": level, "years": [2021]}


def test_a_year_range_lists_every_year():
    assert _rule("hoàn thành tốt nhiệm vụ trong các năm 2019 - 2021")["years"] == [2019, 2020, 2021]


def test_a_count_in_words_is_read():
    rule = _rule("có ít nhất hai năm hoàn thành xuất sắc nhiệm vụ")
    assert (rule["kind"], rule["count"]) == ("rating_count", 2)


def test_consecutive_years_are_a_rule_of_their_own():
    rule = _rule("hoàn thành xuất sắc nhiệm vụ 02 năm liên tục")
    assert rule == {
        "kind": "rating_consecutive",
        "min_level": "excellent",
        "count": 2,
        "years": None,
    }


def test_not_completing_is_not_a_level_and_a_criterion_without_a_level_has_no_rule():
    assert _rule("không có năm nào không hoàn thành nhiệm vụ") is None
    assert _rule("Có sáng kiến được áp dụng năm 2021") is None


def test_a_who_label_under_a_standards_heading_is_one_criterion():
    text = (
        "b- Tiêu chuẩn:\n- Đối với tập thể:\n+ Hoàn thành tốt nhiệm vụ năm 2021;\n"
        "- Cá nhân: hoàn thành xuất sắc nhiệm vụ năm 2021.\nc- Số lượng\n- Cá nhân: 01 người.\n"
    )
    found = [(c.applies_to, c.text) for c in find_criteria(text, 0, len(text))]
    assert found == [
        ("collective", "Hoàn thành tốt nhiệm vụ năm 2021"),
        ("individual", "hoàn thành xuất sắc nhiệm vụ năm 2021"),
    ]
