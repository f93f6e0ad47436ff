"""Opening a commendation round from a plan: the seeds' deadlines, periods, quotas, criteria
and dossiers prefilled; the exactly-200 gap shown for staff to decide."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from lamtheobac.audit.models import AuditEvent
from lamtheobac.commendations.actions import prefill, round_rules, setup
from lamtheobac.commendations.models import AwardKind, CommendationRoundState
from lamtheobac.commendations.tests.factories import (
    SEED_003_DEADLINES,
    make_document,
    seed_003_extraction,
)
from lamtheobac.core.dates import today
from lamtheobac.documents.actions.documents import import_document

pytestmark = pytest.mark.django_db


def _seed_003_round(world):
    document = make_document(
        owner=world.committee,
        by=world.officer,
        extraction=seed_003_extraction(),
        deadlines=SEED_003_DEADLINES,
    )
    return prefill.create_commendation_round_from_document(document=document, by=world.officer)


def test_seed_003_prefills_the_nomination_deadline_before_5_may_2020(world):
    document = make_document(
        owner=world.committee,
        by=world.officer,
        extraction=seed_003_extraction(),
        deadlines=SEED_003_DEADLINES,
    )
    assert prefill._pick_deadline(document) == (dt.date(2020, 5, 5), True, "trước ngày 05-5-2020")
    round = prefill.create_commendation_round_from_document(document=document, by=world.officer)
    assert round.state == CommendationRoundState.DRAFT
    assert round.deadline_exclusive is True
    assert round.deadline_text == "trước ngày 05-5-2020"


def test_a_round_from_an_old_plan_proposes_a_deadline_from_today_with_a_note(world):
    round = _seed_003_round(world)  # the plan of 20/3/2020 gave units until 05/5/2020: 46 days

    assert round.deadline == today() + dt.timedelta(days=46)
    (note,) = [w for w in round.warnings if w["code"] == "past_plan_deadline"]
    assert note["message"].startswith("Hạn trong văn bản (5/5/2020) đã qua; đề xuất hạn mới")


def test_a_plan_deadline_still_ahead_is_kept(world):
    ahead = today() + dt.timedelta(days=12)
    document = make_document(
        owner=world.committee,
        by=world.officer,
        extraction=seed_003_extraction(),
        deadlines=[{"text": "trước ngày X", "what": "gửi hồ sơ đề nghị khen thưởng", "due": ahead}],
        date=today(),
    )
    round = prefill.create_commendation_round_from_document(document=document, by=world.officer)
    assert round.deadline == ahead
    assert "past_plan_deadline" not in [w["code"] for w in round.warnings]


def test_choosing_the_deadline_settles_the_note_about_the_plans_date(world):
    round = _seed_003_round(world)
    setup.update_commendation_round(
        round,
        title=round.title,
        deadline=today() + dt.timedelta(days=20),
        deadline_exclusive=False,
        accept_late=False,
        period_start=round.period_start,
        period_end=round.period_end,
        version=round.version,
        by=world.officer,
    )
    round.refresh_from_db()
    assert "past_plan_deadline" not in [w["code"] for w in round.warnings]


def test_seed_003_period_comes_from_the_criteria_rating_years(world):
    round = _seed_003_round(world)
    assert (round.period_start, round.period_end) == (dt.date(2017, 1, 1), dt.date(2019, 12, 31))
    assert round.period_years == [2017, 2018, 2019]


def test_seed_003_quota_rules_keep_the_plans_words_and_bounds(world):
    round = _seed_003_round(world)
    under, over = list(round.quota_rules.all())
    assert (under.member_min, under.member_max, under.total_max) == (None, 199, 1)
    assert (over.member_min, over.member_max, over.total_max) == (201, None, 2)
    assert under.text.startswith("Đối với tổ chức cơ sở đảng có dưới 200 đảng viên")


def test_seed_003_criteria_become_rating_rules_and_a_manual_one(world):
    round = _seed_003_round(world)
    kinds = [(c.applies_to, c.kind, c.min_level, c.years, c.count) for c in round.criteria.all()]
    assert kinds == [
        ("collective", "manual", "", None, None),
        ("collective", "rating_each_year", "good", [2017, 2018, 2019], None),
        ("non_member", "rating_any_year", "excellent", [2017, 2018, 2019], None),
        ("party_member", "rating_count", "excellent", None, 3),
    ]


def test_seed_003_dossier_has_the_three_items(world):
    round = _seed_003_round(world)
    assert [r.text for r in round.dossier_requirements.all()] == [
        "Tờ trình của cấp ủy",
        "Trích biên bản họp xét",
        "Báo cáo tóm tắt thành tích (có xác nhận của cấp ủy) của tập thể, cá nhân",
    ]


def test_seed_003_warns_staff_that_exactly_200_members_is_undefined(world):
    round = _seed_003_round(world)
    gaps = [w for w in round.warnings if w["code"] == "quota_gap"]
    assert len(gaps) == 1
    assert "đúng 200 đảng viên" in gaps[0]["message"]


def test_staff_decide_the_200_gap_by_editing_a_rule_and_the_warning_goes(world):
    round = _seed_003_round(world)
    under = round.quota_rules.first()
    round_rules.save_quota_rule(round, rule=under, member_max=200, by=world.officer)
    round.refresh_from_db()
    assert [w for w in round.warnings if w["code"] == "quota_gap"] == []
    assert AuditEvent.objects.filter(action="commendation_round.quota_rule_saved").exists()


def test_creating_a_round_is_audited(world):
    round = _seed_003_round(world)
    event = AuditEvent.objects.get(action="commendation_round.created")
    assert event.target_id == str(round.pk)
    assert event.after is not None
    assert event.after["quota_rules"] == 2
    assert event.after["warnings"] == ["quota_gap", "past_plan_deadline"]


def test_unit_staff_cannot_open_a_commendation_round(world):
    document = make_document(owner=world.committee, by=world.officer, extraction={})
    with pytest.raises(PermissionDenied):
        prefill.create_commendation_round_from_document(document=document, by=world.secretary)


def test_seed_001_prefills_period_committee_pick_and_four_dossier_items(world):
    span = [0, 0]
    extraction = {
        "quotas": [
            {
                "text": "Mỗi đơn vị giới thiệu 01 tập thể hoặc 01 cá nhân điển hình",
                "condition": None,
                "scope": "unit",
                "period": None,
                "collectives": {"min": None, "max": 1},
                "individuals": {"min": None, "max": 1},
                "total": {"min": None, "max": 1},
                "span": span,
            },
            {
                "text": "Đảng ủy Khối xét chọn 01 tập thể và 01 cá nhân tiêu biểu nhất, đề nghị "
                "Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen.",
                "condition": None,
                "scope": "committee",
                "period": None,
                "collectives": {"min": 1, "max": 1},
                "individuals": {"min": 1, "max": 1},
                "total": {"min": None, "max": 2},
                "span": span,
            },
        ],
        "criteria": [],
        "dossier_items": [
            {"text": "Tờ trình của chi ủy, đảng ủy cơ sở", "span": span},
            {"text": "Biên bản họp chi ủy, đảng ủy cơ sở xét đề nghị khen thưởng", "span": span},
            {
                "text": "Báo cáo thành tích của tập thể, cá nhân (có xác nhận của cấp ủy)",
                "span": span,
            },
            {
                "text": "Bản photo Giấy chứng nhận hoàn thành xuất sắc nhiệm vụ năm 2021",
                "span": span,
            },
        ],
        "periods": [
            {"text": "từ tháng 5/2021 - 5/2022", "start": "2021-05", "end": "2022-05", "span": span}
        ],
    }
    deadlines = (
        {"text": "chậm nhất ngày 04/3/2022", "due": dt.date(2022, 3, 4), "what": "Báo cáo sơ kết"},
        {
            "text": "trước ngày 04/3/2022",
            "due": dt.date(2022, 3, 4),
            "exclusive": True,
            "what": "Hồ sơ khen thưởng gồm … gửi về Ban Thường vụ Đảng ủy Khối",
        },
    )
    document = make_document(
        owner=world.committee,
        by=world.officer,
        extraction=extraction,
        deadlines=deadlines,
        number="545-CV/ĐUK",
    )
    assert prefill._pick_deadline(document)[:2] == (dt.date(2022, 3, 4), True)
    round = prefill.create_commendation_round_from_document(document=document, by=world.officer)
    assert round.deadline_exclusive is True  # the date itself is past: proposed from today
    assert (round.period_start, round.period_end) == (dt.date(2021, 5, 1), dt.date(2022, 5, 31))
    unit_rule, committee_rule = list(round.quota_rules.all())
    assert unit_rule.scope == "unit" and unit_rule.member_min is None
    assert committee_rule.scope == "committee"
    assert committee_rule.award_kind == AwardKind.objects.get(name__icontains="Bằng khen")
    assert round.dossier_requirements.count() == 4
    assert [w["code"] for w in round.warnings] == ["past_plan_deadline"]


def test_seed_002_yearly_quota_is_prefilled_with_minimums_and_maximums(world):
    extraction = {
        "quotas": [
            {
                "text": "Hằng năm, mỗi đảng bộ, chi bộ cơ sở xây dựng các gương điển hình tiêu "
                "biểu, lựa chọn: 01 - 02 tập thể, 02 - 03 cá nhân",
                "condition": None,
                "scope": "unit",
                "period": "yearly",
                "collectives": {"min": 1, "max": 2},
                "individuals": {"min": 2, "max": 3},
                "total": {"min": None, "max": None},
                "span": [0, 0],
            }
        ]
    }
    document = make_document(owner=world.committee, by=world.officer, extraction=extraction)
    round = prefill.create_commendation_round_from_document(document=document, by=world.officer)
    rule = round.quota_rules.get()
    assert rule.yearly is True
    assert (rule.collectives_min, rule.collectives_max) == (1, 2)
    assert (rule.individuals_min, rule.individuals_max) == (2, 3)
    assert [w["code"] for w in round.warnings] == ["no_deadline"]


def test_seed_003_read_through_the_reader_prefills_the_round(world, seed_path):
    document = import_document(
        owner=world.committee,
        data=seed_path("003").read_bytes(),
        filename="59-KH-DUK.txt",
        by=world.officer,
    )
    assert prefill._pick_deadline(document)[:2] == (dt.date(2020, 5, 5), True)
    round = prefill.create_commendation_round_from_document(document=document, by=world.officer)
    assert round.deadline is not None and round.deadline > today()
    assert round.quota_rules.count() == 2
    assert any(w["code"] == "quota_gap" for w in round.warnings)
    kinds = {(c.applies_to, c.kind) for c in round.criteria.all()}
    assert ("collective", "rating_each_year") in kinds
    assert ("party_member", "rating_count") in kinds
    assert ("non_member", "rating_any_year") in kinds
    assert round.dossier_requirements.count() == 3
    assert round.period_years == [2017, 2018, 2019]
