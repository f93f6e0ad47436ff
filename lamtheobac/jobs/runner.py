"""Start, run, retry and recover background jobs (ADR 0008).

``start`` stores the upload and enqueues ``tasks.run_job`` on django-tasks' queue;
``execute`` (in the worker) calls the kind's handler with a ``step(percent, stage)``
callback; ``fail_abandoned`` marks failed the jobs whose worker died. Handlers raise
DomainError for a Vietnamese refusal; their writes are one transaction, so a failed or killed
job stores nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from lamtheobac.core.errors import DomainError
from lamtheobac.jobs.models import Job, JobKind, JobStatus

logger = logging.getLogger(__name__)

Step = Callable[[int, str], None]
Handler = Callable[[Job, bytes, Step], tuple[dict[str, Any], str]]
HANDLERS: dict[str, Handler] = {}

ABANDONED = (
    "Tiến trình xử lý nền đã dừng giữa chừng (máy chủ khởi động lại hoặc hết bộ nhớ). "
    "Không có dữ liệu nào được lưu; hãy bấm “Thử lại”."
)
UNEXPECTED = (
    "Có lỗi không mong đợi khi xử lý; không có dữ liệu nào được lưu. Lỗi đã được ghi lại "
    "để quản trị viên kiểm tra; hãy thử lại sau."
)
OUT_OF_MEMORY = (
    "Tệp cần quá nhiều bộ nhớ để xử lý nên đã bị từ chối; không có dữ liệu nào được lưu."
)


class JobRefused(DomainError):
    """A refusal with details for the job's page (e.g. the bad rows of an import)."""

    def __init__(self, message: str, result: dict[str, Any]) -> None:
        super().__init__(message)
        self.result = result


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of ``kind``."""

    def register(function: Handler) -> Handler:
        HANDLERS[kind] = function
        return function

    return register


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def start(
    *,
    kind: JobKind,
    by: Any,
    unit: Any = None,
    upload: UploadedFile | None = None,
    params: dict[str, Any] | None = None,
) -> Job:
    """Create a Job (keeping ``upload`` through the storage API) and enqueue it.

    With the database task backend the job runs in ``lamtheobac worker``; with the immediate
    backend (tests) it has run when this returns. Returns the Job, reloaded.
    """
    job = Job(kind=kind, created_by=by, unit=unit, params=params or {})
    if upload is not None:
        job.file_name = (upload.name or "tep")[:255]
        job.file.save(job.file_name, upload, save=False)
    job.save()
    _enqueue(job)
    job.refresh_from_db()
    return job


def _enqueue(job: Job) -> None:
    from lamtheobac.jobs.tasks import run_job

    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def retry(job: Job) -> Job:
    """Queue a failed job again with the same input; other states are left alone.

    An export's file from the failed attempt (if it got that far) is forgotten and deleted:
    the retry writes its own."""
    stale = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).values_list(
        "result_file", flat=True
    )
    old_file = stale.first()
    updated = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED,
        progress=0,
        stage="",
        error="",
        result={},
        result_file="",
        result_name="",
        finished_at=None,
    )
    if updated:
        if old_file:
            job.result_file.storage.delete(old_file)
        _enqueue(job)
    job.refresh_from_db()
    return job


def execute(job_id: int) -> None:
    """Run one job (in the worker). Never raises for a refusal: the job records it."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.finished:
        return
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        worker=worker_name(),
        attempts=job.attempts + 1,
        progress=1,
        stage="Bắt đầu xử lý",
    )

    def step(percent: int, stage: str) -> None:
        # Inside the job's own transaction a step is seen only after the commit.
        Job.objects.filter(pk=job.pk).update(
            progress=max(1, min(99, percent)), stage=stage[:200], heartbeat_at=timezone.now()
        )

    try:
        data = b""
        if job.file:
            with job.file.open("rb") as stream:
                data = stream.read()
        result, url = HANDLERS[job.kind](job, data, step)
    except DomainError as exc:
        details = exc.result if isinstance(exc, JobRefused) else None
        _finish(job, JobStatus.FAILED, error=exc.message, result=details)
    except MemoryError:
        logger.warning("job %s ran out of memory", job.pk)
        _finish(job, JobStatus.FAILED, error=OUT_OF_MEMORY)
    except Exception:
        logger.exception("job %s failed", job.pk)
        _finish(job, JobStatus.FAILED, error=UNEXPECTED)
    else:
        _finish(job, JobStatus.SUCCEEDED, result=result, url=url)


def _finish(
    job: Job, status: str, *, error: str = "", result: dict[str, Any] | None = None, url: str = ""
) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=status,
        progress=100 if status == JobStatus.SUCCEEDED else job.progress,
        stage="",
        error=error,
        result=result or {},
        result_url=url,
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )


def checkpoint() -> None:
    """A point inside a job's write transaction where a crash test may stop the worker.

    With ``LAMTHEOBAC_JOBS_PAUSE_FILE`` set (crash tests only), touch that file and wait, so
    the test can kill the worker with rows written but not committed."""
    if pause := os.environ.get("LAMTHEOBAC_JOBS_PAUSE_FILE"):
        Path(pause).touch()
        time.sleep(600)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fail_abandoned(*, stale_after: dt.timedelta | None = None) -> int:
    """Mark failed the running jobs whose worker is gone: a dead process on this host, or no
    heartbeat for ``stale_after`` (``JOBS_STALE_SECONDS``, default one hour) on any host.
    Returns how many were marked. Their transactions were rolled back by the database."""
    stale_after = stale_after or dt.timedelta(seconds=settings.JOBS_STALE_SECONDS)
    host = socket.gethostname()
    now = timezone.now()
    abandoned = []
    for job in Job.objects.filter(status=JobStatus.RUNNING).only("pk", "worker", "heartbeat_at"):
        job_host, _, pid = job.worker.rpartition(":")
        dead_here = job_host == host and pid.isdigit() and not _pid_alive(int(pid))
        silent = job.heartbeat_at is None or now - job.heartbeat_at > stale_after
        if dead_here or silent:
            abandoned.append(job.pk)
    if not abandoned:
        return 0
    count = Job.objects.filter(pk__in=abandoned, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED, error=ABANDONED, finished_at=now, stage=""
    )
    _fail_task_rows(abandoned)
    logger.warning("marked %s abandoned job(s) failed: %s", count, abandoned)
    return count


def _fail_task_rows(job_ids: list[int]) -> None:
    """The queue's own rows for those jobs: RUNNING → FAILED, so nothing shows them running."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    task_ids = list(Job.objects.filter(pk__in=job_ids).values_list("task_id", flat=True))
    DBTaskResult.objects.filter(id__in=task_ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now()
    )
