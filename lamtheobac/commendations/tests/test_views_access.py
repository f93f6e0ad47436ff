"""Role × view: the right role gets in; a stranger, a sibling unit, a read-only role and an
administrator do not (404 outside the user's scope, 403 inside it without the right)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheobac.commendations.actions import nominations
from lamtheobac.commendations.tests.factories import (
    SEED_003_CRITERIA,
    SEED_003_QUOTAS,
    make_commendation_round,
    make_document,
    seed_003_extraction,
)
from lamtheobac.testing import make_person

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "to-trinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def scene(world):
    """An open seed-003 round: Sở Tài chính submitted one individual with a file; the sibling
    unit keeps a draft of its own."""
    document = make_document(
        owner=world.committee, by=world.officer, extraction=seed_003_extraction()
    )
    round = make_commendation_round(
        committee=world.committee,
        by=world.officer,
        document=document,
        quotas=SEED_003_QUOTAS,
        criteria=SEED_003_CRITERIA,
    )
    person = make_person(unit=world.cell, family_name="Trần", middle_name="Thị", given_name="Hoa")
    nomination = nominations.nominate(
        round, unit=world.grassroots, person=person, summary="Tiêu biểu.", by=world.secretary
    )
    item = nominations.upload_dossier_item(
        nomination, requirement=round.dossier_requirements.first(), upload=pdf(), by=world.secretary
    )
    nomination = nominations.submit_nomination(
        nomination, reason="Đủ điều kiện.", by=world.secretary
    )
    sibling_person = make_person(unit=world.sibling, given_name="Riêng")
    sibling_draft = nominations.nominate(
        round, unit=world.sibling, person=sibling_person, summary="Nháp.", by=world.sibling_officer
    )
    return {
        "world": world,
        "document": document,
        "round": round,
        "nomination": nomination,
        "item": item,
        "criterion": round.criteria.first(),
        "rule": round.quota_rules.first(),
        "requirement": round.dossier_requirements.first(),
        "sibling_draft": sibling_draft,
    }


COMMITTEE_READ = {"officer": 200, "leader": 200, "admin": 403}
# Old download addresses: the readers are sent on to the drafting step (issue 12 §1).
TO_DRAFTING = {"officer": 303, "leader": 303, "admin": 403}
COMMITTEE_PAGE = {"officer": 200, "leader": 403, "admin": 403}
COMMITTEE_POST = {"officer": "ok", "leader": 403, "admin": 403}
UNIT_PAGE = {"secretary": 200, "officer": 403, "leader": 403, "admin": 403}
UNIT_POST = {"secretary": "ok", "officer": 403, "leader": 403, "admin": 403}
EVIDENCE = {"secretary": 200, "officer": 200, "leader": 200, "admin": 403}

# (url name, args from the scene, method, {persona: expected}); personas not listed expect 404;
# "ok" is an allowed POST: a redirect (done, or refused by a domain rule) or the form again.
CASES = [
    ("commendations:round_create", lambda s: [s["document"].pk], "get", COMMITTEE_PAGE),
    ("commendations:round_create", lambda s: [s["document"].pk], "post", COMMITTEE_POST),
    ("commendations:round_detail", lambda s: [s["round"].pk], "get", COMMITTEE_READ),
    ("commendations:round_edit", lambda s: [s["round"].pk], "get", COMMITTEE_PAGE),
    ("commendations:round_edit", lambda s: [s["round"].pk], "post", COMMITTEE_POST),
    ("commendations:quota_add", lambda s: [s["round"].pk], "post", COMMITTEE_POST),
    ("commendations:quota_save", lambda s: [s["round"].pk, s["rule"].pk], "post", COMMITTEE_POST),
    (
        "commendations:quota_remove",
        lambda s: [s["round"].pk, s["rule"].pk],
        "post",
        COMMITTEE_POST,
    ),
    ("commendations:criterion_add", lambda s: [s["round"].pk], "post", COMMITTEE_POST),
    (
        "commendations:criterion_save",
        lambda s: [s["round"].pk, s["criterion"].pk],
        "post",
        COMMITTEE_POST,
    ),
    ("commendations:requirement_add", lambda s: [s["round"].pk], "post", COMMITTEE_POST),
    (
        "commendations:requirement_save",
        lambda s: [s["round"].pk, s["requirement"].pk],
        "post",
        COMMITTEE_POST,
    ),
    ("commendations:round_open", lambda s: [s["round"].pk], "post", COMMITTEE_POST),
    ("commendations:round_close", lambda s: [s["round"].pk], "post", COMMITTEE_POST),
    ("commendations:round_finish", lambda s: [s["round"].pk], "post", COMMITTEE_POST),
    ("commendations:petition_docx", lambda s: [s["round"].pk], "get", TO_DRAFTING),
    ("commendations:decision_docx", lambda s: [s["round"].pk], "get", TO_DRAFTING),
    ("commendations:list_xlsx", lambda s: [s["round"].pk], "get", TO_DRAFTING),
    (
        "commendations:unit_nominations",
        lambda s: [s["round"].pk, s["world"].grassroots.pk],
        "get",
        UNIT_PAGE,
    ),
    (
        "commendations:unit_nominations",
        lambda s: [s["round"].pk, s["world"].grassroots.pk],
        "post",
        UNIT_POST,
    ),
    ("commendations:nomination", lambda s: [s["nomination"].pk], "get", EVIDENCE),
    ("commendations:nomination_summary", lambda s: [s["nomination"].pk], "post", UNIT_POST),
    ("commendations:dossier_upload", lambda s: [s["nomination"].pk], "post", UNIT_POST),
    ("commendations:nomination_submit", lambda s: [s["nomination"].pk], "post", UNIT_POST),
    ("commendations:nomination_withdraw", lambda s: [s["nomination"].pk], "post", UNIT_POST),
    ("commendations:nomination_return", lambda s: [s["nomination"].pk], "post", COMMITTEE_POST),
    (
        "commendations:nomination_shortlist",
        lambda s: [s["nomination"].pk],
        "post",
        COMMITTEE_POST,
    ),
    ("commendations:nomination_decide", lambda s: [s["nomination"].pk], "post", COMMITTEE_POST),
    (
        "commendations:nomination_override",
        lambda s: [s["nomination"].pk, s["criterion"].pk],
        "post",
        COMMITTEE_POST,
    ),
    ("commendations:dossier_download", lambda s: [s["item"].pk], "get", EVIDENCE),
    ("commendations:dossier_remove", lambda s: [s["item"].pk], "post", UNIT_POST),
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


@pytest.mark.parametrize(
    ("name", "args", "method", "allowed"), CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES]
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_view_admits_only_its_roles(client, scene, name, args, method, allowed, persona):
    url = reverse(name, args=args(scene))
    client.force_login(getattr(scene["world"], persona))
    response = getattr(client, method)(url)
    expected = allowed.get(persona, 404)
    if expected == "ok":
        assert response.status_code in (200, 302, 303), (persona, response.status_code)
    else:
        assert response.status_code == expected, (persona, response.status_code)


def test_every_commendation_url_is_in_the_access_table():
    from lamtheobac.commendations.tests.test_cascade import CASCADE_CASES
    from lamtheobac.commendations.urls import urlpatterns

    covered = {c[0].split(":")[1] for c in CASES} | {"rounds"}
    covered |= {c[0].split(":")[1] for c in CASCADE_CASES}
    assert {p.name for p in urlpatterns} <= covered


def test_the_round_list_shows_each_user_only_what_they_may_see(client, scene):
    world, round = scene["world"], scene["round"]
    list_url = reverse("commendations:rounds")
    nominate_url = reverse("commendations:unit_nominations", args=[round.pk, world.grassroots.pk])
    client.force_login(world.secretary)
    page = client.get(list_url).content.decode()
    assert nominate_url in page
    assert f'href="{reverse("commendations:round_detail", args=[round.pk])}"' not in page
    client.force_login(world.stranger)
    page = client.get(list_url).content.decode()
    assert round.title not in page
    client.force_login(world.officer)
    detail = f'href="{reverse("commendations:round_detail", args=[round.pk])}"'
    assert detail in client.get(list_url).content.decode()


def test_a_removed_dossier_file_is_served_to_nobody(client, world):
    round = make_commendation_round(committee=world.committee, by=world.officer)
    person = make_person(unit=world.cell, family_name="Lê", middle_name="Văn", given_name="An")
    nomination = nominations.nominate(
        round, unit=world.grassroots, person=person, summary="Tiêu biểu.", by=world.secretary
    )
    kept = nominations.upload_dossier_item(
        nomination, requirement=None, upload=pdf("giu.pdf"), by=world.secretary
    )
    removed = nominations.upload_dossier_item(
        nomination, requirement=None, upload=pdf("go.pdf"), by=world.secretary
    )
    nominations.remove_dossier_item(removed, by=world.secretary)
    nominations.submit_nomination(nomination, reason="Đủ điều kiện.", by=world.secretary)
    for persona in ("secretary", "officer", "leader"):
        client.force_login(getattr(world, persona))
        url = reverse("commendations:dossier_download", args=[removed.pk])
        assert client.get(url).status_code == 404, persona
        url = reverse("commendations:dossier_download", args=[kept.pk])
        assert client.get(url).status_code == 200, persona
