"""Outputs opened with python-docx / openpyxl; review lists, filters, visibility and query counts."""

from __future__ import annotations

import gc
import io

import docx
import pytest
from openpyxl import load_workbook

from lamtheobac.commendations import outputs, queries, rules
from lamtheobac.commendations.actions import nominations, review, round_rules
from lamtheobac.commendations.models import AwardKind, Nomination, NominationState
from lamtheobac.commendations.tests.factories import (
    SEED_003_CRITERIA,
    make_commendation_round,
    make_document,
    make_members,
    rate,
)
from lamtheobac.ratings.models import Rating
from lamtheobac.testing import make_person, make_unit
from lamtheobac.units.models import UnitKind
from lamtheobac.units.policy import Policy

pytestmark = pytest.mark.django_db


def _texts(document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


@pytest.fixture
def decided(world):
    """A seed-003 round where five individuals (out of office order) and two collectives of
    three grassroots organisations were decided."""
    document = make_document(owner=world.committee, by=world.officer, extraction={})
    round = make_commendation_round(
        committee=world.committee,
        by=world.officer,
        document=document,
        quotas=[],
        criteria=[],
        requirements=(),
    )
    third = make_unit(
        parent=world.committee, name="Đảng bộ Sở Y tế", kind=UnitKind.GRASSROOTS_COMMITTEE
    )
    names = [
        ("Trần", "Thị", "Ánh"),
        ("Nguyễn", "Văn", "Đức"),
        ("Lê", "Hoàng", "An"),
        ("Phạm", "Thị", "Ăn"),
        ("Võ", "Minh", "Dũng"),
    ]
    award = AwardKind.objects.get(name__startswith="Giấy khen")
    made = []
    for family, middle, given in names:
        person = make_person(
            unit=world.cell,
            family_name=family,
            middle_name=middle,
            given_name=given,
            position="Chuyên viên",
        )
        made.append(
            nominations.nominate(
                round, unit=world.grassroots, person=person, summary="Tốt", by=world.officer
            )
        )
    made.append(
        nominations.nominate(round, unit=third, collective=third, summary="Tốt", by=world.officer)
    )
    made.append(
        nominations.nominate(
            round,
            unit=world.grassroots,
            collective=world.other_cell,
            summary="Tốt",
            by=world.officer,
        )
    )
    for n in made:
        n = nominations.submit_nomination(n, by=world.officer)
        n = review.shortlist_nomination(n, by=world.officer)
        review.decide_nomination(n, award_kind=award, by=world.officer)
    return round


def test_the_decision_lists_individuals_in_vietnamese_office_order_in_its_appendix(decided):
    document = docx.Document(io.BytesIO(outputs.decision_docx(decided)))
    texts = _texts(document)
    assert "QUYẾT ĐỊNH" in texts
    assert any(t.startswith("Căn cứ Điều lệ Đảng") for t in texts)
    assert any(t.startswith("Căn cứ Kế hoạch số 59-KH/ĐUK") for t in texts)
    # issue 12: the decision line names the body as the bases do
    assert "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH QUYẾT ĐỊNH:" in texts
    assert any(t.startswith("Điều 1. Khen thưởng 02 tập thể và 05 cá nhân") for t in texts)
    assert any(t.startswith("Điều 3.") for t in texts)
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG" in texts
    people = document.tables[-1]
    listed = [row.cells[1].text for row in people.rows[1:]]
    # given name first, letters before tones: An < Ánh (a-n-h) < Ăn (ă) < Dũng < Đức
    assert listed == [
        "Lê Hoàng An",
        "Trần Thị Ánh",
        "Phạm Thị Ăn",
        "Võ Minh Dũng",
        "Nguyễn Văn Đức",
    ]
    assert people.rows[1].cells[3].text == "Giấy khen của Ban Thường vụ Đảng ủy Khối"


def test_the_decision_lists_collectives_in_unit_tree_order(decided, world):
    document = docx.Document(io.BytesIO(outputs.decision_docx(decided)))
    collectives = document.tables[-2]
    assert [row.cells[1].text for row in collectives.rows[1:]] == [
        "Chi bộ Phòng Tin học",  # under Đảng bộ Sở Tài chính, created before Sở Y tế
        "Đảng bộ Sở Y tế",
    ]


def test_the_tờ_trình_is_addressed_to_the_standing_committee_with_the_nominee_list(decided):
    document = docx.Document(io.BytesIO(outputs.petition_docx(decided)))
    texts = _texts(document)
    assert "TỜ TRÌNH" in texts
    assert any("Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh" in t and ":" in t for t in texts[:12])
    assert "Lê Hoàng An" in texts
    # issue 12: the Propaganda Board issues the tờ trình under its own symbol
    assert "Số     -TTr/BTGĐUK" in texts
    assert "BAN TUYÊN GIÁO" in texts


def test_the_list_exports_to_xlsx_collectives_then_individuals_in_order(decided):
    wb = load_workbook(io.BytesIO(outputs.list_workbook(decided)))
    ws = wb["Danh sách"]
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert [r[2] for r in rows] == [
        "Chi bộ Phòng Tin học",
        "Đảng bộ Sở Y tế",
        "Lê Hoàng An",
        "Trần Thị Ánh",
        "Phạm Thị Ăn",
        "Võ Minh Dũng",
        "Nguyễn Văn Đức",
    ]
    assert rows[2][3] == "Chuyên viên, Chi bộ Phòng Ngân sách"
    assert rows[2][5] == "Được khen thưởng"


# --- review lists -----------------------------------------------------------------------


def _many(world, count: int):
    round = make_commendation_round(
        committee=world.committee, by=world.officer, quotas=[], criteria=SEED_003_CRITERIA
    )
    people = make_members(world.cell, count)
    for i, person in enumerate(people):
        rate(person, y2017="excellent", y2018="excellent", y2019="good" if i % 2 else "excellent")
    Nomination.objects.bulk_create(
        [
            Nomination(
                round=round,
                unit=world.grassroots,
                nominee_person=p,
                nominee_name=p.full_name,
                created_by=world.officer,
                state=NominationState.SUBMITTED,
            )
            for p in people
        ]
    )
    return round


# nominations, their files, overrides, criteria, requirements, quota rules, ratings,
# quota counts, member counts on the round's reference date (people, memberships, units, unit
# versions: ``structure.queries.member_counts_on``) — the same for 5 and for 50 nominees.
QUERIES = 12


@pytest.mark.parametrize("count", [5, 50])
def test_eligibility_for_many_nominees_takes_a_fixed_number_of_queries(
    world, count, django_assert_max_num_queries
):
    round = _many(world, count)
    with django_assert_max_num_queries(QUERIES):
        rows = queries.nominations_by_unit(round)
    assert len(rows) == count
    assert sum(1 for r in rows if r.eligible) == (count + 1) // 2


def test_the_eligibility_of_hundreds_of_nominees_is_each_nominees_own_evaluation():
    """The list's shared ratings query and paused collector change nothing: every row shows
    what the rules give for that nominee's own ratings, looked up one by one."""
    from lamtheobac.bench.commendations import generate, make_round

    g = generate(300, orgs=6)  # the bench's data: members and non-members at every level
    round = make_round(g, g.people, title="Khen thưởng — 300 cá nhân")
    rows = queries.nominations_by_unit(round)
    assert gc.isenabled()
    criteria = list(round.criteria.all())
    assert len(rows) == 306
    for row in rows:
        n = row.nomination
        subject = (
            {"unit_id": n.nominee_unit_id} if n.nominee_unit_id else {"person": n.nominee_person}
        )
        ratings = dict(Rating.objects.filter(**subject).values_list("year", "level"))
        member = n.nominee_person is not None and n.nominee_person.is_party_member
        expected = [
            (c, rules.evaluate(c, ratings, round.period_years))
            for c in criteria
            if rules.applies(
                c.applies_to, is_collective=n.nominee_unit_id is not None, is_party_member=member
            )
        ]
        assert row.results == expected
        assert row.eligible is all(r.passed for _c, r in expected)
    assert {row.eligible for row in rows} == {True, False}


def test_filters_pick_eligible_incomplete_and_over_quota_nominations(world):
    round = _many(world, 4)
    assert len(queries.nominations_by_unit(round, filter="eligible")) == 2
    assert len(queries.nominations_by_unit(round, filter="ineligible")) == 2
    assert len(queries.nominations_by_unit(round, filter="incomplete")) == 4
    assert queries.nominations_by_unit(round, filter="late") == []
    # staff tighten the quota after the fact: every nomination of the unit shows over quota
    round_rules.save_quota_rule(round, text="01 cá nhân", individuals_max=1, by=world.officer)
    over = queries.nominations_by_unit(round, filter="over_quota")
    assert len(over) == 4
    assert over[0].quota is not None
    assert over[0].quota.violations == ["Vượt chỉ tiêu: “01 cá nhân”."]


def test_unit_staff_see_only_their_units_nominations_and_the_committee_no_drafts(world):
    round = make_commendation_round(committee=world.committee, by=world.officer, quotas=[])
    mine = nominations.nominate(
        round, unit=world.grassroots, collective=world.cell, summary="Tốt", by=world.secretary
    )
    theirs = nominations.nominate(
        round, unit=world.sibling, collective=world.sibling, summary="Tốt", by=world.sibling_officer
    )
    assert list(queries.visible_nominations(Policy(world.secretary), round)) == [mine]
    assert list(queries.visible_nominations(Policy(world.sibling_officer), round)) == [theirs]
    assert list(queries.visible_nominations(Policy(world.leader), round)) == []
    nominations.submit_nomination(theirs, reason="Bổ sung sau", by=world.sibling_officer)
    assert list(queries.visible_nominations(Policy(world.leader), round)) == [theirs]
    assert list(queries.visible_nominations(Policy(world.stranger), round)) == []
