"""A commendation round's reference date (ngày chốt số liệu, issue 11 §2): the day at which
members are attributed to units and counted for the quotas, by the tree of that day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from lamtheobac.commendations import queries
from lamtheobac.commendations.actions import nominations
from lamtheobac.commendations.actions.setup import update_commendation_round
from lamtheobac.commendations.candidates import candidates
from lamtheobac.commendations.models import CommendationRound
from lamtheobac.commendations.tests.factories import make_commendation_round, make_members
from lamtheobac.core.errors import DomainError
from lamtheobac.pledges.actions.memberships import record_transfer
from lamtheobac.pledges.models import Membership
from lamtheobac.structure.actions.restructure import merge_units
from lamtheobac.testing import PASSWORD, World, grant, make_unit, make_user
from lamtheobac.units.models import Person, Role, Unit, UnitKind

MERGED_ON = dt.date(2025, 7, 1)
# Up to 5 members: one nominee; 6 or more: two (the 200 rule of seed 003, scaled down).
QUOTAS = [
    {"text": "Dưới 6 đảng viên: 01 tập thể hoặc 01 cá nhân.", "member_max": 5, "total_max": 1},
    {"text": "Từ 6 đảng viên: 01 tập thể và 01 cá nhân.", "member_min": 6, "total_max": 2},
]


def _merged_cells(world: World) -> tuple[Unit, list[Person], list[Person]]:
    """The sibling cell (3 members) and a second cell (4 members) merged on MERGED_ON."""
    a = world.sibling
    b = make_unit(parent=world.committee, name="Chi bộ Sở Nội vụ", kind=UnitKind.GRASSROOTS_CELL)
    party_a, party_b = make_members(a, 3), make_members(b, 4)
    change = merge_units(
        sources=[a, b], new_name="Chi bộ Sở Tư pháp - Nội vụ", on=MERGED_ON, by=world.admin
    )
    return change.parts.get(part="result").unit, party_a, party_b


def test_a_round_without_a_reference_date_is_judged_on_its_deadline(world: World):
    round = make_commendation_round(
        committee=world.committee, by=world.officer, deadline=dt.date(2026, 4, 30)
    )
    assert round.reference_date == dt.date(2026, 4, 30)


def test_a_round_without_a_deadline_is_judged_at_the_end_of_its_year(world: World):
    round = make_commendation_round(
        committee=world.committee, by=world.officer, deadline=None, open=False
    )
    round.refresh_from_db()
    assert round.reference_date == dt.date(round.created_at.year, 12, 31)


def test_a_reference_date_given_by_staff_is_kept(world: World):
    round = make_commendation_round(
        committee=world.committee, by=world.officer, reference_date=dt.date(2025, 6, 30)
    )
    round.refresh_from_db()
    assert round.reference_date == dt.date(2025, 6, 30)


def test_staff_set_the_reference_date_on_the_round_settings_page(world: World):
    round = make_commendation_round(committee=world.committee, by=world.officer, open=False)
    client = Client()
    assert client.login(username=world.officer.username, password=PASSWORD)
    page = client.get(f"/khen-thuong/dot/{round.pk}/thiet-lap/")
    assert page.status_code == 200
    assert 'name="reference_date"' in page.content.decode()
    response = client.post(
        f"/khen-thuong/dot/{round.pk}/thiet-lap/",
        {
            "title": round.title,
            "deadline": "05/05/2099",
            "deadline_exclusive": "on",
            "period_start": "01/01/2017",
            "period_end": "31/12/2019",
            "reference_date": "30/06/2025",
            "version": round.version,
        },
    )
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.reference_date == dt.date(2025, 6, 30)


def test_clearing_the_reference_date_falls_back_to_the_deadline(world: World):
    round = make_commendation_round(
        committee=world.committee, by=world.officer, reference_date=dt.date(2025, 6, 30)
    )
    round = update_commendation_round(
        round,
        title=round.title,
        deadline=dt.date(2099, 5, 5),
        deadline_exclusive=True,
        accept_late=False,
        period_start=None,
        period_end=None,
        reference_date=None,
        version=round.version,
        by=world.officer,
    )
    assert CommendationRound.objects.get(pk=round.pk).reference_date == dt.date(2099, 5, 5)


def test_quotas_count_the_members_of_the_tree_of_the_reference_date(world: World):
    merged, _, _ = _merged_cells(world)
    after = make_commendation_round(
        committee=world.committee, by=world.officer, quotas=QUOTAS, deadline=dt.date(2099, 5, 5)
    )
    before = make_commendation_round(
        committee=world.committee,
        by=world.officer,
        quotas=QUOTAS,
        reference_date=MERGED_ON - dt.timedelta(days=1),
    )
    assert queries.unit_quota(after, merged).member_count == 7
    # The day before the merge its members were A's and B's: the merged cell had none.
    assert queries.unit_quota(before, merged).member_count == 0
    sibling = Unit.objects.get(pk=world.sibling.pk)
    assert queries.unit_quota(before, sibling).member_count == 3
    assert queries.unit_quota(after, sibling).member_count == 0


def test_a_nomination_is_held_to_the_quota_of_the_reference_date(world: World):
    merged, _, party_b = _merged_cells(world)
    secretary = User.objects.get(pk=world.sibling_officer.pk)  # the merge copied A's grant
    after = make_commendation_round(
        committee=world.committee, by=world.officer, quotas=QUOTAS, deadline=dt.date(2099, 5, 5)
    )
    before = make_commendation_round(
        committee=world.committee,
        by=world.officer,
        quotas=QUOTAS,
        reference_date=MERGED_ON - dt.timedelta(days=1),
    )
    person = Person.objects.get(pk=party_b[0].pk)  # in the merged cell since MERGED_ON
    nominations.nominate(after, unit=merged, person=person, by=secretary)
    # 7 members on the later date: a second nominee is within the quota ...
    nominations.nominate(after, unit=merged, collective=merged, by=secretary)
    # ... none on the earlier one: one nominee, and the rule for small units refuses a
    # second, quoted.
    team = make_unit(parent=merged, name="Tổ đảng 1", kind=UnitKind.SUBORDINATE_CELL)
    nominations.nominate(before, unit=merged, collective=merged, by=secretary)
    with pytest.raises(DomainError, match="Dưới 6 đảng viên"):
        nominations.nominate(before, unit=merged, collective=team, by=secretary)


def test_a_unit_without_a_roster_counts_its_declared_figure_on_the_reference_date(world: World):
    Unit.objects.filter(pk=world.sibling.pk).update(declared_member_count=240)
    round = make_commendation_round(
        committee=world.committee,
        by=world.officer,
        quotas=QUOTAS,
        reference_date=dt.date(2025, 12, 31),
    )
    assert queries.unit_quota(round, Unit.objects.get(pk=world.sibling.pk)).member_count == 240


def _transferred(world: World) -> tuple[Person, Unit]:
    """A member of the sibling cell who moved to another grassroots cell on 01/09/2025."""
    person = make_members(world.sibling, 3)[0]
    other = make_unit(parent=world.committee, name="Chi bộ Sở Y tế", kind=UnitKind.GRASSROOTS_CELL)
    record_transfer(person=person, to_unit=other, on=dt.date(2025, 9, 1), by=None)
    return Person.objects.get(pk=person.pk), other


def test_an_individual_is_nominated_by_the_cell_they_were_in_on_the_reference_date(
    world: World,
):
    person, other = _transferred(world)
    round = make_commendation_round(
        committee=world.committee, by=world.officer, reference_date=dt.date(2025, 6, 30)
    )
    # Today they are in the other cell, which may not put them forward for a period in which
    # the sibling cell was responsible for them.
    with pytest.raises(DomainError, match=r"ngày chốt số liệu của đợt \(30/06/2025\)"):
        nominations.nominate(round, unit=other, person=person, by=world.officer)
    assert not round.nominations.exists()
    nomination = nominations.nominate(round, unit=world.sibling, person=person, by=world.officer)
    assert nomination.unit_id == world.sibling.pk


def test_after_the_transfer_date_the_new_cell_nominates_the_person(world: World):
    person, other = _transferred(world)
    round = make_commendation_round(
        committee=world.committee, by=world.officer, reference_date=dt.date(2025, 12, 31)
    )
    with pytest.raises(DomainError, match="không thuộc Chi bộ Sở Tư pháp"):
        nominations.nominate(round, unit=world.sibling, person=person, by=world.officer)
    nomination = nominations.nominate(round, unit=other, person=person, by=world.officer)
    assert nomination.unit_id == other.pk


def test_someone_who_joined_the_roster_after_the_reference_date_is_not_nominated_for_it(
    world: World,
):
    person = make_members(world.sibling, 1)[0]
    Membership.objects.create(person=person, unit=world.sibling, start=dt.date(2026, 1, 5))
    round = make_commendation_round(
        committee=world.committee, by=world.officer, reference_date=dt.date(2025, 12, 31)
    )
    with pytest.raises(DomainError, match="ngày chốt số liệu"):
        nominations.nominate(round, unit=world.sibling, person=person, by=world.officer)


def test_the_candidate_list_offers_who_moved_out_after_the_reference_date_marked(
    world: World,
):
    person, other = _transferred(world)  # sibling cell → Chi bộ Sở Y tế on 01/09/2025
    before = make_commendation_round(
        committee=world.committee, by=world.officer, reference_date=dt.date(2025, 6, 30)
    )
    after = make_commendation_round(
        committee=world.committee, by=world.officer, reference_date=dt.date(2025, 12, 31)
    )

    listed = {c.pk: c for c in candidates(before, world.sibling).persons}
    moved = listed[person.pk]
    assert moved.eligible
    assert moved.label == f"{person.full_name} — Chi bộ Sở Tư pháp — Đảng ủy Khối các cơ quan tỉnh"
    assert moved.note == "đã chuyển sinh hoạt sang Chi bộ Sở Y tế từ ngày 01/09/2025"
    assert moved.option_label.endswith(
        "[đã chuyển sinh hoạt sang Chi bộ Sở Y tế từ ngày 01/09/2025]"
    )
    # The cell they joined afterwards is not offered them for that day; on a later
    # reference date it is, and the old cell no longer is.
    assert person.pk not in {c.pk for c in candidates(before, other).persons}
    assert {c.pk: c for c in candidates(after, other).persons}[person.pk].note == ""
    assert person.pk not in {c.pk for c in candidates(after, world.sibling).persons}


def test_the_nomination_page_shows_the_moved_out_person_with_the_mark(world: World):
    person, _other = _transferred(world)
    round = make_commendation_round(
        committee=world.committee, by=world.officer, reference_date=dt.date(2025, 6, 30)
    )
    client = Client()
    client.force_login(world.sibling_officer)
    page = client.get(f"/khen-thuong/dot/{round.pk}/don-vi/{world.sibling.pk}/")
    assert page.status_code == 200
    (_blank, (_group, options)) = page.context["form"].fields["person"].choices
    assert (
        person.pk,
        f"{person.full_name} — Chi bộ Sở Tư pháp — Đảng ủy Khối các cơ quan tỉnh "
        "[đã chuyển sinh hoạt sang Chi bộ Sở Y tế từ ngày 01/09/2025]",
    ) in [(pk.value if hasattr(pk, "value") else pk, label) for pk, label in options]


def test_the_unit_of_the_reference_date_nominates_a_person_who_moved_out_by_the_form(
    world: World,
):
    person, _other = _transferred(world)
    round = make_commendation_round(
        committee=world.committee, by=world.officer, reference_date=dt.date(2025, 6, 30)
    )
    client = Client()
    client.force_login(world.sibling_officer)
    response = client.post(
        f"/khen-thuong/dot/{round.pk}/don-vi/{world.sibling.pk}/",
        {"person": person.pk, "collective": "", "summary": "Hoàn thành xuất sắc nhiệm vụ"},
    )
    assert response.status_code == 302
    nomination = round.nominations.get()
    assert (nomination.unit_id, nomination.nominee_person_id) == (world.sibling.pk, person.pk)
    assert response["Location"] == f"/khen-thuong/de-nghi/{nomination.pk}/"


def test_a_forged_post_for_someone_who_joined_after_the_reference_date_is_refused(
    world: World,
):
    person, other = _transferred(world)  # in Chi bộ Sở Y tế only from 01/09/2025
    newcomer = make_members(other, 1)[0]
    Membership.objects.create(person=newcomer, unit=other, start=dt.date(2026, 1, 5))
    round = make_commendation_round(
        committee=world.committee, by=world.officer, reference_date=dt.date(2025, 6, 30)
    )
    client = Client()
    secretary = make_user("bithu.yte")
    grant(secretary, other, Role.UNIT_STAFF)
    client.force_login(secretary)
    url = f"/khen-thuong/dot/{round.pk}/don-vi/{other.pk}/"
    offered = {c.pk for c in candidates(round, other).persons}
    assert person.pk not in offered and newcomer.pk not in offered
    for later in (person, newcomer):
        response = client.post(url, {"person": later.pk, "collective": "", "summary": "x"})
        assert response.status_code == 302
        page = client.get(response["Location"])
        shown = [str(m) for m in page.context["messages"]]
        assert (
            "Cá nhân: Người được chọn không sinh hoạt tại Chi bộ Sở Y tế vào ngày chốt số liệu "
            "của đợt (30/06/2025); đơn vị nơi đồng chí sinh hoạt ngày đó mới đề nghị được."
        ) in shown
    assert not round.nominations.exists()
