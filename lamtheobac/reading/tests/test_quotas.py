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


def test_a_single_number_only_caps_so_either_or_caps_the_total_at_one():
    quota = _one("Mỗi đơn vị giới thiệu 01 tập thể hoặc 01 cá nhân điển hình.")
    assert _counts(quota) == ((None, 1), (None, 1), (None, 1))


def test_both_kinds_add_up_to_the_total():
    quota = _one("Cấp ủy cơ sở lựa chọn 01 tập thể và 01 cá nhân tiêu biểu nhất.")
    assert _counts(quota) == ((None, 1), (None, 1), (None, 2))


def test_a_range_states_a_minimum_and_a_maximum():
    quota = _one("Mỗi đảng bộ đề nghị 01 - 02 tập thể, 02 - 03 cá nhân.")
    assert _counts(quota) == ((1, 2), (2, 3), (3, 5))


@pytest.mark.parametrize(
    "sentence",
    [
        "Mỗi đơn vị giới thiệu không quá 02 cá nhân.",
        "Mỗi đơn vị đề nghị tối đa 02 cá nhân.",
        "Chi bộ cơ sở: đề nghị không quá hai cá nhân.",
    ],
)
def test_at_most_forms_cap_without_a_minimum(sentence):
    assert _counts(_one(sentence))[1:] == ((None, 2), (None, 2))


def test_a_kind_the_line_does_not_name_stays_unbounded_while_the_total_caps():
    assert _counts(_one("Chi bộ cơ sở: đề nghị 01 cá nhân.")) == (
        (None, None),
        (None, 1),
        (None, 1),
    )


def test_chon_lists_collectives_and_individuals():
    quota = _one("Đảng ủy Khối chọn 03 tập thể, 05 cá nhân tiêu biểu.")
    assert _counts(quota) == ((None, 3), (None, 5), (None, 8))
    assert quota["scope"] == "committee"


def test_two_quotas_joined_by_a_semicolon_are_read_apart():
    text = (
        "Khen thưởng: mỗi đảng bộ trực thuộc đề nghị từ 01 đến 02 tập thể và từ 02 đến 03 cá "
        "nhân; mỗi chi bộ trực thuộc đề nghị 01 tập thể hoặc 01 cá nhân."
    )
    quotas = [_counts(q.to_json()) for q in find_quotas(text, 0, len(text))]
    assert quotas == [((1, 2), (2, 3), (3, 5)), ((None, 1), (None, 1), (None, 1))]


def test_a_quota_wrapped_over_two_lines_is_one_sentence():
    text = "2. Mỗi chi bộ đề nghị 01 tập thể hoặc 01 cá\nnhân.\n3. Hội nghị sơ kết.\n"
    (quota,) = find_quotas(text, 0, len(text))
    assert _counts(quota.to_json()) == ((None, 1), (None, 1), (None, 1))


def test_a_request_for_someone_else_to_award_is_not_a_quota():
    text = (
        "Ủy ban nhân dân thị xã tặng Giấy khen cho 42 tập thể và 87 cá nhân; đề nghị Chủ tịch "
        "Ủy ban nhân dân tỉnh tặng Bằng khen cho 03 tập thể và 05 cá nhân."
    )
    assert find_quotas(text, 0, len(text)) == []
