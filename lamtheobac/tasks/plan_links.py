"""Which plan implements which (issue 9 §2): a document's citations both ways, matched by
number, and the work opened from a plan (tasks, reporting and commendation rounds).

A citation is matched to a document by its number whenever the page is read, so a plan
imported after the one that cites it is found all the same (no stored link needed).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from lamtheobac.documents.models import Citation, Document


@dataclass(frozen=True)
class CitedRow:
    number: str
    text: str
    document: Document | None  # the imported document with that number, when readable


@dataclass(frozen=True)
class Links:
    cites: list[CitedRow]
    cited_by: list[Document]


def links(
    document: Document, readable: QuerySet[Document], citations: list[Citation] | None = None
) -> Links:
    """The documents ``document`` cites (each with the readable document of that number or
    link, if any) and the readable documents citing it (by link or by its number, oldest
    first). One query, plus one for ``citations`` when the caller has not loaded them."""
    if citations is None:
        citations = list(document.citations.all())
    numbers = {c.number for c in citations if c.number}
    linked = {c.cited_document_id for c in citations if c.cited_document_id}
    condition = Q(cited_document=document)
    if document.number:
        condition |= Q(number=document.number)
    citing = Exists(Citation.objects.filter(condition, document=OuterRef("pk")))
    found = list(
        readable.filter(Q(number__in=numbers) | Q(pk__in=linked) | Q(citing))
        .exclude(pk=document.pk)
        .annotate(cites_this=citing)
        .defer("text", "extraction", "outline")
        .order_by("date", "pk")
    )
    by_number = {d.number: d for d in found if d.number in numbers}
    by_pk = {d.pk: d for d in found}
    cites = [
        CitedRow(
            c.number,
            c.text,
            by_number.get(c.number) or by_pk.get(c.cited_document_id or 0),
        )
        for c in citations
    ]
    return Links(cites, [d for d in found if d.cites_this])


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
