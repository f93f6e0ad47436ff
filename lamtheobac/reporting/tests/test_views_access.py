"""Role × view: the right role gets in; a stranger, a sibling unit and a read-only role do not."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheobac.reporting.actions import reports
from lamtheobac.testing import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):
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


def _login(client, user):
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
        {"officer": 303, "leader": 303, "admin": 403},
    ),
    (
        "reporting:reminder_docx",
        lambda w, r, rep, a: [r.pk],
        "get",
        {"officer": 303, "leader": 403, "admin": 403},
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
        "reporting:report_autosave",  # the report is submitted: refused with a JSON message
        lambda w, r, rep, a: [r.pk, w.grassroots.pk],
        "post",
        {"secretary": 409, "officer": 403, "leader": 403, "admin": 403},
    ),
    (
        "reporting:report_submit",  # already submitted: back to the report page
        lambda w, r, rep, a: [r.pk, w.grassroots.pk],
        "get",
        {"secretary": 302, "officer": 403, "leader": 403, "admin": 403},
    ),
    (
        "reporting:report_withdraw",
        lambda w, r, rep, a: [r.pk, w.grassroots.pk],
        "post",
        {"secretary": 302, "officer": 403, "leader": 403, "admin": 403},
    ),
    (
        "reporting:report_docx",
        lambda w, r, rep, a: [r.pk, w.grassroots.pk],
        "get",
        {"secretary": 200, "officer": 403, "leader": 403, "admin": 403},
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
    # Posts carry confirmed=1 (what the confirmation page or dialog adds, issue 14 §2).
    response = getattr(client, method)(url, {"confirmed": "1"} if method == "post" else {})
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


@pytest.fixture
def setup_scene(world, seed_path):
    """A plan imported by the committee and a draft round with one section and indicator."""
    from lamtheobac.documents.actions.documents import import_document
    from lamtheobac.reporting.actions import outline

    path = seed_path("001")
    document = import_document(
        owner=world.committee, data=path.read_bytes(), filename=path.name, by=world.officer
    )
    draft = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots], open=False
    )
    section = draft.outline.sections.first()
    indicator = outline.add_indicator(
        draft, section=section, name="Số đảng viên", unit_label="người", by=world.officer
    )
    return world, document, draft, section, indicator


EVERYONE = dict.fromkeys(PERSONAS, 200)
# The round set-up views: (url name, args builder, method, data, {persona: status}); personas
# not listed expect 404 (outside their scope).
SETUP_CASES = [
    ("reporting:rounds", lambda d, r, s, i: [], "get", {}, EVERYONE),
    (
        "reporting:round_create",
        lambda d, r, s, i: [d.pk],
        "get",
        {},
        {"officer": 200, "leader": 403, "admin": 403},
    ),
    (
        "reporting:section_add",
        lambda d, r, s, i: [r.pk],
        "post",
        {"number": "III", "heading": "PHƯƠNG HƯỚNG", "guidance": "", "depth": 1},
        {"officer": 302, "leader": 403, "admin": 403},
    ),
    (
        "reporting:section_save",
        lambda d, r, s, i: [r.pk, s.pk],
        "post",
        {"number": "I", "heading": "TÌNH HÌNH", "guidance": "", "depth": 1},
        {"officer": 302, "leader": 403, "admin": 403},
    ),
    (
        "reporting:section_remove",
        lambda d, r, s, i: [r.pk, s.pk],
        "post",
        {},
        {"officer": 302, "leader": 403, "admin": 403},
    ),
    (
        "reporting:indicator_add",
        lambda d, r, s, i: [r.pk, s.pk],
        "post",
        {"name": "Số chi bộ", "unit_label": "chi bộ"},
        {"officer": 302, "leader": 403, "admin": 403},
    ),
    (
        "reporting:indicator_remove",
        lambda d, r, s, i: [r.pk, i.pk],
        "post",
        {},
        {"officer": 302, "leader": 403, "admin": 403},
    ),
    (
        "reporting:lock_exception",
        lambda d, r, s, i: [r.pk],
        "post",
        lambda r: {"unit": r.targets.get().unit_id, "until": "2030-05-05"},
        {"officer": 302, "leader": 403, "admin": 403},
    ),
    (
        "reporting:round_close",
        lambda d, r, s, i: [r.pk],
        "post",
        {},
        {"officer": 303, "leader": 403, "admin": 403},
    ),
]


@pytest.mark.parametrize(
    ("name", "args", "method", "data", "allowed"), SETUP_CASES, ids=[c[0] for c in SETUP_CASES]
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_round_setup_view_admits_only_its_roles(
    client, setup_scene, name, args, method, data, allowed, persona
):
    world, document, draft, section, indicator = setup_scene
    url = reverse(name, args=args(document, draft, section, indicator))
    _login(client, getattr(world, persona))
    data = data(draft) if callable(data) else data
    response = getattr(client, method)(
        url, {**data, "confirmed": "1"} if method == "post" else data
    )
    expected = allowed.get(persona, 404)
    if expected in (302, 303):
        # An allowed POST either redirects or is refused by a domain rule (also a redirect).
        assert response.status_code in (302, 303), (persona, response.status_code)
    else:
        assert response.status_code == expected, (persona, response.status_code)


def test_a_refused_setup_post_changes_nothing(client, setup_scene):
    world, _, draft, section, _ = setup_scene
    _login(client, world.leader)
    url = reverse("reporting:section_save", args=[draft.pk, section.pk])
    response = client.post(url, {"number": "I", "heading": "ĐỔI", "guidance": "", "depth": 1})
    assert response.status_code == 403
    section.refresh_from_db()
    assert section.heading != "ĐỔI"


def test_a_removed_attachment_is_served_to_nobody(client, world):
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    section = round.outline.sections.first()
    reports.save_report_draft(
        round,
        unit=world.grassroots,
        answers={section.pk: "Nội dung."},
        values={},
        version=None,
        by=world.secretary,
    )
    kept = reports.add_attachment(
        round,
        unit=world.grassroots,
        upload=SimpleUploadedFile("giu.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
        version=None,
        by=world.secretary,
    )
    removed = reports.add_attachment(
        round,
        unit=world.grassroots,
        upload=SimpleUploadedFile("go.png", b"\x89PNG\r\n\x1a\n" + b"\x01" * 32),
        version=None,
        by=world.secretary,
    )
    reports.remove_attachment(removed, by=world.secretary)
    reports.submit_unit_report(round, unit=world.grassroots, version=None, by=world.secretary)
    for persona in ("secretary", "officer", "leader"):
        _login(client, getattr(world, persona))
        url = reverse("reporting:attachment_download", args=[removed.pk])
        assert client.get(url).status_code == 404, persona
        url = reverse("reporting:attachment_download", args=[kept.pk])
        assert client.get(url).status_code == 200, persona


def test_every_reporting_url_is_in_a_role_table():
    from lamtheobac.reporting.tests.test_cascade import CASCADE_CASES
    from lamtheobac.reporting.urls import urlpatterns

    covered = {c[0].split(":")[1] for c in CASES} | {c[0].split(":")[1] for c in SETUP_CASES}
    covered |= {c[0].split(":")[1] for c in CASCADE_CASES}
    assert {p.name for p in urlpatterns} <= covered
