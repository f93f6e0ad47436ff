"""Structured logs (issue 13 §6): one JSON object per line on stdout, each carrying the
request id and the signed-in user of the request it was written in.

``RequestContextMiddleware`` takes the proxy's ``X-Request-ID`` (or makes one), returns it in
the response, and logs one ``lamtheobac.request`` line per request (method, path, status,
duration in ms). ``JsonFormatter`` writes the records; ``QuietRefusals`` drops the
traceback Django attaches to 403/404 log lines (a refusal is not an error).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
request_user: contextvars.ContextVar[str] = contextvars.ContextVar("request_user", default="")

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access = logging.getLogger("lamtheobac.request")


class RequestContext(logging.Filter):
    """Adds ``request_id`` and ``user`` to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        record.user = request_user.get()
        return True


class QuietRefusals(logging.Filter):
    """403 and 404 are logged as one line, without the exception's traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in {403, 404}:
            record.exc_info = None
            record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
            "user": getattr(record, "user", ""),
        }
        for key in ("method", "path", "status", "duration_ms", "status_code"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("x-request-id", "")
        rid = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        id_token = request_id.set(rid)
        user_token = request_user.set("")
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                request_user.set(user.get_username())
            response["X-Request-ID"] = rid
            access.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(id_token)
            request_user.reset(user_token)


class SetUserMiddleware:
    """After authentication: the user is known for every log line of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request_user.set(user.get_username())
        return self.get_response(request)
