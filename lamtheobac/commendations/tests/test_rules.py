"""Pure quota and eligibility rules, with the seeds' rule shapes and boundary years."""

from __future__ import annotations

import pytest

from lamtheobac.commendations.rules import (
    CriterionSpec,
    QuotaSpec,
    applies,
    check_quota,
    evaluate,
    quota_for,
    quota_status,
    with_override,
)

# 59-KH/ĐUK §II.3.c (seed 003)
UNDER_200 = QuotaSpec(
    text="Đối với tổ chức cơ sở đảng có dưới 200 đảng viên: cấp ủy cơ sở lựa chọn 01 tập thể "
    "hoặc 01 cá nhân tiêu biểu nhất",
    member_max=199,
    collectives_max=1,
    individuals_max=1,
    total_max=1,
)
OVER_200 = QuotaSpec(
    text="Đối với tổ chức cơ sở đảng có trên 200 đảng viên: cấp ủy cơ sở lựa chọn 01 tập thể "
    "và 01 cá nhân tiêu biểu nhất",
    member_min=201,
    collectives_max=1,
    individuals_max=1,
    total_max=2,
)
SEED_003 = [UNDER_200, OVER_200]
# 545-CV/ĐUK (seed 001)
PER_UNIT_001 = QuotaSpec(
    text="Mỗi đơn vị giới thiệu 01 tập thể hoặc 01 cá nhân điển hình",
    collectives_max=1,
    individuals_max=1,
    total_max=1,
)
COMMITTEE_001 = QuotaSpec(
    text="Đảng ủy Khối xét chọn 01 tập thể và 01 cá nhân tiêu biểu nhất, đề nghị Chủ tịch "
    "Ủy ban nhân dân tỉnh tặng Bằng khen",
    scope="committee",
    collectives_max=1,
    individuals_max=1,
)
# KL 01 plan (seed 002): yearly 01 - 02 collectives, 02 - 03 individuals
YEARLY_002 = QuotaSpec(
    text="Hằng năm, mỗi đảng bộ, chi bộ cơ sở … lựa chọn: 01 - 02 tập thể, 02 - 03 cá nhân",
    collectives_min=1,
    collectives_max=2,
    individuals_min=2,
    individuals_max=3,
)


def test_a_unit_with_199_members_gets_the_one_collective_or_one_individual_rule():
    rules, gap = quota_for(SEED_003, 199)
    assert rules == [UNDER_200]
    assert gap is None


def test_a_unit_with_201_members_gets_the_one_collective_and_one_individual_rule():
    rules, gap = quota_for(SEED_003, 201)
    assert rules == [OVER_200]
    assert gap is None


def test_a_unit_with_exactly_200_members_gets_no_rule_and_a_message_asking_staff_to_decide():
    rules, gap = quota_for(SEED_003, 200)
    assert rules == []
    assert gap is not None
    assert "đúng 200 đảng viên" in gap
    assert "dưới 200 đảng viên" in gap and "trên 200 đảng viên" in gap
    assert "cần quyết định" in gap


def test_staff_close_the_200_gap_by_setting_one_rules_max_to_200():
    decided = QuotaSpec(**{**UNDER_200.__dict__, "member_max": 200})
    rules, gap = quota_for([decided, OVER_200], 200)
    assert rules == [decided]
    assert gap is None


def test_under_200_allows_one_collective_or_one_individual_but_not_both():
    assert check_quota(UNDER_200, {}, "collective") is None
    assert check_quota(UNDER_200, {}, "individual") is None
    refusal = check_quota(UNDER_200, {"collective": 1}, "individual")
    assert refusal is not None
    assert refusal.startswith("Vượt chỉ tiêu: “Đối với tổ chức cơ sở đảng có dưới 200")


def test_over_200_allows_one_collective_and_one_individual_but_no_second_of_a_kind():
    assert check_quota(OVER_200, {"collective": 1}, "individual") is None
    assert check_quota(OVER_200, {"individual": 1}, "collective") is None
    assert "Vượt chỉ tiêu" in (check_quota(OVER_200, {"collective": 1}, "collective") or "")
    assert "Vượt chỉ tiêu" in (
        check_quota(OVER_200, {"collective": 1, "individual": 1}, "individual") or ""
    )


def test_seed_001_per_unit_rule_has_no_member_condition_and_applies_to_every_size():
    for members in (1, 199, 200, 201, 5000):
        rules, gap = quota_for([PER_UNIT_001, COMMITTEE_001], members)
        assert rules == [PER_UNIT_001]
        assert gap is None
    assert check_quota(PER_UNIT_001, {"individual": 1}, "collective") is not None


def test_seed_001_committee_pick_is_one_collective_and_one_individual():
    assert check_quota(COMMITTEE_001, {"collective": 1}, "individual") is None
    refusal = check_quota(COMMITTEE_001, {"collective": 1, "individual": 1}, "collective")
    assert refusal is not None and "Bằng khen" in refusal


def test_seed_002_yearly_rule_allows_up_to_two_collectives_and_three_individuals():
    assert check_quota(YEARLY_002, {"collective": 1}, "collective") is None
    assert check_quota(YEARLY_002, {"collective": 2}, "collective") is not None
    assert check_quota(YEARLY_002, {"individual": 2}, "individual") is None
    assert check_quota(YEARLY_002, {"individual": 3}, "individual") is not None


def test_seed_002_status_reports_minimums_not_yet_reached_and_places_left():
    line = quota_status(YEARLY_002, {"collective": 1, "individual": 1})
    assert line.collectives_left == 1
    assert line.individuals_left == 2
    assert line.total_left is None
    assert line.shortfalls == ["Cần ít nhất 02 cá nhân, hiện có 1."]
    assert quota_status(YEARLY_002, {"collective": 1, "individual": 2}).shortfalls == []


def test_an_or_rule_is_full_after_one_nominee_of_either_kind():
    line = quota_status(UNDER_200, {"individual": 1})
    assert line.full
    assert line.collectives_left == 0


# --- eligibility ------------------------------------------------------------------------

COLLECTIVE_003 = CriterionSpec(
    text="Nếu là tổ chức đảng, phải đạt danh hiệu hoàn thành tốt nhiệm vụ trở lên trong các "
    "năm 2017, 2018, 2019.",
    applies_to="collective",
    kind="rating_each_year",
    min_level="good",
    years=[2017, 2018, 2019],
)
MEMBER_003 = CriterionSpec(
    text="nếu là đảng viên, phải có ít nhất 03 năm được công nhận là đảng viên hoàn thành xuất "
    "sắc nhiệm vụ được giao.",
    applies_to="party_member",
    kind="rating_count",
    min_level="excellent",
    count=3,
    years=None,
)
NON_MEMBER_003 = CriterionSpec(
    text="Nếu là quần chúng phải được cơ quan, đơn vị công nhận hoàn thành xuất sắc nhiệm vụ "
    "được giao một trong các năm 2017, 2018, 2019",
    applies_to="non_member",
    kind="rating_any_year",
    min_level="excellent",
    years=[2017, 2018, 2019],
)
QUALITATIVE = CriterionSpec(
    text="Tổ chức triển khai tốt Chỉ thị tại cơ quan, đơn vị với nhiều nét mới",
    applies_to="collective",
)
PERIOD = [2017, 2018, 2019]


def test_a_collective_rated_good_or_better_in_2017_2018_2019_passes():
    result = evaluate(COLLECTIVE_003, {2017: "good", 2018: "excellent", 2019: "good"})
    assert result.passed is True
    assert result.evidence == [
        (2017, "Hoàn thành tốt nhiệm vụ"),
        (2018, "Hoàn thành xuất sắc nhiệm vụ"),
        (2019, "Hoàn thành tốt nhiệm vụ"),
    ]


def test_a_collective_only_complete_in_2018_fails_and_says_which_year():
    result = evaluate(COLLECTIVE_003, {2017: "good", 2018: "complete", 2019: "good"})
    assert result.passed is False
    assert "2018: hoàn thành nhiệm vụ" in result.explanation


def test_a_collective_without_a_2019_rating_fails_even_with_a_2020_rating():
    result = evaluate(
        COLLECTIVE_003, {2016: "excellent", 2017: "good", 2018: "good", 2020: "excellent"}
    )
    assert result.passed is False
    assert "2019: chưa có xếp loại" in result.explanation
    assert [year for year, _ in result.evidence] == [2017, 2018]


def test_a_party_member_with_three_excellent_years_in_the_period_passes():
    ratings = {2017: "excellent", 2018: "excellent", 2019: "excellent"}
    result = evaluate(MEMBER_003, ratings, PERIOD)
    assert result.passed is True


def test_excellent_years_2016_and_2020_do_not_count_for_the_2017_2019_period():
    ratings = {
        2016: "excellent",
        2017: "excellent",
        2018: "excellent",
        2019: "good",
        2020: "excellent",
    }
    result = evaluate(MEMBER_003, ratings, PERIOD)
    assert result.passed is False
    assert "có 2 năm (2017, 2018)" in result.explanation
    assert [year for year, _ in result.evidence] == [2017, 2018, 2019]


def test_a_count_rule_with_explicit_years_uses_them_over_the_period():
    rule = CriterionSpec(**{**MEMBER_003.__dict__, "years": [2016, 2017, 2018, 2019, 2020]})
    ratings = {2016: "excellent", 2017: "excellent", 2018: "good", 2020: "excellent"}
    assert evaluate(rule, ratings, PERIOD).passed is True


def test_a_non_member_excellent_in_one_of_the_years_passes():
    assert evaluate(NON_MEMBER_003, {2017: "good", 2018: "excellent"}).passed is True


def test_a_non_member_excellent_only_in_2016_or_2020_fails():
    result = evaluate(
        NON_MEMBER_003, {2016: "excellent", 2017: "good", 2019: "good", 2020: "excellent"}
    )
    assert result.passed is False
    assert "2018: chưa có xếp loại" in result.explanation


def test_a_qualitative_criterion_is_left_to_staff():
    result = evaluate(QUALITATIVE, {2019: "excellent"})
    assert result.passed is None
    assert "cán bộ xem xét" in result.explanation


def test_an_override_keeps_the_rules_explanation_and_the_reason():
    result = evaluate(NON_MEMBER_003, {})
    overridden = with_override(result, True, "Được tặng Bằng khen năm 2019, thay thế xếp loại.")
    assert overridden.passed is True
    assert overridden.overridden is True
    assert "chưa đạt" in overridden.explanation and "Bằng khen năm 2019" in overridden.explanation


@pytest.mark.parametrize(
    ("applies_to", "collective", "member", "expected"),
    [
        ("collective", True, False, True),
        ("collective", False, True, False),
        ("party_member", False, True, True),
        ("party_member", False, False, False),
        ("non_member", False, False, True),
        ("non_member", False, True, False),
        ("individual", False, True, True),
        ("individual", True, False, False),
    ],
)
def test_a_criterion_concerns_only_its_kind_of_nominee(applies_to, collective, member, expected):
    assert applies(applies_to, is_collective=collective, is_party_member=member) is expected
