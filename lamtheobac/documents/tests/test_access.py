"""Every documents view refuses whoever has no right on the document's owner (docs/architecture.md (practice 6))."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from lamtheobac.audit.models import AuditEvent

READS = ["detail", "source", "history"]
CORRECTIONS = ["correct", "correct_deadline", "correct_recipients"]


def _url(name: str, document) -> str:
    if name == "correct_deadline":
        return reverse(f"documents:{name}", args=[document.pk, document.deadlines.first().pk])
    return reverse(f"documents:{name}", args=[document.pk])


def _request(client, name: str, document):
    url = _url(name, document)
    if name in READS:
        return client.get(url)
    payload = {
        "correct": {"field": "number", "value": "1-KH/ĐUK"},
        "correct_deadline": {"due": "2022-03-05"},
        "correct_recipients": {"recipients": "Lưu VP"},
    }[name]
    return client.post(url, payload)


@pytest.mark.parametrize("name", READS + CORRECTIONS)
@pytest.mark.parametrize("persona", ["stranger", "cell_secretary", "member"])
def test_a_user_without_a_role_on_the_committee_gets_not_found(
    client, world, imported, name, persona
):
    document = imported("001")
    client.force_login(getattr(world, persona))

    assert _request(client, name, document).status_code == 404


@pytest.mark.parametrize("name", READS + CORRECTIONS)
@pytest.mark.parametrize("persona", ["sibling_officer", "secretary"])
def test_the_grassroots_staff_a_letter_is_sent_to_read_it_and_correct_nothing(
    client, world, imported, name, persona
):
    """545-CV/ĐUK is sent to "Các chi, đảng ủy cơ sở" (issue 9 §3): their staff read it."""
    document = imported("001")
    client.force_login(getattr(world, persona))

    assert _request(client, name, document).status_code == (200 if name in READS else 404)


@pytest.mark.parametrize("name", READS)
def test_the_committee_leader_may_read(client, world, imported, name):
    document = imported("001")
    client.force_login(world.leader)

    assert _request(client, name, document).status_code == 200


@pytest.mark.parametrize("name", CORRECTIONS)
def test_the_committee_leader_may_not_correct_and_nothing_changes(client, world, imported, name):
    document = imported("001")
    events = AuditEvent.objects.count()
    client.force_login(world.leader)

    assert _request(client, name, document).status_code == 403
    assert AuditEvent.objects.count() == events
    document.refresh_from_db()
    assert document.number == "545-CV/ĐUK"


@pytest.mark.parametrize("name", READS + CORRECTIONS)
def test_the_administrator_sees_the_unit_but_not_its_documents(client, world, imported, name):
    document = imported("001")
    client.force_login(world.admin)

    assert _request(client, name, document).status_code == 403


@pytest.mark.parametrize("name", READS + CORRECTIONS)
def test_the_committee_officer_may_read_and_correct(client, world, imported, name):
    document = imported("001")
    client.force_login(world.officer)

    assert _request(client, name, document).status_code in {200, 303}


@pytest.mark.parametrize("name", READS + CORRECTIONS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, world, imported, name):
    document = imported("001")
    url = _url(name, document)

    response = _request(client, name, document)

    assertRedirects(response, f"{reverse('login')}?next={url}", fetch_redirect_response=False)


def test_the_officer_of_another_committee_gets_not_found(client, world, imported):
    from lamtheobac.testing import grant, make_unit, make_user
    from lamtheobac.units.models import Role

    other = make_user("canbo.khac")
    grant(other, make_unit(name="Huyện ủy Núi Thành"), Role.COMMITTEE_STAFF)
    document = imported("001")
    client.force_login(other)

    for name in READS + CORRECTIONS:
        assert _request(client, name, document).status_code == 404, name


@pytest.mark.parametrize("name", CORRECTIONS)
def test_corrections_are_refused_over_get(client, world, imported, name):
    document = imported("001")
    client.force_login(world.officer)

    assert client.get(_url(name, document)).status_code == 405


def test_a_deadline_of_another_document_is_not_found(client, world, imported):
    document = imported("001")
    other = imported("003")
    client.force_login(world.officer)
    url = reverse("documents:correct_deadline", args=[document.pk, other.deadlines.first().pk])

    assert client.post(url, {"due": "2022-03-05"}).status_code == 404


@pytest.mark.parametrize("persona", ["stranger", "member", "admin"])
def test_the_list_is_refused_to_users_who_read_no_committee_documents(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.get(reverse("documents:list")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page_for_the_list(client, db):
    url = reverse("documents:list")

    assertRedirects(
        client.get(url), f"{reverse('login')}?next={url}", fetch_redirect_response=False
    )


def test_the_original_file_is_served_as_an_attachment(client, world, imported, seed_path):
    document = imported("001")
    client.force_login(world.leader)

    response = client.get(reverse("documents:source", args=[document.pk]))

    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == seed_path("001").read_bytes()
