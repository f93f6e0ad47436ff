"""The worker's memory ceiling (issue 13 §7): a job that runs out of memory fails with a
Vietnamese message and stores nothing; ``limit_memory`` really caps the process."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lamtheobac.documents.models import Document
from lamtheobac.jobs import runner
from lamtheobac.jobs.models import JobKind, JobStatus

pytestmark = pytest.mark.django_db


def test_a_job_that_runs_out_of_memory_fails_in_vietnamese_and_stores_nothing(world, monkeypatch):
    def greedy(job, data, step):
        raise MemoryError

    import lamtheobac.jobs.handlers  # noqa: F401  (registers the real ones first)

    monkeypatch.setitem(runner.HANDLERS, JobKind.DOCUMENT_IMPORT, greedy)
    job = runner.start(
        kind=JobKind.DOCUMENT_IMPORT,
        by=world.officer,
        unit=world.committee,
        upload=SimpleUploadedFile("bom.docx", b"PK\x03\x04"),
        params={"owner": world.committee.pk},
    )
    assert job.status == JobStatus.FAILED
    assert job.error == runner.OUT_OF_MEMORY and "quá nhiều bộ nhớ" in job.error
    assert not Document.objects.exists()


def test_the_worker_memory_ceiling_stops_an_allocation_past_it():
    script = (
        "from lamtheobac.jobs.limits import limit_memory\n"
        "limit_memory(400)\n"
        "try:\n"
        "    block = bytearray(600 * 1024 * 1024)\n"
        "except MemoryError:\n"
        "    print('refused')\n"
        "else:\n"
        "    print('allocated')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == "refused", result.stderr
