"""The JSON API (issue 13 §3): a token per user, revocable; every endpoint × role answers what
that user's pages would (404 outside the scope, 403 without the right); OpenAPI served;
throttled."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.core.cache import cache

from lamtheobac.api.models import ApiToken
from lamtheobac.commendations.actions import nominations as commendations
from lamtheobac.commendations.tests.factories import (
    SEED_003_QUOTAS,
    make_commendation_round,
    make_document,
    rate,
    seed_003_extraction,
)
from lamtheobac.reporting.actions import reports as reporting
from lamtheobac.testing import make_person, make_round

pytestmark = pytest.mark.django_db

PERSONAS = ["officer", "leader", "admin", "secretary", "sibling_officer", "member", "stranger"]


@pytest.fixture
def scene(world):
    cache.clear()  # throttling counters
    document = make_document(
        owner=world.committee, by=world.officer, extraction=seed_003_extraction()
    )
    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots, world.sibling]
    )
    section = round.outline.sections.first()
    reporting.save_report_draft(
        round,
        unit=world.grassroots,
        answers={section.pk: "Đã quán triệt."},
        values={},
        version=None,
        by=world.secretary,
    )
    submitted = reporting.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )
    draft = reporting.save_report_draft(
        round,
        unit=world.sibling,
        answers={section.pk: "Nháp."},
        values={},
        version=None,
        by=world.sibling_officer,
    )
    awards = make_commendation_round(
        committee=world.committee, by=world.officer, document=document, quotas=SEED_003_QUOTAS
    )
    commendations.nominate(
        awards,
        unit=world.grassroots,
        person=make_person(unit=world.cell, given_name="Hoa"),
        by=world.secretary,
    )
    rate(world.grassroots, y2023="good")
    return {
        "document": document.pk,
        "round": round.pk,
        "submitted": submitted.pk,
        "draft": draft.pk,
        "awards": awards.pk,
        "grassroots": world.grassroots.pk,
    }


def _get(client, world, who, url):
    key, _ = ApiToken.issue(user=getattr(world, who), name="kiểm thử")
    return client.get(url, headers={"Authorization": f"Bearer {key}"})


# (url template, {persona: (status, number of items or None)})
CASES: dict[str, dict[str, tuple[int, int | None]]] = {
    "/api/v1/van-ban/": {
        "officer": (200, 1),
        "leader": (200, 1),
        "admin": (200, 0),
        "secretary": (200, 0),
        "sibling_officer": (200, 0),
        "member": (200, 0),
        "stranger": (200, 0),
    },
    "/api/v1/van-ban/{document}/": {
        "officer": (200, None),
        "leader": (200, None),
        "admin": (403, None),
        "secretary": (404, None),
        "sibling_officer": (404, None),
        "member": (404, None),
        "stranger": (404, None),
    },
    "/api/v1/dot-bao-cao/": {
        "officer": (200, 1),
        "leader": (200, 1),
        "admin": (200, 0),
        "secretary": (200, 1),
        "sibling_officer": (200, 1),
        "member": (200, 0),
        "stranger": (200, 0),
    },
    "/api/v1/dot-bao-cao/{round}/ma-tran/": {
        "officer": (200, None),
        "leader": (200, None),
        "admin": (403, None),
        "secretary": (404, None),
        "sibling_officer": (404, None),
        "member": (404, None),
        "stranger": (404, None),
    },
    "/api/v1/bao-cao/{submitted}/": {
        "officer": (200, None),
        "leader": (200, None),
        "admin": (403, None),
        "secretary": (200, None),
        "sibling_officer": (404, None),
        "member": (404, None),
        "stranger": (404, None),
    },
    "/api/v1/bao-cao/{draft}/": {
        "officer": (404, None),
        "leader": (404, None),
        "admin": (403, None),
        "secretary": (404, None),
        "sibling_officer": (200, None),
        "member": (404, None),
        "stranger": (404, None),
    },
    "/api/v1/khen-thuong/{awards}/de-nghi/": {
        "officer": (200, 0),
        "leader": (200, 0),
        "admin": (404, None),
        "secretary": (200, 1),
        "sibling_officer": (200, 0),
        "member": (404, None),
        "stranger": (404, None),
    },
    "/api/v1/xep-loai/?unit={grassroots}&year=2023": {
        "officer": (200, 1),
        "leader": (200, 1),
        "admin": (403, None),
        "secretary": (200, 1),
        "sibling_officer": (404, None),
        "member": (404, None),  # a cell member: the grassroots unit lies above their scope
        "stranger": (404, None),
    },
}


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("template", list(CASES))
def test_every_endpoint_answers_each_role_as_its_pages_would(client, world, scene, template, who):
    status, count = CASES[template][who]
    response = _get(client, world, who, template.format(**scene))
    assert response.status_code == status, response.content
    if count is not None:
        assert len(response.json()) == count
    if status == 200 and "ma-tran" in template:
        body = response.json()
        assert body["counts"] and len(body["rows"]) == 2
        # The sibling's draft shows as a state only; its text never leaves the unit.
        assert {r["state"] for r in body["rows"]} == {"on_time", "draft"}


@pytest.mark.parametrize("template", list(CASES))
def test_every_endpoint_refuses_a_missing_wrong_or_revoked_token(client, world, scene, template):
    url = template.format(**scene)
    assert client.get(url).status_code == 401
    assert client.get(url, headers={"Authorization": "Bearer ltb_khong-dung"}).status_code == 401
    key, token = ApiToken.issue(user=world.officer, name="cũ")
    token.revoke()
    assert client.get(url, headers={"Authorization": f"Bearer {key}"}).status_code == 401
    world.officer.is_active = False
    world.officer.save()
    key, _ = ApiToken.issue(user=world.officer, name="tài khoản bị khóa")
    assert client.get(url, headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_a_draft_answer_is_never_in_the_committees_view_of_the_api(client, world, scene):
    report = _get(client, world, "officer", f"/api/v1/bao-cao/{scene['submitted']}/").json()
    assert report["state"] == "submitted" and report["answers"][0]["text"] == "Đã quán triệt."
    matrix = _get(client, world, "officer", f"/api/v1/dot-bao-cao/{scene['round']}/ma-tran/").json()
    assert "Nháp." not in str(matrix)


def test_users_manage_their_own_tokens_the_key_is_shown_once_and_stored_hashed(client, world):
    client.force_login(world.officer)
    page = client.post("/tai-khoan/khoa-api/", {"name": "Bảng tổng hợp"}).content.decode()
    token = ApiToken.objects.get(user=world.officer)
    key = page.split("<code>")[2].split("</code>")[0] if page.count("<code>") > 1 else ""
    assert key.startswith("ltb_") and key not in token.key_digest
    assert (
        client.get("/api/v1/van-ban/", headers={"Authorization": f"Bearer {key}"}).status_code
        == 200
    )
    assert key not in client.get("/tai-khoan/khoa-api/").content.decode()
    client.force_login(world.leader)
    assert client.post(f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/").status_code == 404
    client.force_login(world.officer)
    assert client.post(f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/").status_code == 303
    assert (
        client.get("/api/v1/van-ban/", headers={"Authorization": f"Bearer {key}"}).status_code
        == 401
    )


def test_the_openapi_description_is_served_and_lists_every_endpoint(client):
    spec = client.get("/api/v1/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/v1/van-ban/",
        "/api/v1/van-ban/{pk}/",
        "/api/v1/dot-bao-cao/",
        "/api/v1/dot-bao-cao/{pk}/ma-tran/",
        "/api/v1/bao-cao/{pk}/",
        "/api/v1/khen-thuong/{pk}/de-nghi/",
        "/api/v1/xep-loai/",
    } <= paths
    assert "bearer" in str(spec["components"]["securitySchemes"]).lower()


def test_a_token_is_throttled_past_its_rate(client, world, settings):
    from lamtheobac.api import endpoints

    cache.clear()
    key, _ = ApiToken.issue(user=world.officer, name="nhanh")
    throttle: Any = cast(Any, endpoints.api.throttle)[0]
    original = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate, throttle.num_requests, throttle.duration = "3/m", 3, 60
    try:
        codes = [
            client.get("/api/v1/van-ban/", headers={"Authorization": f"Bearer {key}"}).status_code
            for _ in range(5)
        ]
    finally:
        throttle.rate, throttle.num_requests, throttle.duration = original
    assert codes == [200, 200, 200, 429, 429]


def test_the_matrix_endpoint_filters_and_pages_as_the_page_does(client, world, scene):
    url = f"/api/v1/dot-bao-cao/{scene['round']}/ma-tran/"
    body = _get(client, world, "officer", url + "?q=tu+phap").json()
    assert [r["unit"]["name"] for r in body["rows"]] == ["Chi bộ Sở Tư pháp"]
    assert sum(body["counts"].values()) == 1
    body = _get(client, world, "officer", url + "?state=on_time").json()
    assert [r["state"] for r in body["rows"]] == ["on_time"] and body["counts"]["draft"] == 1
    body = _get(client, world, "officer", url + "?limit=1&offset=1").json()
    assert len(body["rows"]) == 1 and sum(body["counts"].values()) == 2
