"""``lamtheobac bench --load``: the production server under load (issue 13 §5).

Builds the demo in a temporary data directory (SQLite, or ``--database-url``), starts
``lamtheobac serve`` (gunicorn, 2 sync workers, no background worker), signs in unit staff
(``bithu.taichinh``) and committee staff (``btg.duk``), then for each page runs ``clients``
threads, each on its own keep-alive connection, for ``seconds`` and reports requests per second,
median and p95 latency (ms) and errors (any status other than 200). Nothing of the user's data
is touched.
"""

from __future__ import annotations

import asyncio
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
    server_cpu_ms: float = 0.0  # CPU of gunicorn (master and workers) per request
    driver_cpu_ms: float = 0.0  # CPU of this load driver per request
    load_average: float = 0.0  # 1-minute load average at the end of the run

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


def _request_bytes(path: str, cookies: str) -> bytes:
    """One GET as a browser sends it for a compressed page (so the figures include gzip)."""
    return (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookies}\r\n"
        "Accept-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n"
    ).encode("latin-1")


async def _response(reader: asyncio.StreamReader) -> tuple[int, int, bool]:
    """Read one HTTP/1.1 response: (status, body bytes, whether the server keeps the
    connection). The body is read and dropped: the driver does not decompress or parse pages,
    so its own CPU stays small beside the server's (issue 13 §5: the clients share the cores)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip().lower()
    size = 0
    if headers.get("transfer-encoding") == "chunked":
        while True:
            chunk = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(chunk + 2)
            size += chunk
            if chunk == 0:
                break
    else:
        size = int(headers.get("content-length", "0"))
        await reader.readexactly(size)
    return status, size, headers.get("connection") != "close"


async def _drive(
    port: int, request: bytes, *, clients: int, seconds: float
) -> tuple[list[float], int]:
    """``clients`` concurrent clients, each sending the request again as soon as its
    response arrived, on one connection while the server keeps it (a new one otherwise)."""
    loop = asyncio.get_running_loop()
    stop = loop.time() + seconds
    latencies: list[float] = []
    errors = 0

    async def client() -> None:
        nonlocal errors
        reader: asyncio.StreamReader | None = None
        writer: asyncio.StreamWriter | None = None
        while loop.time() < stop:
            started = time.perf_counter()
            ok = False
            try:
                if writer is None or reader is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(request)
                status, size, keep = await _response(reader)
                ok = status == 200 and size > 0
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                keep = False
            latencies.append((time.perf_counter() - started) * 1000)
            errors += not ok
            if not keep and writer is not None:
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, errors


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by the processes ``pids`` (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
    return total / tick


def _server_pids(server: subprocess.Popen[bytes]) -> list[int]:
    """The server's process group: ``lamtheobac serve``, the gunicorn master and workers."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == server.pid:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def _hammer(
    port: int,
    cookies: str,
    path: str,
    *,
    clients: int,
    seconds: float,
    server_pids: list[int] | None = None,
) -> LoadResult:
    server_pids = server_pids or []
    server_before = _cpu_seconds(server_pids)
    driver_before = time.process_time()
    began = time.monotonic()
    latencies, errors = asyncio.run(
        _drive(port, _request_bytes(path, cookies), clients=clients, seconds=seconds)
    )
    elapsed = time.monotonic() - began
    driver_cpu = time.process_time() - driver_before
    server_cpu = _cpu_seconds(server_pids) - server_before
    ordered = sorted(latencies) or [0.0]
    n = max(1, len(latencies))
    return LoadResult(
        page=path,
        requests=len(latencies),
        errors=errors,
        seconds=elapsed,
        p50_ms=statistics.median(ordered),
        p95_ms=ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        server_cpu_ms=1000 * server_cpu / n,
        driver_cpu_ms=1000 * driver_cpu / n,
        load_average=os.getloadavg()[0],
    )


def run_load(
    *,
    clients: int = 10,
    seconds: float = 10.0,
    workers: int = 2,
    database_url: str = "",
    read_cache: bool = True,
) -> list[tuple[str, LoadResult]]:
    """Build the demo, serve it with gunicorn (``workers`` sync workers) and measure; with
    ``read_cache=False`` every request reads afresh (``LAMTHEOBAC_READ_CACHE=0``: what a page
    costs right after a change, ADR 0012)."""
    data_dir = Path(tempfile.mkdtemp(prefix="lamtheobac-load-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LAMTHEOBAC_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        LAMTHEOBAC_DATA_DIR=str(data_dir),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_DEBUG="0",
        LOG_LEVEL="WARNING",
        DATABASE_CONN_MAX_AGE="60",
        LAMTHEOBAC_READ_CACHE="1" if read_cache else "0",
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
        pids = _server_pids(server)
        results = []
        for label, cookies, path in pages:
            _hammer(port, cookies, path, clients=2, seconds=1.0)  # warm the workers
            measured = _hammer(
                port, cookies, path, clients=clients, seconds=seconds, server_pids=pids
            )
            results.append((label, measured))
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)


def load_table(
    results: list[tuple[str, LoadResult]], *, workers: int, clients: int, read_cache: bool = True
) -> str:
    kept = "reads kept (ADR 0012)" if read_cache else "every read afresh (LAMTHEOBAC_READ_CACHE=0)"
    lines = [
        f"lamtheobac bench --load — gunicorn, {workers} sync workers, {clients} clients, "
        f"demo data, {kept}",
        "",
        "| page | req/s | p50 ms | p95 ms | requests | errors | server CPU ms/req"
        " | driver CPU ms/req | load average |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, r in results:
        lines.append(
            f"| {label} | {r.per_second:.0f} | {r.p50_ms:.0f} | {r.p95_ms:.0f} | {r.requests} "
            f"| {r.errors} | {r.server_cpu_ms:.1f} | {r.driver_cpu_ms:.2f} | {r.load_average:.2f} |"
        )
    return "\n".join(lines)
