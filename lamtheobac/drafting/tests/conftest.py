"""The browser fixtures of the end-to-end tests, shared with the drafting browser test."""

from lamtheobac.e2e.tests.conftest import browser_page, chromium_path  # noqa: F401
