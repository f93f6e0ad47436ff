"""The completeness matrix at scale (issue 13 §5): profile L (1,500 organisations) against S
(150), and profile XL (52,000 grassroots organisations under 63 provincial committees).

The tree, the targets and the reports are bulk-written (people are sampled: one account per
provincial committee, none per organisation — the matrix never reads people). Each size is
measured as the committee's staff sees it: the first page of the matrix, a page deep in it,
the page filtered by đảng bộ and by name, the summary counts alone, against the raw SQL
aggregate the counts need (``RAW_AGGREGATE``), timed in the same run.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lamtheobac.bench.measure import count_queries, measure_page, percentile
from lamtheobac.core.dates import today
from lamtheobac.core.vietnamese import nfc
from lamtheobac.reporting import matrix as matrix_reads
from lamtheobac.reporting.models import (
    Outline,
    OutlineSection,
    ReportingRound,
    ReportingRoundState,
    ReportState,
    RoundTarget,
    UnitReport,
)
from lamtheobac.units.models import Role, RoleGrant, Unit, UnitKind

PROVINCES = 63
#: The counts the matrix needs, in plain SQL: targets × their report's state, grouped.
RAW_AGGREGATE = """
SELECT r.state, r.is_late, COUNT(*)
FROM reporting_roundtarget t
LEFT JOIN reporting_unitreport r ON r.round_id = t.round_id AND r.unit_id = t.unit_id
WHERE t.round_id = %s
GROUP BY r.state, r.is_late
"""
# (state, is_late, share of targets); the rest has no report yet (not started).
STATES = (
    (ReportState.SUBMITTED, False, 0.42),
    (ReportState.SUBMITTED, True, 0.10),
    (ReportState.DRAFT, False, 0.14),
    (ReportState.ACCEPTED, False, 0.12),
    (ReportState.RETURNED, False, 0.02),
)


@dataclass
class MatrixBuilt:
    committee: Unit
    round: ReportingRound
    officer: Any
    units: int
    provinces: list[Unit]
    seconds: float


def _paths(parent: Unit, n: int) -> list[str]:
    return [Unit._get_path(parent.path, parent.depth + 1, i) for i in range(1, n + 1)]


@transaction.atomic
def build_matrix_profile(n_units: int, *, tag: str, seed: int = 13) -> MatrixBuilt:
    """A national committee with ``PROVINCES`` provincial committees (fewer below 630 units)
    sharing ``n_units`` grassroots organisations, one open round targeting them all, and
    reports in the shares of ``STATES`` — all bulk-written."""
    started = time.perf_counter()
    rng = random.Random(seed + n_units)
    root = Unit.objects.add_root(
        {
            "name": nfc(f"Ban Chấp hành Trung ương ({tag})"),
            "kind": UnitKind.COMMITTEE,
            "issuer_code": "TW",
            "place": "Hà Nội",
        }
    )
    n_provinces = max(1, min(PROVINCES, n_units // 10))
    provinces = Unit.objects.bulk_create(
        [
            Unit(
                path=path,
                depth=2,
                numchild=0,
                name=nfc(f"Đảng bộ tỉnh số {i + 1:02d} ({tag})"),
                kind=UnitKind.COMMITTEE,
            )
            for i, path in enumerate(_paths(root, n_provinces))
        ]
    )
    Unit.objects.filter(pk=root.pk).update(numchild=n_provinces)
    grassroots: list[Unit] = []
    share, extra = divmod(n_units, n_provinces)
    for p, province in enumerate(provinces):
        count = share + (1 if p < extra else 0)
        for j, path in enumerate(_paths(province, count)):
            committee_kind = j % 3 == 0
            grassroots.append(
                Unit(
                    path=path,
                    depth=3,
                    numchild=0,
                    name=nfc(
                        f"{'Đảng bộ' if committee_kind else 'Chi bộ'} Sở Tài chính – Ưng Hòa "
                        f"{p + 1:02d}.{j + 1:04d}"
                    ),
                    kind=UnitKind.GRASSROOTS_COMMITTEE
                    if committee_kind
                    else UnitKind.GRASSROOTS_CELL,
                )
            )
        province.numchild = count
    Unit.objects.bulk_update(provinces, ["numchild"], batch_size=1000)
    grassroots = Unit.objects.bulk_create(grassroots, batch_size=5000)
    User = get_user_model()
    officer = User.objects.create(username=f"bench.{tag}.tw", password=make_password(None))
    RoleGrant.objects.create(user=officer, unit=root, role=Role.COMMITTEE_STAFF)
    outline = Outline.objects.create(title="ĐỀ CƯƠNG")
    OutlineSection.objects.create(outline=outline, number="I", heading="KẾT QUẢ", position=1)
    round = ReportingRound.objects.create(
        committee=root,
        outline=outline,
        title=f"Sơ kết Chỉ thị số 05-CT/TW ({tag})",
        deadline=today() - dt.timedelta(days=3),
        deadline_exclusive=False,
        created_by=officer,
        state=ReportingRoundState.OPEN,
    )
    RoundTarget.objects.bulk_create(
        [
            RoundTarget(round=round, unit=u, unit_name=u.name, position=i)
            for i, u in enumerate(grassroots, start=1)
        ],
        batch_size=5000,
    )
    due = round.due_at
    assert due is not None
    reports = []
    for unit in grassroots:
        x = rng.random()
        for state, late, part in STATES:
            if x < part:
                at = due + dt.timedelta(hours=5) if late else due - dt.timedelta(hours=5)
                sent = state != ReportState.DRAFT
                reports.append(
                    UnitReport(
                        round=round,
                        unit=unit,
                        state=state,
                        is_late=late,
                        submitted_at=at if sent else None,
                        first_submitted_at=at if sent else None,
                    )
                )
                break
            x -= part
    UnitReport.objects.bulk_create(reports, batch_size=5000)
    return MatrixBuilt(
        root, round, officer, n_units, provinces, round_s(time.perf_counter() - started)
    )


def settle() -> None:
    """On PostgreSQL, what autovacuum gives a live database: statistics and the visibility map
    (index-only counts need it). Inside a transaction (a test's), where PostgreSQL refuses
    VACUUM, only the statistics (ANALYZE)."""
    if connection.vendor == "postgresql":
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            for table in ("units_unit", "reporting_roundtarget", "reporting_unitreport"):
                cursor.execute(f"{command} {table}")


def round_s(seconds: float) -> float:
    return float(f"{seconds:.2f}")


def _timed_ms(fn: Any, runs: int) -> list[float]:
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def raw_aggregate(round_pk: int) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(RAW_AGGREGATE, [round_pk])
        return cursor.fetchall()


def measure_matrix(built: MatrixBuilt, *, renders: int = 20) -> dict[str, Any]:
    """Median / p95 (ms) and queries of the matrix pages, the counts alone and the raw SQL
    aggregate; ``ratio`` = first page median / raw aggregate median."""
    settle()
    client = Client()
    client.force_login(built.officer)
    url = reverse("reporting:round_detail", args=[built.round.pk])
    province = built.provinces[len(built.provinces) // 2]
    middle_page = max(1, built.units // matrix_reads.PER_PAGE // 2)
    last_page = max(1, -(-built.units // matrix_reads.PER_PAGE))
    # The link a clerk follows from the page before the middle one: read from its last row's key.
    before = matrix_reads.page(built.round, matrix_reads.MatrixFilter(), max(1, middle_page - 1))
    after = before.rows[-1].key if before.rows else ""
    pages = {
        "first page": url,
        # asked by number: located by an index scan from the nearer end (the middle is the worst)
        f"page {middle_page}": f"{url}?trang={middle_page}",
        "deep page, next link": f"{url}?trang={middle_page}&sau={after}",
        "last page": f"{url}?trang={last_page}",
        "filtered by đảng bộ": f"{url}?dang-bo={province.pk}",
        "filtered by name": f"{url}?tim=ung+hoa+05",
        "late, page 2": f"{url}?trang-thai=late&trang=2",
    }
    result: dict[str, Any] = {"units": built.units, "generation_s": built.seconds}
    for label, address in pages.items():
        result[label] = measure_page(client, address, renders=renders)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    timed = sorted(((float(q["time"]) * 1000, q["sql"]) for q in captured), reverse=True)
    result["first page sql ms"] = round(sum(t for t, _ in timed), 1)
    result["slowest queries"] = [
        (round(t, 1), sql[:90] + " … " + sql[-110:]) for t, sql in timed[:3]
    ]
    rnd = ReportingRound.objects.get(pk=built.round.pk)
    counts = _timed_ms(lambda: matrix_reads.counts(rnd), renders)
    raw = _timed_ms(lambda: raw_aggregate(rnd.pk), renders)
    n_queries, found = count_queries(lambda: matrix_reads.counts(rnd))
    result["counts"] = _stats(counts, n_queries)
    result["raw aggregate"] = _stats(raw, 1)
    result["states"] = dict(found)
    raw_ms = max(result["raw aggregate"]["median_ms"], 0.01)
    result["ratio"] = round(result["first page"]["median_ms"] / raw_ms, 1)
    result["counts ratio"] = round(result["counts"]["median_ms"] / raw_ms, 1)
    size = client.get(url, headers={"accept-encoding": "gzip"})
    result["page_kb"] = round(len(client.get(url).content) / 1024, 1)
    result["gzip_kb"] = round(len(size.content) / 1024, 1)
    return result


def _stats(samples: list[float], queries: int) -> dict[str, Any]:
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 95), 2),
        "queries": queries,
    }


PAGE_ROWS = (
    "first page",
    "deep page, next link",
    "last page",
    "filtered by đảng bộ",
    "filtered by name",
    "late, page 2",
    "counts",
    "raw aggregate",
)


def matrix_table(results: list[dict[str, Any]], *, vendor: str) -> str:
    """The matrix figures, one column per size, with the ratio to the raw aggregate."""
    ordered = sorted(results, key=lambda r: r["units"])
    rows: list[tuple[str, list[str]]] = [
        ("grassroots organisations", [f"{r['units']:,}" for r in ordered]),
        ("generation (s)", [f"{r['generation_s']:.1f}" for r in ordered]),
    ]
    for r in ordered:  # the deep page's label depends on the size
        deep = next(k for k in r if k.startswith("page "))
        r["deep page (by number)"] = r[deep]
    for name in ("first page", "deep page (by number)", *PAGE_ROWS[1:]):
        rows.append((f"{name}: median (ms)", [f"{r[name]['median_ms']:.1f}" for r in ordered]))
        rows.append((f"{name}: p95 (ms)", [f"{r[name]['p95_ms']:.1f}" for r in ordered]))
        rows.append((f"{name}: queries", [str(r[name]["queries"]) for r in ordered]))
    rows.append(("first page / raw aggregate", [f"{r['ratio']:.1f}×" for r in ordered]))
    rows.append(("counts / raw aggregate", [f"{r['counts ratio']:.1f}×" for r in ordered]))
    rows.append(("first page: SQL time (ms)", [f"{r['first page sql ms']:.1f}" for r in ordered]))
    rows.append(("page size (KB; gzip)", [f"{r['page_kb']} ({r['gzip_kb']})" for r in ordered]))
    head = [f"N={r['units']:,}" for r in ordered]
    width = max(len(label) for label, _ in rows)
    cols = [max(len(h), *(len(v[i]) for _, v in rows)) for i, h in enumerate(head)]
    lines = [
        "",
        f"completeness matrix (committee staff, 100 rows a page) on {vendor}",
        " " * width + "".join(f"  {h:>{w}}" for h, w in zip(head, cols, strict=True)),
    ]
    for label, values in rows:
        lines.append(
            f"{label:<{width}}" + "".join(f"  {v:>{w}}" for v, w in zip(values, cols, strict=True))
        )
    for r in ordered:
        lines.append(f"slowest queries of the first page at N={r['units']:,}:")
        lines += [f"  {t:7.1f} ms  {sql}" for t, sql in r["slowest queries"]]
    return "\n".join(lines) + "\n"
