"""``lamtheobac remind_sessions``: remind cells that have not recorded a quarter's themed
session by the programme's grace day. Idempotent — safe to run daily (cron, a task)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lamtheobac.programme.actions.sessions import send_session_reminders


class Command(BaseCommand):
    help = "Nhắc các chi bộ chưa ghi nhận sinh hoạt chuyên đề quý khi đã quá hạn (chạy lại không nhắc trùng)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", dest="on", help="ngày xét (YYYY-MM-DD), mặc định hôm nay")

    def handle(self, *args: Any, **options: Any) -> None:
        on = None
        if options["on"]:
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError as exc:
                raise CommandError("Ngày phải có dạng YYYY-MM-DD.") from exc
        sent = send_session_reminders(on=on)
        self.stdout.write(f"Đã nhắc {len(sent)} chi bộ (mỗi chi bộ một lần cho mỗi quý).")
