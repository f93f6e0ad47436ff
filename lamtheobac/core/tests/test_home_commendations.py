"""A unit's home page shows the commendation rounds open to it (issue 14 §6)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lamtheobac.commendations.actions import nominations
from lamtheobac.commendations.tests.factories import make_commendation_round
from lamtheobac.testing import World

pytestmark = pytest.mark.django_db


def test_the_unit_staffs_home_lists_open_commendation_rounds_with_a_link(
    client, world: World
) -> None:
    round = make_commendation_round(committee=world.committee, by=world.officer, requirements=())
    make_commendation_round(
        committee=world.committee, by=world.officer, open=False, title="Đợt còn đang soạn"
    )
    nominations.nominate(
        round, unit=world.grassroots, collective=world.cell, summary="Tốt", by=world.secretary
    )
    client.force_login(world.secretary)
    page = client.get(reverse("home")).content.decode()
    link = reverse("commendations:unit_nominations", args=[round.pk, world.grassroots.pk])
    assert "Đợt khen thưởng đang nhận đề nghị" in page
    assert f'<a href="{link}">{round.title}</a>' in page
    assert "trước ngày 5/5/2099" in page
    assert "đã gửi 0, chưa gửi 1" in page
    assert "Đợt còn đang soạn" not in page


def test_a_unit_outside_the_committee_and_the_committee_staff_see_no_such_table(
    client, world: World
) -> None:
    from lamtheobac.testing import grant, make_unit, make_user
    from lamtheobac.units.models import Role, UnitKind

    make_commendation_round(committee=world.committee, by=world.officer, requirements=())
    elsewhere = make_unit(name="Đảng bộ tỉnh khác", kind=UnitKind.GRASSROOTS_COMMITTEE)
    outsider = make_user("bithu.tinhkhac")
    grant(outsider, elsewhere, Role.UNIT_STAFF)
    for user in (outsider, world.officer):
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        assert "Đợt khen thưởng đang nhận đề nghị" not in page


def test_the_home_page_query_count_does_not_grow_with_rounds(
    client, world: World, django_assert_max_num_queries
) -> None:
    for i in range(5):
        make_commendation_round(
            committee=world.committee, by=world.officer, requirements=(), title=f"Đợt {i}"
        )
    client.force_login(world.secretary)
    client.get(reverse("home"))
    with django_assert_max_num_queries(40) as captured:
        client.get(reverse("home"))
    one = len(captured)
    for i in range(5, 15):
        make_commendation_round(
            committee=world.committee, by=world.officer, requirements=(), title=f"Đợt {i}"
        )
    with django_assert_max_num_queries(one):
        page = client.get(reverse("home")).content.decode()
    assert page.count("Đợt 1") >= 1
