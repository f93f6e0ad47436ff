"""Production serving: the documented environment passes ``check --deploy``, and ``lamtheobac
serve`` answers through gunicorn with DEBUG off and static files from WhiteNoise."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def _env_example() -> dict[str, str]:
    values = {}
    for line in (REPO / ".env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(extra)
    env["LAMTHEOBAC_DATA_DIR"] = str(tmp_path)
    return env


def test_check_deploy_prints_no_warning_under_the_documented_production_environment(tmp_path):
    documented = _env_example()
    for name in (
        "DJANGO_SECURE_SSL_REDIRECT",
        "DJANGO_SECURE_HSTS_SECONDS",
        "DJANGO_SESSION_COOKIE_SECURE",
        "DJANGO_CSRF_COOKIE_SECURE",
        "DJANGO_SECURE_PROXY_SSL_HEADER",
        "DJANGO_CSRF_TRUSTED_ORIGINS",
        "DJANGO_SESSION_COOKIE_AGE",
    ):
        assert documented.get(name), name
    env = _clean_env(tmp_path, **documented)
    result = subprocess.run(
        [sys.executable, "-m", "lamtheobac.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_check_deploy_warns_without_the_production_environment(tmp_path):
    env = _clean_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "lamtheobac.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_through_gunicorn_with_debug_off_and_static_files(tmp_path):
    port = _free_port()
    env = _clean_env(tmp_path, DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="127.0.0.1")
    server = subprocess.Popen(
        [sys.executable, "-m", "lamtheobac.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        page = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/") as response:
                    page = (response.status, response.headers.get("Server", ""), response.read())
                break
            except OSError:
                time.sleep(0.5)
        assert page is not None, server.stdout.read().decode() if server.stdout else ""
        status, server_header, body = page
        assert status == 200
        assert "gunicorn" in server_header
        assert "Đăng nhập".encode() in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/app.css") as response:
            assert response.status == 200  # WhiteNoise, no separate static server
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/khong-co-trang-nay/")
        except urllib.error.HTTPError as missing:
            # DEBUG off: Django's plain 404, not the technical page listing the URL patterns.
            assert missing.code == 404
            assert b"URLconf" not in missing.read()
        else:
            raise AssertionError("a missing page must be a 404")
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    assert (tmp_path / "db.sqlite3").exists()
