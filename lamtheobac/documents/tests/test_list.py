from __future__ import annotations

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from lamtheobac.testing import grant, make_unit, make_user
from lamtheobac.units.models import Role


def test_the_list_shows_the_committees_documents_to_its_officer_and_leader(client, world, imported):
    document = imported("003")
    link = f'<a href="{reverse("documents:detail", args=[document.pk])}">59-KH/ĐUK</a>'

    for user in (world.officer, world.leader):
        client.force_login(user)
        assertContains(client.get(reverse("documents:list")), link, html=True)


def test_the_list_leaves_out_another_committees_documents(client, world, imported):
    elsewhere = make_unit(name="Huyện ủy Núi Thành", issuer_code="HU")
    other = make_user("canbo.khac")
    grant(other, elsewhere, Role.COMMITTEE_STAFF)
    imported("003", owner=elsewhere, by=other)
    mine = imported("001")
    client.force_login(world.officer)

    response = client.get(reverse("documents:list"))

    assertContains(response, mine.number)
    assertNotContains(response, "59-KH/ĐUK")


def test_the_list_makes_as_many_queries_with_many_documents_as_with_one(
    client, world, imported, import_text, django_assert_max_num_queries
):
    imported("001")
    client.force_login(world.officer)
    client.get(reverse("documents:list"))
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("documents:list"))
    for serial in range(10):
        import_text(f"ĐẢNG ỦY KHỐI\nSố {serial + 100}-KH/ĐUK\nKẾ HOẠCH\nvề việc {serial}\n")

    with django_assert_max_num_queries(len(one)):
        response = client.get(reverse("documents:list"))

    assert len(response.context["page"].object_list) == 11
