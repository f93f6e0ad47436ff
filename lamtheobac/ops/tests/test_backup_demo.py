"""The whole demo (``lamtheobac demo``'s world: units, people, six years of ratings, the
seed documents with their stored sources, rounds, pledges, programme) survives
``lamtheobac backup`` → ``lamtheobac restore`` into a fresh data directory and an empty
database: the same rows per model and the same SHA-256 for every stored file (issue 13 §4).
Runs on the suite's database: SQLite, or PostgreSQL when DATABASE_URL points there."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from lamtheobac.demo.builder import build_demo_committee
from lamtheobac.ops.backup import inventory
from lamtheobac.ops.tests.conftest import restore_into

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_full_demo_round_trips_through_backup_and_restore(tmp_path, empty_database):
    demo = build_demo_committee()
    before = inventory()
    # The demo really is in it: every kind of data the demo builds, and its uploaded files.
    assert before["rows"]["units.unit"] == demo.unit_count
    assert before["rows"]["units.person"] == demo.person_count
    assert before["rows"]["ratings.rating"] >= demo.rating_count > 0
    assert before["rows"]["documents.document"] == demo.document_count >= 5
    assert before["rows"]["reporting.unitreport"] > 0
    assert len(before["files"]) >= demo.document_count

    archive = tmp_path / "demo.tar.gz"
    call_command("backup", str(archive))

    restored = restore_into(archive, tmp_path / "restored", empty_database)
    assert restored.returncode == 0, restored.stderr
    after = json.loads(restored.stdout)
    assert after["rows"] == before["rows"]
    assert after["files"] == before["files"]
    for name, sha in before["files"].items():
        assert (tmp_path / "restored" / "media" / name).is_file(), name
        assert after["files"][name] == sha
