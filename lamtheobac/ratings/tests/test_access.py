"""Every ratings view refuses whoever has no right on the unit (docs/architecture.md (practice 6)).

Outside the user's scope → 404; inside it without the right → 403; anonymous → login page.
Committee staff manage; the committee leader and unit staff read only.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from lamtheobac.audit.models import AuditEvent
from lamtheobac.ratings.actions.ratings import import_ratings
from lamtheobac.ratings.models import Rating
from lamtheobac.ratings.tests.conftest import xlsx

FILE_ROWS = [("Nguyễn Văn An", None, "Chi bộ Phòng Ngân sách", 2023, "HTTNV")]


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("xep-loai.xlsx", xlsx(FILE_ROWS))


@pytest.fixture
def past_import(world, cast):
    """An import made earlier by the committee officer for ``world.grassroots``."""
    return import_ratings(
        scope=world.grassroots, data=xlsx(FILE_ROWS), filename="a.xlsx", by=world.officer
    ).event


@pytest.fixture
def send(client, world, cast, past_import):
    return lambda name: _request(client, name, world, cast, past_import)


def _request(client, name, world, cast, past_import):
    """Send the view's request about objects under ``world.grassroots``."""
    if name == "list":
        return client.get(reverse("ratings:list"), {"unit": world.grassroots.pk})
    if name == "edit_person_get":
        return client.get(reverse("ratings:edit_person", args=[cast.an.pk, 2023]))
    if name == "edit_person_post":
        return client.post(
            reverse("ratings:edit_person", args=[cast.an.pk, 2023]), {"level": "excellent"}
        )
    if name == "edit_unit_get":
        return client.get(reverse("ratings:edit_unit", args=[world.grassroots.pk, 2023]))
    if name == "edit_unit_post":
        return client.post(
            reverse("ratings:edit_unit", args=[world.grassroots.pk, 2023]), {"level": "good"}
        )
    if name == "import_get":
        return client.get(reverse("ratings:import"), {"unit": world.grassroots.pk})
    if name == "import_post":
        return client.post(
            reverse("ratings:import"), {"scope": world.grassroots.pk, "file": _upload()}
        )
    if name == "import_result":
        return client.get(reverse("ratings:import_result", args=[past_import.pk]))
    raise AssertionError(name)


READS = ["list"]
WRITES = [
    "edit_person_get",
    "edit_person_post",
    "edit_unit_get",
    "edit_unit_post",
    "import_get",
    "import_post",
    "import_result",
]


def _state() -> list[tuple[int, str]]:
    return [
        *Rating.objects.order_by("pk").values_list("pk", "level"),
        *AuditEvent.objects.order_by("pk").values_list("pk", "action"),
    ]


@pytest.mark.parametrize("name", READS + WRITES)
@pytest.mark.parametrize("persona", ["stranger", "sibling_officer"])
def test_a_user_without_a_role_on_the_unit_gets_not_found(client, world, send, name, persona):
    client.force_login(getattr(world, persona))

    assert send(name).status_code == 404


@pytest.mark.parametrize("name", WRITES)
@pytest.mark.parametrize("persona", ["leader", "admin", "secretary"])
def test_a_user_who_does_not_manage_may_not_import_or_edit_and_nothing_changes(
    client, world, send, name, persona
):
    client.force_login(getattr(world, persona))
    before = _state()

    assert send(name).status_code == 403
    assert _state() == before


def test_the_cell_secretary_may_not_edit_a_person_of_the_cell(client, world, send):
    client.force_login(world.cell_secretary)

    before = _state()

    assert send("edit_person_post").status_code == 403
    assert _state() == before


@pytest.mark.parametrize("persona", ["leader", "secretary", "officer"])
def test_the_leader_unit_staff_and_committee_staff_may_read_the_list(client, world, send, persona):
    client.force_login(getattr(world, persona))

    assert send("list").status_code == 200


@pytest.mark.parametrize("persona", ["admin", "member"])
def test_administrators_and_members_see_the_cell_but_not_its_ratings(client, world, persona):
    client.force_login(getattr(world, persona))

    response = client.get(reverse("ratings:list"), {"unit": world.cell.pk})

    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["stranger", "sibling_officer", "member", "admin"])
def test_the_list_without_a_unit_is_refused_to_users_who_read_no_ratings(client, world, persona):
    client.force_login(getattr(world, persona))

    expected = 200 if persona == "sibling_officer" else 403  # unit staff read their own unit
    assert client.get(reverse("ratings:list")).status_code == expected


@pytest.mark.parametrize("name", READS + WRITES)
def test_committee_staff_may_read_import_and_edit(client, world, cast, send, name):
    client.force_login(world.officer)

    assert send(name).status_code in {200, 303}


@pytest.mark.parametrize("name", READS + WRITES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(send, name):
    before = _state()

    response = send(name)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")
    assert _state() == before


@pytest.mark.parametrize("persona", ["stranger", "sibling_officer", "leader", "admin", "secretary"])
def test_the_template_is_refused_to_users_who_manage_no_ratings(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.get(reverse("ratings:template")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page_for_the_template(client, db):
    url = reverse("ratings:template")

    assertRedirects(
        client.get(url), f"{reverse('login')}?next={url}", fetch_redirect_response=False
    )


def test_the_officer_of_another_committee_cannot_import_into_this_one(client, send):
    from lamtheobac.testing import grant, make_unit, make_user
    from lamtheobac.units.models import Role

    other = make_user("canbo.khac")
    grant(other, make_unit(name="Huyện ủy Núi Thành"), Role.COMMITTEE_STAFF)
    client.force_login(other)
    before = _state()

    for name in READS + WRITES:
        assert send(name).status_code == 404, name
    assert _state() == before


@pytest.mark.parametrize("name", ["edit_person_get", "edit_unit_get"])
def test_a_year_outside_1990_to_this_year_is_not_found(client, world, cast, name):
    client.force_login(world.officer)
    args = [cast.an.pk if "person" in name else world.grassroots.pk, 1989]
    view = "ratings:edit_person" if "person" in name else "ratings:edit_unit"

    assert client.get(reverse(view, args=args)).status_code == 404


@pytest.mark.parametrize("value", ["abc", "999999"])
def test_a_malformed_or_unknown_unit_is_not_found(client, world, value):
    client.force_login(world.officer)

    assert client.get(reverse("ratings:list"), {"unit": value}).status_code in {200, 404}
    assert client.get(reverse("ratings:import"), {"unit": value}).status_code == 404
