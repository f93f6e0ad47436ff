"""Daily job: send the e-mail digests that are due today (idempotent within a day)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lamtheobac.agenda.digest import send_digests


class Command(BaseCommand):
    help = "Gửi bản tin hạn việc theo lựa chọn của mỗi người (chạy lại trong ngày không gửi thêm)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", dest="day", help="ngày gửi, YYYY-MM-DD")
        parser.add_argument(
            "--dia-chi", dest="base_url", default="", help="địa chỉ trang, để tạo liên kết"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day = dt.date.fromisoformat(options["day"]) if options["day"] else None
        count = send_digests(on=day, base_url=options["base_url"].rstrip("/"))
        self.stdout.write(f"Đã gửi {count} bản tin.")
