"""``lamtheobac <verb>``: the command line.

``extract FILE [--json]`` reads a document without Django (the reader is a plain package);
every other verb is a Django management command (``demo``, ``bench``, ``migrate``, …).
"""

from __future__ import annotations

import os
import sys

USAGE = """Cách dùng: lamtheobac <lệnh> [tham số]

  demo [--port N]        tạo dữ liệu mẫu (SQLite trong ./var) và chạy ứng dụng
  extract TỆP [--json]   đọc một văn bản (.txt, .docx, .pdf) và in kết quả trích xuất
  eval THƯ-MỤC [-v]      đo độ chính xác của bộ đọc trên kho văn bản có nhãn
  bench                  đo hiệu năng trên dữ liệu sinh theo quy mô
  <lệnh Django>          migrate, createsuperuser, … (xem: lamtheobac help)
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in {"-h", "--help"}:
        print(USAGE)
        return 0
    if args[0] == "extract":
        from lamtheobac.reading.cli import main as extract

        return extract(args[1:])
    if args[0] == "eval":
        from lamtheobac.reading.cli import eval_main

        return eval_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lamtheobac.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lamtheobac", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
