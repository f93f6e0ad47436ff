"""Permission-scoped reads for reporting rounds; each owns its joins (no N+1)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery

from lamtheobac.reporting import matrix as matrix_reads
from lamtheobac.reporting.matrix import MatrixFilter
from lamtheobac.reporting.models import (
    SUBMITTED_STATES,
    Attachment,
    Indicator,
    IndicatorValue,
    MatrixState,
    OutlineSection,
    ReportingRound,
    ReportingRoundState,
    RoundTarget,
    SectionAnswer,
    UnitReport,
)
from lamtheobac.units.models import Unit, UnitKind
from lamtheobac.units.policy import Action, Policy


@dataclass(frozen=True)
class TargetRow:
    """One row of the completeness matrix: a target unit and its report (or none)."""

    round: ReportingRound
    target: RoundTarget
    report: UnitReport | None

    @property
    def state(self) -> MatrixState:
        return self.report.matrix_state if self.report else MatrixState.NOT_STARTED


def rounds_to_follow(policy: Policy) -> list[ReportingRound]:
    """Rounds opened by committees on which the user may read reports, newest first."""
    if not policy.has_any(Action.READ_REPORTS):
        return []
    return list(
        ReportingRound.objects.filter(policy.unit_filter(Action.READ_REPORTS, "committee"))
        .select_related("committee")
        .order_by("-created_at", "-pk")[:100]
    )


def rounds_to_report(policy: Policy) -> list[TargetRow]:
    """Open rounds in which one of the user's units is expected to report, soonest first, with
    the unit's report if any. One query."""
    if not policy.has_any(Action.REPORT):
        return []
    targets = list(
        RoundTarget.objects.filter(policy.unit_filter(Action.REPORT, "unit"))
        .filter(round__state=ReportingRoundState.OPEN)
        # the unit's report by the (round, unit) LEFT JOIN: one query (issue 13 §5)
        .select_related("round", "report")
        .order_by("round__deadline", "position")[:200]
    )
    return [TargetRow(t.round, t, t.report) for t in targets]


def visible_rounds(policy: Policy) -> QuerySet[ReportingRound]:
    """Rounds the user may see: those of committees they read, and open rounds targeting them."""
    committee_rounds = ReportingRound.objects.filter(
        policy.unit_filter(Action.READ_REPORTS, "committee")
    )
    target_rounds = ReportingRound.objects.opened().filter(
        targets__in=RoundTarget.objects.filter(policy.unit_filter(Action.REPORT, "unit")),
    )
    # a grassroots committee's own rounds for its cells (issue 9 §4), run by its own staff
    own_rounds = ReportingRound.objects.filter(
        policy.unit_filter(Action.REPORT, "committee"),
        committee__kind=UnitKind.GRASSROOTS_COMMITTEE,
    )
    return (
        ReportingRound.objects.filter(pk__in=committee_rounds.values("pk"))
        | ReportingRound.objects.filter(pk__in=target_rounds.values("pk"))
        | ReportingRound.objects.filter(pk__in=own_rounds.values("pk"))
    ).select_related("committee")


def matrix(
    round: ReportingRound, flt: MatrixFilter | None = None
) -> tuple[list[TargetRow], Counter[str]]:
    """The completeness matrix in full: every target unit that ``flt`` keeps × state, in target
    order, and the count per state over the units the parent/text filter keeps.

    Two queries whatever the number of units (three with a state filter). For exports and
    documents; the page reads one page at a time (``reporting.matrix.page``).
    """
    flt = flt or MatrixFilter()
    kept = matrix_reads.targets(round, flt)
    targets = list(kept.order_by("position", "pk"))
    reports_qs = round.reports.select_related("unit")
    if flt.narrows or flt.state:
        reports_qs = reports_qs.filter(unit_id__in=kept.values("unit_id"))
    reports = {r.unit_id: r for r in reports_qs}
    rows = [TargetRow(round, t, reports.get(t.unit_id)) for t in targets]
    if flt.state:
        return rows, matrix_reads.counts(round, flt)
    counts: Counter[str] = Counter({state: 0 for state in MatrixState.values})
    counts.update(row.state.value for row in rows)
    return rows, counts


def sections_of(round: ReportingRound) -> list[OutlineSection]:
    """The round's outline sections in order, with their indicators (two queries)."""
    return list(
        round.outline.sections.select_related("assigned_unit")
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("position", "pk"))
        )
    )


def sections_for(round: ReportingRound, unit: Unit) -> list[OutlineSection]:
    """The sections ``unit`` fills in ``round`` (issue 9 §4): a unit given sections of the
    outline (``OutlineSection.assigned_unit``, e.g. the youth section to the Đoàn Khối) fills
    only those; every other unit fills the sections nobody was given. Two queries."""
    sections = sections_of(round)
    given = [s for s in sections if s.assigned_unit_id == unit.pk]
    if given:
        return given
    return [s for s in sections if s.assigned_unit_id is None]


def number_text(value: Decimal) -> str:
    """12.50 → "12,5"; 12.00 → "12" (decimal comma, as Vietnamese texts write numbers)."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def cells_values(report: UnitReport) -> dict[int, Decimal]:
    """Indicator id → the cells' part of the report's figure, where it consolidated them."""
    return {
        indicator_id: cells
        for indicator_id, cells in report.indicator_values.filter(
            cells_value__isnull=False
        ).values_list("indicator_id", "cells_value")
        if cells is not None
    }


@dataclass(frozen=True)
class CascadeProgress:
    """A grassroots committee's child round in a cascading round: its cells that submitted."""

    round_id: int
    submitted: int
    total: int

    @property
    def label(self) -> str:
        return f"{self.submitted}/{self.total} chi bộ đã nộp"


def cascade_progress(
    round: ReportingRound, unit_ids: list[int] | None = None
) -> dict[int, CascadeProgress]:
    """Unit id of each grassroots committee that forwarded ``round`` to its cells → how many of
    its cells submitted (submitted or accepted) out of its targets; only ``unit_ids`` when given
    (a matrix page). One query, whatever the number of units (two correlated counts per child
    round)."""
    targets = (
        RoundTarget.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    submitted = (
        UnitReport.objects.filter(round=OuterRef("pk"), state__in=SUBMITTED_STATES)
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        ReportingRound.objects.filter(parent=round)
        .filter(**({} if unit_ids is None else {"committee_id__in": unit_ids}))
        .order_by()
        .annotate(total=Subquery(targets), done=Subquery(submitted))
        .values_list("committee_id", "pk", "total", "done")
    )
    return {
        unit_id: CascadeProgress(pk, done or 0, total or 0) for unit_id, pk, total, done in rows
    }


@dataclass
class ConsolidatedSection:
    section: OutlineSection
    entries: list[tuple[UnitReport, str]]
    totals: list[tuple[Indicator, Decimal, int]]
    has_children: bool = False


def consolidation(round: ReportingRound) -> tuple[list[ConsolidatedSection], list[TargetRow]]:
    """What each reporting unit wrote per section, and indicator totals (a fixed number of queries).

    Only submitted and accepted reports count (docs/domain.md §2: a committee sees what was submitted).
    Returns (sections in outline order, matrix rows in target order).
    """
    sections = sections_of(round)
    rows, _ = matrix(round)
    counted = {
        row.report.pk: row.report
        for row in rows
        if row.report and row.report.state in SUBMITTED_STATES
    }
    order = {row.target.unit_id: i for i, row in enumerate(rows)}
    by_section: dict[int, list[tuple[UnitReport, str]]] = {s.pk: [] for s in sections}
    # Plain tuples, not model instances: at 1,500 reports × the outline these are tens of
    # thousands of rows, and instances cost ten times more to build and to keep (issue 13 §5).
    for report_id, section_id, text in (
        SectionAnswer.objects.filter(report_id__in=counted)
        .exclude(text="")
        .values_list("report_id", "section_id", "text")
    ):
        by_section.setdefault(section_id, []).append((counted[report_id], text))
    totals: dict[int, tuple[Decimal, int]] = {}
    for indicator_id, amount in IndicatorValue.objects.filter(report_id__in=counted).values_list(
        "indicator_id", "value"
    ):
        total, n = totals.get(indicator_id, (Decimal(0), 0))
        totals[indicator_id] = (total + amount, n + 1)
    parents = {s.parent_id for s in sections if s.parent_id}
    result = []
    for s in sections:
        entries = sorted(by_section.get(s.pk, []), key=lambda e: order.get(e[0].unit_id, 0))
        section_totals = [(ind, *totals.get(ind.pk, (Decimal(0), 0))) for ind in s.indicators.all()]
        result.append(ConsolidatedSection(s, entries, section_totals, s.pk in parents))
    return result, rows


def report_content(
    report: UnitReport,
) -> tuple[dict[int, str], dict[int, Decimal], list[Attachment]]:
    """A report's answers by section id, indicator values by indicator id, and live attachments."""
    answers = {a.section_id: a.text for a in report.answers.all()}
    values = {v.indicator_id: v.value for v in report.indicator_values.all()}
    attachments = list(report.attachments.present())
    return answers, values, attachments
