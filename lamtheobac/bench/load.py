"""``lamtheobac bench --load``: the production server under load (issue 13 §5).

Builds the demo in a temporary data directory (SQLite, or ``--database-url``), starts
``lamtheobac serve`` (gunicorn, 2 sync workers, no background worker), signs in unit staff
(``bithu.taichinh``) and committee staff (``btg.duk``), then for each page runs ``clients``
threads, each on its own keep-alive connection, for ``seconds`` and reports requests per second,
median and p95 latency (ms) and errors (any status other than 200). Nothing of the user's data
is touched.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from lamtheobac.demo.builder import DEMO_PASSWORD


@dataclass
class LoadResult:
    page: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Session:
    """A keep-alive connection carrying one signed-in user's cookies."""

    def __init__(self, port: int, cookies: str = "") -> None:
        self.port = port
        self.cookies = cookies
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        # As a browser asks: compressed pages (GZipMiddleware), so the figures include gzip.
        headers = {"Cookie": self.cookies, "Host": "127.0.0.1", "Accept-Encoding": "gzip"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace")
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name_value = cookie.split(";", 1)[0]
            name = name_value.split("=", 1)[0]
            kept = [c for c in self.cookies.split("; ") if c and not c.startswith(name + "=")]
            self.cookies = "; ".join([*kept, name_value])
        return response.status, text


def _login(port: int, username: str) -> str:
    session = _Session(port)
    _, page = session.request("GET", "/dang-nhap/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise RuntimeError("không thấy trang đăng nhập")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": username, "password": DEMO_PASSWORD}
    )
    status, _ = session.request("POST", "/dang-nhap/", body)
    if status != 302:
        raise RuntimeError(f"đăng nhập {username} thất bại ({status})")
    return session.cookies


def _hammer(port: int, cookies: str, path: str, *, clients: int, seconds: float) -> LoadResult:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        session = _Session(port, cookies)
        mine: list[float] = []
        failed = 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                status, _ = session.request("GET", path)
            except (OSError, http.client.HTTPException):
                status = 0
                session = _Session(port, cookies)
            mine.append((time.perf_counter() - started) * 1000)
            failed += status != 200
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    ordered = sorted(latencies) or [0.0]
    return LoadResult(
        page=path,
        requests=len(latencies),
        errors=errors[0],
        seconds=elapsed,
        p50_ms=statistics.median(ordered),
        p95_ms=ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
    )


def run_load(
    *, clients: int = 10, seconds: float = 10.0, workers: int = 2, database_url: str = ""
) -> list[tuple[str, LoadResult]]:
    """Build the demo, serve it with gunicorn (``workers`` sync workers) and measure."""
    data_dir = Path(tempfile.mkdtemp(prefix="lamtheobac-load-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LAMTHEOBAC_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        LAMTHEOBAC_DATA_DIR=str(data_dir),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_DEBUG="0",
        LOG_LEVEL="WARNING",
        DATABASE_CONN_MAX_AGE="60",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    cli = [sys.executable, "-m", "lamtheobac.cli"]
    subprocess.run(  # noqa: S603 (our own argv, no shell)
        [*cli, "demo", "--no-serve", "--quiet"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 (our own argv, no shell)
        [
            *cli,
            "serve",
            "--no-worker",
            "--no-migrate",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _Session(port).request("GET", "/suc-khoe/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn không khởi động được") from None
                time.sleep(0.3)
        unit_staff = _login(port, "bithu.taichinh")
        committee = _login(port, "btg.duk")
        _, home = _Session(port, unit_staff).request("GET", "/")
        form = re.search(r'href="(/bao-cao/dot/\d+/don-vi/\d+/)"', home)
        _, rounds = _Session(port, committee).request("GET", "/bao-cao/")
        matrix = re.search(r'href="(/bao-cao/dot/\d+/)"', rounds)
        if form is None or matrix is None:
            raise RuntimeError("không tìm thấy đợt báo cáo của dữ liệu mẫu")
        pages = [
            ("unit staff: home", unit_staff, "/"),
            ("unit staff: report form", unit_staff, form.group(1)),
            ("committee: matrix", committee, matrix.group(1)),
        ]
        results = []
        for label, cookies, path in pages:
            _hammer(port, cookies, path, clients=2, seconds=1.0)  # warm the workers
            results.append((label, _hammer(port, cookies, path, clients=clients, seconds=seconds)))
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)


def load_table(results: list[tuple[str, LoadResult]], *, workers: int, clients: int) -> str:
    lines = [
        f"lamtheobac bench --load — gunicorn, {workers} sync workers, {clients} clients, demo data",
        "",
        "| page | req/s | p50 ms | p95 ms | requests | errors |",
        "|---|---|---|---|---|---|",
    ]
    for label, r in results:
        lines.append(
            f"| {label} | {r.per_second:.0f} | {r.p50_ms:.0f} | {r.p95_ms:.0f} | {r.requests} | {r.errors} |"
        )
    return "\n".join(lines)
