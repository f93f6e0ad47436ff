"""Names, not usernames, in Vietnamese order (issue 14 §4)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lamtheobac.core.templatetags.vn import person_name
from lamtheobac.reporting.actions import reports
from lamtheobac.testing import World, make_person, make_round, make_user

pytestmark = pytest.mark.django_db


def test_a_linked_persons_full_name_comes_first_in_vietnamese_order(world: World) -> None:
    make_person(
        unit=world.grassroots,
        family_name="Bùi",
        middle_name="Công",
        given_name="Tuấn",
        user=world.secretary,
    )
    from django.contrib.auth import get_user_model

    loaded = get_user_model().objects.select_related("person").get(pk=world.secretary.pk)
    assert person_name(loaded) == "Bùi Công Tuấn"
    bare = get_user_model().objects.select_related("person").get(pk=world.officer.pk)
    assert person_name(bare) == "Trần Thị Lan"  # loaded with no person: the account's name


def test_an_accounts_own_name_is_family_then_given_and_never_the_username(world: World) -> None:
    imported = make_user("vp.5", first_name="Tuấn", last_name="Bùi Công")
    assert imported.get_full_name() == "Tuấn Bùi Công"  # Django's order: what the issue saw
    assert person_name(imported) == "Bùi Công Tuấn"
    assert person_name(make_user("vp.6")) == "vp.6"  # nothing else to show
    assert person_name(None) == ""


def test_the_submissions_history_shows_who_by_name(client, world: World) -> None:
    world.secretary.first_name, world.secretary.last_name = "Tuấn", "Bùi Công"
    world.secretary.save()
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    first = round.outline.sections.first().pk
    reports.save_report_draft(
        round,
        unit=world.grassroots,
        answers={first: "x"},
        values={},
        version=None,
        by=world.secretary,
    )
    report = reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )
    client.force_login(world.officer)
    page = client.get(reverse("reporting:report_view", args=[report.pk])).content.decode()
    assert "Bùi Công Tuấn" in page
    assert "bithu.taichinh" not in page


def test_a_documents_history_names_the_person_without_a_query_per_row(
    client, world: World, django_assert_max_num_queries
) -> None:
    from lamtheobac.documents.actions.documents import correct_document_field, import_document

    make_person(
        unit=world.committee,
        family_name="Bùi",
        middle_name="Công",
        given_name="Tuấn",
        user=world.officer,
    )
    document = import_document(
        owner=world.committee,
        data="Số 12-KH/ĐUK\nKẾ HOẠCH".encode(),
        filename="a.txt",
        by=world.officer,
    )
    client.force_login(world.leader)
    url = reverse("documents:history", args=[document.pk])
    with django_assert_max_num_queries(20) as one:
        page = client.get(url).content.decode()
    assert "Bùi Công Tuấn" in page and "canbo.btg" not in page
    for place in ("Quảng Nam", "Hội An", "Tam Kỳ"):
        correct_document_field(document=document, field="place", value=place, by=world.officer)
    with django_assert_max_num_queries(len(one)):
        page = client.get(url).content.decode()
    assert page.count("Bùi Công Tuấn") == 4
