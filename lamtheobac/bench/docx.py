"""``lamtheobac bench --docx``: the consolidated report and the reminder letter as .docx at
150 and 1,500 grassroots organisations (issue 13 §5).

Each size is profile S (``profiles.build_profile_s``: every unit submitted, 600-character
answers to the 10-section sơ kết outline of 59-KH/ĐUK, 3 indicators). The consolidated report
is timed as the download builds it: the round read, ``queries.consolidation`` (a fixed number of
queries) and ``outputs.consolidated_report`` (markup, Party writer, status table, closing,
zip). In the same run plain python-docx writes the same paragraphs (``add_paragraph`` per line
of the report's text, then the status table with ``add_table`` / ``add_row``), unformatted; the
table prints the ratio. The reminder letter (công văn đôn đốc) shares the writer: it is timed
with every target unit pending, so its appendix lists them all.

Targets: ≤ 1.5 s at 1,500 reports and ≤ 12× the time at 150.
"""

from __future__ import annotations

import io
import os
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from lamtheobac.bench.measure import count_queries
from lamtheobac.bench.profiles import Built
from lamtheobac.reporting import outputs, queries
from lamtheobac.reporting.models import ReportingRound

TARGET_S = 1.5
TARGET_GROWTH = 12.0


def _load(round_pk: int) -> ReportingRound:
    # Loaded as the download view loads it, so the queries cover the whole download.
    return ReportingRound.objects.select_related("committee", "outline", "document").get(
        pk=round_pk
    )


def consolidated(round_pk: int) -> bytes:
    """The consolidated report of the round as its download builds it (default draft)."""
    round = _load(round_pk)
    sections, rows = queries.consolidation(round)
    return outputs.consolidated_report(round, sections, rows)


def reminder(round_pk: int) -> bytes:
    """The reminder letter with every target unit pending (the longest appendix)."""
    round = _load(round_pk)
    rows, _ = queries.matrix(round)
    return outputs.reminder_letter(round, rows, total=len(rows))


def raw_python_docx(round_pk: int) -> Callable[[], bytes]:
    """Plain python-docx writing the report's paragraphs and status table, unformatted."""
    import docx

    round = _load(round_pk)
    sections, rows = queries.consolidation(round)
    draft = outputs.default_draft(round, kind="consolidated")
    text = outputs.consolidated_text(round, sections, rows, draft)
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    table_rows = [[row.target.unit_name, row.state.label] for row in rows]

    def build() -> bytes:
        document = docx.Document()
        for line in paragraphs:
            document.add_paragraph(line)
        table = document.add_table(rows=1, cols=4)
        for i, (name, state) in enumerate(table_rows, start=1):
            cells = table.add_row().cells
            cells[0].text = str(i)
            cells[1].text = name
            cells[3].text = state
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    return build


def timed(build: Callable[[], bytes], runs: int) -> dict[str, float]:
    """Median wall and CPU (this process) seconds over ``runs`` builds after one warm-up,
    the size in KB and the load average (1 minute) at the end."""
    build()
    walls, cpus, size = [], [], 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        size = len(build())
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {
        "s": round(statistics.median(walls), 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "kb": round(size / 1024, 1),
        "load": round(os.getloadavg()[0], 2),
    }


def measure_docx(built: Built, *, runs: int = 5, raw_runs: int = 1) -> dict[str, Any]:
    """One size: ``{"units", "consolidated", "reminder", "raw", "queries"}``; the three
    builds as ``timed`` returns them, ``queries`` of one consolidated build."""
    pk = built.round.pk
    result: dict[str, Any] = {"units": len(built.targets)}
    result["consolidated"] = timed(lambda: consolidated(pk), runs)
    result["queries"], _ = count_queries(lambda: consolidated(pk))
    result["reminder"] = timed(lambda: reminder(pk), runs)
    result["raw"] = timed(raw_python_docx(pk), raw_runs)
    return result


def docx_table(results: Sequence[dict[str, Any]], *, vendor: str) -> str:
    """The figures, one line per size, then the growth from the smallest to the largest."""
    ordered = sorted(results, key=lambda r: r["units"])
    lines = [f"lamtheobac bench --docx on {vendor} ({os.cpu_count()} cores)", ""]
    for r in ordered:
        c, m, raw = r["consolidated"], r["reminder"], r["raw"]
        lines.append(
            f"N={r['units']:>5}: consolidated report {c['s'] * 1000:6.0f} ms "
            f"({c['cpu_s'] * 1000:.0f} ms CPU, {c['kb']:.0f} KB, {r['queries']} queries); "
            f"raw python-docx, same paragraphs {raw['s'] * 1000:.0f} ms; "
            f"ratio {c['s'] / raw['s']:.2f}; reminder letter {m['s'] * 1000:.0f} ms "
            f"({m['kb']:.0f} KB); load average {c['load']:.2f}"
        )
    small, large = ordered[0], ordered[-1]
    if large is not small:
        growth = large["consolidated"]["s"] / small["consolidated"]["s"]
        cpu_growth = large["consolidated"]["cpu_s"] / small["consolidated"]["cpu_s"]
        at = large["consolidated"]["s"]
        lines += [
            "",
            f"growth {small['units']} → {large['units']}: {growth:.1f}× wall, "
            f"{cpu_growth:.1f}× CPU (target ≤ {TARGET_GROWTH:.0f}×: "
            f"{'OK' if growth <= TARGET_GROWTH else 'ABOVE TARGET'}); "
            f"{large['units']} reports {at:.2f} s (target ≤ {TARGET_S} s: "
            f"{'OK' if at <= TARGET_S else 'ABOVE TARGET'})",
        ]
    return "\n".join(lines) + "\n"
