"""``make eval`` in CI: the reader meets its accuracy targets on the labelled corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lamtheobac.reading.evaluate import (
    FIELDS,
    PROVISIONAL,
    TARGETS,
    corpus_documents,
    evaluate,
    format_report,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def report():
    return evaluate(CORPUS)


def test_the_corpus_has_the_seeds_and_at_least_25_more_documents():
    stems = {doc.name.split(".")[0] for doc, _ in corpus_documents(CORPUS)}
    assert {f"seed_00{i}" for i in range(5)} <= stems
    assert len(stems) >= 30
    suffixes = {doc.suffix for doc, _ in corpus_documents(CORPUS)}
    assert {".txt", ".docx"} <= suffixes


def test_every_gold_file_has_every_field():
    for _, gold in corpus_documents(CORPUS):
        data = json.loads(gold.read_text(encoding="utf-8"))
        assert set(data) == {f for f in FIELDS if f != "signer.name"} | {"signer"}, gold.name


def test_every_document_is_read(report):
    assert report.errors == {}


@pytest.mark.parametrize("field", [f for f in TARGETS if f not in PROVISIONAL])
def test_the_reader_meets_its_target(report, field):
    assert report.totals[field].f1 >= TARGETS[field], format_report(report, verbose=True)


@pytest.mark.parametrize("field", PROVISIONAL)
def test_tasks_and_quotas_are_read_from_the_seeds_and_meet_their_target(report, field):
    assert report.enforced(field)
    assert report.totals[field].f1 >= TARGETS[field], format_report(report, verbose=True)
