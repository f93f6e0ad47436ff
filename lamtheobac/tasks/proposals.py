"""The review step's rows: a plan's extracted tasks proposed as tracked tasks (issue 9 §1).

The reader (``reading/tasks.py``) finds who leads, who supports and a due date inside the
task's own words; a plan often puts the time in the section's last line ("2.4. Thời gian
thực hiện: Hằng quý", "4.4. … Thường xuyên") or assigns work in a labelled item with a
deadline ("a. Ban Tuyên giáo Thị ủy: … Thời gian thực hiện Quý II/2022", seed 004 §II.1.2.a).
So each extracted task takes the first time mark (a deadline or a recurrence) between its
start and the next task's start when its own words carry none, and each deadline that names
a body (``who``) and belongs to no task becomes a task of its own. Body names are matched to
units of the issuing committee's tree; staff correct everything in the review form.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from lamtheobac.core.vietnamese import nfc
from lamtheobac.documents.models import Document
from lamtheobac.units.models import Unit, UnitKind


@dataclass
class Proposal:
    """One row of the review form, as proposed (everything editable)."""

    key: str
    text: str
    lead_name: str
    lead: Unit | None
    support_names: list[str]
    supports: list[Unit]
    due: dt.date | None
    due_exclusive: bool
    due_text: str
    recurrence: str  # Recurrence value
    span: tuple[int, int] | None = None
    merge_into: int | None = field(default=None)
    keep: bool = True


def issuing_unit(document: Document) -> Unit:
    """The committee whose tree a plan's tasks are assigned in: the owner, or the committee
    above a board that owns it."""
    owner = document.owner
    if owner.kind == UnitKind.COMMITTEE:
        return owner
    parent = owner.get_parent()
    return parent if parent is not None else owner


def _norm(name: str) -> str:
    value = nfc(name).replace("*", " ").casefold()
    value = re.sub(r"^(?:giao\s+(?:cho\s+)?)", "", value.strip())
    return re.sub(r"\s+", " ", value).strip(" ,.;:")


class UnitMatcher:
    """Match a body's name as written to a unit of a tree: exact name or short name first,
    then a unique unit whose name starts with the words written. Unknown → None."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.exact: dict[str, Unit] = {}
        for unit in units:
            for name in (unit.name, unit.short_name):
                if name:
                    self.exact.setdefault(_norm(name), unit)

    def match(self, name: str | None) -> Unit | None:
        if not name:
            return None
        key = _norm(name)
        if key in self.exact:
            return self.exact[key]
        starts = [u for u in self.units if _norm(u.name).startswith(key) and len(key) > 6]
        return starts[0] if len(starts) == 1 else None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, (len(text) if hi < 0 else hi)


_MARK = re.compile(
    r"^[\s*]*(?:[IVX]+\s*[-.]|\d{1,2}(?:\.\d{1,2})*\s*[-.)]|[a-zđ]\s*[.)]|[-–+•])\s*"
)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _MARK.sub("", text.replace("*", ""))).strip()


_TIME_LINE = re.compile(
    r"^[\s*]*(?:\d{1,2}(?:\.\d{1,2})*\.?\s*)?Thời\s+(?:gian|hạn)\b", re.IGNORECASE
)


def _line_of(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1 : pos + 1]


def _section_end(text: str, start: int, limit: int) -> int:
    """Where the numbered section a heading task opens ends ("2. …" runs to "3. …" or the
    next Roman heading); ``start`` itself for a task that is not a section heading."""
    line_start = text.rfind("\n", 0, start) + 1
    head = re.match(r"[\s*]*(\d{1,2})\.\s", text[line_start : start + 1])
    if head is None:
        return start
    n = int(head.group(1))
    nxt = re.compile(rf"\n[\s*]*(?:{n + 1}\.\s|[IVX]+\s*[-.])")
    found = nxt.search(text, start, limit)
    return found.start() if found else limit


def proposals_for(document: Document) -> list[Proposal]:
    """The proposed tasks of ``document`` in text order (see the module docstring)."""
    ex = document.extraction or {}
    text = document.text
    units = list(Unit.objects.subtree(issuing_unit(document)).filter(is_active=True))
    matcher = UnitMatcher(units)
    tasks = sorted(ex.get("tasks", []), key=lambda t: t["span"][0])
    marks: list[dict[str, Any]] = []
    for i, d in enumerate(ex.get("deadlines", [])):
        marks.append({"kind": "deadline", "id": f"d{i}", **d})
    for i, r in enumerate(ex.get("recurring", [])):
        marks.append({"kind": "recurring", "id": f"r{i}", **r})
    marks.sort(key=lambda m: m["span"][0])
    used: set[str] = set()
    end_of_body = text.find("Nơi nhận")
    end_of_body = len(text) if end_of_body < 0 else end_of_body
    rows: list[Proposal] = []
    for n, t in enumerate(tasks):
        start, end = t["span"]
        region_end = tasks[n + 1]["span"][0] if n + 1 < len(tasks) else end_of_body
        region_end = max(region_end, _section_end(text, start, end_of_body))
        inside = [m for m in marks if start <= m["span"][0] < end]
        due, exclusive, due_text, recurrence = _date(t.get("due")), False, "", "once"
        chosen = None
        if due is not None:
            chosen = next(
                (m for m in inside if m["kind"] == "deadline" and m["due"] == t["due"]), None
            )
        else:
            region = [
                m for m in marks if start <= m["span"][0] < region_end and m["id"] not in used
            ]
            timed = [m for m in region if _TIME_LINE.match(_line_of(text, m["span"][0]))]
            chosen = (timed or region)[0] if (timed or region) else None
        if chosen is not None:
            if chosen["kind"] == "deadline":
                used.add(chosen["id"])  # a section's recurrence may serve several tasks
            due_text = chosen["text"]
            if chosen["kind"] == "deadline":
                due, exclusive = _date(chosen["due"]), bool(chosen["exclusive"])
            else:
                due, recurrence = None, chosen["frequency"]
        rows.append(
            Proposal(
                key=f"t{n}",
                text=_clean(t["text"]),
                lead_name=t.get("lead") or "",
                lead=matcher.match(t.get("lead")),
                support_names=list(t.get("support") or []),
                supports=[u for u in map(matcher.match, t.get("support") or []) if u],
                due=due,
                due_exclusive=exclusive,
                due_text=due_text,
                recurrence=recurrence,
                span=(start, end),
            )
        )
    spans = [r.span for r in rows if r.span]
    for m in marks:
        if m["kind"] != "deadline" or not m.get("who") or m["id"] in used:
            continue
        if any(lo <= m["span"][0] < hi for lo, hi in spans):
            continue
        lo, hi = _paragraph(text, *m["span"])
        rows.append(
            Proposal(
                key=m["id"],
                text=_clean(text[lo:hi]),
                lead_name=m["who"],
                lead=matcher.match(m["who"]),
                support_names=[],
                supports=[],
                due=_date(m["due"]),
                due_exclusive=bool(m["exclusive"]),
                due_text=m["text"],
                recurrence="once",
                span=(lo, hi),
            )
        )
    rows.sort(key=lambda r: r.span[0] if r.span else 0)
    return rows


def merge(rows: list[Proposal]) -> list[Proposal]:
    """Fold each row with ``merge_into`` (a 1-based row number) into that row: its text is
    appended, its supports joined; the earliest due date wins. Chains are followed; a row
    merged into itself or into a missing row is kept as is."""
    by_number = {i: row for i, row in enumerate(rows, start=1)}

    def target(i: int) -> int:
        seen = {i}
        while (nxt := by_number[i].merge_into) and nxt in by_number and nxt not in seen:
            seen.add(nxt)
            i = nxt
        return i

    kept: dict[int, Proposal] = {}
    for i, row in by_number.items():
        t = target(i)
        if t == i:
            kept.setdefault(i, row)
            continue
        into = kept.setdefault(t, by_number[t])
        into.text = f"{into.text}\n{row.text}".strip()
        into.supports = list(dict.fromkeys([*into.supports, *row.supports]))
        if row.due and (into.due is None or row.due < into.due):
            into.due, into.due_exclusive, into.due_text = row.due, row.due_exclusive, row.due_text
    return [kept[i] for i in sorted(kept)]
