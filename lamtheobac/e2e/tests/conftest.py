"""Browser fixtures: Debian's chromium (never a downloaded one) against pytest-django's live server."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"Không thấy {CHROMIUM}: cài chromium: apt-get install chromium")
        pytest.skip(f"{CHROMIUM} chưa được cài (apt-get install chromium)")
    return CHROMIUM


def _wait_for_request_threads() -> None:
    """Let the live server's request threads end and close their database connections, so the
    test database can be flushed and dropped (PostgreSQL refuses while a session is open)."""
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout=5)


@pytest.fixture
def browser_page(
    chromium_path: Path,
    live_server: Any,
    transactional_db: None,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Page]:
    """A Playwright page in a fresh context; the test thread may touch the database meanwhile.

    Set up after the live server and the database, so it is torn down (browser closed, request
    threads finished) before them.
    """
    # The sync API runs an event loop in this thread; Django refuses ORM calls from a thread with
    # a running loop unless told this is safe (it is: nothing here is async).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            accept_downloads=True, locale="vi-VN", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()
            _wait_for_request_threads()
