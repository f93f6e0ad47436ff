"""``docs/transitions.md`` is generated from the declared transition tables, so it cannot
go stale: this test compares it with the tables and, when they differ, rewrites it and fails
(commit the rewritten file). To regenerate: ``.venv/bin/pytest
lamtheobac/core/tests/test_transitions_doc.py``."""

from __future__ import annotations

from pathlib import Path

from lamtheobac.core.transitions import workflows

DOC = Path(__file__).resolve().parents[3] / "docs" / "transitions.md"

HEADER = """# State transitions

Generated from the `workflow` table each stateful model declares
(`lamtheobac/core/transitions.py`); do not edit by hand. To regenerate after changing a
table, run `.venv/bin/pytest lamtheobac/core/tests/test_transitions_doc.py` (it rewrites
this file when it is stale and fails once; commit the result).

Every state change goes through `core.transitions.perform` (or `perform_many` for bulk
changes): it locks the row, checks the version the user saw, the current state and the
caller's right through the one policy (`units.policy`), bumps the version and writes one
audit event named `<key>.<transition>`. "Who" is the policy action the caller needs on the
unit reached from the object (`unit`, `committee`, `round.committee`).
"""


def render() -> str:
    parts = [HEADER]
    for model, wf in workflows():
        states = ", ".join(f"`{value}` ({label})" for value, label in wf.states.choices)
        parts.append(
            f"\n## {model._meta.verbose_name} — `{wf.key}` "
            f"(`{model._meta.label}`)\n\n"
            f"States: {states}. Initial: `{wf.initial}`.\n\n"
            "| transition | label | from | to | who | audit action |\n"
            "| --- | --- | --- | --- | --- | --- |\n"
        )
        for row in wf.table():
            sources = ", ".join(f"`{s}`" for s in row["from"].split(", "))
            parts.append(
                f"| `{row['name']}` | {row['label']} | {sources} | `{row['to']}` "
                f"| {row['who']} | `{wf.audit_action(row['name'])}` |\n"
            )
    return "".join(parts)


def test_the_transitions_document_matches_the_declared_tables():
    expected = render()
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if current != expected:
        DOC.write_text(expected, encoding="utf-8")
    assert current == expected, f"{DOC} was stale and has been rewritten: commit it."
