"""Daily job: remind the lead units of overdue tasks (idempotent: run it as often as you like)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lamtheobac.tasks.actions.tasks import remind_overdue


class Command(BaseCommand):
    help = "Nhắc các đơn vị chủ trì có nhiệm vụ quá hạn (chạy lại trong ngày không gửi thêm)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", dest="day", help="ngày tính quá hạn, YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        day = dt.date.fromisoformat(options["day"]) if options["day"] else None
        count = remind_overdue(on=day)
        self.stdout.write(f"Đã nhắc {count} nhiệm vụ quá hạn.")
