"""A published programme over the shared cast's committee, with people in the cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from lamtheobac.programme.models import Theme
from lamtheobac.testing import QUARTER_TOPICS, World, make_person, make_programme
from lamtheobac.units.models import Person

YEAR = 2030
TOPICS = QUARTER_TOPICS


@dataclass
class Scene:
    world: World
    theme: Theme
    cell_people: list[Person]
    other_people: list[Person]
    sibling_people: list[Person]


def make_theme(world: World, *, year: int = YEAR, publish: bool = True, **settings: Any) -> Theme:
    theme: Theme = make_programme(world, year=year, publish=publish, **settings)
    return theme


@pytest.fixture
def scene(world: World, monkeypatch: pytest.MonkeyPatch) -> Scene:
    """Three members in ``cell``, two in ``other_cell``, two in ``sibling``; today is
    15 August of YEAR (quarter III) unless a test moves it."""
    set_today(monkeypatch, dt.date(YEAR, 8, 15))
    theme = make_theme(world)
    cell_people = [make_person(unit=world.cell, given_name=n) for n in ("An", "Bình", "Cường")]
    other = [make_person(unit=world.other_cell, given_name=n) for n in ("Dũng", "Giang")]
    sibling = [make_person(unit=world.sibling, given_name=n) for n in ("Hà", "Khoa")]
    return Scene(world, theme, cell_people, other, sibling)


def set_today(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """Fix the programme's "today" (Asia/Ho_Chi_Minh) in every module that reads it."""
    for module in (
        "lamtheobac.programme.queries",
        "lamtheobac.programme.actions.sessions",
        "lamtheobac.programme.actions.records",
        "lamtheobac.programme.views",
        "lamtheobac.programme.outputs",
    ):
        monkeypatch.setattr(f"{module}.today", lambda day=day: day)
