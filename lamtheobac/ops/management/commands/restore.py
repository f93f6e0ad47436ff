"""``lamtheobac restore ARCHIVE``: rebuild an empty database and data directory from a
backup, migrate nothing, then check every row count and file hash against the archive."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lamtheobac.core.errors import DomainError
from lamtheobac.ops.backup import restore


class Command(BaseCommand):
    help = "Khôi phục từ tệp sao lưu vào một cơ sở dữ liệu và thư mục dữ liệu trống."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="Tệp sao lưu (.tar.gz) do `lamtheobac backup` tạo.")
        parser.add_argument(
            "--json", action="store_true", help="In bảng kiểm kê sau khi khôi phục (JSON)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checked = restore(Path(options["archive"]))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        found = checked["found"]
        if options["json"]:
            self.stdout.write(json.dumps(found, ensure_ascii=False))
            return
        self.stdout.write(
            f"Đã khôi phục: {sum(found['rows'].values())} dòng dữ liệu, {len(found['files'])} "
            "tệp; số dòng và mã băm của từng tệp khớp với bản sao lưu."
        )
