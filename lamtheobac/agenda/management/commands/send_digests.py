"""Daily job: send the e-mail digests that are due today (idempotent within a day).

By default the sending runs as a background job (``JobKind.DIGESTS``) in ``lamtheobac
worker``, so cron returns at once and the job's page shows the result; ``--tai-cho`` sends in
this process instead (a machine without a worker)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lamtheobac.agenda.digest import send_digests


class Command(BaseCommand):
    help = "Gửi bản tin hạn việc theo lựa chọn của mỗi người (chạy lại trong ngày không gửi thêm)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", dest="day", help="ngày gửi, YYYY-MM-DD")
        parser.add_argument(
            "--dia-chi", dest="base_url", default="", help="địa chỉ trang, để tạo liên kết"
        )
        parser.add_argument(
            "--tai-cho",
            dest="here",
            action="store_true",
            help="gửi ngay trong tiến trình này thay vì giao cho tiến trình nền",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(options["day"]) if options["day"] else None
        except ValueError as exc:
            raise CommandError("Ngày không hợp lệ; dùng dạng YYYY-MM-DD.") from exc
        base_url = options["base_url"].rstrip("/")
        if options["here"]:
            count = send_digests(on=day, base_url=base_url)
            self.stdout.write(f"Đã gửi {count} bản tin.")
            return
        from lamtheobac.jobs import runner
        from lamtheobac.jobs.models import JobKind, JobStatus

        params = {"base_url": base_url, **({"day": day.isoformat()} if day else {})}
        job = runner.start(kind=JobKind.DIGESTS, by=None, params=params)
        if job.status == JobStatus.SUCCEEDED:
            self.stdout.write(f"Đã gửi {job.result['sent']} bản tin.")
        elif job.status == JobStatus.FAILED:
            raise CommandError(job.error)
        else:
            self.stdout.write(f"Đã giao việc gửi bản tin cho tiến trình nền (công việc #{job.pk}).")
