"""``extract FILE [--json] [--with-text]``: show what the reader finds in a file;
``eval DIR [--verbose]``: its accuracy over a labelled corpus."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .api import read_path
from .errors import ReadError
from .model import Extraction


def _value(item: Any) -> str:
    return item["value"] if item else "—"


def summary(ex: Extraction) -> str:
    """A readable Vietnamese summary of an extraction, one fact per line."""
    data = ex.to_json()
    signer = data["signer"]
    lines = [
        f"Thể thức: {ex.format}",
        f"Số, ký hiệu: {_value(data['number'])}",
        f"Tên loại: {_value(data['kind_name'])}",
        f"Cơ quan ban hành: {_value(data['issuer'])}",
        f"Cơ quan cấp trên: {_value(data['superior'])}",
        f"Địa danh, ngày: {_value(data['place'])}, {_value(data['date'])}",
        f"Trích yếu: {_value(data['title'])}",
        f"Người ký: {_value(signer['capacity'])} / {_value(signer['title'])} / "
        f"{_value(signer['name'])}",
        f"Văn bản được trích dẫn ({len(ex.citations)}):",
        *(f"  - {c.number} ({c.date or 'không rõ ngày'})" for c in ex.citations),
        f"Thời hạn ({len(ex.deadlines)}):",
        *(
            f"  - {d.due}{' (trước ngày này)' if d.exclusive else ''}"
            f"{' (dự kiến)' if d.tentative else ''}: {d.text} — {d.what}"
            for d in ex.deadlines
        ),
        f"Định kỳ ({len(ex.recurring)}):",
        *(f"  - {r.frequency}: {r.text} — {r.what}" for r in ex.recurring),
        f"Nơi nhận ({len(ex.recipients)}):",
        *(f"  - {r.value}" for r in ex.recipients),
    ]
    if ex.outline is not None:
        lines.append(f"Đề cương: {ex.outline.title}")
        lines.extend(f"  {heading}" for heading in ex.outline.headings())
    if ex.warnings:
        lines.append(f"Cảnh báo ({len(ex.warnings)}):")
        lines.extend(f"  - [{w.field}] {w.message}" for w in ex.warnings)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run ``extract FILE [--json] [--with-text]``; 0 on success, 2 for an unreadable file."""
    parser = argparse.ArgumentParser(prog="extract", description="Đọc một văn bản của Đảng.")
    parser.add_argument("file", help="tệp .docx, .pdf hoặc .txt")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument("--with-text", action="store_true", help="kèm toàn văn trong JSON")
    args = parser.parse_args(argv)
    try:
        ex = read_path(args.file)
    except ReadError as error:
        print(error.message, file=sys.stderr)
        return 2
    if args.json:
        data = ex.to_json()
        if not args.with_text:
            data.pop("text")
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(summary(ex))
    return 0


#: Splits labelled before the reader first ran on them (issue 10), as sub-folders of the
#: corpus folder, in the order they were written; each is scored on its own.
UNSEEN_SPLITS = ("unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6")
#: Held-out splits: scored and printed, never counted in the exit status, so that nobody is
#: ever pushed to tune the reader on them to make CI pass (their score is the honest
#: generalisation figure). ``unseen4`` was held out until the reader met the targets on it
#: (its first-look and later figures: unseen4/FIRST_LOOK.md); it gates like the others now.
#: ``unseen5`` (34 documents written blind in session 5, gold committed before any run) was
#: held out the same way until the reader met the targets on it (unseen5/FIRST_LOOK.md); it
#: gates like the others now. ``unseen6`` (23 documents written blind in session 6, gold
#: committed before any run) was held out likewise until the reader met the targets on it
#: (unseen6/FIRST_LOOK.md); it gates too, and the next blind split goes here.
HELD_OUT_SPLITS: tuple[str, ...] = ()
SPLIT_TITLES = {
    "developed": "Phần đã dùng để phát triển (developed on)",
    "unseen": "Phần gắn nhãn trước lần chạy đầu (labelled before first run)",
    "unseen2": "Phần gắn nhãn trước lần chạy đầu, đợt 2 (labelled before first run (2))",
    "unseen3": "Phần gắn nhãn trước lần chạy đầu, đợt 3 (labelled before first run (3))",
    "unseen4": (
        "Phần gắn nhãn trước lần chạy đầu, đợt 4, viết không xem mã bộ đọc "
        "(labelled before first run (4), written blind)"
    ),
    "unseen5": (
        "Phần gắn nhãn trước lần chạy đầu, đợt 5, viết không xem mã bộ đọc "
        "(labelled before first run (5), written blind)"
    ),
    "unseen6": (
        "Phần gắn nhãn trước lần chạy đầu, đợt 6, viết không xem mã bộ đọc "
        "(labelled before first run (6), written blind)"
    ),
}


def eval_main(argv: list[str] | None = None) -> int:
    """Run ``eval DIR [--verbose] [--unseen-report-only]``; 0 when every enforced target is met.

    ``DIR``'s own documents are the split the reader was developed on; each of its
    ``unseen/`` … ``unseen4/`` folders (UNSEEN_SPLITS), when it has labelled documents, is
    scored separately and never counted in the developed split (issue 10). Every split
    counts for the exit status unless ``--unseen-report-only``, which prints the unseen
    splits' misses without failing on them — except the held-out splits (HELD_OUT_SPLITS),
    which are always printed and never counted.
    """
    from pathlib import Path

    from .evaluate import corpus_documents, evaluate, format_report

    parser = argparse.ArgumentParser(
        prog="eval", description="Đo độ chính xác của bộ đọc trên kho văn bản có nhãn."
    )
    parser.add_argument("directory", help="thư mục chứa văn bản và tệp NAME.gold.json")
    parser.add_argument("--verbose", "-v", action="store_true", help="liệt kê sai khác")
    parser.add_argument(
        "--unseen-report-only",
        action="store_true",
        help="các phần unseen/ … unseen4/ chỉ báo số liệu, không làm lệnh thất bại",
    )
    parser.add_argument(
        "--split",
        choices=["developed", *UNSEEN_SPLITS],
        action="append",
        help="chỉ đo phần này (có thể lặp lại); mặc định đo mọi phần",
    )
    args = parser.parse_args(argv)
    directory = Path(args.directory)
    if not directory.is_dir():
        print(f"“{directory}” không phải là thư mục.", file=sys.stderr)
        return 2
    splits = [("developed", directory)]
    for name in UNSEEN_SPLITS:
        folder = directory / name
        if folder.is_dir() and corpus_documents(folder):
            splits.append((name, folder))
    shown = [(key, folder) for key, folder in splits if not args.split or key in args.split]
    failed = False
    active: dict[str, bool] | None = None
    for key, folder in shown:
        if key != "developed" and active is None:
            # no seeds in an unseen split: the targets enforced on the developed split apply
            active = evaluate(directory).provisional_active
        report = evaluate(folder)
        if key == "developed":
            active = report.provisional_active
        else:
            report.provisional_active = active or {}
        if len(splits) > 1:
            print(f"== {SPLIT_TITLES[key]}: {folder} ==")
        print(format_report(report, verbose=args.verbose))
        print()
        if report.failures() or report.errors:
            if key in HELD_OUT_SPLITS:
                print("(phần giữ riêng chỉ báo số liệu: chưa đạt không làm lệnh thất bại)\n")
            elif key != "developed" and args.unseen_report_only:
                print("(phần unseen chỉ báo số liệu: chưa đạt không làm lệnh thất bại)\n")
            else:
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
