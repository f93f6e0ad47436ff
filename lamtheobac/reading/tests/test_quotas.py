"""Nomination quotas: counts, conditions, scope, period, and the gaps between conditions."""

from __future__ import annotations

import pytest

from lamtheobac.reading import read_text
from lamtheobac.reading.quotas import count_value, find_quotas

from .conftest import read_seed


def _one(sentence: str) -> dict:
    quotas = find_quotas(sentence, 0, len(sentence))
    assert len(quotas) == 1
    return quotas[0].to_json()


def _counts(quota: dict) -> tuple:
    return tuple(
        (quota[k]["min"], quota[k]["max"]) for k in ("collectives", "individuals", "total")
    )


def test_seed_001_lets_each_unit_put_forward_one_collective_or_one_individual():
    unit = read_seed("001").quotas[0].to_json()
    assert unit["scope"] == "unit"
    assert unit["condition"] is None and unit["period"] is None
    assert _counts(unit) == ((None, 1), (None, 1), (None, 1))
    assert unit["text"].startswith("Mỗi đơn vị giới thiệu 01 tập thể hoặc 01 cá nhân")


def test_seed_001_has_the_committee_pick_one_collective_and_one_individual_for_the_bang_khen():
    committee = read_seed("001").quotas[1].to_json()
    assert committee["scope"] == "committee"
    assert _counts(committee) == ((None, 1), (None, 1), (None, 2))
    assert committee["text"] == (
        "Đảng ủy Khối xét chọn 01 tập thể và 01 cá nhân tiêu biểu nhất, đề nghị Chủ tịch "
        "Ủy ban nhân dân tỉnh tặng Bằng khen."
    )


def test_seed_002_builds_one_to_two_collectives_and_two_to_three_individuals_yearly():
    (quota,) = (q.to_json() for q in read_seed("002").quotas)
    assert quota["scope"] == "unit"
    assert quota["period"] == "yearly"
    assert _counts(quota) == ((1, 2), (2, 3), (3, 5))


def test_seed_003_conditions_the_quota_on_fewer_or_more_than_200_members():
    small, large = (q.to_json() for q in read_seed("003").quotas)
    assert small["condition"] == {
        "member_count": {"min": None, "max": 199},
        "text": "dưới 200 đảng viên",
    }
    assert _counts(small) == ((None, 1), (None, 1), (None, 1))
    assert large["condition"] == {
        "member_count": {"min": 201, "max": None},
        "text": "trên 200 đảng viên",
    }
    assert _counts(large) == ((None, 1), (None, 1), (None, 2))
    assert small["scope"] == large["scope"] == "unit"


def test_seed_003_warns_once_that_exactly_200_members_is_left_undefined():
    ex = read_seed("003")
    assert ex.warning_codes("quotas") == ["quota_gap"]
    warning = next(w for w in ex.warnings if w.code == "quota_gap")
    assert "đúng 200 đảng viên" in warning.message


def test_seeds_000_and_004_set_no_quota():
    assert read_seed("000").quotas == [] and read_seed("004").quotas == []


def test_quota_spans_hold_their_sentence(seed):
    for quota in seed.quotas:
        start, end = quota.span
        assert seed.text[start:end].replace("*", "") == quota.text.replace("*", "")


@pytest.mark.parametrize(
    ("word", "value"),
    [("01", 1), ("1", 1), ("một", 1), ("hai", 2), ("Ba", 3), ("mười", 10), ("mười lăm", 15)],
)
def test_a_count_may_be_written_in_digits_or_words(word, value):
    assert count_value(word) == value


def test_numbers_in_words_read_like_digits():
    quota = _one("Mỗi chi bộ giới thiệu một tập thể và hai cá nhân tiêu biểu.")
    assert _counts(quota) == ((None, 1), (None, 2), (None, 3))


def test_a_range_written_with_den_sets_both_ends():
    quota = _one("Mỗi đảng bộ lựa chọn từ một đến hai tập thể.")
    assert _counts(quota)[0] == (1, 2)
    assert _counts(quota)[2] == (1, 2)


def test_at_least_sets_a_minimum_and_at_most_a_maximum():
    assert _counts(_one("Mỗi đơn vị giới thiệu ít nhất 01 cá nhân."))[1] == (1, None)
    assert _counts(_one("Mỗi đơn vị giới thiệu tối đa 03 cá nhân."))[1] == (None, 3)


def test_a_count_without_a_selection_word_is_not_a_quota():
    text = "Năm 2021 đã khen thưởng 15 tập thể và 30 cá nhân."
    assert find_quotas(text, 0, len(text)) == []


@pytest.mark.parametrize(
    ("words", "bound"),
    [
        ("dưới 200 đảng viên", (None, 199)),
        ("trên 200 đảng viên", (201, None)),
        ("từ 200 đảng viên trở lên", (200, None)),
        ("200 đảng viên trở xuống", (None, 200)),
        ("từ 100 đến 199 đảng viên", (100, 199)),
    ],
)
def test_member_count_conditions_read_as_inclusive_bounds(words, bound):
    quota = _one(f"Đảng bộ cơ sở có {words}: lựa chọn 01 tập thể.")
    member_count = quota["condition"]["member_count"]
    assert (member_count["min"], member_count["max"]) == bound


def _plan(*lines: str) -> list[str]:
    return read_text("KẾ HOẠCH\nsơ kết\n\n" + "\n".join(lines) + "\n").warning_codes("quotas")


def test_units_of_199_and_201_members_each_fall_under_one_condition_but_200_under_none():
    codes = _plan(
        "- Đảng bộ có dưới 200 đảng viên: lựa chọn 01 tập thể hoặc 01 cá nhân.",
        "- Đảng bộ có trên 200 đảng viên: lựa chọn 01 tập thể và 01 cá nhân.",
    )
    assert codes == ["quota_gap"]


def test_conditions_that_meet_at_200_leave_no_gap():
    codes = _plan(
        "- Đảng bộ có dưới 200 đảng viên: lựa chọn 01 tập thể hoặc 01 cá nhân.",
        "- Đảng bộ có từ 200 đảng viên trở lên: lựa chọn 01 tập thể và 01 cá nhân.",
    )
    assert codes == []


def test_a_wider_gap_is_named_as_a_range():
    ex = read_text(
        "KẾ HOẠCH\nsơ kết\n\n"
        "- Đảng bộ có dưới 100 đảng viên: lựa chọn 01 cá nhân.\n"
        "- Đảng bộ có trên 150 đảng viên: lựa chọn 02 cá nhân.\n"
    )
    warning = next(w for w in ex.warnings if w.code == "quota_gap")
    assert "từ 100 đến 150 đảng viên" in warning.message


def test_overlapping_conditions_are_flagged():
    codes = _plan(
        "- Đảng bộ có từ 100 đến 250 đảng viên: lựa chọn 01 cá nhân.",
        "- Đảng bộ có trên 200 đảng viên: lựa chọn 02 cá nhân.",
    )
    assert codes == ["quota_overlap"]
