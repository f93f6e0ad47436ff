"""``lamtheobac bench`` figures for the committee dashboard (issue 9 §8) at profile L:
1,500 grassroots organisations with 8,000 cells (docs/domain.md §7), an open round with
reports from 60 % of them, three tasks per organisation (a third overdue, some with support
units), an inspection programme. The home page of the committee officer is rendered through
the test client; the number of queries must not grow with the number of units.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse

from lamtheobac.core.dates import today
from lamtheobac.reporting.models import (
    Outline,
    OutlineSection,
    ReportingRound,
    ReportingRoundState,
    ReportState,
    RoundTarget,
    UnitReport,
)
from lamtheobac.tasks.models import Task
from lamtheobac.units.models import Role, RoleGrant, Unit, UnitKind

SIZES = ((150, 800), (1_500, 8_000))


def build_province(grassroots: int, cells: int, *, tag: str) -> tuple[Unit, Any, float]:
    """Bulk-write the tree, the round, the reports and the tasks; returns (committee,
    officer, seconds)."""
    started = time.perf_counter()
    per = [cells // grassroots + (1 if i < cells % grassroots else 0) for i in range(grassroots)]
    root = {
        "data": {"name": f"Tỉnh ủy ({tag})", "kind": UnitKind.COMMITTEE, "issuer_code": "TU"},
        "children": [{"data": {"name": "Ban Tuyên giáo Tỉnh ủy", "kind": UnitKind.BOARD}}]
        + [
            {
                "data": {
                    "name": f"Đảng bộ cơ sở số {i + 1}",
                    "kind": UnitKind.GRASSROOTS_COMMITTEE,
                },
                "children": [
                    {
                        "data": {
                            "name": f"Chi bộ {j + 1} của Đảng bộ {i + 1}",
                            "kind": UnitKind.SUBORDINATE_CELL,
                        }
                    }
                    for j in range(per[i])
                ],
            }
            for i in range(grassroots)
        ],
    }
    (root_pk, *_) = Unit.objects.load_bulk([root], bulk_create=True)
    committee = Unit.objects.get(pk=root_pk)
    orgs = list(Unit.objects.subtree(committee).grassroots().order_by("path"))
    board = Unit.objects.get(path__startswith=committee.path, kind=UnitKind.BOARD)
    officer = get_user_model().objects.create(
        username=f"bench.{tag}.btg", password=make_password(None)
    )
    RoleGrant.objects.create(user=officer, unit=committee, role=Role.COMMITTEE_STAFF)
    day = today()
    for k in range(2):
        outline = Outline.objects.create(title="ĐỀ CƯƠNG")
        OutlineSection.objects.create(
            outline=outline, number="I", heading="KẾT QUẢ", depth=1, position=1
        )
        round = ReportingRound.objects.create(
            committee=committee,
            outline=outline,
            title=f"Đợt báo cáo {k + 1} ({tag})",
            deadline=day + dt.timedelta(days=10 + k),
            state=ReportingRoundState.OPEN,
            created_by=officer,
        )
        RoundTarget.objects.bulk_create(
            RoundTarget(round=round, unit=u, unit_name=u.name, position=i)
            for i, u in enumerate(orgs)
        )
        UnitReport.objects.bulk_create(
            UnitReport(
                round=round,
                unit=u,
                state=ReportState.ACCEPTED if i % 5 == 0 else ReportState.SUBMITTED,
            )
            for i, u in enumerate(orgs)
            if i % 5 < 3
        )
    tasks = Task.objects.bulk_create(
        Task(
            committee=committee,
            lead=u,
            title=f"Nhiệm vụ {j + 1} của {u.name}",
            due=day + dt.timedelta(days=(-5 if j == 0 and i % 3 == 0 else 5 + j * 7)),
            state="done" if j == 2 else "not_started",
        )
        for i, u in enumerate(orgs)
        for j in range(3)
    )
    Task.supports.through.objects.bulk_create(
        Task.supports.through(task_id=t.pk, unit_id=board.pk) for t in tasks[::4]
    )
    return committee, officer, time.perf_counter() - started


def measure_dashboard(
    *, sizes: tuple[tuple[int, int], ...] = SIZES, renders: int = 10
) -> list[dict[str, Any]]:
    """Median and p95 (ms) and queries of the committee's home page per size."""
    from lamtheobac.bench.measure import count_queries, percentile

    results = []
    url = reverse("home")
    for grassroots, cells in sizes:
        _, officer, seconds = build_province(grassroots, cells, tag=f"L{grassroots}")
        client = Client()
        client.force_login(officer)

        def fetch(client: Client = client) -> bytes:
            response = client.get(url)
            if response.status_code != 200 or b"dashboard" not in response.content:
                raise RuntimeError(
                    f"GET {url} answered {response.status_code} without the dashboard"
                )
            return response.content

        fetch()
        samples = []
        for _ in range(renders):
            started = time.perf_counter()
            fetch()
            samples.append((time.perf_counter() - started) * 1000)
        n_queries, _ = count_queries(fetch)
        results.append(
            {
                "grassroots": grassroots,
                "cells": cells,
                "generation_s": round(seconds, 1),
                "median_ms": round(statistics.median(samples), 1),
                "p95_ms": round(percentile(samples, 95), 1),
                "queries": n_queries,
            }
        )
    return results


def table(results: list[dict[str, Any]], *, target_ms: float = 200.0) -> str:
    lines = ["", "committee dashboard (home page of the committee officer)"]
    lines.append(
        f"  {'grassroots':>10} {'cells':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
    )
    for r in results:
        lines.append(
            f"  {r['grassroots']:>10} {r['cells']:>6} {r['median_ms']:>10} {r['p95_ms']:>8} {r['queries']:>8}"
        )
    constant = len({r["queries"] for r in results}) == 1
    worst = max(r["median_ms"] for r in results)
    lines.append(
        f"  queries constant in units: {'yes' if constant else 'NO'}; "
        f"target ≤ {target_ms:.0f} ms: {'OK' if worst <= target_ms else 'ABOVE TARGET'}"
    )
    return "\n".join(lines) + "\n"
