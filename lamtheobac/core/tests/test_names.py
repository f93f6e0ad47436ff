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
    world.secretary.refresh_from_db()
    assert person_name(world.secretary) == "Bùi Công Tuấn"


def test_an_accounts_own_name_is_family_then_given_and_never_the_username(world: World) -> None:
    imported = make_user("vp.5", first_name="Tuấn", last_name="Bùi Công")
    assert imported.get_full_name() == "Tuấn Bùi Công"  # Django's order: what the issue saw
    assert person_name(imported) == "Bùi Công Tuấn"
    assert person_name(make_user("vp.6")) == "vp.6"  # nothing else to show
    assert person_name(None) == ""


def test_the_submissions_history_shows_who_by_name(client, world: World) -> None:
    make_person(
        unit=world.grassroots,
        family_name="Bùi",
        middle_name="Công",
        given_name="Tuấn",
        user=world.secretary,
    )
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
