"""``GET /suc-khoe/``: is this server able to work? (issue 13 §6; for the load balancer)."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

logger = logging.getLogger(__name__)


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD"])
def health(request: HttpRequest) -> JsonResponse:
    """200 {"database": "ok", "queue": "ok", "queued": n} when the database answers and the
    task queue's table is readable; 503 with the failing part otherwise. Tells nothing else."""
    status = {"database": "ok", "queue": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health: database unreachable")
        return JsonResponse({"database": "error", "queue": "unknown"}, status=503)
    try:
        from django_tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
    except Exception:
        logger.exception("health: task queue unreachable")
        return JsonResponse({**status, "queue": "error"}, status=503)
    return JsonResponse({**status, "queued": queued})
