"""Limits a hostile request meets (issue 13 §7): the request size cap decided before the body
is read, no-store on signed-in pages, a content security policy, 8-hour sessions, and a
documents list that never loads full texts."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lamtheobac.documents.actions import documents
from lamtheobac.documents.models import Document
from lamtheobac.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_a_300_mb_upload_is_refused_before_its_body_is_read_or_stored(
    client, world, monkeypatch, tmp_path
):
    def never(*args, **kwargs):
        raise AssertionError("the body must not reach the upload handlers")

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", never)
    monkeypatch.setattr(MemoryFileUploadHandler, "new_file", never)
    client.force_login(world.officer)
    response = client.post(
        "/van-ban/nhap/",
        {"owner": world.committee.pk, "file": SimpleUploadedFile("lon.txt", b"x" * 1000)},
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Yêu cầu quá lớn: tối đa 52 MB" in page and "Không có gì được lưu" in page
    assert not Job.objects.exists() and not Document.objects.exists()
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.*"))


def test_a_request_under_the_cap_goes_through(client, world):
    client.force_login(world.officer)
    response = client.post(
        "/van-ban/nhap/",
        {"owner": world.committee.pk, "file": SimpleUploadedFile("kh.txt", "KẾ HOẠCH".encode())},
    )
    assert response.status_code != 413


def test_signed_in_pages_are_never_stored_by_a_cache(client, world):
    assert "no-store" not in client.get("/static/css/app.css").get("Cache-Control", "")
    client.force_login(world.officer)
    for url in ("/", "/van-ban/", "/bao-cao/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url


def test_every_page_carries_a_content_security_policy_without_inline_scripts(client):
    policy = client.get("/dang-nhap/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_a_session_lasts_eight_hours_unless_configured():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_the_documents_list_never_loads_a_documents_full_text(client, world, seed_path):
    documents.import_document(
        owner=world.committee,
        data=seed_path("003").read_bytes(),
        filename="kh.txt",
        by=world.officer,
    )
    client.force_login(world.officer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/van-ban/")
    assert response.status_code == 200 and "59-KH/ĐUK" in response.content.decode()
    document_queries = [q["sql"] for q in queries if 'FROM "documents_document"' in q["sql"]]
    assert document_queries
    for sql in document_queries:
        assert '"documents_document"."text"' not in sql
        assert '"documents_document"."extraction"' not in sql
