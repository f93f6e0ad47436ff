"""Time the .docx writer on the two large documents it has to build.

Run ``python -m lamtheobac.partydoc.bench [--repeat 5] [--units 150] [--rows 1000]``.
Prints the median build-and-save time in ms and the file size in KB for:

* a consolidated report: 10 sections, each a heading and ``units`` ``labelled()`` paragraphs
  of about 600 characters of Vietnamese (1,500 paragraphs at 150 units), then a status table;
* a commendation decision whose appendix is a ``rows`` × 5 table.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import time
from collections.abc import Callable

from .document import PartyDocument
from .header import Header, Signature

_SENTENCE = (
    "Chi bộ đã tổ chức học tập, quán triệt đầy đủ các chuyên đề cho 100% đảng viên, "
    "xây dựng kế hoạch làm theo gắn với nhiệm vụ chính trị của đơn vị; "
)
_TEXT = (_SENTENCE * 5)[:600].strip()
_SECTIONS = 10
_SIGNATURE = Signature("T/M Ban Thường vụ", "Phó Bí thư", "Phạm Sáu")


def _header(number: str) -> Header:
    return Header(
        superior="Đảng bộ tỉnh Quảng Nam",
        issuer="Đảng ủy Khối các cơ quan",
        number=number,
        place="Quảng Nam",
        date=datetime.date(2025, 12, 15),
    )


def consolidated_report(units: int) -> bytes:
    """``_SECTIONS`` × ``units`` labelled paragraphs, like reporting's consolidated report."""
    doc = PartyDocument(_header("59-BC/ĐUK"), kind_name="Báo cáo", title="tổng hợp kết quả")
    doc.paragraph("Thực hiện Kế hoạch số 11-KH/TU, ngày 18/10/2021 của Ban Thường vụ Tỉnh ủy.")
    for section in range(1, _SECTIONS + 1):
        doc.heading(f"{section}. Nội dung báo cáo số {section}", level=2)
        for unit in range(1, units + 1):
            doc.labelled(f"Chi bộ số {unit}: ", _TEXT)
    doc.heading("Tình hình gửi báo cáo của các đơn vị", level=1)
    status = [[str(i), f"Chi bộ số {i}", "Đã gửi", "15/12/2025"] for i in range(1, units + 1)]
    doc.table(["STT", "Đơn vị", "Trạng thái", "Ngày gửi"], status, widths_mm=[15, 80, 35, 35])
    doc.closing(["Ban Tuyên giáo Tỉnh ủy (b/c)", "Lưu VP, BTG"], _SIGNATURE)
    return doc.to_bytes()


def commendation_appendix(rows: int) -> bytes:
    """A decision with a ``rows`` × 5 appendix list of commended collectives and members."""
    doc = PartyDocument(_header("120-QĐ/ĐUK"), kind_name="Quyết định", title="khen thưởng")
    doc.paragraph("Khen thưởng các tập thể, cá nhân có tên trong danh sách kèm theo.")
    doc.closing(["Như Điều 3", "Lưu VP"], _SIGNATURE)
    doc.appendix("Phụ lục", "Danh sách khen thưởng", "kèm theo Quyết định số 120-QĐ/ĐUK")
    table = [
        [str(i), f"Nguyễn Văn {i}", f"Đảng viên Chi bộ số {i % 40 + 1}", "Giấy khen", "2025"]
        for i in range(1, rows + 1)
    ]
    doc.table(
        ["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức", "Năm"],
        table,
        widths_mm=[12, 45, 58, 30, 20],
    )
    return doc.to_bytes()


def measure(build: Callable[[], bytes], repeat: int) -> tuple[float, int]:
    """Median wall time in ms over ``repeat`` builds, and the size of the last file in bytes."""
    times = []
    data = b""
    for _ in range(repeat):
        start = time.perf_counter()
        data = build()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--units", type=int, default=150)
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    cases = [
        (
            f"consolidated report, {_SECTIONS * args.units} labelled paragraphs",
            lambda: consolidated_report(args.units),
        ),
        (f"commendation appendix, {args.rows} × 5 table", lambda: commendation_appendix(args.rows)),
    ]
    for name, build in cases:
        ms, size = measure(build, args.repeat)
        print(f"{name}: {ms:.0f} ms, {size / 1024:.0f} KB (median of {args.repeat})")


if __name__ == "__main__":
    main()
