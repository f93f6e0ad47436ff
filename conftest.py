"""Shared fixtures: the cast of personas, an isolated media directory, no network."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_media(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    if not request.config.pluginmanager.hasplugin("django"):
        return  # plain-package tests (reading, partydoc) run without Django
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    settings.AXES_ENABLED = False  # type: ignore[attr-defined]
    # Tests create many users; the production hasher is deliberately slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    # Background jobs run inside the request in tests (the crash test runs a real worker).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # type: ignore[attr-defined]


@pytest.fixture
def world(db: None):  # type: ignore[no-untyped-def]
    from lamtheobac.testing import build_world

    return build_world()


@pytest.fixture
def seed_path() -> callable:  # type: ignore[valid-type]
    seeds = Path(__file__).parent / "lamtheobac" / "seeds"

    def _path(prefix: str) -> Path:
        return next(seeds.glob(f"{prefix}_*.txt"))

    return _path
