"""Role × view: the right role gets in; a stranger, a sibling unit and a read-only role do not."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheobac.reporting.actions import reports
from lamtheobac.testing import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):  # type: ignore[no-untyped-def]
    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots, world.sibling]
    )
    section = round.outline.sections.first()
    reports.save_report_draft(
        round,
        unit=world.grassroots,
        answers={section.pk: "Nội dung của Sở Tài chính."},
        values={},
        version=None,
        by=world.secretary,
    )
    attachment = reports.add_attachment(
        round,
        unit=world.grassroots,
        upload=SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
        version=None,
        by=world.secretary,
    )
    report = reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )
    sibling_draft = reports.save_report_draft(
        round,
        unit=world.sibling,
        answers={section.pk: "Bản nháp riêng của Sở Tư pháp."},
        values={},
        version=None,
        by=world.sibling_officer,
    )
    return world, round, report, attachment, sibling_draft


def _login(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


# (url name, args builder, method, {persona: expected status}); personas not listed expect 404.
CASES = [
    (
        "reporting:round_detail",
        lambda w, r, rep, a: [r.pk],
        "get",
        {"officer": 200, "leader": 200, "admin": 403},
    ),
    (
        "reporting:matrix_xlsx",
        lambda w, r, rep, a: [r.pk],
        "get",
        {"officer": 200, "leader": 200, "admin": 403},
    ),
    (
        "reporting:consolidated_docx",
        lambda w, r, rep, a: [r.pk],
        "get",
        {"officer": 200, "leader": 200, "admin": 403},
    ),
    (
        "reporting:reminder_docx",
        lambda w, r, rep, a: [r.pk],
        "get",
        {"officer": 200, "leader": 403, "admin": 403},
    ),
    (
        "reporting:round_edit",
        lambda w, r, rep, a: [r.pk],
        "get",
        {"officer": 200, "leader": 403, "admin": 403},
    ),
    (
        "reporting:round_open",
        lambda w, r, rep, a: [r.pk],
        "post",
        {"officer": 303, "leader": 403, "admin": 403},
    ),
    (
        "reporting:remind",
        lambda w, r, rep, a: [r.pk],
        "post",
        {"officer": 302, "leader": 403, "admin": 403},
    ),
    (
        "reporting:accept_bulk",
        lambda w, r, rep, a: [r.pk],
        "post",
        {"officer": 302, "leader": 403, "admin": 403},
    ),
    (
        "reporting:report_view",
        lambda w, r, rep, a: [rep.pk],
        "get",
        {"officer": 200, "leader": 200, "admin": 403},
    ),
    (
        "reporting:report_accept",
        lambda w, r, rep, a: [rep.pk],
        "post",
        {"officer": 302, "leader": 403, "admin": 403},
    ),
    (
        "reporting:report_return",
        lambda w, r, rep, a: [rep.pk],
        "post",
        {"officer": 303, "leader": 403, "admin": 403},
    ),
    (
        "reporting:report_edit",
        lambda w, r, rep, a: [r.pk, w.grassroots.pk],
        "get",
        {"secretary": 200, "officer": 403, "leader": 403, "admin": 403},
    ),
    (
        "reporting:attachment_add",
        lambda w, r, rep, a: [r.pk, w.grassroots.pk],
        "post",
        {"secretary": 302, "officer": 403, "leader": 403, "admin": 403},
    ),
    (
        "reporting:attachment_download",
        lambda w, r, rep, a: [a.pk],
        "get",
        {"secretary": 200, "officer": 200, "leader": 200},
    ),
    (
        "reporting:attachment_remove",
        lambda w, r, rep, a: [a.pk],
        "post",
        {"secretary": 303, "officer": 403, "leader": 403, "admin": 403},
    ),
]
PERSONAS = [
    "officer",
    "leader",
    "admin",
    "secretary",
    "cell_secretary",
    "sibling_officer",
    "member",
    "stranger",
]


@pytest.mark.parametrize(("name", "args", "method", "allowed"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_view_admits_only_its_roles(client, scene, name, args, method, allowed, persona):
    world, round, report, attachment, _ = scene
    url = reverse(name, args=args(world, round, report, attachment))
    _login(client, getattr(world, persona))
    response = getattr(client, method)(url)
    expected = allowed.get(persona, 404)
    if expected in (302, 303):
        # An allowed POST either redirects or is refused by a domain rule (also a redirect).
        assert response.status_code in (302, 303), (persona, response.status_code)
    else:
        assert response.status_code == expected, (persona, response.status_code)


def test_a_sibling_unit_cannot_read_or_change_another_units_draft(client, scene):
    world, round, _, _, sibling_draft = scene
    _login(client, world.secretary)
    url = reverse("reporting:report_edit", args=[round.pk, world.sibling.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"save": "1"}).status_code == 404
    sibling_draft.refresh_from_db()
    assert sibling_draft.answers.get().text == "Bản nháp riêng của Sở Tư pháp."


def test_the_committee_does_not_see_a_units_draft(client, scene):
    world, round, _, _, sibling_draft = scene
    _login(client, world.officer)
    assert client.get(reverse("reporting:report_view", args=[sibling_draft.pk])).status_code == 404
    page = client.get(reverse("reporting:round_detail", args=[round.pk]))
    assert "Bản nháp riêng" not in page.content.decode()


def test_a_leader_reads_but_cannot_return_a_report(client, scene):
    world, _, report, _, _ = scene
    _login(client, world.leader)
    assert client.get(reverse("reporting:report_view", args=[report.pk])).status_code == 200
    response = client.post(reverse("reporting:report_return", args=[report.pk]), {"comment": "x"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == "submitted"
