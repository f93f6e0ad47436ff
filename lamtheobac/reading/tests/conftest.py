"""Shared helpers for the reader's tests: the seed documents and span checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lamtheobac.reading import Extraction, read_path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("000" … "004")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


_CACHE: dict[str, Extraction] = {}


def read_seed(prefix: str) -> Extraction:
    """Read a seed once per test session."""
    if prefix not in _CACHE:
        _CACHE[prefix] = read_path(seed_path(prefix))
    return _CACHE[prefix]


@pytest.fixture(params=["000", "001", "002", "003", "004"])
def seed(request: pytest.FixtureRequest) -> Extraction:
    return read_seed(request.param)


def words(value: str) -> list[str]:
    """Word tokens, punctuation and markdown ignored."""
    return re.findall(r"\w+", value.lower())


def contains_words(haystack: str, needle: str) -> bool:
    """True when the words of ``needle`` occur, in order and contiguous, among ``haystack``'s."""
    hay, need = words(haystack), words(needle)
    if not need:
        return True
    return any(hay[i : i + len(need)] == need for i in range(len(hay) - len(need) + 1))
