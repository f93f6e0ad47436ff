"""``lamtheobac worker``: run background jobs from the database queue (django-tasks-db).

First marks failed the jobs a dead worker left running, then runs the queue until stopped
(``--batch``: until it is empty). ``LAMTHEOBAC_WORKER_MEMORY_MB`` caps the worker's address
space (default 4096): a file that would need more fails its job with a Vietnamese message
instead of exhausting the server (issue 13 §7).
"""

from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from lamtheobac.jobs.limits import limit_memory
from lamtheobac.jobs.runner import fail_abandoned, worker_name


class Command(BaseCommand):
    help = "Chạy các công việc nền (nhập văn bản, nhập xếp loại…) từ hàng đợi trong CSDL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Chạy hết hàng đợi rồi dừng.")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args: Any, **options: Any) -> None:
        limit_memory(int(os.environ.get("LAMTHEOBAC_WORKER_MEMORY_MB", "4096")))
        if failed := fail_abandoned():
            self.stdout.write(
                f"Đã đánh dấu {failed} công việc bị dừng giữa chừng là không thành công."
            )
        call_command(
            "db_worker",
            batch=options["batch"],
            interval=options["interval"],
            reload=False,
            startup_delay=False,
            worker_id=worker_name()[:64],
        )
