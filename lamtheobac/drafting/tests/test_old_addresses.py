"""The old direct download addresses serve no undrafted document any more (issue 12 §1): each
sends its readers on to the drafting page of the same kind and round; outsiders are refused
before any redirect."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lamtheobac.drafting.models import DocumentDraft
from lamtheobac.drafting.tests.builders import commendation_round, reporting_round

pytestmark = pytest.mark.django_db

OLD_ADDRESSES = [
    ("reporting:consolidated_docx", "consolidated"),
    ("reporting:reminder_docx", "reminder"),
    ("commendations:petition_docx", "petition"),
    ("commendations:decision_docx", "decision"),
    ("commendations:list_xlsx", "nominees"),
]


def _round_pk(world, name: str) -> int:
    if name.startswith("reporting:"):
        return reporting_round(world).pk
    return commendation_round(world).pk


@pytest.mark.parametrize(("name", "kind"), OLD_ADDRESSES)
def test_an_old_download_address_leads_to_the_drafting_form_not_to_a_file(
    client, world, name, kind
):
    pk = _round_pk(world, name)
    client.force_login(world.officer)
    response = client.get(reverse(name, args=[pk]))
    assert response.status_code == 303
    assert response["Location"] == reverse("drafting:draft", args=[kind, pk])
    assert "Content-Disposition" not in response and response.content == b""
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Content-Disposition" not in page
    assert page["Content-Type"].startswith("text/html")
    assert "Soạn và tải" in page.content.decode()
    assert page.context["kind"] == kind
    assert not DocumentDraft.objects.exists()  # nothing was drafted or generated on the way


@pytest.mark.parametrize(("name", "kind"), OLD_ADDRESSES)
def test_an_outsider_is_refused_at_the_old_address_without_a_redirect(client, world, name, kind):
    pk = _round_pk(world, name)
    client.force_login(world.stranger)
    assert client.get(reverse(name, args=[pk])).status_code == 404
    client.force_login(world.admin)
    assert client.get(reverse(name, args=[pk])).status_code == 403


def test_the_round_pages_link_only_to_the_drafting_step_for_committee_documents(client, world):
    reporting, commendation = reporting_round(world), commendation_round(world)
    client.force_login(world.officer)
    reporting_page = client.get(reverse("reporting:round_detail", args=[reporting.pk]))
    commendation_page = client.get(reverse("commendations:round_detail", args=[commendation.pk]))
    html = reporting_page.content.decode() + commendation_page.content.decode()
    for name, kind in OLD_ADDRESSES:
        pk = reporting.pk if name.startswith("reporting:") else commendation.pk
        assert reverse(name, args=[pk]) not in html, name
        assert reverse("drafting:draft", args=[kind, pk]) in html, kind
    # the plain data export stays a direct download
    assert reverse("reporting:matrix_xlsx", args=[reporting.pk]) in html
