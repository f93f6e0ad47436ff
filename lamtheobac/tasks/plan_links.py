"""Which plan implements which (issue 9 §2): a document's citations both ways, matched by
number, and the work opened from a plan (tasks, reporting and commendation rounds).

A citation is matched to a document by its number whenever the page is read, so a plan
imported after the one that cites it is found all the same (no stored link needed).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from lamtheobac.documents.models import Citation, Document


@dataclass(frozen=True)
class CitedRow:
    number: str
    text: str
    document: Document | None  # the imported document with that number, when readable


def cites(document: Document, readable: QuerySet[Document]) -> list[CitedRow]:
    """The documents ``document`` cites, each with the readable document of that number."""
    citations = list(document.citations.all())
    numbers = {c.number for c in citations if c.number}
    found = {d.number: d for d in readable.filter(number__in=numbers).exclude(pk=document.pk)}
    return [
        CitedRow(c.number, c.text, found.get(c.number) or _readable(c.cited_document, readable))
        for c in citations
    ]


def _readable(document: Document | None, readable: QuerySet[Document]) -> Document | None:
    if document is None:
        return None
    return document if readable.filter(pk=document.pk).exists() else None


def cited_by(document: Document, readable: QuerySet[Document]) -> list[Document]:
    """Readable documents that cite ``document`` (by link or by its number), oldest first."""
    condition = Q(cited_document=document)
    if document.number:
        condition |= Q(number=document.number)
    citing = Citation.objects.filter(condition).values("document_id")
    return list(readable.filter(pk__in=citing).exclude(pk=document.pk).order_by("date", "pk"))


@dataclass(frozen=True)
class RoundRow:
    kind: str  # "reporting" | "commendation"
    pk: int
    title: str
    state: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def rounds_from(document: Document) -> list[RoundRow]:
    """Reporting rounds (reports submitted / targets) and commendation rounds (decided /
    nominations) opened from ``document``; two queries."""
    from lamtheobac.commendations.models import CommendationRound
    from lamtheobac.reporting.models import ReportingRound, ReportState, RoundTarget, UnitReport

    # Subqueries, not a join of targets × reports (which grows as N² with the units).
    targets = (
        RoundTarget.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    done = (
        UnitReport.objects.filter(
            round=OuterRef("pk"), state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED]
        )
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = [
        RoundRow("reporting", r.pk, r.title, r.get_state_display(), r.n_done or 0, r.n_total or 0)
        for r in ReportingRound.objects.filter(document=document).annotate(
            n_total=Subquery(targets), n_done=Subquery(done)
        )
    ]
    rows += [
        RoundRow(
            "commendation",
            r.pk,
            r.title,
            r.get_state_display(),
            r.n_done,
            r.n_total,
        )
        for r in CommendationRound.objects.filter(document=document).annotate(
            n_total=Count("nominations", distinct=True),
            n_done=Count("nominations", filter=Q(nominations__state="decided"), distinct=True),
        )
    ]
    return rows
