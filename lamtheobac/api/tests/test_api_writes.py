"""The API's write endpoints (issue 13 §3): every endpoint × role is answered as the pages
would (the same access helpers and write functions), bad input gets a Vietnamese message and
changes nothing, a stale version or a second identical POST is a 409, background work
answers 202 with a job that ``/cong-viec/{id}/`` follows, and writes are throttled."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from lamtheobac.api.models import ApiToken
from lamtheobac.commendations.models import Nomination
from lamtheobac.commendations.tests.factories import (
    SEED_003_QUOTAS,
    make_commendation_round,
    make_document,
    seed_003_extraction,
)
from lamtheobac.documents.models import Document
from lamtheobac.jobs.models import Job, JobKind, JobStatus
from lamtheobac.ratings.xlsx_template import build_template
from lamtheobac.reporting.models import SectionAnswer, UnitReport
from lamtheobac.testing import make_person, make_round

pytestmark = pytest.mark.django_db

PERSONAS = ["officer", "leader", "secretary", "sibling_officer", "member", "stranger"]


@pytest.fixture
def scene(world, seed_path):
    cache.clear()  # throttling counters
    document = make_document(
        owner=world.committee, by=world.officer, extraction=seed_003_extraction()
    )
    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots, world.sibling]
    )
    awards = make_commendation_round(
        committee=world.committee, by=world.officer, document=document, quotas=SEED_003_QUOTAS
    )
    return {
        "round": round,
        "section": round.outline.sections.first(),
        "awards": awards,
        "hoa": make_person(unit=world.cell, given_name="Hoa"),
        "plan": seed_path("003").read_bytes(),
    }


def _auth(world, who: str) -> dict[str, str]:
    key, _ = ApiToken.issue(user=getattr(world, who), name="kiểm thử")
    return {"Authorization": f"Bearer {key}"}


def _send(client, method: str, url: str, headers: dict[str, str], **body: Any):
    call = getattr(client, method)
    if "data" in body:  # multipart
        return call(url, body["data"], headers=headers)
    return call(url, body.get("json", {}), content_type="application/json", headers=headers)


def _draft_url(scene, unit) -> str:
    return f"/api/v1/dot-bao-cao/{scene['round'].pk}/don-vi/{unit.pk}/nhap/"


def _submit_url(scene, unit) -> str:
    return f"/api/v1/dot-bao-cao/{scene['round'].pk}/don-vi/{unit.pk}/nop/"


def _nominate_url(scene, unit) -> str:
    return f"/api/v1/khen-thuong/{scene['awards'].pk}/don-vi/{unit.pk}/de-nghi/"


def _save_draft(client, world, scene, who="secretary", text="Đã quán triệt.", version=0):
    body = {"version": version, "answers": {str(scene["section"].pk): text}}
    return _send(client, "put", _draft_url(scene, world.grassroots), _auth(world, who), json=body)


def _nominate(client, world, scene, who="secretary"):
    body = {"person": scene["hoa"].pk, "summary": "Hoàn thành xuất sắc nhiệm vụ."}
    return _send(
        client, "post", _nominate_url(scene, world.grassroots), _auth(world, who), json=body
    )


def _upload(client, world, scene, who, owner):
    data = {"owner": owner.pk, "file": SimpleUploadedFile("59-KH.txt", scene["plan"])}
    return _send(client, "post", "/api/v1/van-ban/", _auth(world, who), data=data)


def _ratings(client, world, who, scope):
    upload = SimpleUploadedFile("xep-loai.xlsx", build_template())
    return _send(
        client,
        "post",
        "/api/v1/xep-loai/nhap/",
        _auth(world, who),
        data={"scope": scope.pk, "file": upload},
    )


# --- the role table ------------------------------------------------------------------------

REPORT_ROLES = {  # unit staff of the grassroots unit report; committee staff only read
    "officer": 403,
    "leader": 403,
    "secretary": 200,
    "sibling_officer": 404,
    "member": 404,
    "stranger": 404,
}


@pytest.mark.parametrize("who", PERSONAS)
def test_saving_a_draft_answers_each_role_as_the_report_page(client, world, scene, who):
    response = _save_draft(client, world, scene, who)
    assert response.status_code == REPORT_ROLES[who], response.content
    client.force_login(getattr(world, who))
    page = client.get(f"/bao-cao/dot/{scene['round'].pk}/don-vi/{world.grassroots.pk}/")
    assert page.status_code == REPORT_ROLES[who]  # the same answer as the page gives
    saved = SectionAnswer.objects.filter(report__unit=world.grassroots)
    if who == "secretary":
        report = UnitReport.objects.get(unit=world.grassroots)
        assert response.json()["version"] == report.version and response.json()["state"] == "draft"
        assert saved.get().text == "Đã quán triệt."
    else:
        assert not saved.exists()


@pytest.mark.parametrize("who", PERSONAS)
def test_submitting_answers_each_role_and_a_second_submit_is_a_409(client, world, scene, who):
    version = _save_draft(client, world, scene).json()["version"]
    response = _send(
        client,
        "post",
        _submit_url(scene, world.grassroots),
        _auth(world, who),
        json={"version": version},
    )
    assert response.status_code == REPORT_ROLES[who], response.content
    report = UnitReport.objects.get(unit=world.grassroots)
    if who != "secretary":
        assert report.state == "draft"
        return
    assert response.json()["state"] == "submitted" and report.state == "submitted"
    again = _send(
        client, "post", _submit_url(scene, world.grassroots), _auth(world, who), json={"version": 2}
    )
    assert again.status_code == 409
    detail = again.json()["detail"]
    assert "đã nộp" in detail or "gửi hai lần" in detail  # a second submit changes nothing
    assert report.submissions.count() == 1


def test_a_stale_version_is_a_409_in_vietnamese_and_nothing_is_saved(client, world, scene):
    first = _save_draft(client, world, scene, text="Lần một.")
    assert first.status_code == 200
    # The same request posted twice: the second carries the version the first replaced.
    twice = _save_draft(client, world, scene, text="Lần một.")
    assert twice.status_code == 409
    assert (
        "phiên bản" in twice.json()["detail"] and "không có gì được lưu" in twice.json()["detail"]
    )
    stale = _save_draft(client, world, scene, text="Bản cũ đè lên.", version=1)
    assert stale.status_code == 409
    report = UnitReport.objects.get(unit=world.grassroots)
    assert report.version == first.json()["version"] and report.answers.get().text == "Lần một."


def test_bad_input_is_refused_in_vietnamese_and_changes_nothing(client, world, scene):
    headers = _auth(world, "secretary")
    url = _draft_url(scene, world.grassroots)
    wrong_section = _send(
        client, "put", url, headers, json={"version": 0, "answers": {"999999": "x"}}
    )
    assert wrong_section.status_code == 400
    assert wrong_section.json()["detail"] == "Mục báo cáo không thuộc đề cương của đợt này."
    not_a_number = _send(client, "put", url, headers, json={"version": "một"})
    assert not_a_number.status_code == 422
    empty = _send(
        client, "post", _submit_url(scene, world.grassroots), headers, json={"version": 0}
    )
    assert empty.status_code == 400 and "chưa có nội dung" in empty.json()["detail"]
    assert not SectionAnswer.objects.exists()
    assert not UnitReport.objects.filter(state="submitted").exists()
    both = _send(
        client,
        "post",
        _nominate_url(scene, world.grassroots),
        headers,
        json={"person": scene["hoa"].pk, "collective": world.cell.pk},
    )
    assert both.status_code == 400
    assert both.json()["detail"] == "Hãy chọn đúng một tập thể hoặc một cá nhân."
    assert not Nomination.objects.exists()


# --- nominations ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", PERSONAS)
def test_nominating_answers_each_role_and_a_double_post_nominates_once(client, world, scene, who):
    response = _nominate(client, world, scene, who)
    assert response.status_code == (201 if who == "secretary" else REPORT_ROLES[who]), (
        response.content
    )
    if who != "secretary":
        assert not Nomination.objects.exists()
        return
    assert response.json()["nominee_name"].endswith("Hoa") and response.json()["state"] == "draft"
    again = _nominate(client, world, scene, who)
    assert again.status_code in (400, 409) and again.json()["detail"]
    assert Nomination.objects.count() == 1


@pytest.mark.parametrize("who", PERSONAS)
def test_sending_and_withdrawing_a_nomination_answer_each_role(client, world, scene, who):
    pk = _nominate(client, world, scene).json()["id"]
    nomination = Nomination.objects.get(pk=pk)
    send = _send(
        client,
        "post",
        f"/api/v1/de-nghi/{pk}/gui/",
        _auth(world, who),
        json={"version": nomination.version, "reason": "Hồ sơ bổ sung sau khi họp xét."},
    )
    assert send.status_code == REPORT_ROLES[who], send.content
    nomination.refresh_from_db()
    if who != "secretary":
        assert nomination.state == "draft"
        withdraw = _send(client, "post", f"/api/v1/de-nghi/{pk}/rut/", _auth(world, who), json={})
        assert withdraw.status_code == REPORT_ROLES[who]
        assert Nomination.objects.get(pk=pk).state == "draft"
        return
    assert nomination.state == "submitted" and send.json()["state"] == "submitted"
    twice = _send(
        client,
        "post",
        f"/api/v1/de-nghi/{pk}/gui/",
        _auth(world, who),
        json={"version": send.json()["version"], "reason": "x"},
    )
    assert twice.status_code == 409 and twice.json()["detail"] == "Đề nghị đã được gửi."
    # A second nomination, then taken back: its quota place is freed.
    Nomination.objects.filter(pk=pk).delete()
    pk = _nominate(client, world, scene).json()["id"]
    withdraw = _send(client, "post", f"/api/v1/de-nghi/{pk}/rut/", _auth(world, who), json={})
    assert withdraw.status_code == 200 and withdraw.json()["state"] == "withdrawn"


# --- background jobs -----------------------------------------------------------------------

UPLOAD_ROLES = {  # documents belong to committees and boards their staff manage
    "officer": 202,
    "leader": 403,
    "secretary": 404,
    "sibling_officer": 404,
    "member": 404,
    "stranger": 404,
}


@pytest.mark.parametrize("who", PERSONAS)
def test_uploading_a_document_starts_a_reading_job_the_status_endpoint_follows(
    client, world, scene, who
):
    response = _upload(client, world, scene, who, world.committee)
    assert response.status_code == UPLOAD_ROLES[who], response.content
    if who != "officer":
        assert not Job.objects.exists() and Document.objects.count() == 1
        return
    job = response.json()
    assert job["kind"] == JobKind.DOCUMENT_IMPORT and job["status"] == JobStatus.SUCCEEDED
    document = Document.objects.get(pk=job["result"]["document"])
    assert document.number == "59-KH/ĐUK"
    status = client.get(f"/api/v1/cong-viec/{job['id']}/", headers=_auth(world, "officer"))
    assert status.status_code == 200 and status.json()["progress"] == 100
    for other in ("leader", "secretary", "sibling_officer", "stranger"):
        seen = client.get(f"/api/v1/cong-viec/{job['id']}/", headers=_auth(world, other))
        assert seen.status_code == 404


def test_an_upload_that_is_not_a_document_is_refused_in_vietnamese(client, world, scene):
    data = {"owner": world.committee.pk, "file": SimpleUploadedFile("a.exe", b"MZ\x90\x00")}
    response = _send(client, "post", "/api/v1/van-ban/", _auth(world, "officer"), data=data)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Chỉ nhận tệp .docx")
    assert response.json()["errors"]["file"] == [response.json()["detail"]]
    assert not Job.objects.exists() and Document.objects.count() == 1


RATINGS_ROLES = {  # ratings are imported by those who manage the scope
    "officer": 202,
    "leader": 403,
    "secretary": 403,
    "sibling_officer": 404,
    "member": 404,
    "stranger": 404,
}


@pytest.mark.parametrize("who", PERSONAS)
def test_a_ratings_workbook_is_imported_as_a_job(client, world, scene, who):
    response = _ratings(client, world, who, world.grassroots)
    assert response.status_code == RATINGS_ROLES[who], response.content
    if who == "officer":
        job = Job.objects.get()
        assert response.json()["id"] == job.pk and job.kind == JobKind.RATINGS_IMPORT
        assert job.finished
    else:
        assert not Job.objects.exists()


ENDPOINTS = [
    ("put", "/api/v1/dot-bao-cao/1/don-vi/1/nhap/"),
    ("post", "/api/v1/dot-bao-cao/1/don-vi/1/nop/"),
    ("post", "/api/v1/khen-thuong/1/don-vi/1/de-nghi/"),
    ("post", "/api/v1/de-nghi/1/gui/"),
    ("post", "/api/v1/de-nghi/1/rut/"),
    ("post", "/api/v1/van-ban/"),
    ("post", "/api/v1/xep-loai/nhap/"),
    ("get", "/api/v1/cong-viec/1/"),
]


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
def test_every_write_endpoint_refuses_no_token_or_a_revoked_one(client, world, method, url):
    assert _send(client, method, url, {}).status_code == 401
    key, token = ApiToken.issue(user=world.secretary, name="cũ")
    token.revoke()
    assert _send(client, method, url, {"Authorization": f"Bearer {key}"}).status_code == 401


def test_writes_are_listed_in_the_openapi_description(client):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert {
        url.replace("/1/", "/{pk}/", 1).replace("/1/", "/{unit_pk}/") for _, url in ENDPOINTS[:3]
    } <= paths
    assert {
        "/api/v1/de-nghi/{pk}/gui/",
        "/api/v1/de-nghi/{pk}/rut/",
        "/api/v1/cong-viec/{pk}/",
    } <= paths


def test_writes_are_throttled_per_token(client, world, scene):
    from lamtheobac.api import writes

    throttle: Any = cast(Any, writes.WRITE_THROTTLE)[0]
    original = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate, throttle.num_requests, throttle.duration = "2/m", 2, 60
    headers = _auth(world, "secretary")
    url = _draft_url(scene, world.grassroots)
    codes, version = [], 0
    try:
        for _ in range(4):
            response = _send(client, "put", url, headers, json={"version": version, "answers": {}})
            codes.append(response.status_code)
            version = response.json().get("version", version)
    finally:
        throttle.rate, throttle.num_requests, throttle.duration = original
    assert codes[:2] == [200, 200] and codes[2:] == [429, 429]


def test_nominating_by_the_api_follows_the_reference_date_as_the_page(client, world):
    """Someone who left the sibling cell after the round's reference date is still its to put
    forward; someone who joined it after that date is refused, with the page's message."""
    import datetime as dt

    from lamtheobac.pledges.actions.memberships import record_transfer
    from lamtheobac.pledges.models import Membership
    from lamtheobac.testing import make_unit
    from lamtheobac.units.models import UnitKind

    cache.clear()
    awards = make_commendation_round(
        committee=world.committee, by=world.officer, reference_date=dt.date(2025, 6, 30)
    )
    left = make_person(unit=world.sibling, given_name="Lan")
    other = make_unit(parent=world.committee, name="Chi bộ Sở Y tế", kind=UnitKind.GRASSROOTS_CELL)
    record_transfer(person=left, to_unit=other, on=dt.date(2025, 9, 1), by=None)
    joined = make_person(unit=world.sibling, given_name="Minh")
    Membership.objects.create(person=joined, unit=world.sibling, start=dt.date(2026, 1, 5))
    url = f"/api/v1/khen-thuong/{awards.pk}/don-vi/{world.sibling.pk}/de-nghi/"
    headers = _auth(world, "sibling_officer")

    refused = _send(client, "post", url, headers, json={"person": joined.pk, "summary": "x"})
    assert refused.status_code == 400
    assert "ngày chốt số liệu của đợt (30/06/2025)" in refused.json()["detail"]
    assert not Nomination.objects.filter(round=awards).exists()
    created = _send(client, "post", url, headers, json={"person": left.pk, "summary": "x"})
    assert created.status_code == 201
    assert Nomination.objects.get(round=awards).nominee_person_id == left.pk
