"""``lamtheobac backup`` then ``lamtheobac restore`` into a fresh data directory and an empty
database: every model's row count and every stored file's SHA-256 come back (issue 13 §4),
on SQLite and, when the suite runs there, on PostgreSQL (pg_dump / pg_restore)."""

from __future__ import annotations

import json
import tarfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from lamtheobac.documents.actions import documents
from lamtheobac.jobs import runner
from lamtheobac.jobs.models import JobKind
from lamtheobac.ops.backup import inventory
from lamtheobac.ops.tests.conftest import restore_into

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_restored_into_a_fresh_data_directory_has_the_same_rows_and_files(
    world, seed_path, tmp_path, empty_database
):
    documents.import_document(
        owner=world.committee,
        data=seed_path("003").read_bytes(),
        filename="59-KH-DUK.txt",
        by=world.officer,
    )
    runner.start(
        kind=JobKind.DOCUMENT_IMPORT,
        by=world.officer,
        unit=world.committee,
        upload=SimpleUploadedFile("545-CV.txt", seed_path("001").read_bytes()),
        params={"owner": world.committee.pk},
    )
    before = inventory()
    assert before["rows"]["documents.document"] == 2
    assert len(before["files"]) == 3  # two documents' sources and the job's input

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert ("db.sqlite3" if connection.vendor == "sqlite" else "database.dump") in names
    assert sum(n.startswith("files/") for n in names) == 3
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    restored = restore_into(archive, tmp_path / "restored", empty_database)
    assert restored.returncode == 0, restored.stderr
    after = json.loads(restored.stdout)
    assert after == before
    assert (tmp_path / "restored" / "media").is_dir()

    again = restore_into(archive, tmp_path / "restored", empty_database)
    assert again.returncode != 0
    assert "đã có dữ liệu" in again.stderr
