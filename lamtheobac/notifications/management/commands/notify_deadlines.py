"""Daily job: tell units of deadlines approaching (idempotent: each notice is sent once)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lamtheobac.notifications.deadlines import send_deadline_notices


class Command(BaseCommand):
    help = (
        "Nhắc các đơn vị chưa nộp báo cáo / chưa gửi đề nghị khi sắp đến hạn "
        "(chạy lại nhiều lần không gửi trùng)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", dest="day", help="ngày chạy, YYYY-MM-DD (mặc định hôm nay)")
        parser.add_argument(
            "--so-ngay",
            dest="days",
            help="nhắc trước hạn bao nhiêu ngày, cách nhau bởi dấu phẩy, ví dụ 7,1 "
            "(mặc định: LAMTHEOBAC_DEADLINE_NOTICE_DAYS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(options["day"]) if options["day"] else None
            days = (
                [int(d) for d in options["days"].split(",") if d.strip()]
                if options["days"]
                else None
            )
        except ValueError as exc:
            raise CommandError("Ngày hoặc số ngày không hợp lệ.") from exc
        if days is not None and any(d < 0 for d in days):
            raise CommandError("Số ngày phải không âm.")
        count = send_deadline_notices(on=day, days=days)
        self.stdout.write(f"Đã nhắc {count} đơn vị.")
