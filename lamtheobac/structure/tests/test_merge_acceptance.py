"""Issue 11 acceptance: two cells with 2022 reports, ratings and nominations are merged in
2025 — their history shows under the old names; the 2025 matrix, quotas and counts use the
merged unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pytest_django.asserts import assertInHTML

from lamtheobac.commendations import queries as commendation_queries
from lamtheobac.commendations.actions import nominations
from lamtheobac.commendations.models import CommendationRound, Nomination
from lamtheobac.commendations.tests.factories import (
    SEED_003_QUOTAS,
    make_commendation_round,
    make_members,
    rate,
)
from lamtheobac.ratings.models import Rating
from lamtheobac.reporting.actions.rounds import default_targets
from lamtheobac.reporting.models import ReportingRound, UnitReport
from lamtheobac.structure.actions.restructure import merge_units, rename_unit
from lamtheobac.structure.queries import member_counts_on
from lamtheobac.testing import (
    PASSWORD,
    World,
    draft_report,
    grant,
    make_round,
    make_unit,
    make_user,
)
from lamtheobac.units.models import Person, Role, Unit, UnitKind

RENAMED_ON = dt.date(2023, 1, 1)
MERGED_ON = dt.date(2025, 7, 1)
IN_2022 = dt.date(2022, 6, 1)


@dataclass
class Merged:
    world: World
    a: Unit
    b: Unit
    c: Unit
    b_staff: object
    round_2022: ReportingRound
    commendations_2022: CommendationRound
    party_a: list[Person]
    party_b: list[Person]


@pytest.fixture
def merged(world: World) -> Merged:
    a = world.sibling  # Chi bộ Sở Tư pháp, a chi bộ cơ sở
    b = make_unit(parent=world.committee, name="Chi bộ Sở Nội vụ", kind=UnitKind.GRASSROOTS_CELL)
    b_staff = make_user("bithu.noivu")
    grant(b_staff, b, Role.UNIT_STAFF)
    party_a = make_members(a, 3)
    party_b = make_members(b, 4)
    make_members(a, 1, party=False)
    # 2022: a reporting round, ratings and nominations
    round_2022 = make_round(
        committee=world.committee, by=world.officer, targets=[a, b], title="Sơ kết năm 2022"
    )
    draft_report(round_2022, a, world.sibling_officer, submit=True)
    draft_report(round_2022, b, b_staff, submit=True)
    ReportingRound.objects.filter(pk=round_2022.pk).update(
        opened_at=dt.datetime(2022, 3, 1, 8, tzinfo=dt.UTC)
    )
    rate(a, y2022="excellent")
    rate(b, y2022="good")
    commendations_2022 = make_commendation_round(
        committee=world.committee, by=world.officer, quotas=SEED_003_QUOTAS
    )
    for nomination in (
        nominations.nominate(
            commendations_2022,
            unit=a,
            person=party_a[0],
            summary="Hoàn thành xuất sắc nhiệm vụ.",
            by=world.sibling_officer,
        ),
        nominations.nominate(
            commendations_2022, unit=b, collective=b, summary="Tập thể tiêu biểu.", by=b_staff
        ),
    ):
        nominations.submit_nomination(nomination, reason="Hồ sơ bổ sung sau.", by=None)
    CommendationRound.objects.filter(pk=commendations_2022.pk).update(
        opened_at=dt.datetime(2022, 3, 1, 8, tzinfo=dt.UTC)
    )
    # 2023: A renamed; 2025: A and B merged into C
    rename_unit(unit=a, name="Chi bộ Sở Tư pháp tỉnh", on=RENAMED_ON, by=world.admin)
    change = merge_units(
        sources=[a, b],
        new_name="Chi bộ Sở Tư pháp - Nội vụ",
        on=MERGED_ON,
        decision_number="Quyết định số 35-QĐ/ĐUK",
        by=world.admin,
    )
    c = change.parts.get(part="result").unit
    return Merged(
        world,
        Unit.objects.get(pk=a.pk),
        Unit.objects.get(pk=b.pk),
        c,
        b_staff,
        round_2022,
        commendations_2022,
        party_a,
        party_b,
    )


def _client(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_the_2022_matrix_shows_the_merged_cells_under_their_2022_names(merged: Merged):
    page = _client(merged.world.officer).get(f"/bao-cao/dot/{merged.round_2022.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    for name in ("Chi bộ Sở Tư pháp", "Chi bộ Sở Nội vụ"):  # A's 2022 name, not its 2023 one
        assertInHTML(
            f'<td>{name} <small class="muted">(khi đó thuộc Đảng ủy Khối các cơ quan tỉnh)</small>'
            "</td>",
            html,
        )
    assert "Chi bộ Sở Tư pháp tỉnh" not in html
    assert "Chi bộ Sở Tư pháp - Nội vụ" not in html


def test_a_2022_report_stays_the_old_cells_and_its_page_says_what_it_became(merged: Merged):
    report = UnitReport.objects.get(round=merged.round_2022, unit=merged.a)
    page = _client(merged.world.officer).get(f"/bao-cao/bao-cao/{report.pk}/")
    html = page.content.decode()
    assert page.status_code == 200, html[:500]
    assert "<h1>Chi bộ Sở Tư pháp</h1>" in html
    assert "Chi bộ Sở Tư pháp tỉnh</a> (ngừng hoạt động)" in html


def test_ratings_and_nominations_of_2022_stay_with_the_old_cells(merged: Merged):
    assert Rating.objects.get(unit=merged.a, year=2022).level == "excellent"
    assert Rating.objects.get(unit=merged.b, year=2022).level == "good"
    units = set(
        Nomination.objects.filter(round=merged.commendations_2022).values_list("unit_id", flat=True)
    )
    assert units == {merged.a.pk, merged.b.pk}
    assert not Rating.objects.filter(unit=merged.c).exists()


def test_the_2022_nominations_show_under_the_proposing_cells_2022_names(merged: Merged):
    client = _client(merged.world.officer)
    page = client.get(f"/khen-thuong/dot/{merged.commendations_2022.pk}/").content.decode()
    assertInHTML(
        '<h2>Chi bộ Sở Tư pháp <small class="muted">'
        "(khi đó thuộc Đảng ủy Khối các cơ quan tỉnh)</small></h2>",
        page,
    )
    assert "Chi bộ Sở Tư pháp tỉnh" not in page
    nomination = Nomination.objects.get(round=merged.commendations_2022, unit=merged.a)
    detail = client.get(f"/khen-thuong/de-nghi/{nomination.pk}/").content.decode()
    assert "đơn vị đề nghị: Chi bộ Sở Tư pháp (nay: Chi bộ Sở Tư pháp tỉnh)" in detail


def test_the_cells_page_shows_its_history(merged: Merged):
    page = _client(merged.world.admin).get(f"/co-cau/{merged.a.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    rows = (
        ("…", "31/12/2022", "Chi bộ Sở Tư pháp", "hoạt động"),
        ("1/1/2023", "30/6/2025", "Chi bộ Sở Tư pháp tỉnh", "hoạt động"),
        ("1/7/2025", "nay", "Chi bộ Sở Tư pháp tỉnh", "ngừng hoạt động"),
    )
    for start, end, name, state in rows:
        assertInHTML(
            f"<tr><td>{start}</td><td>{end}</td><td>{name}</td>"
            f"<td>Đảng ủy Khối các cơ quan tỉnh</td><td>{state}</td></tr>",
            html,
        )
    assert "Quyết định số 35-QĐ/ĐUK" in html


def test_the_2025_matrix_lists_the_merged_unit(merged: Merged):
    targets = default_targets(merged.world.committee)
    assert merged.c in targets and merged.a not in targets and merged.b not in targets
    round_2025 = make_round(
        committee=merged.world.committee,
        by=merged.world.officer,
        targets=targets,
        title="Sơ kết năm 2025",
    )
    page = _client(merged.world.officer).get(f"/bao-cao/dot/{round_2025.pk}/")
    html = page.content.decode()
    assert "<td>Chi bộ Sở Tư pháp - Nội vụ</td>" in html
    assert "<td>Chi bộ Sở Nội vụ</td>" not in html


def test_the_2025_quota_counts_the_merged_units_members(merged: Merged):
    round_2025 = make_commendation_round(
        committee=merged.world.committee, by=merged.world.officer, quotas=SEED_003_QUOTAS
    )
    assert commendation_queries.unit_quota(round_2025, merged.c).member_count == 7
    # A's secretary reaches C through the grant the merge copied (kept for review)
    secretary = User.objects.get(pk=merged.world.sibling_officer.pk)  # grants read afresh
    nominations.nominate(
        round_2025, unit=merged.c, person=Person.objects.get(pk=merged.party_b[0].pk), by=secretary
    )
    assert commendation_queries.unit_quota(round_2025, merged.c).counts["individual"] == 1


def test_member_counts_follow_the_tree_of_the_day(merged: Merged):
    units = [merged.a, merged.b, merged.c, merged.world.committee]
    before = member_counts_on(units, IN_2022)
    after = member_counts_on(units, MERGED_ON)
    assert [before[u.pk] for u in units] == [3, 4, 0, 7]
    assert [after[u.pk] for u in units] == [0, 0, 7, 7]


def test_a_round_with_a_reference_date_counts_members_as_of_that_date(merged: Merged):
    round_2025 = make_commendation_round(
        committee=merged.world.committee, by=merged.world.officer, quotas=SEED_003_QUOTAS
    )
    round_2025.reference_date = IN_2022
    assert commendation_queries.unit_quota(round_2025, merged.a).member_count == 3
    assert commendation_queries.unit_quota(round_2025, merged.c).member_count == 0
