"""Documents per CPU second on one core: the corpus read as text and as .docx (issue 3).

``python -m lamtheobac.reading.bench [DIR] [--seconds N]``. Targets: at least
50 text documents/s and 15 .docx/s. Files are read into memory first, so the
figure is the reader's (decoding, parsing), not the disk's.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from .api import read_bytes

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
        read_bytes(data)
        seconds = time.process_time() - start
        out.append(
            f"một dòng {size // 2**20:>3} MB  {seconds:6.2f} giây CPU  "
            f"(mục tiêu ≤ {target:.0f}: {'đạt' if seconds <= target else 'KHÔNG ĐẠT'})"
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
    for line in long_line_lines():
        missed = missed or "KHÔNG ĐẠT" in line
        print(line)
    print(*ocr_lines(), sep="\n")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
