"""Measuring a generated profile: page render times, query counts, output build times and sizes.

Every page is rendered through Django's test ``Client`` (the whole middleware stack, a logged-in
session): once to warm the template cache, then ``renders`` timed renders without query capture;
queries are counted in one more render under ``CaptureQueriesContext``.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lamtheobac.bench.profiles import Built
from lamtheobac.reporting import outputs, queries
from lamtheobac.reporting.models import MatrixState, ReportingRound

# name → label, in the order of the printed table
PAGES = {
    "matrix": "completeness matrix page",
    "report_form": "unit report form page",
    "home": "home page (committee user)",
}
OUTPUTS = {
    "consolidated_docx": "consolidated report .docx",
    "matrix_xlsx": "matrix export .xlsx",
}
METRIC_KEYS = ("median_ms", "p95_ms", "queries")
OUTPUT_KEYS = ("median_ms", "kb", "queries")


def percentile(samples: Sequence[float], q: float) -> float:
    """The nearest-rank ``q`` percentile (0 < q ≤ 100) of ``samples``; p95 of 20 is the 19th."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def _timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    """Run ``fn`` ``runs`` times; return the durations in ms and the last result."""
    samples, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples, result


def count_queries(fn: Callable[[], Any]) -> tuple[int, Any]:
    """The number of SQL queries ``fn`` runs on the default database, and its result."""
    with CaptureQueriesContext(connection) as captured:
        result = fn()
    return len(captured), result


def _get(client: Client, url: str) -> Callable[[], bytes]:
    def fetch() -> bytes:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return response.content

    return fetch


def measure_page(client: Client, url: str, *, renders: int = 20) -> dict[str, float | int]:
    """Render ``url`` once to warm up, then ``renders`` times: median and p95 in ms, and the
    number of SQL queries of one render."""
    fetch = _get(client, url)
    fetch()
    samples, _ = _timed(fetch, renders)
    n_queries, _ = count_queries(fetch)
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 95), 1),
        "queries": n_queries,
    }


def _consolidated(round_pk: int) -> bytes:
    # Loaded as the view loads it, so the count covers the whole download.
    round = ReportingRound.objects.select_related("committee", "outline", "document").get(
        pk=round_pk
    )
    sections, rows = queries.consolidation(round)
    return outputs.consolidated_report(round, sections, rows)


def measure_output(fn: Callable[[], bytes], *, runs: int = 5) -> dict[str, float | int]:
    """Build an output once to warm up, then ``runs`` times: median in ms, size in KB (1024
    bytes) and the number of SQL queries of one build."""
    fn()
    samples, data = _timed(fn, runs)
    n_queries, _ = count_queries(fn)
    return {
        "median_ms": round(statistics.median(samples), 1),
        "kb": round(len(data) / 1024, 1),
        "queries": n_queries,
    }


def matrix_counts(built: Built) -> dict[str, int]:
    """The matrix counts per MatrixState value, as the round page shows them."""
    _, counts = queries.matrix(built.round)
    return {s.value: counts.get(s.value, 0) for s in MatrixState}


def measure_profile(built: Built, *, renders: int = 20, output_runs: int = 5) -> dict[str, Any]:
    """Measure one generated profile.

    Returns ``{"units", "cells", "generation_s", "states", "matrix", "report_form", "home",
    "consolidated_docx", "matrix_xlsx"}``: pages carry ``median_ms``, ``p95_ms`` (ms over
    ``renders`` renders) and ``queries`` (per render); outputs carry ``median_ms`` (over
    ``output_runs`` builds), ``kb`` (size) and ``queries``.
    """
    round = built.round
    officer = Client()
    officer.force_login(built.officer)
    unit_staff = Client()
    unit_staff.force_login(built.unit_staff)
    result: dict[str, Any] = {
        "units": len(built.targets),
        "cells": built.cells,
        "generation_s": round_s(built.seconds),
        "states": matrix_counts(built),
    }
    result["matrix"] = measure_page(
        officer, reverse("reporting:round_detail", args=[round.pk]), renders=renders
    )
    result["report_form"] = measure_page(
        unit_staff,
        reverse("reporting:report_edit", args=[round.pk, built.targets[0].pk]),
        renders=renders,
    )
    result["home"] = measure_page(officer, reverse("home"), renders=renders)
    result["consolidated_docx"] = measure_output(lambda: _consolidated(round.pk), runs=output_runs)
    # The build itself: in the app a round this large exports in the worker (jobs.background).
    with override_settings(JOBS_BACKGROUND_UNITS=10**9):
        result["matrix_xlsx"] = measure_output(
            _get(officer, reverse("reporting:matrix_xlsx", args=[round.pk])), runs=output_runs
        )
    return result


def round_s(seconds: float) -> float:
    return float(f"{seconds:.2f}")


def query_growth(results: Sequence[dict[str, Any]]) -> dict[str, tuple[int, int, bool]]:
    """Per page and output: (queries at the smallest N, at the largest N, grows?)."""
    ordered = sorted(results, key=lambda r: r["units"])
    small, large = ordered[0], ordered[-1]
    return {
        name: (
            small[name]["queries"],
            large[name]["queries"],
            large[name]["queries"] > small[name]["queries"],
        )
        for name in (*PAGES, *OUTPUTS)
    }


def table(results: Sequence[dict[str, Any]], *, title: str) -> str:
    """The figures as an aligned plain-text table, one column per profile size."""
    ordered = sorted(results, key=lambda r: r["units"])
    rows: list[tuple[str, list[str]]] = [
        ("grassroots organisations", [str(r["units"]) for r in ordered]),
        ("subordinate cells", [str(r["cells"]) for r in ordered]),
        ("generation (s)", [f"{r['generation_s']:.2f}" for r in ordered]),
        (
            "matrix: on time / late",
            [f"{r['states']['on_time']} / {r['states']['late']}" for r in ordered],
        ),
    ]
    for name, label in PAGES.items():
        rows.append((f"{label}: median (ms)", [f"{r[name]['median_ms']:.1f}" for r in ordered]))
        rows.append((f"{label}: p95 (ms)", [f"{r[name]['p95_ms']:.1f}" for r in ordered]))
        rows.append((f"{label}: queries", [str(r[name]["queries"]) for r in ordered]))
    for name, label in OUTPUTS.items():
        rows.append((f"{label}: median (ms)", [f"{r[name]['median_ms']:.1f}" for r in ordered]))
        rows.append((f"{label}: size (KB)", [f"{r[name]['kb']:.1f}" for r in ordered]))
        rows.append((f"{label}: queries", [str(r[name]["queries"]) for r in ordered]))
    head = [f"N={r['units']}" for r in ordered]
    width = max(len(label) for label, _ in rows)
    cols = [max(len(h), *(len(v[i]) for _, v in rows)) for i, h in enumerate(head)]
    lines = [
        title,
        "",
        " " * width + "".join(f"  {h:>{w}}" for h, w in zip(head, cols, strict=True)),
    ]
    for label, values in rows:
        lines.append(
            f"{label:<{width}}" + "".join(f"  {v:>{w}}" for v, w in zip(values, cols, strict=True))
        )
    growth = query_growth(ordered)
    lines += ["", f"Queries as N grows ({ordered[0]['units']} → {ordered[-1]['units']}):"]
    labels = {**PAGES, **OUTPUTS}
    gw = max(len(v) for v in labels.values())
    for name, (a, b, grows) in growth.items():
        lines.append(f"  {labels[name]:<{gw}}  {a:>4} → {b:<4}  {'GROWS' if grows else 'OK'}")
    return "\n".join(lines)
