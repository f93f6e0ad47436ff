"""Documents per CPU second on one core: the corpus read as text and as .docx (issue 3);
time on long lines and on the shapes that used to cost the most, and peak memory (issue 10 §4).

``python -m lamtheobac.reading.bench [DIR] [--seconds N]``. Targets: at least
50 text documents/s and 15 .docx/s; one line of 1 MB in 2 s and of 10 MB in 20 s; no
shape above 2 s/MB; nothing within the upload limit above 500 MB. Files are read into
memory first, so the figure is the reader's (decoding, parsing), not the disk's. Times
are CPU seconds of this process (``time.process_time``): one core, whatever else the
machine runs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import resource
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

from .api import read_bytes, read_text
from .errors import ReadError

CORPUS = Path(__file__).resolve().parent / "corpus"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TARGETS = {".txt": 50.0, ".docx": 15.0}
#: Seconds allowed for a text on a single line of this many bytes (issue 10 §4).
LONG_LINE_TARGETS = {1024 * 1024: 2.0, 10 * 1024 * 1024: 20.0}


def rate(blobs: list[bytes], seconds: float) -> float:
    """Documents per CPU second reading ``blobs`` round-robin for about ``seconds`` of CPU
    (CPU time of this process: the figure of one core, whatever else the machine runs)."""
    count = 0
    start = time.process_time()
    while True:
        for blob in blobs:
            read_bytes(blob)
            count += 1
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            return count / elapsed


def single_line(size: int) -> bytes:
    """Seed 003 (a plan) with its line breaks removed, repeated to ``size`` bytes of UTF-8."""
    plan = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")
    line = " ".join(plan.split("\n")) + " "
    return (
        (line * (size // len(line.encode()) + 1)).encode()[:size].decode(errors="ignore").encode()
    )


def long_line_lines() -> list[str]:
    """One line per size in ``LONG_LINE_TARGETS``: seconds to read it, against the target."""
    out = []
    for size, target in LONG_LINE_TARGETS.items():
        data = single_line(size)
        start = time.process_time()  # CPU time of this process: one core, whatever the load
        try:
            read_bytes(data)
            stopped = ""
        except ReadError:  # over the per-document budget (api.TIME_BUDGET): refused
            stopped = ", dừng vì quá thời gian cho phép"
        seconds = time.process_time() - start
        ok = seconds <= target and not stopped
        out.append(
            f"một dòng {size // 2**20:>3} MB  {seconds:6.2f} giây CPU{stopped}  "
            f"(mục tiêu ≤ {target:.0f}: {'đạt' if ok else 'KHÔNG ĐẠT'})"
        )
    return out


#: Shapes that cost the most per MB (fuzzing, issue 10 §4): before this round a line of
#: emphasis stars took minutes (a regular expression backtracking), dates without a cue
#: word 40 s/MB, blank lines 8 s/MB; each is repeated to ``PATHOLOGICAL_SIZE``.
PATHOLOGICAL = {
    "dates without a cue ('12/3/2024 ')": "12/3/2024 ",
    "dates in words": "ngày 12 tháng 3 năm 2024 ",
    "deadlines ('trước ngày 12/3/2024 ')": "trước ngày 12/3/2024 ",
    "quarters ('Quý II/2022: ')": "Quý II/2022: ",
    "'hằng năm ' repeated": "hằng năm ",
    "emphasis stars ('*')": "*",
    "blank lines": "\n",
    "list items ('- a')": "- a\n",
    "table rows of tab-separated cells": "1\tA\tB\tC\n",
    "tables of tasks laid out by spaces": "TT   Việc   Chủ trì   Phối hợp\n1    A      Ban B     Ban C\n",
    "a header repeated": "ĐẢNG ỦY KHỐI\nSố 12-KH/ĐUK\tHà Nội, ngày 1 tháng 2 năm 2023\n",
    "a header on one line, repeated": (
        "ĐẢNG ỦY X * Số 12-KH/ĐUK ĐẢNG CỘNG SẢN VIỆT NAM Hà Nội, ngày 1 tháng 2 năm 2023 "
    ),
    "citations": "Kế hoạch số 12-KH/TU ngày 3/4/2020 ",
}
PATHOLOGICAL_SIZE = 512 * 1024
PATHOLOGICAL_TARGET = 2.0  # CPU seconds per MB


def pathological_lines(size: int = PATHOLOGICAL_SIZE) -> list[str]:
    """Seconds per MB for each shape of ``PATHOLOGICAL``, the worst last."""
    figures = []
    for name, piece in PATHOLOGICAL.items():
        text = piece * (size // len(piece.encode()) + 1)
        start = time.process_time()
        try:
            read_text(text)
        except ReadError:  # stopped by the time budget: the figure is a lower bound
            name += " (dừng vì quá thời gian)"
        per_mb = (time.process_time() - start) / (len(text.encode()) / 2**20)
        figures.append((per_mb, name))
    out = [f"  {name:<46} {per_mb:6.2f} giây/MB" for per_mb, name in figures]
    worst, name = max(figures)
    verdict = "đạt" if worst <= PATHOLOGICAL_TARGET else "KHÔNG ĐẠT"
    out.append(
        f"dạng tốn nhất: {name}, {worst:.2f} giây CPU/MB "
        f"(mục tiêu ≤ {PATHOLOGICAL_TARGET:.0f}: {verdict})"
    )
    return [f"dạng văn bản bất thường, mỗi dạng {size // 1024} KB:", *out]


def largest_docx() -> bytes:
    """A .docx whose body XML is just under the reader's cap (loading._MAX_XML), made of a
    real corpus document padded with one paragraph repeated."""
    from .loading import _MAX_XML

    source = zipfile.ZipFile(io.BytesIO((CORPUS / "d01_kh_huyen_uy.docx").read_bytes()))
    document = source.read("word/document.xml").decode()
    head, rest = document.split("<w:body>", 1)
    body, tail = rest.rsplit("</w:body>", 1)
    # formatted runs, as Word writes them: the text stays under MAX_CHARS, so the file is
    # read to its end (the costliest .docx the caps let through)
    paragraph = (
        '<w:p><w:r><w:rPr><w:b/><w:i/><w:sz w:val="26"/></w:rPr>'
        "<w:t>Các chi bộ quán triệt kế hoạch này.</w:t></w:r></w:p>"
    ).encode()
    opening = (head + "<w:body>" + body).encode()
    closing = ("</w:body>" + tail).encode()
    others = sum(
        i.file_size
        for i in source.infolist()
        if i.filename != "word/document.xml" and i.filename.lower().endswith((".xml", ".rels"))
    )
    room = _MAX_XML - others - len(opening) - len(closing) - 64 * 1024
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info, source.read(info))
                continue
            with archive.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(opening)
                chunk = paragraph * 1000
                for _ in range(room // len(chunk)):
                    part.write(chunk)
                part.write(closing)
    return out.getvalue()


def _case(name: str) -> bytes:
    if name == "line10":
        return single_line(10 * 1024 * 1024)
    return largest_docx()


def measure_case(name: str) -> dict[str, object]:
    """CPU seconds, Python heap peak (tracemalloc) and this process's peak resident size for
    reading one case; run in a fresh process by ``memory_lines``."""
    data = _case(name)
    outcome = "đọc xong"
    start = time.process_time()
    try:
        read_bytes(data)
    except ReadError as error:
        outcome = "từ chối: " + error.message.split(":")[0]
    seconds = time.process_time() - start
    tracemalloc.start()
    with contextlib.suppress(ReadError):
        read_bytes(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kilobytes
    return {
        "bytes": len(data),
        "seconds": seconds,
        "traced": peak,
        "rss": rss,
        "outcome": outcome,
    }


MEMORY_TARGET = 500 * 1024 * 1024


def memory_lines() -> list[str]:
    """Peak memory for the 10 MB single line and the largest .docx under the caps, each in
    a fresh process (the resident peak includes lxml's and pypdf's C allocations, which
    tracemalloc does not see)."""
    out = []
    titles = {"line10": "một dòng 10 MB", "docx": "tệp .docx lớn nhất dưới các mức chặn"}
    for name, title in titles.items():
        code = (
            "import json; from lamtheobac.reading.bench import measure_case; "
            f"print(json.dumps(measure_case({name!r})))"
        )
        run = subprocess.run(  # noqa: S603 — this interpreter, a fixed command
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        if run.returncode != 0:
            out.append(f"{title}: lỗi khi đo ({run.stderr.strip().splitlines()[-1:]})")
            continue
        r = json.loads(run.stdout.strip().splitlines()[-1])
        ok = "đạt" if int(r["rss"]) <= MEMORY_TARGET else "KHÔNG ĐẠT"
        out.append(
            f"{title} ({int(r['bytes']) / 2**20:.1f} MB, {r['outcome']}): "
            f"{float(r['seconds']):.2f} giây CPU, tracemalloc đỉnh "
            f"{int(r['traced']) / 2**20:.0f} MB, bộ nhớ thường trú đỉnh "
            f"{int(r['rss']) / 2**20:.0f} MB (mục tiêu ≤ 500: {ok})"
        )
    return out


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def ocr_lines() -> list[str]:
    """Pages per second read by OCR (seed 001 drawn on two A4 pages at 300 dpi), one core."""
    from .errors import ReadError
    from .ocr import engine, ocr_pdf
    from .tests.scans import scan_pdf

    if engine() is None:
        return ["OCR: chưa cài tesseract-ocr tesseract-ocr-vie"]
    text = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    data = scan_pdf(text[: text.index("ĐỀ CƯƠNG")])
    start = _cpu()  # this process and Tesseract's (single-threaded) child processes
    try:
        pages = ocr_pdf(data).pages
    except ReadError as error:
        return [f"OCR: {error.message}"]
    seconds = _cpu() - start
    return [f"OCR (tesseract, 300 dpi)  {pages / seconds:6.2f} trang/giây CPU"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description="Tốc độ đọc văn bản (một lõi).")
    parser.add_argument("directory", nargs="?", default=str(CORPUS))
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args(argv)
    missed = False
    for suffix, target in TARGETS.items():
        blobs = [p.read_bytes() for p in sorted(Path(args.directory).glob(f"*{suffix}"))]
        if not blobs:
            print(f"{suffix}: không có tệp")
            continue
        value = rate(blobs, args.seconds)
        ok = value >= target
        missed = missed or not ok
        print(
            f"{suffix:<6}{len(blobs):>4} tệp  {value:8.1f} văn bản/giây  "
            f"(mục tiêu ≥ {target:.0f}: {'đạt' if ok else 'KHÔNG ĐẠT'})"
        )
    for line in [*long_line_lines(), *pathological_lines(), *memory_lines()]:
        missed = missed or "KHÔNG ĐẠT" in line
        print(line)
    print(*ocr_lines(), sep="\n")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
