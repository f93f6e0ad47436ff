"""Operations: the health probe, and log lines as JSON with request id and user, where a
refusal (403) is one line without a traceback (issue 13 §6, §7)."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.db import connection

from lamtheobac.ops.logging import JsonFormatter, QuietRefusals, RequestContext

pytestmark = pytest.mark.django_db


def test_the_health_probe_answers_anyone_with_the_database_and_the_queue(client):
    response = client.get("/suc-khoe/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "queue": "ok", "queued": 0}
    assert "no-cache" in response["Cache-Control"]


def test_the_health_probe_says_503_when_the_database_does_not_answer(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/suc-khoe/")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContext())
    handler.addFilter(QuietRefusals())
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger("django.request"), logging.getLogger("lamtheobac.request")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for lg, level in zip(loggers, levels, strict=True):
        lg.removeHandler(handler)
        lg.setLevel(level)


def test_a_refusal_is_logged_as_json_lines_with_request_id_and_user_and_no_traceback(
    client, world, log_lines
):
    client.force_login(world.stranger)
    response = client.get("/van-ban/nhap/", headers={"X-Request-ID": "abc123def456"})
    assert response.status_code == 403
    assert response["X-Request-ID"] == "abc123def456"
    lines = log_lines()
    refusal = next(line for line in lines if line["logger"] == "django.request")
    assert refusal["level"] == "WARNING" and refusal["status_code"] == 403
    assert "exception" not in refusal and "Traceback" not in json.dumps(refusal)
    assert refusal["request_id"] == "abc123def456"
    assert refusal["user"] == world.stranger.username
    access = next(line for line in lines if line["logger"] == "lamtheobac.request")
    assert access["status"] == 403 and access["path"] == "/van-ban/nhap/"
    assert access["user"] == world.stranger.username and access["duration_ms"] >= 0


def test_a_request_without_an_id_gets_a_fresh_one(client):
    first = client.get("/dang-nhap/")["X-Request-ID"]
    second = client.get("/dang-nhap/", headers={"X-Request-ID": "<script>"})["X-Request-ID"]
    assert len(first) == 32 and len(second) == 32 and first != second
