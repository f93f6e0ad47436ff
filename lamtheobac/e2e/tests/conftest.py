"""Browser fixtures: Debian's chromium (never a downloaded one) against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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


@pytest.fixture
def browser_page(chromium_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """A Playwright page in a fresh context; the test thread may touch the database meanwhile."""
    # The sync API runs an event loop in this thread; Django refuses ORM calls from a thread with
    # a running loop unless told this is safe (it is: nothing here is async).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

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
