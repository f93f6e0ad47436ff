"""``lamtheobac demo [--port N]``: migrate, build the demo committee once, print its accounts
and serve the app on http://127.0.0.1:N (no prompts; data under ``LAMTHEOBAC_DATA_DIR`` or
``./var``)."""

from __future__ import annotations

import signal
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from lamtheobac.demo.builder import DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_demo_committee


def _exit(signum: int, frame: object) -> None:
    raise SystemExit(0)


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (Đảng ủy Khối các cơ quan tỉnh) nếu chưa có và in các tài khoản mẫu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-seeds", action="store_true", help="Không nhập năm văn bản mẫu (seeds)."
        )
        parser.add_argument("--quiet", action="store_true", help="Không hiện thanh tiến độ.")
        parser.add_argument(
            "--port", type=int, default=8000, help="Cổng chạy ứng dụng (mặc định 8000)."
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Chỉ tạo dữ liệu, không chạy ứng dụng."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Thư mục dữ liệu: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        demo = ensure_demo_committee(
            progress=not options["quiet"], import_seeds=not options["no_seeds"]
        )
        if demo.created:
            self.stdout.write(f"Đã tạo dữ liệu mẫu trong {demo.seconds:.1f} giây.")
        else:
            self.stdout.write("Dữ liệu mẫu đã có sẵn; không tạo thêm.")
        self.stdout.write(
            f"{demo.root.name}: {demo.unit_count} đơn vị ({demo.grassroots_count} tổ chức cơ sở "
            f"đảng), {demo.person_count} người ({demo.party_member_count} đảng viên), "
            f"{demo.rating_count} xếp loại, {demo.document_count} văn bản."
        )
        self.stdout.write(f"Mật khẩu chung của các tài khoản mẫu: {DEMO_PASSWORD}")
        width = max(len(username) for username, _, _ in DEMO_ACCOUNTS)
        for username, role, unit in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<{width}}  {role} — {unit}")
        if options["no_serve"]:
            return
        self.stdout.write(
            f"Mở trình duyệt tại http://127.0.0.1:{options['port']}/ (Ctrl+C để dừng)."
        )
        # The background worker (imports) runs beside the server and stops with it.
        from lamtheobac.ops.management.commands.serve import start_worker

        worker = start_worker()
        # SIGTERM (systemd, a terminal closing) ends the server through `finally`, worker too.
        signal.signal(signal.SIGTERM, _exit)
        try:
            call_command(
                "runserver", f"127.0.0.1:{options['port']}", use_reloader=False, skip_checks=True
            )
        finally:
            worker.terminate()
            worker.wait(timeout=30)
