"""Dataclasses for what the reader extracts; ``Extraction.to_json`` fixes the shape.

Every located value carries a span: ``(start, end)`` character offsets, end
exclusive, into ``Extraction.text`` (the NFC-normalised full text). A value
the reader inferred rather than read has the span of the words it was
inferred from (e.g. ``kind_name`` "CÔNG VĂN" points at "CV" in the number).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ocr import OcrText
    from .themes import Themes

Span = tuple[int, int]


def _span(span: Span | None) -> list[int] | None:
    return [span[0], span[1]] if span is not None else None


@dataclass(frozen=True)
class Located:
    """A string value and where it stands in the text."""

    value: str
    span: Span | None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "span": _span(self.span)}


def _opt(item: Located | None) -> dict[str, Any] | None:
    return item.to_json() if item is not None else None


@dataclass(frozen=True)
class Signer:
    """Signature block (docs/party-format.md §10): authority, title, name."""

    capacity: Located | None = None
    title: Located | None = None
    name: Located | None = None

    def to_json(self) -> dict[str, Any]:
        return {"capacity": _opt(self.capacity), "title": _opt(self.title), "name": _opt(self.name)}


@dataclass(frozen=True)
class Citation:
    """A document the text cites, e.g. ``115-HD/TW`` dated 2019-10-11."""

    number: str
    kind: str | None
    issuer: str | None
    date: str | None
    text: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "kind": self.kind,
            "issuer": self.issuer,
            "date": self.date,
            "text": self.text,
            "span": _span(self.span),
        }


@dataclass(frozen=True)
class Deadline:
    """One due date (docs/domain.md §5). ``exclusive``: due before ``due`` starts."""

    text: str
    due: str
    exclusive: bool
    tentative: bool
    what: str
    who: str | None
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "due": self.due,
            "exclusive": self.exclusive,
            "tentative": self.tentative,
            "what": self.what,
            "who": self.who,
            "span": _span(self.span),
        }


@dataclass(frozen=True)
class Recurring:
    """A recurring or continuous time (hằng quý, hằng năm, thường xuyên…)."""

    text: str
    frequency: str  # "yearly" | "quarterly" | "monthly" | "continuous"
    what: str
    who: str | None
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "frequency": self.frequency,
            "what": self.what,
            "who": self.who,
            "span": _span(self.span),
        }


@dataclass(frozen=True)
class Bound:
    """An inclusive range of counts; ``None`` on a side means the text sets no limit there."""

    min: int | None = None
    max: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max}


@dataclass(frozen=True)
class Task:
    """A piece of work a plan assigns: who leads (chủ trì), who supports (phối hợp), by when."""

    text: str
    lead: str | None
    support: tuple[str, ...]
    due: str | None
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "lead": self.lead,
            "support": list(self.support),
            "due": self.due,
            "span": _span(self.span),
        }


@dataclass(frozen=True)
class QuotaCondition:
    """Which units a quota applies to, e.g. "dưới 200 đảng viên" → member_count max 199."""

    member_count: Bound
    text: str
    span: Span  # kept for warnings; not part of the JSON shape

    def to_json(self) -> dict[str, Any]:
        return {"member_count": self.member_count.to_json(), "text": self.text}


@dataclass(frozen=True)
class Quota:
    """How many collectives and individuals may be put forward (docs/domain.md §5).

    ``scope`` is "unit" (what each unit may nominate) or "committee" (what the
    committee itself picks); ``period`` is "yearly" or ``None`` (once).
    """

    text: str
    condition: QuotaCondition | None
    scope: str
    period: str | None
    collectives: Bound
    individuals: Bound
    total: Bound
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "condition": self.condition.to_json() if self.condition is not None else None,
            "scope": self.scope,
            "period": self.period,
            "collectives": self.collectives.to_json(),
            "individuals": self.individuals.to_json(),
            "total": self.total.to_json(),
            "span": _span(self.span),
        }


@dataclass(frozen=True)
class RatingRule:
    """An eligibility rule over ratings (xếp loại chất lượng), docs/domain.md §5.

    ``kind``: "rating_each_year" (``min_level`` or better in every year of
    ``years``), "rating_any_year" (in at least one of ``years``),
    "rating_count" (in at least ``count`` years, among ``years`` when given),
    "rating_consecutive" (in ``count`` consecutive years). ``min_level`` is
    "excellent", "good" or "complete".
    """

    kind: str
    min_level: str
    years: tuple[int, ...] | None = None
    count: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "min_level": self.min_level}
        if self.kind in ("rating_count", "rating_consecutive"):
            data["count"] = self.count
        data["years"] = list(self.years) if self.years is not None else None
        return data


@dataclass(frozen=True)
class Criterion:
    """One eligibility criterion; ``rule`` is ``None`` when only a person can judge it."""

    text: str
    applies_to: str  # "collective" | "party_member" | "non_member" | "individual"
    rule: RatingRule | None
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "applies_to": self.applies_to,
            "rule": self.rule.to_json() if self.rule is not None else None,
            "span": _span(self.span),
        }


@dataclass(frozen=True)
class DossierItem:
    """One document a nomination dossier must hold (tờ trình, biên bản…)."""

    text: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "span": _span(self.span)}


@dataclass(frozen=True)
class Period:
    """An achievement period with dates, e.g. "tháng 5/2021 - 5/2022" → 2021-05-01…2022-05-31."""

    text: str
    start: str
    end: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "span": _span(self.span)}


@dataclass
class OutlineSection:
    """A heading of an attached outline with its guidance text and children."""

    number: str
    heading: str
    guidance: str
    span: Span
    written: str = ""  # the heading line as written, numbering included
    children: list[OutlineSection] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "heading": self.heading,
            "guidance": self.guidance,
            "span": _span(self.span),
            "children": [child.to_json() for child in self.children],
        }


@dataclass
class Outline:
    """An attached ĐỀ CƯƠNG (docs/party-format.md §15)."""

    title: str
    span: Span
    guidance: str = ""
    sections: list[OutlineSection] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "span": _span(self.span),
            "guidance": self.guidance,
            "sections": [section.to_json() for section in self.sections],
        }

    def headings(self) -> list[str]:
        """Top-level headings as written, numbering punctuation kept."""
        return [section.written for section in self.sections]


@dataclass(frozen=True)
class ReadWarning:
    """Something the text leaves missing or ambiguous, said in Vietnamese."""

    field: str
    code: str
    message: str
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "span": _span(self.span),
        }


@dataclass
class Extraction:
    """Everything read from one document. See ``to_json`` for the stable shape."""

    text: str
    format: str = "unknown"  # "party" | "state" | "unknown"
    number: Located | None = None
    serial: Located | None = None
    kind: Located | None = None
    issuer_code: Located | None = None
    kind_name: Located | None = None
    issuer: Located | None = None
    superior: Located | None = None
    place: Located | None = None
    date: Located | None = None
    title: Located | None = None
    signer: Signer = field(default_factory=Signer)
    citations: list[Citation] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    recurring: list[Recurring] = field(default_factory=list)
    recipients: list[Located] = field(default_factory=list)
    outline: Outline | None = None
    tasks: list[Task] = field(default_factory=list)
    quotas: list[Quota] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    dossier_items: list[DossierItem] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    themes: Themes | None = None  # year/term theme, quarter topics (themes.py; not in to_json)
    #: What the text came from ("text", "docx", "pdf", "ocr", …); "text" for ``read_text``.
    source: str = "text"
    #: For a scan: the OCR text's words with page and box, and its mean confidence.
    ocr: OcrText | None = None

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict; field names are a fixed contract.

        For a scan, ``ocr`` gives the engine, pages and mean confidence (0–100), and every
        located value (a dict with a ``span``) also has its ``page`` and ``box`` (left,
        top, right, bottom in pixels at ``ocr.DPI``).
        """
        data = self._json()
        if self.ocr is not None:
            _place(data, self.ocr)
            data["ocr"] = {
                "engine": self.ocr.engine,
                "pages": self.ocr.pages,
                "confidence": round(self.ocr.confidence, 1),
            }
        data["source"] = self.source
        return data

    def _json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "format": self.format,
            "number": _opt(self.number),
            "serial": _opt(self.serial),
            "kind": _opt(self.kind),
            "issuer_code": _opt(self.issuer_code),
            "kind_name": _opt(self.kind_name),
            "issuer": _opt(self.issuer),
            "superior": _opt(self.superior),
            "place": _opt(self.place),
            "date": _opt(self.date),
            "title": _opt(self.title),
            "signer": self.signer.to_json(),
            "citations": [c.to_json() for c in self.citations],
            "deadlines": [d.to_json() for d in self.deadlines],
            "recurring": [r.to_json() for r in self.recurring],
            "recipients": [r.to_json() for r in self.recipients],
            "outline": self.outline.to_json() if self.outline is not None else None,
            "outline_headings": self.outline.headings() if self.outline is not None else [],
            "tasks": [t.to_json() for t in self.tasks],
            "quotas": [q.to_json() for q in self.quotas],
            "criteria": [c.to_json() for c in self.criteria],
            "dossier_items": [d.to_json() for d in self.dossier_items],
            "periods": [p.to_json() for p in self.periods],
            "warnings": [w.to_json() for w in self.warnings],
        }

    def warning_codes(self, field_name: str | None = None) -> list[str]:
        """Codes of the warnings, optionally only those about ``field_name``."""
        return [w.code for w in self.warnings if field_name is None or w.field == field_name]


def _place(value: Any, ocr: OcrText) -> None:
    """Add ``page`` and ``box`` beside every ``span`` in a to_json tree (scans only)."""
    if isinstance(value, dict):
        span = value.get("span")
        if isinstance(span, list) and len(span) == 2:
            position = ocr.position((span[0], span[1]))
            if position is not None:
                value.update(position)
        for item in value.values():
            if isinstance(item, dict | list):
                _place(item, ocr)
    elif isinstance(value, list):
        for item in value:
            _place(item, ocr)
