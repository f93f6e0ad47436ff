"""Fixtures for the documents pages: seeds imported through the real write function."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lamtheobac.documents.actions.documents import import_document
from lamtheobac.documents.models import Document
from lamtheobac.testing import World


@pytest.fixture
def imported(world: World, seed_path: Callable[[str], Path]) -> Callable[..., Document]:
    """``imported("003")``: the seed read and stored for the committee by its officer
    (``owner=``/``by=`` for another committee and its officer)."""

    def _import(prefix: str = "001", *, owner=None, by=None) -> Document:
        path = seed_path(prefix)
        return import_document(
            owner=owner or world.committee,
            data=path.read_bytes(),
            filename=path.name,
            by=by or world.officer,
        )

    return _import


@pytest.fixture
def import_text(world: World) -> Callable[..., Document]:
    """``import_text("Số 12-KH/ĐUK …")``: a small plain-text document for the committee."""

    def _import(text: str, *, filename: str = "van-ban.txt", owner=None) -> Document:
        return import_document(
            owner=owner or world.committee,
            data=text.encode(),
            filename=filename,
            by=world.officer,
        )

    return _import


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    """The cast's eight accounts are hashed with PBKDF2 otherwise: seconds per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
