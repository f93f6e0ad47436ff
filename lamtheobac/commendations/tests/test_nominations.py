"""Nominating under quotas, scope and deadline; dossiers; submitting, returning, deciding."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lamtheobac.audit.models import AuditEvent
from lamtheobac.commendations import queries
from lamtheobac.commendations.actions import nominations, review, round_rules, setup
from lamtheobac.commendations.models import (
    AwardKind,
    NominationEvent,
    NominationState,
    QuotaScope,
)
from lamtheobac.commendations.tests.factories import (
    SEED_003_CRITERIA,
    SEED_003_QUOTAS,
    make_commendation_round,
    make_members,
    rate,
)
from lamtheobac.core.dates import VN_TZ
from lamtheobac.core.errors import DomainError, StaleEdit, StateError
from lamtheobac.notifications.models import Notification
from lamtheobac.testing import make_person

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name: str = "to-trinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _round(world, **fields):
    fields.setdefault("quotas", SEED_003_QUOTAS)
    fields.setdefault("criteria", SEED_003_CRITERIA)
    return make_commendation_round(committee=world.committee, by=world.officer, **fields)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=VN_TZ)


# --- quotas at 199, 200, 201 ------------------------------------------------------------


def test_a_unit_with_199_members_may_nominate_one_collective_or_one_individual(world):
    make_members(world.cell, 199)
    round = _round(world)
    nominations.nominate(round, unit=world.grassroots, collective=world.cell, by=world.secretary)
    person = make_person(unit=world.cell, is_party_member=False)  # quần chúng: no count change
    with pytest.raises(DomainError) as refused:
        nominations.nominate(round, unit=world.grassroots, person=person, by=world.secretary)
    assert refused.value.code == "over_quota"
    assert refused.value.message.startswith(
        "Vượt chỉ tiêu: “Đối với tổ chức cơ sở đảng có dưới 200 đảng viên"
    )


def test_a_unit_with_201_members_may_nominate_one_collective_and_one_individual(world):
    people = make_members(world.cell, 201)
    round = _round(world)
    nominations.nominate(round, unit=world.grassroots, collective=world.cell, by=world.secretary)
    nominations.nominate(round, unit=world.grassroots, person=people[0], by=world.secretary)
    with pytest.raises(DomainError) as refused:
        nominations.nominate(round, unit=world.grassroots, person=people[1], by=world.secretary)
    assert "trên 200 đảng viên" in refused.value.message


def test_a_unit_with_exactly_200_members_is_refused_until_staff_decide_the_gap(world):
    people = make_members(world.cell, 200)
    round = _round(world)
    with pytest.raises(DomainError) as refused:
        nominations.nominate(round, unit=world.grassroots, person=people[0], by=world.secretary)
    assert refused.value.code == "quota_gap"
    assert "đúng 200 đảng viên" in refused.value.message
    over = round.quota_rules.get(member_min=201)
    round_rules.save_quota_rule(round, rule=over, member_min=200, by=world.officer)
    nominations.nominate(round, unit=world.grassroots, person=people[0], by=world.secretary)
    nominations.nominate(round, unit=world.grassroots, collective=world.cell, by=world.secretary)


def test_quota_counts_party_members_of_the_whole_subtree_only(world):
    make_members(world.cell, 150)
    make_members(world.other_cell, 51)
    make_members(world.other_cell, 30, party=False)  # quần chúng do not count
    assert world.grassroots.party_member_count() == 201
    round = _round(world)
    quota = queries.unit_quota(round, world.grassroots)
    assert [r.text[:50] for r in quota.rules] == [SEED_003_QUOTAS[1]["text"][:50]]


def test_seed_002_yearly_rule_allows_two_collectives_and_three_individuals(world):
    round = _round(
        world,
        quotas=[
            {
                "text": "01 - 02 tập thể, 02 - 03 cá nhân",
                "yearly": True,
                "collectives_min": 1,
                "collectives_max": 2,
                "individuals_min": 2,
                "individuals_max": 3,
            }
        ],
    )
    people = [make_person(unit=world.cell) for _ in range(4)]
    nominations.nominate(round, unit=world.grassroots, collective=world.cell, by=world.secretary)
    nominations.nominate(
        round, unit=world.grassroots, collective=world.other_cell, by=world.secretary
    )
    for person in people[:3]:
        nominations.nominate(round, unit=world.grassroots, person=person, by=world.secretary)
    with pytest.raises(DomainError, match="Vượt chỉ tiêu: “01 - 02 tập thể, 02 - 03 cá nhân”"):
        nominations.nominate(round, unit=world.grassroots, person=people[3], by=world.secretary)
    quota = queries.unit_quota(round, world.grassroots)
    assert quota.lines[0].collectives_left == 0 and quota.lines[0].individuals_left == 0


def test_a_withdrawn_nomination_frees_its_quota_place(world):
    round = _round(world)
    person = make_person(unit=world.cell)
    first = nominations.nominate(round, unit=world.grassroots, person=person, by=world.secretary)
    nominations.withdraw_nomination(first, reason="Chọn tập thể thay thế", by=world.secretary)
    nominations.nominate(round, unit=world.grassroots, collective=world.cell, by=world.secretary)


# --- scope and roles --------------------------------------------------------------------


def test_a_person_outside_the_units_subtree_cannot_be_nominated(world):
    round = _round(world)
    outsider = make_person(unit=world.sibling)
    with pytest.raises(DomainError, match="không thuộc Đảng bộ Sở Tài chính"):
        nominations.nominate(round, unit=world.grassroots, person=outsider, by=world.secretary)


def test_a_collective_outside_the_units_subtree_cannot_be_nominated(world):
    round = _round(world)
    with pytest.raises(DomainError, match="Chi bộ Sở Tư pháp"):
        nominations.nominate(
            round, unit=world.grassroots, collective=world.sibling, by=world.secretary
        )


def test_a_sibling_units_staff_cannot_nominate_for_another_unit(world):
    round = _round(world)
    with pytest.raises(PermissionDenied):
        nominations.nominate(
            round, unit=world.grassroots, collective=world.cell, by=world.sibling_officer
        )


def test_a_leader_reads_only_and_cannot_nominate_or_decide(world):
    round = _round(world)
    with pytest.raises(PermissionDenied):
        nominations.nominate(round, unit=world.grassroots, collective=world.cell, by=world.leader)
    nomination = nominations.nominate(
        round, unit=world.grassroots, collective=world.cell, by=world.secretary
    )
    with pytest.raises(PermissionDenied):
        review.shortlist_nomination(nomination, by=world.leader)


def test_a_subordinate_cell_nominates_through_its_grassroots_committee(world):
    round = _round(world)
    with pytest.raises(DomainError, match="chi bộ trực thuộc đề nghị qua đảng ủy cơ sở"):
        nominations.nominate(round, unit=world.cell, collective=world.cell, by=world.cell_secretary)


def test_the_same_person_cannot_be_nominated_twice_in_a_round(world):
    round = _round(world, quotas=[])
    person = make_person(unit=world.cell)
    nominations.nominate(round, unit=world.grassroots, person=person, by=world.secretary)
    with pytest.raises(DomainError, match="đã được Đảng bộ Sở Tài chính đề nghị"):
        nominations.nominate(round, unit=world.grassroots, person=person, by=world.officer)


def test_exactly_one_nominee_is_required(world):
    round = _round(world)
    with pytest.raises(DomainError, match="đúng một tập thể hoặc một cá nhân"):
        nominations.nominate(round, unit=world.grassroots, by=world.secretary)


# --- deadline ---------------------------------------------------------------------------


def test_a_nomination_on_the_day_of_a_trước_ngày_deadline_is_refused(world, monkeypatch):
    round = _round(world, deadline=dt.date(2020, 5, 5), deadline_exclusive=True)
    monkeypatch.setattr(timezone, "now", lambda: _at(dt.date(2020, 5, 5), 8))
    with pytest.raises(DomainError, match="Đã quá hạn gửi hồ sơ"):
        nominations.nominate(
            round, unit=world.grassroots, collective=world.cell, by=world.secretary
        )


def test_staff_may_allow_late_nominations_which_are_then_marked_late(world, monkeypatch):
    round = _round(world, deadline=dt.date(2020, 5, 5), deadline_exclusive=True, criteria=[])
    round = setup.update_commendation_round(
        round,
        title=round.title,
        deadline=round.deadline,
        deadline_exclusive=True,
        accept_late=True,
        period_start=round.period_start,
        period_end=round.period_end,
        version=round.version,
        by=world.officer,
    )
    monkeypatch.setattr(timezone, "now", lambda: _at(dt.date(2020, 5, 6)))
    nomination = nominations.nominate(
        round,
        unit=world.grassroots,
        collective=world.cell,
        summary="Thành tích",
        by=world.secretary,
    )
    nomination = nominations.submit_nomination(
        nomination, reason="Thiếu hồ sơ, bổ sung sau", by=world.secretary
    )
    assert nomination.is_late is True
    assert [r.nomination for r in queries.nominations_by_unit(round, filter="late")] == [nomination]


# --- dossiers and submitting ------------------------------------------------------------


def test_the_dossier_is_incomplete_until_every_required_item_is_uploaded(world):
    round = _round(world)
    nomination = nominations.nominate(
        round, unit=world.grassroots, collective=world.cell, by=world.secretary
    )
    first, second = list(round.dossier_requirements.all())
    row = queries.nomination_row(nomination)
    assert row.missing == [first, second]
    nominations.upload_dossier_item(
        nomination, requirement=first, upload=_pdf(), by=world.secretary
    )
    assert queries.nomination_row(nomination).missing == [second]
    nominations.upload_dossier_item(
        nomination, requirement=second, upload=_pdf("bien-ban.pdf"), by=world.secretary
    )
    row = queries.nomination_row(nomination)
    assert row.complete
    assert [i.original_name for _, items in row.dossier for i in items] == [
        "to-trinh.pdf",
        "bien-ban.pdf",
    ]


def test_a_removed_file_leaves_its_item_missing_again(world):
    round = _round(world)
    nomination = nominations.nominate(
        round, unit=world.grassroots, collective=world.cell, by=world.secretary
    )
    first = round.dossier_requirements.first()
    item = nominations.upload_dossier_item(
        nomination, requirement=first, upload=_pdf(), by=world.secretary
    )
    nominations.remove_dossier_item(item, by=world.secretary)
    assert first in queries.nomination_row(nomination).missing


def test_a_dossier_file_is_checked_by_content_not_by_name(world):
    round = _round(world)
    nomination = nominations.nominate(
        round, unit=world.grassroots, collective=world.cell, by=world.secretary
    )
    fake = SimpleUploadedFile("to-trinh.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(DomainError, match="không phải loại được nhận"):
        nominations.upload_dossier_item(
            nomination, requirement=None, upload=fake, by=world.secretary
        )


def test_submitting_with_missing_items_or_failed_criteria_needs_a_written_reason(world):
    round = _round(world)
    person = make_person(unit=world.cell)
    rate(person, y2017="excellent", y2018="good", y2019="excellent")
    nomination = nominations.nominate(
        round, unit=world.grassroots, person=person, summary="Gương mẫu", by=world.secretary
    )
    with pytest.raises(DomainError) as refused:
        nominations.submit_nomination(nomination, by=world.secretary)
    assert refused.value.code == "needs_reason"
    assert "Thiếu hồ sơ: Tờ trình của cấp ủy" in refused.value.message
    assert "ít nhất 03 năm" in refused.value.message
    nomination = nominations.submit_nomination(
        nomination, reason="Năm 2018 được Bằng khen của UBND tỉnh.", by=world.secretary
    )
    assert nomination.state == NominationState.SUBMITTED
    assert nomination.submit_reason == "Năm 2018 được Bằng khen của UBND tỉnh."
    assert len(nomination.submit_issues) == 3


def test_an_eligible_nominee_with_a_complete_dossier_submits_without_a_reason(world):
    round = _round(world)
    person = make_person(unit=world.cell)
    rate(person, y2017="excellent", y2018="excellent", y2019="excellent")
    nomination = nominations.nominate(
        round, unit=world.grassroots, person=person, summary="Gương mẫu", by=world.secretary
    )
    for requirement in round.dossier_requirements.all():
        nominations.upload_dossier_item(
            nomination, requirement=requirement, upload=_pdf(), by=world.secretary
        )
    nomination = nominations.submit_nomination(nomination, by=world.secretary)
    assert nomination.state == NominationState.SUBMITTED
    assert nomination.submit_reason == "" and nomination.submit_issues == []
    assert nomination.is_late is False


def test_a_double_post_of_submit_changes_nothing_twice(world):
    round = _round(world, criteria=[], requirements=())
    nomination = nominations.nominate(
        round, unit=world.grassroots, collective=world.cell, summary="Tốt", by=world.secretary
    )
    version = nomination.version
    nominations.submit_nomination(nomination, version=version, by=world.secretary)
    with pytest.raises(StaleEdit):
        nominations.submit_nomination(nomination, version=version, by=world.secretary)
    with pytest.raises(StateError):
        nominations.submit_nomination(nomination, by=world.secretary)
    assert NominationEvent.objects.filter(nomination=nomination, action="submitted").count() == 1


# --- review -----------------------------------------------------------------------------


def _submitted(world, round, **kwargs):
    nomination = nominations.nominate(
        round, unit=world.grassroots, summary="Thành tích nổi bật", by=world.secretary, **kwargs
    )
    return nominations.submit_nomination(nomination, reason="Bổ sung sau", by=world.secretary)


def test_a_returned_nomination_goes_back_to_the_unit_with_the_comment(world):
    round = _round(world)
    nomination = _submitted(world, round, collective=world.cell)
    nomination = review.return_nomination(
        nomination, comment="Bổ sung trích biên bản họp xét.", by=world.officer
    )
    assert nomination.state == NominationState.RETURNED
    note = Notification.objects.get(user=world.secretary, message__contains="trả lại")
    assert "Bổ sung trích biên bản họp xét." in note.message
    nominations.update_nomination(
        nomination, summary="Đã bổ sung", version=None, by=world.secretary
    )
    nomination = nominations.submit_nomination(nomination, reason="Bổ sung sau", by=world.secretary)
    assert nomination.state == NominationState.SUBMITTED


def test_the_committee_shortlists_and_decides_an_award_kind(world):
    round = _round(world)
    nomination = _submitted(world, round, collective=world.cell)
    nomination = review.shortlist_nomination(nomination, by=world.officer)
    award = AwardKind.objects.get(name="Biểu dương")
    rate(world.cell, y2017="good", y2018="good", y2019="excellent")
    nomination = review.decide_nomination(nomination, award_kind=award, by=world.officer)
    assert nomination.state == NominationState.DECIDED
    assert nomination.award_kind == award
    assert list(nomination.events.values_list("action", flat=True)) == [
        "nominated",
        "submitted",
        "shortlisted",
        "decided",
    ]


def test_deciding_for_a_nominee_who_failed_a_criterion_needs_a_reason(world):
    round = _round(world)
    nomination = review.shortlist_nomination(
        _submitted(world, round, collective=world.cell), by=world.officer
    )
    award = AwardKind.objects.get(name="Biểu dương")
    with pytest.raises(DomainError, match="cần ghi rõ lý do"):
        review.decide_nomination(nomination, award_kind=award, by=world.officer)
    review.decide_nomination(
        nomination, award_kind=award, reason="Năm 2019 chưa xếp loại do sáp nhập.", by=world.officer
    )
    event = AuditEvent.objects.filter(action="nomination.award").get()
    assert event.reason.endswith("Năm 2019 chưa xếp loại do sáp nhập.")


def test_an_override_makes_a_failed_criterion_pass_and_is_kept_with_its_reason(world):
    round = _round(world)
    nomination = _submitted(world, round, collective=world.cell)
    criterion = round.criteria.get(applies_to="collective")
    assert queries.nomination_row(nomination).eligible is False
    review.override_eligibility(
        nomination, criterion=criterion, reason="Chi bộ thành lập năm 2018.", by=world.officer
    )
    row = queries.nomination_row(nomination)
    assert row.eligible is True
    assert row.results[0][1].overridden is True
    event = AuditEvent.objects.get(action="nomination.eligibility_overridden")
    assert event.after is not None
    assert event.after["reason"] == "Chi bộ thành lập năm 2018."
    with pytest.raises(PermissionDenied):
        review.override_eligibility(nomination, criterion=criterion, reason="x", by=world.secretary)


def test_the_committee_pick_for_the_provincial_bằng_khen_is_one_collective_and_one_individual(
    world,
):
    bang_khen = AwardKind.objects.get(name__icontains="Bằng khen")
    round = _round(
        world,
        criteria=[],
        requirements=(),
        quotas=[
            {"text": "Mỗi đơn vị giới thiệu 01 tập thể hoặc 01 cá nhân", "total_max": 1},
            {
                "text": "Đảng ủy Khối xét chọn 01 tập thể và 01 cá nhân tiêu biểu nhất, đề nghị "
                "Chủ tịch UBND tỉnh tặng Bằng khen",
                "scope": QuotaScope.COMMITTEE,
                "collectives_max": 1,
                "individuals_max": 1,
                "award_kind": bang_khen,
            },
        ],
    )
    first = _submitted(world, round, person=make_person(unit=world.cell))
    second_person = make_person(unit=world.sibling)
    second = nominations.nominate(
        round, unit=world.sibling, person=second_person, summary="Tốt", by=world.sibling_officer
    )
    second = nominations.submit_nomination(second, by=world.sibling_officer)
    for n in (first, second):
        review.shortlist_nomination(n, by=world.officer)
    review.decide_nomination(first, award_kind=bang_khen, by=world.officer)
    with pytest.raises(DomainError, match="Vượt chỉ tiêu: “Đảng ủy Khối xét chọn"):
        review.decide_nomination(second, award_kind=bang_khen, by=world.officer)
    giay_khen = AwardKind.objects.get(name__icontains="Giấy khen")
    assert (
        review.decide_nomination(second, award_kind=giay_khen, by=world.officer).award_kind
        == giay_khen
    )


def test_finishing_the_round_marks_unshortlisted_nominations_not_selected(world):
    round = _round(world, criteria=[], requirements=())
    nomination = _submitted(world, round, collective=world.cell)
    round = setup.close_nominations(round, by=world.officer)
    round = setup.finish_commendation_round(round, by=world.officer)
    nomination.refresh_from_db()
    assert nomination.state == NominationState.NOT_SELECTED
    assert nomination.events.last().action == "round_finished"


def test_finishing_the_round_audits_every_nomination_it_changes_and_no_other(world):
    round = _round(
        world, quotas=[{"text": "Tối đa 05 đề nghị.", "total_max": 5}], criteria=[], requirements=()
    )
    left = [_submitted(world, round, collective=unit) for unit in (world.cell, world.other_cell)]
    person = make_person(unit=world.cell, family_name="Lê", given_name="Ba")
    shortlisted = review.shortlist_nomination(
        _submitted(world, round, person=person), by=world.officer
    )
    review.decide_nomination(shortlisted, award_kind=None, by=world.officer)
    round = setup.close_nominations(round, by=world.officer)
    setup.finish_commendation_round(round, by=world.officer)
    events = AuditEvent.objects.filter(action="nomination.leave_unselected")
    assert sorted(int(e.target_id) for e in events) == sorted(n.pk for n in left)
    assert [(e.actor, e.unit, e.before, e.after) for e in events] == 2 * [
        (world.officer, world.grassroots, {"state": "submitted"}, {"state": "not_selected"})
    ]
    assert AuditEvent.objects.filter(action="commendation_round.finish").get().after == {
        "state": "decided",
        "not_selected": 2,
    }


def test_every_change_is_audited_with_who_did_it(world):
    round = _round(world, criteria=[], requirements=())
    nomination = _submitted(world, round, collective=world.cell)
    review.shortlist_nomination(nomination, by=world.officer)
    actions = list(
        AuditEvent.objects.filter(target_type="commendations.nomination")
        .order_by("at", "pk")
        .values_list("action", "actor__username")
    )
    assert actions == [
        ("nomination.nominated", "bithu.taichinh"),
        ("nomination.submit", "bithu.taichinh"),
        ("nomination.shortlist", "canbo.btg"),
    ]
