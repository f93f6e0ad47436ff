"""A real worker process killed in the middle of an import (issue 13 §2): the job ends marked
failed, nothing of the import is stored, and the retry imports the same file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from lamtheobac.audit.models import AuditEvent
from lamtheobac.documents.models import Citation, Deadline, Document
from lamtheobac.jobs import runner
from lamtheobac.jobs.models import Job, JobKind, JobStatus
from lamtheobac.testing import sqlite_on_disk

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True, scope="module")
def _sqlite_on_disk(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), sqlite_on_disk(tmp_path_factory.mktemp("crash")):
        yield


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _worker(data_dir: Path, *args: str, **env: str) -> subprocess.Popen[bytes]:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("LAMTHEOBAC_")},
        "DATABASE_URL": _database_url(),
        "LAMTHEOBAC_DATA_DIR": str(data_dir),  # MEDIA_ROOT = data_dir / "media", as in the test
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "lamtheobac.cli", "worker", *args],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _kill_at_pause(tmp_path: Path) -> None:
    """Start a worker that pauses at LAMTHEOBAC_JOBS_PAUSE_FILE, wait for the pause, SIGKILL it."""
    pause = tmp_path / "paused"
    worker = _worker(tmp_path, LAMTHEOBAC_JOBS_PAUSE_FILE=str(pause))
    deadline = time.monotonic() + 120
    while not pause.exists() and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.2)
    assert pause.exists(), worker.stdout.read().decode() if worker.stdout else ""
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)


def _stored() -> tuple[int, int, int, int]:
    return (
        Document.objects.count(),
        Citation.objects.count(),
        Deadline.objects.count(),
        AuditEvent.objects.filter(action="document.imported").count(),
    )


def test_a_worker_killed_mid_import_leaves_the_job_failed_nothing_stored_and_retry_succeeds(
    world, settings, tmp_path, seed_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert tmp_path / "media" == settings.MEDIA_ROOT
    data = seed_path("003").read_bytes()
    job = runner.start(
        kind=JobKind.DOCUMENT_IMPORT,
        by=world.officer,
        unit=world.committee,
        upload=SimpleUploadedFile("59-KH-DUK.txt", data),
        params={"owner": world.committee.pk},
    )
    assert job.status == JobStatus.QUEUED

    # The worker has written the document, its citations, deadlines and audit event inside
    # its transaction, and waits before committing: kill it there.
    _kill_at_pause(tmp_path)
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING  # what the dead worker left
    assert _stored() == (0, 0, 0, 0)

    # The next worker start marks the abandoned job failed, then finds the queue empty.
    sweep = _worker(tmp_path, "--batch")
    assert sweep.wait(timeout=120) == 0, sweep.stdout.read().decode() if sweep.stdout else ""
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "dừng giữa chừng" in job.error and "Thử lại" in job.error
    assert _stored() == (0, 0, 0, 0)

    runner.retry(job)
    again = _worker(tmp_path, "--batch")
    assert again.wait(timeout=120) == 0, again.stdout.read().decode() if again.stdout else ""
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.attempts == 2
    document = Document.objects.get()
    assert document.number == "59-KH/ĐUK"
    assert job.result_url == f"/van-ban/{document.pk}/"
    assert Citation.objects.count() > 0
    assert Job.objects.get(pk=job.pk).progress == 100


def test_a_worker_killed_mid_reminding_has_sent_nothing_and_the_retry_reminds_once(
    world, settings, tmp_path
):
    from lamtheobac.notifications.models import Notification
    from lamtheobac.testing import make_round

    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots, world.sibling]
    )
    reminders = Notification.objects.filter(message__startswith="Đề nghị")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = runner.start(
        kind=JobKind.REMINDERS, by=world.officer, unit=world.committee, params={"round": round.pk}
    )
    # Notifications and the audit event are written, the mails wait for the commit: kill.
    _kill_at_pause(tmp_path)
    mails = tmp_path / "mail"
    assert not reminders.exists() and not AuditEvent.objects.filter(action__endswith="reminded")
    assert not mails.exists() or not any(mails.iterdir())

    sweep = _worker(tmp_path, "--batch")
    assert sweep.wait(timeout=120) == 0, sweep.stdout.read().decode() if sweep.stdout else ""
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "dừng giữa chừng" in job.error
    for _ in range(2):  # retried, then (say the worker died after the commit) retried again
        Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
        runner.retry(job)
        again = _worker(tmp_path, "--batch")
        assert again.wait(timeout=120) == 0, again.stdout.read().decode() if again.stdout else ""
        job.refresh_from_db()
        assert job.status == JobStatus.SUCCEEDED, job.error
    assert sorted(job.result["unit_ids"]) == sorted([world.grassroots.pk, world.sibling.pk])
    assert reminders.filter(user=world.secretary).count() == 1
    assert AuditEvent.objects.filter(action="reporting_round.reminded").count() == 1
    assert len(list(mails.iterdir())) == 1  # one mail file: the one batch the commit released


def test_a_worker_killed_mid_export_leaves_nothing_to_download_and_the_retry_builds_the_file(
    client, world, settings, tmp_path
):
    # A round past JOBS_BACKGROUND_UNITS (200) exports its consolidated .docx in the worker.
    import io

    import docx
    from django.urls import reverse

    from lamtheobac.drafting.tests.builders import reporting_round
    from lamtheobac.drafting.tests.client import form_data

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    round = reporting_round(world, units=settings.JOBS_BACKGROUND_UNITS + 1, submitted=3)
    client.force_login(world.officer)
    url = reverse("drafting:draft", args=["consolidated", round.pk])
    saved = client.post(url, form_data(client, url, name="Phạm Sáu"))
    started = client.get(saved["Location"])
    job = Job.objects.get(kind=JobKind.EXPORT)
    assert started.status_code == 303 and job.status == JobStatus.QUEUED
    download = reverse("jobs:download", args=[job.pk])
    media = tmp_path / "media"

    def visible_files() -> list[Path]:  # what storage holds under a name (not a hidden part)
        return [p for p in media.rglob("*") if p.is_file() and not p.name.startswith(".")]

    # The document is built and written to its hidden part file, not yet in place: kill.
    _kill_at_pause(tmp_path)
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING and not job.result_file
    assert [p.name for p in media.rglob("*.part")]  # the worker did get that far
    assert visible_files() == []
    assert client.get(download).status_code == 404

    sweep = _worker(tmp_path, "--batch")
    assert sweep.wait(timeout=120) == 0, sweep.stdout.read().decode() if sweep.stdout else ""
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "dừng giữa chừng" in job.error
    assert client.get(download).status_code == 404

    assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 303
    again = _worker(tmp_path, "--batch")
    assert again.wait(timeout=120) == 0, again.stdout.read().decode() if again.stdout else ""
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.attempts == 2
    assert [p.name for p in visible_files()] == [Path(str(job.result_file.name)).name]
    assert list(media.rglob("*.part")) == []  # the retry's own part was linked, then removed
    response = client.get(download)
    assert response.status_code == 200
    report = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in report.paragraphs)
    assert f"3/{settings.JOBS_BACKGROUND_UNITS + 1} đơn vị" in text
    assert len(report.tables[-2].rows) == settings.JOBS_BACKGROUND_UNITS + 2  # header + units
