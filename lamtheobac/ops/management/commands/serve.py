"""``lamtheobac serve``: the production server — migrate, then gunicorn (sync workers) serving
``lamtheobac.wsgi`` with WhiteNoise for static files, beside one background worker
(``lamtheobac worker``). Configuration comes from the environment (``.env.example``); see
docs/decisions/0008-serving-and-tasks.md for the choice of gunicorn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


def gunicorn_command(*, bind: str, workers: int, timeout: int) -> list[str]:
    """The gunicorn argv: ``workers`` sync workers on ``bind``, access log on stdout,
    ``timeout`` seconds per request (long work belongs in the background worker)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "lamtheobac.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--timeout",
        str(timeout),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]


def start_worker() -> subprocess.Popen[bytes]:
    """``lamtheobac worker`` as a child process (same interpreter, same environment)."""
    return subprocess.Popen([sys.executable, "-m", "lamtheobac.cli", "worker"])


class Command(BaseCommand):
    help = "Chạy ứng dụng bằng máy chủ sản xuất (gunicorn) cùng tiến trình xử lý nền."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("LAMTHEOBAC_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("GUNICORN_WORKERS", "2"))
        )
        parser.add_argument(
            "--timeout", type=int, default=int(os.environ.get("GUNICORN_TIMEOUT", "60"))
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Không chạy tiến trình xử lý nền kèm theo."
        )
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        children: list[subprocess.Popen[bytes]] = []
        if not options["no_worker"]:
            children.append(start_worker())
        children.append(
            subprocess.Popen(  # noqa: S603 (our own argv, no shell)
                gunicorn_command(
                    bind=options["bind"], workers=options["workers"], timeout=options["timeout"]
                )
            )
        )
        self.stdout.write(f"Đang phục vụ tại http://{options['bind']}/ (Ctrl+C để dừng).")
        self.stdout.flush()

        def stop(signum: int, frame: Any) -> None:
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            # Whichever child ends first (a crash, or a signal) stops the other.
            while all(child.poll() is None for child in children):
                try:
                    children[-1].wait(timeout=1)
                except subprocess.TimeoutExpired:
                    continue
        finally:
            stop(signal.SIGTERM, None)
            for child in children:
                child.wait()
