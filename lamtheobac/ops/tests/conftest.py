"""Fixtures of the backup tests: an empty database of the suite's vendor, and ``restore``
run as a fresh process into a fresh data directory."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection


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


def restore_into(
    archive: Path, data_dir: Path, database_url: str
) -> subprocess.CompletedProcess[str]:
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
