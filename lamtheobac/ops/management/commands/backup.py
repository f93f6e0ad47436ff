"""``lamtheobac backup [ARCHIVE]``: the database and every uploaded file in one .tar.gz
(default: ``<data dir>/backups/lamtheobac-<UTC time>.tar.gz``). See ``ops/backup.py``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lamtheobac.core.errors import DomainError
from lamtheobac.ops.backup import backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và mọi tệp đã tải lên vào một tệp .tar.gz."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", nargs="?", help="Đường dẫn tệp sao lưu (.tar.gz).")

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = Path(
            options["archive"] or Path(settings.DATA_DIR) / "backups" / f"lamtheobac-{stamp}.tar.gz"
        )
        try:
            manifest = backup(path)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        inventory = manifest["inventory"]
        self.stdout.write(
            f"Đã sao lưu vào {path}: {sum(inventory['rows'].values())} dòng dữ liệu, "
            f"{len(inventory['files'])} tệp ({manifest['vendor']})."
        )
