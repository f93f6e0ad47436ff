"""The demo's programme for the current year, whatever today's date (issue 8 acceptance).

The year's theme, the term's theme and the four quarterly topics are read from seed 004
(45-KH/TU, Quý I–IV/2022) by the reader and adapted to the current year; past quarters'
sessions are recorded for most cells and missing for some (those become overdue), the
running quarter's for a few. The cell of ``dangvien`` gets its sessions through the write
functions, with a cell secretary account ``bithu.ngansach`` who can record the running
quarter's. A few standards and activities per organisation prefill the review reports.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from lamtheobac.core.dates import today
from lamtheobac.programme.actions import sessions, themes
from lamtheobac.programme.models import (
    QUARTERS,
    Activity,
    ActivityKind,
    Attendance,
    EthicsStandard,
    Presence,
    SessionState,
    ThematicSession,
    Theme,
    quarter_end,
    quarter_of,
    quarter_start,
)
from lamtheobac.reading.themes import find_themes
from lamtheobac.units.models import CELL_KINDS, GRASSROOTS_KINDS, Person, Role, RoleGrant, Unit

CELL_SECRETARY = "bithu.ngansach"
DANGVIEN_CELL = "Chi bộ Phòng Quản lý ngân sách"
HELD_SHARE = 0.85  # of cells that recorded a past quarter's session
RUNNING_SHARE = 0.3  # of cells that already recorded the running quarter's


def _seed_004() -> str:
    from lamtheobac.demo.builder import seed_paths

    path = next(p for p in seed_paths() if p.name.startswith("004_"))
    return path.read_text(encoding="utf-8")


def build_programme(
    root: Unit, *, users: dict[str, Any], day: dt.date | None = None, password: str | None = None
) -> dict[str, int]:
    """Build the programme of ``day``'s year (default today) under ``root``; returns counts
    ``sessions``, ``cells``, ``activities``. Idempotent: nothing is added when the year's
    programme exists."""
    day = day or today()
    year = day.year
    if Theme.objects.filter(scope=root, year=year).exists():
        return {"sessions": 0, "cells": 0, "activities": 0}
    found = find_themes(_seed_004())
    rng = random.Random(year)  # noqa: S311 (repeatable demo data)
    with transaction.atomic():
        theme = themes.create_theme(
            committee=root,
            scope=root,
            year=year,
            by=users["btg.duk"],
            settings={
                "title": found.year_theme.value if found.year_theme else "Chuyên đề năm",
                "term_title": found.term_theme.value if found.term_theme else "",
                "pledge_deadline": dt.date(year, 3, 31),
            },
            topics={t.quarter: (t.title, t.guidance) for t in found.topics},
        )
        theme = themes.publish_theme(theme, by=users["btg.duk"], version=theme.version)
        secretary = _cell_secretary(root, password=password)
        cells = list(Unit.objects.subtree(root).filter(kind__in=CELL_KINDS).order_by("path"))
        mine = next((c for c in cells if c.name == DANGVIEN_CELL), None)
        made = _bulk_sessions(theme, [c for c in cells if c != mine], day=day, rng=rng)
        if mine is not None:
            made += _real_sessions(theme, mine, by=secretary, day=day)
        activities = _records(root, by=users["btg.duk"], day=day, rng=rng)
    return {"sessions": made, "cells": len(cells), "activities": activities}


def _cell_secretary(root: Unit, *, password: str | None) -> Any:
    cell = Unit.objects.subtree(root).filter(name=DANGVIEN_CELL).first()
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=CELL_SECRETARY,
        defaults={"password": make_password(password) if password else make_password(None)},
    )
    if cell is not None:
        RoleGrant.objects.get_or_create(user=user, unit=cell, role=Role.UNIT_STAFF)
    return user


def _held_quarters(day: dt.date) -> list[tuple[int, float]]:
    """(quarter, share of cells that held it) for ``day``: past quarters most, the running
    quarter a few."""
    running = quarter_of(day)
    return [(q, HELD_SHARE) for q in QUARTERS if q < running] + [(running, RUNNING_SHARE)]


def _held_on(theme: Theme, quarter: int, day: dt.date, rng: random.Random) -> dt.date:
    start = quarter_start(theme.year, quarter)
    end = min(quarter_end(theme.year, quarter), day)
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _bulk_sessions(theme: Theme, cells: list[Unit], *, day: dt.date, rng: random.Random) -> int:
    members: dict[int, list[int]] = {}
    for pk, unit_id in Person.objects.filter(unit__in=cells, is_party_member=True).values_list(
        "pk", "unit_id"
    ):
        members.setdefault(unit_id, []).append(pk)
    topics = {t.quarter: t.title for t in theme.topics.all()}
    rows: list[ThematicSession] = []
    presence: list[tuple[int, list[tuple[int, str]]]] = []
    for quarter, share in _held_quarters(day):
        for cell in cells:
            people = members.get(cell.pk, [])
            if not people or rng.random() > share:
                continue
            marks = [(pk, rng.choices(Presence.values, (0.86, 0.1, 0.04))[0]) for pk in people]
            rows.append(
                ThematicSession(
                    theme=theme,
                    cell=cell,
                    quarter=quarter,
                    state=SessionState.RECORDED,
                    held_on=_held_on(theme, quarter, day, rng),
                    topic=topics.get(quarter, ""),
                    presenter="Đồng chí Bí thư chi bộ",
                    main_points="Quán triệt chủ điểm; đảng viên liên hệ việc làm theo gắn với nhiệm vụ.",
                    conclusions="Mỗi đảng viên bổ sung một việc làm cụ thể vào kế hoạch cá nhân.",
                    present_count=sum(1 for _, m in marks if m == Presence.PRESENT),
                    excused_count=sum(1 for _, m in marks if m == Presence.EXCUSED),
                    absent_count=sum(1 for _, m in marks if m == Presence.ABSENT),
                    version=2,
                )
            )
            presence.append((len(rows) - 1, marks))
    ThematicSession.objects.bulk_create(rows, batch_size=500)
    Attendance.objects.bulk_create(
        [
            Attendance(session=rows[i], person_id=pk, presence=m)
            for i, marks in presence
            for pk, m in marks
        ],
        batch_size=2000,
    )
    return len(rows)


def _real_sessions(theme: Theme, cell: Unit, *, by: Any, day: dt.date) -> int:
    """dangvien's cell: the past quarters through the write functions; the running quarter is
    left for ``bithu.ngansach`` to record."""
    people = list(Person.objects.filter(unit=cell, is_party_member=True).order_by("pk"))
    if not people:
        return 0
    made = 0
    for quarter in range(1, quarter_of(day)):
        marks = {p.pk: Presence.PRESENT for p in people}
        marks[people[-1].pk] = Presence.EXCUSED
        sessions.save_session(
            theme=theme,
            cell=cell,
            quarter=quarter,
            by=None,
            version=None,
            held_on=quarter_start(theme.year, quarter) + dt.timedelta(days=40),
            texts={
                "presenter": "Đồng chí Bí thư chi bộ",
                "main_points": "Quán triệt chủ điểm quý; mỗi đảng viên liên hệ bản thân.",
                "conclusions": "Chi bộ thống nhất các việc làm cụ thể trong quý tới.",
            },
            attendance=marks,
            record_it=True,
        )
        made += 1
    return made


def _records(root: Unit, *, by: Any, day: dt.date, rng: random.Random) -> int:
    orgs = list(Unit.objects.subtree(root).filter(kind__in=GRASSROOTS_KINDS).order_by("path"))
    start = dt.date(day.year, 1, 1)
    span = max((day - start).days, 1)
    standards = [
        EthicsStandard(
            unit=org,
            title=f"Chuẩn mực đạo đức công vụ của {org.short_name or org.name}",
            document=f"Quyết định số {10 + i}-QĐ/{org.issuer_code or 'ĐU'}",
            adopted_on=start + dt.timedelta(days=rng.randint(0, span)),
            created_by=by,
        )
        for i, org in enumerate(orgs)
        if i % 2 == 0
    ]
    EthicsStandard.objects.bulk_create(standards)
    kinds = list(ActivityKind)
    activities = [
        Activity(
            unit=org,
            kind=kinds[(i + n) % len(kinds)],
            title=f"{kinds[(i + n) % len(kinds)].label} về học tập và làm theo Bác năm {day.year}",
            held_on=start + dt.timedelta(days=rng.randint(0, span)),
            participants=rng.randint(15, 120),
            created_by=by,
        )
        for i, org in enumerate(orgs)
        for n in range(1 + i % 3)
    ]
    Activity.objects.bulk_create(activities)
    return len(activities)
