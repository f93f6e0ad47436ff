"""``lamtheobac backup`` then ``lamtheobac restore`` into a fresh data directory and an empty
database: every model's row count and every stored file's SHA-256 come back (issue 13 §4),
on SQLite and, when the suite runs there, on PostgreSQL (pg_dump / pg_restore)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from lamtheobac.documents.actions import documents
from lamtheobac.jobs import runner
from lamtheobac.jobs.models import JobKind
from lamtheobac.ops.backup import inventory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """The DATABASE_URL of an empty database of the suite's vendor."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored' / 'db.sqlite3'}"
        return
    s = connection.settings_dict
    name = f"{s['NAME']}_restore"[:63]
    server = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    with psycopg.connect(
        f"{server}/postgres", autocommit=True, password=s["PASSWORD"] or None
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(
            f"{server}/postgres", autocommit=True, password=s["PASSWORD"] or None
        ) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _restore(archive: Path, data_dir: Path, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LAMTHEOBAC_", "DATABASE_"))}
    env.update(LAMTHEOBAC_DATA_DIR=str(data_dir), DATABASE_URL=database_url)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return subprocess.run(
        [sys.executable, "-m", "lamtheobac.cli", "restore", str(archive), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


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

    restored = _restore(archive, tmp_path / "restored", empty_database)
    assert restored.returncode == 0, restored.stderr
    after = json.loads(restored.stdout)
    assert after == before
    assert (tmp_path / "restored" / "media").is_dir()

    again = _restore(archive, tmp_path / "restored", empty_database)
    assert again.returncode != 0
    assert "đã có dữ liệu" in again.stderr
