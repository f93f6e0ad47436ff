"""Benchmark of the tree over time (issue 11 §2) on the programme bench's generated tree.

``measure_structure(built)`` records restructurings on a generated profile (S: 150
organisations, 300 cells, about 10,000 people; L: 1,500 organisations, 8,000 cells, about
150,000 people, docs/domain.md §7): a rename of every tenth grassroots organisation and ten
merges of two chi bộ cơ sở into a new one, then times the history reads over every
grassroots organisation — ``as_of`` (each unit as it was the day before) and
``member_counts_on`` (party members per subtree by the memberships and tree of that day) —
with their query counts. Printed by ``lamtheobac bench`` beside the year page.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lamtheobac.core.dates import today
from lamtheobac.structure.actions.restructure import merge_units, rename_unit
from lamtheobac.structure.queries import as_of, member_counts_on
from lamtheobac.units.models import Person, Unit, UnitKind

MERGES = 10
READS = 5


def _timed(call: Any) -> tuple[float, int]:
    """Median milliseconds over ``READS`` runs, and the queries of one run."""
    times = []
    for _ in range(READS):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        call()
    return statistics.median(times), len(captured)


def measure_structure(built: Any) -> dict[str, Any]:
    """Restructure ``built`` (a ``programme.bench.Built``) and time the history reads."""
    committee = built.committee
    on = today() - dt.timedelta(days=30)
    before = on - dt.timedelta(days=1)
    orgs = list(Unit.objects.subtree(committee).grassroots().in_tree_order())
    renames = []
    for org in orgs[::10]:
        started = time.perf_counter()
        rename_unit(unit=org, name=f"{org.name} (tên mới)", on=on, by=None)
        renames.append((time.perf_counter() - started) * 1000)
    cells = [o for o in orgs if o.kind == UnitKind.GRASSROOTS_CELL][: 2 * MERGES]
    merges = []
    moved = 0
    for i in range(0, len(cells) - 1, 2):
        started = time.perf_counter()
        change = merge_units(
            sources=[cells[i], cells[i + 1]],
            new_name=f"Chi bộ hợp nhất {i // 2 + 1}",
            on=on + dt.timedelta(days=1),  # after the renames of the same cells
            by=None,
        )
        merges.append((time.perf_counter() - started) * 1000)
        moved += change.members_moved
    units = list(Unit.objects.subtree(committee).grassroots().in_tree_order())
    as_of_ms, as_of_queries = _timed(lambda: as_of(units, before))
    counts_ms, counts_queries = _timed(lambda: member_counts_on(units, before))
    counts = member_counts_on([committee], before)[committee.pk]
    return {
        "profile": built.profile,
        "units": len(units),
        "people": Person.objects.filter(unit__path__startswith=committee.path).count(),
        "party_members_counted": counts,
        "rename_ms": statistics.median(renames) if renames else 0.0,
        "merge_ms": statistics.median(merges) if merges else 0.0,
        "merged_people": moved,
        "as_of_ms": as_of_ms,
        "as_of_queries": as_of_queries,
        "counts_ms": counts_ms,
        "counts_queries": counts_queries,
    }


def table(results: list[dict[str, Any]], *, vendor: str) -> str:
    lines = [
        "",
        f"Tổ chức lại và lịch sử đơn vị (issue 11 §2) — {vendor}",
        "profile | grassroots units | people | rename | merge (2 cells) | as_of all | "
        "member_counts_on all",
    ]
    for r in results:
        lines.append(
            f"{r['profile']} | {r['units']:,} | {r['people']:,} | {r['rename_ms']:.0f} ms | "
            f"{r['merge_ms']:.0f} ms ({r['merged_people']} people in {MERGES} merges) | "
            f"{r['as_of_ms']:.0f} ms, {r['as_of_queries']} queries | "
            f"{r['counts_ms']:.0f} ms, {r['counts_queries']} queries"
        )
    return "\n".join(lines) + "\n"
