"""Reads for the documents pages: the owners offered on import and the detail page's read model
(which documents a user may reach is decided in ``access.py``).

The detail page shows the reader's extraction beside the normalised text (docs/domain.md §4.1):
each value links to a ``<mark id="span-…">`` around the words it came from. The marked-up text
is built here, in Python, with every piece escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lamtheobac.audit.models import AuditEvent, history
from lamtheobac.core.dates import short_date
from lamtheobac.documents.actions import DocumentAction
from lamtheobac.documents.actions.documents import CORRECTABLE_FIELDS
from lamtheobac.documents.models import Deadline, Document, Frequency
from lamtheobac.units.models import UnitKind, UnitQuerySet
from lamtheobac.units.policy import Action, Policy

# Units that may own an imported document: committees and their boards.
OWNER_KINDS = (UnitKind.COMMITTEE, UnitKind.BOARD)


# --- choices offered in forms ----------------------------------------------------------------


def owner_choices(policy: Policy) -> UnitQuerySet:
    """Committees and boards on which the user may import documents, in tree order."""
    return policy.units(Action.MANAGE).filter(kind__in=OWNER_KINDS).in_tree_order()


def document_history(document: Document) -> list[HistoryRow]:
    """Audit events about the document and its deadlines, newest first (one query)."""
    deadline_ids = [str(pk) for pk in document.deadlines.values_list("pk", flat=True)]
    deadlines = AuditEvent.objects.filter(
        target_type=Deadline._meta.label_lower, target_id__in=deadline_ids
    ).select_related("actor")
    # the actor's person too: the history shows names, not usernames (issue 14 §4)
    events = (history(document) | deadlines).select_related("actor__person").order_by("-at", "-pk")
    return [HistoryRow(event, _changes(event)) for event in events]


EVENT_LABELS: dict[str, Any] = {
    "document.imported": gettext_lazy("nhập văn bản"),
    "document.corrected": gettext_lazy("sửa giá trị trích xuất"),
    "deadline.corrected": gettext_lazy("sửa thời hạn"),
    "document.archived": gettext_lazy("chuyển vào lưu trữ"),
    "document.unarchived": gettext_lazy("đưa ra khỏi lưu trữ"),
}

CHANGE_LABELS: dict[str, Any] = {
    "due": gettext_lazy("Hạn"),
    "exclusive": gettext_lazy("Trước ngày (không tính ngày hạn)"),
    "tentative": gettext_lazy("Dự kiến"),
    "recipients": gettext_lazy("Nơi nhận"),
    "source_name": gettext_lazy("Tên tệp"),
}


@dataclass
class HistoryRow:
    event: AuditEvent
    changes: list[tuple[str, str, str]]

    @property
    def label(self) -> str:
        action = self.event.action
        return str(EVENT_LABELS[action]) if action in EVENT_LABELS else action


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
        try:
            return short_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _changes(event: AuditEvent) -> list[tuple[str, str, str]]:
    """``(label, before, after)`` for each key an event changed, in words."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    rows = []
    for key in dict.fromkeys([*before, *after]):
        if event.action == DocumentAction.IMPORTED:
            continue
        label = FIELD_LABELS.get(key) or CHANGE_LABELS.get(key) or key
        rows.append((str(label), _shown(before.get(key)), _shown(after.get(key))))
    return rows


# --- the marked-up text ----------------------------------------------------------------------


@dataclass(frozen=True)
class Marked:
    """The text as safe HTML, and for each requested anchor the mark it should link to."""

    html: SafeString
    anchors: dict[str, str]


def mark_spans(text: str, spans: Iterable[tuple[str, int, int]]) -> Marked:
    """Wrap each ``(anchor, start, end)`` span of ``text`` in ``<mark id="anchor">``.

    Marks never overlap: the longest span wins, then the earliest. A span that loses still
    gets an anchor — the id of the mark that covers its start (or any mark it overlaps) — so
    every value with a span links to words on the page. Spans outside the text are ignored.
    """
    size = len(text)
    wanted = [(a, s, e) for a, s, e in spans if 0 <= s < e <= size]
    placed: list[tuple[str, int, int]] = []
    for anchor, start, end in sorted(wanted, key=lambda x: (-(x[2] - x[1]), x[1])):
        if all(end <= s or start >= e for _a, s, e in placed):
            placed.append((anchor, start, end))
    placed.sort(key=lambda x: x[1])
    anchors = {a: a for a, _s, _e in placed}
    for anchor, start, end in wanted:
        if anchor in anchors:
            continue
        covering = [a for a, s, e in placed if s <= start < e] or [
            a for a, s, e in placed if s < end and start < e
        ]
        if covering:
            anchors[anchor] = covering[0]
    pieces: list[str] = []
    cursor = 0
    for anchor, start, end in placed:
        pieces.append(escape(text[cursor:start]))
        pieces.append(f'<mark id="{escape(anchor)}">{escape(text[start:end])}</mark>')
        cursor = end
    pieces.append(escape(text[cursor:]))
    return Marked(html=mark_safe("".join(pieces)), anchors=anchors)  # noqa: S308 - every piece escaped


# --- the detail page's read model ------------------------------------------------------------

FIELD_LABELS: dict[str, Any] = {
    "number": gettext_lazy("Số, ký hiệu"),
    "kind": gettext_lazy("Loại văn bản (ký hiệu)"),
    "kind_name": gettext_lazy("Tên loại"),
    "issuer": gettext_lazy("Cơ quan ban hành"),
    "superior": gettext_lazy("Cơ quan cấp trên"),
    "place": gettext_lazy("Địa danh"),
    "date": gettext_lazy("Ngày ban hành"),
    "title": gettext_lazy("Trích yếu"),
    "signer_capacity": gettext_lazy("Quyền hạn ký"),
    "signer_title": gettext_lazy("Chức vụ người ký"),
    "signer_name": gettext_lazy("Người ký"),
}


@dataclass
class FieldRow:
    """One scalar field: its current value, where it came from, and why it may be missing."""

    name: str
    label: str
    value: Any
    anchor: str | None
    corrected: bool
    reasons: list[str]

    @property
    def is_missing(self) -> bool:
        return self.value in (None, "")

    @property
    def input_value(self) -> str:
        if isinstance(self.value, dt.date):
            return self.value.isoformat()
        return self.value or ""


@dataclass
class Linked:
    """Any item shown in the right column with the anchor of its words (or None)."""

    item: Any
    anchor: str | None


@dataclass
class SectionRow:
    number: str
    heading: str
    guidance: str
    anchor: str | None
    children: list[SectionRow] = field(default_factory=list)


@dataclass
class Reading:
    marked: SafeString
    fields: list[FieldRow]
    citations: list[Linked]
    deadlines: list[Linked]
    recurring: list[Linked]
    recipients: list[Linked]
    outline_title: str
    outline_anchor: str | None
    sections: list[SectionRow]
    warnings: list[Linked]
    page: int = 1
    pages: int = 1
    hidden: dict[str, int] = field(default_factory=dict)


def _node(extraction: dict[str, Any], key: str) -> dict[str, Any] | None:
    node: Any = extraction
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def _span(item: Any) -> tuple[int, int] | None:
    span = item.get("span") if isinstance(item, dict) else None
    if isinstance(span, list | tuple) and len(span) == 2 and None not in span:
        return int(span[0]), int(span[1])
    return None


def _original(node: dict[str, Any] | None, name: str) -> Any:
    value = node.get("value") if node else None
    if name == "date" and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return value or ("" if name != "date" else None)


def _explains(warning: dict[str, Any], name: str, key: str) -> bool:
    """True when ``warning`` is about the field ``name`` (reader key ``key``, e.g. signer.name)."""
    about = warning.get("field") or ""
    return about in {name, key} or key.startswith(f"{about}.")


def _words(text: str, span: tuple[int, int] | None, words: str) -> tuple[int, int] | None:
    """Narrow an outline or section span, which covers its whole body, to its heading words
    (or its first line), so that the marks of its children and of citations in its guidance
    are not swallowed by it."""
    if span is None:
        return None
    start = text.find(words, *span) if words else -1
    if start >= 0:
        return start, start + len(words)
    line_end = text.find("\n", *span)  # a heading written over several lines: its first line
    return (span[0], line_end) if line_end > span[0] else span


def _sections(
    text: str, raw: list[dict[str, Any]], path: str, spans: list[tuple[str, int, int]]
) -> list[SectionRow]:
    rows = []
    for index, section in enumerate(raw, start=1):
        anchor = f"span-section-{path}{index}"
        if (span := _words(text, _span(section), section.get("heading") or "")) is not None:
            spans.append((anchor, *span))
        rows.append(
            SectionRow(
                number=section.get("number") or "",
                heading=section.get("heading") or "",
                guidance=section.get("guidance") or "",
                anchor=anchor,
                children=_sections(text, section.get("children") or [], f"{path}{index}-", spans),
            )
        )
    return rows


def _limit_sections(rows: list[SectionRow], budget: int) -> tuple[list[SectionRow], int]:
    """The first ``budget`` sections of the tree in reading order, and how many were left out."""
    kept: list[SectionRow] = []
    hidden = 0
    for row in rows:
        if budget <= 0:
            hidden += 1 + _count_sections(row.children)
            continue
        budget -= 1
        row.children, left_out = _limit_sections(row.children, budget)
        budget -= _count_sections(row.children)
        hidden += left_out
        kept.append(row)
    return kept, hidden


def _count_sections(rows: list[SectionRow]) -> int:
    return sum(1 + _count_sections(r.children) for r in rows)


def _resolve_sections(rows: list[SectionRow], anchors: dict[str, str]) -> None:
    for row in rows:
        row.anchor = anchors.get(row.anchor or "") or None
        _resolve_sections(row.children, anchors)


# The text is shown a page at a time (issue 14 §5: an 8.5 MB text made a 19.7 MB page): about
# TEXT_PAGE_CHARS characters per page, cut at a line end; lists of extracted items show at
# most MAX_ITEMS_SHOWN rows each and say how many more there are.
TEXT_PAGE_CHARS = 60_000
MAX_ITEMS_SHOWN = 200


def text_pages(text: str, size: int = TEXT_PAGE_CHARS) -> list[tuple[int, int]]:
    """``[(start, end), …]`` character ranges covering ``text``, each about ``size`` long and
    ending after a line break when there is one within the next ``size`` characters."""
    bounds: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while start < length or not bounds:
        end = min(start + size, length)
        if end < length:
            newline = text.find("\n", end, end + size)
            end = newline + 1 if newline != -1 else end
        bounds.append((start, end))
        start = end
    return bounds


def _href(
    anchor: str | None, bounds: list[tuple[int, int]], page: int, starts: dict[str, int]
) -> str | None:
    """ "#span-x" for a mark on this page, "?trang=N#span-x" for a mark on page N."""
    if anchor is None:
        return None
    where = starts.get(anchor)
    if where is None:
        return f"#{anchor}"
    for number, (start, end) in enumerate(bounds, start=1):
        if start <= where < end:
            return f"#{anchor}" if number == page else f"?trang={number}#{anchor}"
    return None


def reading(document: Document, *, page: int = 1) -> Reading:
    """Everything the detail page shows: 2 queries (citations with cited documents,
    deadlines). ``page`` (1-based, clamped) chooses which part of a long text is shown;
    values whose words are on another page link there (``?trang=N#…``)."""
    extraction = document.extraction or {}
    spans: list[tuple[str, int, int]] = []

    warnings = [w for w in extraction.get("warnings") or [] if isinstance(w, dict)]
    fields = []
    for name, key in CORRECTABLE_FIELDS.items():
        node = _node(extraction, key)
        anchor = f"span-{name}"
        if (span := _span(node)) is not None:
            spans.append((anchor, *span))
        else:
            anchor = ""
        value = getattr(document, name)
        fields.append(
            FieldRow(
                name=name,
                label=str(FIELD_LABELS[name]),
                value=value,
                anchor=anchor,
                corrected=value != _original(node, name),
                reasons=[w.get("message") or "" for w in warnings if _explains(w, name, key)],
            )
        )

    citations = []
    for citation in document.citations.select_related("cited_document"):
        anchor = f"span-citation-{citation.position}"
        if citation.span_start is not None and citation.span_end is not None:
            spans.append((anchor, citation.span_start, citation.span_end))
        citations.append(Linked(citation, anchor))

    deadlines: list[Linked] = []
    recurring: list[Linked] = []
    for deadline in document.deadlines.all():
        anchor = f"span-deadline-{deadline.pk}"
        if deadline.span_start is not None and deadline.span_end is not None:
            spans.append((anchor, deadline.span_start, deadline.span_end))
        (recurring if deadline.frequency != Frequency.ONCE else deadlines).append(
            Linked(deadline, anchor)
        )

    # Recipients may have been corrected; a line links to its words while it reads as read.
    read_recipients = [r for r in extraction.get("recipients") or [] if isinstance(r, dict)]
    recipients = []
    for index, line in enumerate(document.recipients):
        anchor = f"span-recipient-{index}"
        original = read_recipients[index] if index < len(read_recipients) else None
        if original and original.get("value") == line and (span := _span(original)):
            spans.append((anchor, *span))
        recipients.append(Linked(line, anchor))

    outline = document.outline or {}
    outline_anchor = "span-outline"
    sections = _sections(document.text, outline.get("sections") or [], "", spans)
    if (span := _words(document.text, _span(outline), outline.get("title") or "")) is not None:
        spans.append((outline_anchor, *span))

    warning_rows = []
    for index, warning in enumerate(warnings):
        anchor = f"span-warning-{index}"
        if (span := _span(warning)) is not None:
            spans.append((anchor, *span))
        warning_rows.append(Linked(warning, anchor))

    bounds = text_pages(document.text)
    page = min(max(page, 1), len(bounds))
    first, last = bounds[page - 1]
    on_page = [(a, s - first, e - first) for a, s, e in spans if first <= s and e <= last]
    marked = mark_spans(document.text[first:last], on_page)
    starts = {a: s for a, s, _e in spans if not (first <= s and _e <= last)}
    anchors = {a: f"#{mark}" for a, mark in marked.anchors.items()}
    if len(bounds) > 1:
        for anchor, _start in starts.items():
            anchors.setdefault(anchor, _href(anchor, bounds, page, starts) or "")

    def shown(rows: list[Any], key: str) -> list[Any]:
        if len(rows) > MAX_ITEMS_SHOWN:
            hidden[key] = len(rows) - MAX_ITEMS_SHOWN
        return rows[:MAX_ITEMS_SHOWN]

    hidden: dict[str, int] = {}
    citations = shown(citations, "citations")
    deadlines = shown(deadlines, "deadlines")
    recurring = shown(recurring, "recurring")
    warning_rows = shown(warning_rows, "warnings")
    sections, hidden_sections = _limit_sections(sections, MAX_ITEMS_SHOWN)
    if hidden_sections:
        hidden["sections"] = hidden_sections
    for row in fields:
        row.anchor = anchors.get(row.anchor or "") or None
    for group in (citations, deadlines, recurring, recipients, warning_rows):
        for linked in group:
            linked.anchor = anchors.get(linked.anchor or "") or None
    _resolve_sections(sections, anchors)
    return Reading(
        marked=marked.html,
        fields=fields,
        citations=citations,
        deadlines=deadlines,
        recurring=recurring,
        recipients=recipients,
        outline_title=outline.get("title") or "",
        outline_anchor=anchors.get(outline_anchor) or None,
        sections=sections,
        warnings=warning_rows,
        page=page,
        pages=len(bounds),
        hidden=hidden,
    )
