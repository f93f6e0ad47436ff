"""Time the consolidated report at 150 and 1,500 reports × the seed-003 outline (issue 13 §5).

Run ``python -m lamtheobac.drafting.bench [--repeat 3] [--small 150] [--large 1500]``.

The report is built by the app's own code (``reporting.outputs.consolidated_text`` then
``consolidated_report``: markup, Party writer, status table, closing) from in-memory rounds,
sections and reports shaped like the database's, so the figure is the document build alone.
The same paragraphs and table are also written with plain python-docx (``add_paragraph``,
``add_table``), whose body insertion scans every block (O(n²)); the ratio is printed.
Targets: ≤ 1.5 s at 1,500 reports and ≤ 12× the time at 150.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

# Seed 003 (59-KH/ĐUK) outline: (number, heading, depth); units answer the leaves.
SEED_003_OUTLINE = [
    ("I", "ĐẶC ĐIỂM TÌNH HÌNH", 1),
    ("II", "KẾT QUẢ ĐẠT ĐƯỢC", 1),
    *[(str(i), f"Nội dung đánh giá số {i} của đề cương", 2) for i in range(1, 11)],
    ("III", "HẠN CHẾ, KHUYẾT ĐIỂM; NGUYÊN NHÂN; KINH NGHIỆM", 1),
    ("1", "Hạn chế, khuyết điểm", 2),
    ("2", "Nguyên nhân", 2),
    ("3", "Kinh nghiệm", 2),
    ("IV", "NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN TRONG THỜI GIAN TỚI", 1),
    ("V", "KIẾN NGHỊ, ĐỀ XUẤT", 1),
]
ANSWER = (
    "Chi bộ tổ chức học tập chuyên đề cho 100% đảng viên; xây dựng kế hoạch làm theo gắn "
    "với nhiệm vụ chính trị của cơ quan, đơn vị; đăng ký nêu gương của người đứng đầu."
)


def _section(number: str, heading: str, depth: int) -> Any:
    sep = "- " if depth == 1 else ". "
    return SimpleNamespace(
        number=number, heading=heading, depth=depth, label=f"{number}{sep}{heading}"
    )


def fixture(reports: int) -> tuple[Any, list[Any], list[Any]]:
    """(round, sections, rows) of ``reports`` submitted reports answering every leaf."""
    from lamtheobac.reporting.models import MatrixState
    from lamtheobac.reporting.queries import ConsolidatedSection

    submitted = dt.datetime(2026, 4, 20, 3, 0, tzinfo=dt.UTC)
    rows, answers = [], []
    for i in range(1, reports + 1):
        unit = SimpleNamespace(name=f"Chi bộ cơ sở số {i:04d} thuộc Đảng ủy Khối")
        report = SimpleNamespace(unit=unit, submitted_at=submitted, is_late=False)
        target = SimpleNamespace(unit_name=unit.name)
        rows.append(SimpleNamespace(report=report, target=target, state=MatrixState.ON_TIME))
        answers.append(report)
    indicator = SimpleNamespace(name="Số đảng viên đăng ký làm theo", unit_label="người")
    sections = []
    for index, (number, heading, depth) in enumerate(SEED_003_OUTLINE):
        next_depth = SEED_003_OUTLINE[index + 1][2] if index + 1 < len(SEED_003_OUTLINE) else 0
        leaf = next_depth <= depth
        entries = [(r, ANSWER) for r in answers] if leaf else []
        totals = [(indicator, Decimal(20 * reports), reports)] if number == "I" else []
        sections.append(
            ConsolidatedSection(
                _section(number, heading, depth),
                entries,  # type: ignore[arg-type]  # in-memory stand-ins for the models
                totals,  # type: ignore[arg-type]
                not leaf,
            )
        )
    committee = SimpleNamespace(name="Đảng ủy Khối các cơ quan tỉnh", issuer_code="ĐUK")
    round = SimpleNamespace(
        report_title="tổng hợp sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW",
        title="Sơ kết",
        document=None,
        committee=committee,
    )
    return round, sections, rows


def draft() -> Any:
    from lamtheobac.partydoc import Authority, DraftValues, Issuer, Signer

    issuer = Issuer("ĐẢNG BỘ TỈNH QUẢNG NAM", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN", "ĐUK", "Quảng Nam",
                    "Đảng ủy Khối các cơ quan tỉnh")  # fmt: skip
    return DraftValues(
        issuer=issuer,
        signer=Signer(Authority.ON_BEHALF, "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Phạm Văn Sáu"),
        date=dt.date(2026, 4, 25),
        recipients=("Ban Thường vụ Tỉnh ủy (b/c)", "Lưu Văn phòng"),
        spelling="modern",
    )


def app_build(reports: int) -> Callable[[], bytes]:
    from lamtheobac.reporting import outputs

    round, sections, rows = fixture(reports)
    values = draft()

    def build() -> bytes:
        return outputs.consolidated_report(round, sections, rows, values)

    return build


def raw_build(reports: int) -> Callable[[], bytes]:
    """python-docx alone: the same paragraphs (text only) and status table, no formatting."""
    import docx

    from lamtheobac.reporting import outputs

    round, sections, rows = fixture(reports)
    text = outputs.consolidated_text(round, sections, rows, draft())
    paragraphs = [line for line in text.splitlines() if line.strip()]

    def build() -> bytes:
        document = docx.Document()
        for line in paragraphs:
            document.add_paragraph(line)
        table = document.add_table(rows=1, cols=4)
        for row in rows:
            cells = table.add_row().cells
            cells[1].text = row.target.unit_name
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    return build


def median_s(build: Callable[[], bytes], repeat: int) -> tuple[float, float, int]:
    """Median wall and CPU (process) seconds over ``repeat`` builds, and the file size."""
    walls, cpus, size = [], [], 0
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        size = len(build())
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--small", type=int, default=150)
    parser.add_argument("--large", type=int, default=1500)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lamtheobac.settings")
    import django

    django.setup()
    results = {}
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for reports in (args.small, args.large):
        app_s, app_cpu, size = median_s(app_build(reports), args.repeat)
        raw_s, raw_cpu, _ = median_s(raw_build(reports), args.repeat)
        results[reports] = app_cpu
        print(
            f"consolidated report, {reports} reports × seed-003 outline: {app_s:.2f} s "
            f"({app_cpu:.2f} s CPU), {size / 1024:.0f} KB; raw python-docx, same paragraphs: "
            f"{raw_s:.2f} s ({raw_cpu:.2f} s CPU); ratio {app_cpu / raw_cpu:.2f}"
        )
    growth = results[args.large] / results[args.small]
    print(
        f"growth {args.small} → {args.large} reports (CPU): {growth:.1f}× "
        f"(target ≤ 12×; {args.large} reports target ≤ 1.5 s)"
    )


if __name__ == "__main__":
    main()
