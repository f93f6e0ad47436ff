"""``lamtheobac bench`` figures for cascading rounds (issue 9 §4) at profile L: 1,500
grassroots organisations (đảng bộ cơ sở) with 8,000 subordinate cells (docs/domain.md §7).

On the dashboard's generated province (``agenda.bench.build_province``), the committee opens a
cascading round to every grassroots organisation; each forwards it to its cells (a child round
with its own outline and the cells as targets), 60 % of the cells submitted, a third of the
organisations submitted upward. Measured: the committee's matrix page of that round (the
completeness matrix with each organisation's "x/y chi bộ đã nộp") through the test client, and
the grouped read behind the cells' column (``queries.cascade_progress``) alone; time (median,
p95, ms) and queries, which must not grow with the number of units (150 vs 1,500).
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

from django.test import Client
from django.urls import reverse

from lamtheobac.core.dates import today
from lamtheobac.reporting import queries
from lamtheobac.reporting.models import (
    Outline,
    OutlineSection,
    ReportingRound,
    ReportingRoundState,
    ReportState,
    RoundTarget,
    UnitReport,
)
from lamtheobac.units.models import Unit, UnitKind

SIZES = ((150, 800), (1_500, 8_000))


def build_cascade(grassroots: int, cells: int, *, tag: str) -> tuple[ReportingRound, Any, float]:
    """The province, the cascading round and its child rounds, bulk-written; returns (parent
    round, officer, seconds)."""
    from lamtheobac.agenda.bench import build_province

    started = time.perf_counter()
    committee, officer, _seconds = build_province(grassroots, cells, tag=tag)
    orgs = list(
        Unit.objects.subtree(committee).filter(kind=UnitKind.GRASSROOTS_COMMITTEE).order_by("path")
    )
    day = today()
    outline = Outline.objects.create(title="ĐỀ CƯƠNG")
    section = OutlineSection.objects.create(
        outline=outline, number="I", heading="KẾT QUẢ", depth=1, position=1
    )
    parent = ReportingRound.objects.create(
        committee=committee,
        outline=outline,
        title=f"Đợt báo cáo chuyển tiếp ({tag})",
        deadline=day + dt.timedelta(days=20),
        state=ReportingRoundState.OPEN,
        created_by=officer,
    )
    RoundTarget.objects.bulk_create(
        RoundTarget(round=parent, unit=u, unit_name=u.name, position=i) for i, u in enumerate(orgs)
    )
    outlines = Outline.objects.bulk_create(Outline(title="ĐỀ CƯƠNG") for _ in orgs)
    OutlineSection.objects.bulk_create(
        OutlineSection(
            outline=o, number="I", heading="KẾT QUẢ", depth=1, position=1, source=section
        )
        for o in outlines
    )
    children = ReportingRound.objects.bulk_create(
        ReportingRound(
            committee=u,
            parent=parent,
            outline=o,
            title=parent.title,
            deadline=day + dt.timedelta(days=12),
            state=ReportingRoundState.OPEN,
            created_by=officer,
        )
        for u, o in zip(orgs, outlines, strict=True)
    )
    child_of = {c.committee_id: c for c in children}
    org_paths = {u.path: u.pk for u in orgs}
    step = len(orgs[0].path)
    all_cells = list(
        Unit.objects.subtree(committee).filter(kind=UnitKind.SUBORDINATE_CELL).order_by("path")
    )
    RoundTarget.objects.bulk_create(
        (
            RoundTarget(
                round=child_of[org_paths[c.path[:step]]], unit=c, unit_name=c.name, position=i
            )
            for i, c in enumerate(all_cells)
        ),
        batch_size=2000,
    )
    UnitReport.objects.bulk_create(
        (
            UnitReport(
                round=child_of[org_paths[c.path[:step]]], unit=c, state=ReportState.SUBMITTED
            )
            for i, c in enumerate(all_cells)
            if i % 5 < 3
        ),
        batch_size=2000,
    )
    UnitReport.objects.bulk_create(
        UnitReport(round=parent, unit=u, state=ReportState.SUBMITTED)
        for i, u in enumerate(orgs)
        if i % 3 == 0
    )
    return parent, officer, time.perf_counter() - started


def measure_cascade(
    *, sizes: tuple[tuple[int, int], ...] = SIZES, renders: int = 10
) -> list[dict[str, Any]]:
    """Per size: the matrix page (median, p95 ms, queries) and ``cascade_progress`` alone."""
    from lamtheobac.bench.measure import count_queries, percentile

    results = []
    for grassroots, cells in sizes:
        parent, officer, seconds = build_cascade(grassroots, cells, tag=f"C{grassroots}")
        url = reverse("reporting:round_detail", args=[parent.pk])
        client = Client()
        client.force_login(officer)

        def fetch(client: Client = client, url: str = url) -> bytes:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}")
            return response.content

        def progress(parent: ReportingRound = parent, expected: int = grassroots) -> Any:
            found = queries.cascade_progress(parent)
            if len(found) != expected:
                raise RuntimeError(f"{len(found)} child rounds, expected {expected}")
            return found

        fetch()
        page, reads = [], []
        for _ in range(renders):
            started = time.perf_counter()
            fetch()
            page.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            progress()
            reads.append((time.perf_counter() - started) * 1000)
        page_queries, _ = count_queries(fetch)
        read_queries, _ = count_queries(progress)
        results.append(
            {
                "grassroots": grassroots,
                "cells": cells,
                "generation_s": round(seconds, 1),
                "median_ms": round(statistics.median(page), 1),
                "p95_ms": round(percentile(page, 95), 1),
                "queries": page_queries,
                "progress_median_ms": round(statistics.median(reads), 1),
                "progress_queries": read_queries,
            }
        )
    return results


def table(results: list[dict[str, Any]], *, target_ms: float = 200.0) -> str:
    lines = ["", "cascading round: the committee's matrix page with each organisation's cells"]
    lines.append(
        f"  {'grassroots':>10} {'cells':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
        f" {'cells read ms':>14} {'queries':>8}"
    )
    for r in results:
        lines.append(
            f"  {r['grassroots']:>10} {r['cells']:>6} {r['median_ms']:>10} {r['p95_ms']:>8}"
            f" {r['queries']:>8} {r['progress_median_ms']:>14} {r['progress_queries']:>8}"
        )
    constant = len({(r["queries"], r["progress_queries"]) for r in results}) == 1
    worst = max(r["median_ms"] for r in results)
    lines.append(
        f"  queries constant in units: {'yes' if constant else 'NO'}; "
        f"target ≤ {target_ms:.0f} ms: {'OK' if worst <= target_ms else 'ABOVE TARGET'}"
    )
    return "\n".join(lines) + "\n"
