"""Docstrings cite documents that are in the repository (issue 7 §4): a maintainer who clones
it can follow every "docs/domain.md §5" or "docs/party-format.md §10"."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CITED = re.compile(r"docs/(domain|party-format)\.md ?§ ?(\d+(?:\.\d+)?)")
OUTSIDE = re.compile(r"\b(DESIGN|STYLE)\.md\b|party-document-format\.md")


def _sources() -> list[Path]:
    return [
        p
        for p in (ROOT / "lamtheobac").rglob("*")
        if p.suffix in {".py", ".html"} and "corpus" not in p.parts
    ]


def _sections(name: str) -> set[str]:
    text = (ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8")
    return set(re.findall(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", text, flags=re.M))


def test_no_docstring_cites_a_document_outside_the_repository() -> None:
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in _sources()
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offenders == []


def test_every_cited_section_exists() -> None:
    sections = {name: _sections(name) for name in ("domain", "party-format")}
    assert {"4.6", "5"} <= sections["domain"] and {"10", "14.1"} <= sections["party-format"]
    missing = set()
    for p in _sources():
        for doc, number in CITED.findall(p.read_text(encoding="utf-8")):
            top = number.split(".")[0]
            if number not in sections[doc] and top not in sections[doc]:
                missing.add(f"{doc} §{number} ({p.relative_to(ROOT)})")
    assert sorted(missing) == []
