"""Benchmark of the committee's year page and its .xlsx export (issue 8 acceptance).

``build(orgs)`` generates one committee with ``orgs`` grassroots organisations — a third are
đảng bộ cơ sở with subordinate cells — people in every cell, a published programme with its
four topics, recorded sessions for most cells in the past quarters, and the plans, exemplars
and models of ``pledges.bench.generate_pledges``. Profile S: 150 organisations, 300 cells,
about 10,000 people; profile L (docs/domain.md §7): 1,500 organisations, 8,000 cells, about
150,000 people. Bulk writes only; sessions carry their attendance counts (the year page
reads only those), not per-person attendance rows.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.urls import reverse

from lamtheobac.core.vietnamese import nfc
from lamtheobac.programme import dashboard, outputs
from lamtheobac.programme.models import (
    QUARTERS,
    QuarterTopic,
    SessionState,
    ThematicSession,
    Theme,
    ThemeState,
    quarter_start,
)
from lamtheobac.units.models import CELL_KINDS, Role, RoleGrant, Unit, UnitKind

#: name → (organisations, subordinate cells per đảng bộ cơ sở, people per cell)
PROFILES: dict[str, tuple[int, int, int]] = {
    "S": (150, 4, 33),  # 50 × 4 + 100 = 300 cells, 9,900 people
    "L": (1_500, 14, 19),  # 500 × 14 + 1,000 = 8,000 cells, 152,000 people
}
YEAR = 2030
DAY = dt.date(YEAR, 11, 30)  # quarter IV: three past quarters, every plan state present


@dataclass
class Built:
    profile: str
    committee: Unit
    theme: Theme
    officer: Any
    orgs: int
    cells: int
    people: int
    pledges: int
    sessions: int
    seconds: float


def _tree(orgs: int, cells_per_committee: int, tag: str) -> Unit:
    children = []
    for i in range(orgs):
        committee = i % 3 == 0
        node: dict[str, Any] = {
            "data": {
                "name": nfc(f"{'Đảng bộ' if committee else 'Chi bộ'} cơ quan {i + 1:04d}"),
                "kind": UnitKind.GRASSROOTS_COMMITTEE if committee else UnitKind.GRASSROOTS_CELL,
            }
        }
        if committee:
            node["children"] = [
                {"data": {"name": f"Chi bộ phòng {c + 1}", "kind": UnitKind.SUBORDINATE_CELL}}
                for c in range(cells_per_committee)
            ]
        children.append(node)
    root = {
        "data": {
            "name": nfc(f"Đảng ủy Khối ({tag})"),
            "kind": UnitKind.COMMITTEE,
            "issuer_code": "ĐUK",
            "header_name": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN",
            "place": "Quảng Nam",
        },
        "children": children,
    }
    (root_pk, *_) = Unit.objects.load_bulk([root], bulk_create=True)
    return Unit.objects.get(pk=root_pk)


def build(profile: str, *, tag: str = "", step: Callable[[str], None] | None = None) -> Built:
    """Generate ``profile`` (see ``PROFILES``) on the current database (a throw-away one)."""
    from lamtheobac.pledges.bench import bulk_people, generate_pledges

    say = step or (lambda label: None)
    started = time.perf_counter()
    orgs, per_committee, per_cell = PROFILES[profile]
    committee = _tree(orgs, per_committee, tag or profile)
    say("đơn vị")
    cells = list(Unit.objects.subtree(committee).filter(kind__in=CELL_KINDS))
    people = bulk_people(cells, per_unit=per_cell)
    say("người")
    User = get_user_model()
    officer = User.objects.create(
        username=f"bench.programme.{tag or profile}", password=make_password(None)
    )
    RoleGrant.objects.create(user=officer, unit=committee, role=Role.COMMITTEE_STAFF)
    theme = Theme.objects.create(
        committee=committee,
        scope=committee,
        year=YEAR,
        title="Chuyên đề năm về đội ngũ cán bộ, đảng viên gương mẫu",
        state=ThemeState.PUBLISHED,
        pledge_deadline=dt.date(YEAR, 3, 31),
        created_by=officer,
    )
    QuarterTopic.objects.bulk_create(
        [QuarterTopic(theme=theme, quarter=q, title=f"Chủ điểm quý {q}") for q in QUARTERS]
    )
    rng = random.Random(YEAR)  # noqa: S311 (repeatable bench data)
    sessions = [
        ThematicSession(
            theme=theme,
            cell=cell,
            quarter=q,
            state=SessionState.RECORDED,
            held_on=quarter_start(YEAR, q) + dt.timedelta(days=rng.randint(5, 80)),
            topic=f"Chủ điểm quý {q}",
            present_count=per_cell - 2,
            excused_count=1,
            absent_count=1,
            version=2,
        )
        for q in (1, 2, 3, 4)
        for cell in cells
        if rng.random() < (0.3 if q == 4 else 0.85)
    ]
    ThematicSession.objects.bulk_create(sessions, batch_size=5000)
    say("sinh hoạt chuyên đề")
    pledges = generate_pledges(committee, year=YEAR, day=DAY)
    say("kế hoạch, điển hình, mô hình")
    with connection.cursor() as cursor:
        # What autovacuum (PostgreSQL) or a periodic ANALYZE (SQLite) does after bulk loads:
        # without statistics PostgreSQL plans the subtree filters as nested loops (seconds).
        cursor.execute("ANALYZE")
    return Built(
        profile=profile,
        committee=committee,
        theme=theme,
        officer=officer,
        orgs=orgs,
        cells=len(cells),
        people=people,
        pledges=pledges["pledges"],
        sessions=len(sessions),
        seconds=time.perf_counter() - started,
    )


def measure(built: Built, *, renders: int = 10) -> dict[str, Any]:
    """The year page (median, p95 in ms; queries) and the .xlsx export (median ms, KB,
    queries), with ``today`` fixed inside the programme's year."""
    from unittest import mock

    from lamtheobac.bench.measure import measure_output, measure_page

    client = Client()
    client.force_login(built.officer)
    url = reverse("programme:year", args=[built.theme.pk])
    theme_pk = built.theme.pk

    def xlsx() -> bytes:
        theme = Theme.objects.select_related("scope", "committee").get(pk=theme_pk)
        return outputs.year_workbook(dashboard.year_page(theme))

    with (
        mock.patch("lamtheobac.programme.queries.today", return_value=DAY),
        mock.patch("lamtheobac.programme.outputs.today", return_value=DAY),
    ):
        page = measure_page(client, url, renders=renders)
        export = measure_output(xlsx, runs=3)
    return {
        "profile": built.profile,
        "orgs": built.orgs,
        "cells": built.cells,
        "people": built.people,
        "pledges": built.pledges,
        "sessions": built.sessions,
        "build_s": round(built.seconds, 1),
        "year_page": page,
        "xlsx": export,
    }


def table(results: list[dict[str, Any]], *, vendor: str) -> str:
    """The figures as text, with the issue's targets at 1,500 organisations."""
    target = 150 if vendor == "sqlite" else 300
    lines = [
        "",
        f"programme — committee year page and .xlsx export ({vendor}; target at 1,500 "
        f"organisations: ≤ {target} ms)",
        "  profile   orgs  cells  people   plans  page median  page p95  queries   xlsx   KB  "
        "xlsx queries",
    ]
    for r in results:
        p, x = r["year_page"], r["xlsx"]
        lines.append(
            f"  {r['profile']:<7} {r['orgs']:>6} {r['cells']:>6} {r['people']:>7} {r['pledges']:>7}"
            f"  {p['median_ms']:>8.1f} ms {p['p95_ms']:>6.1f} ms {p['queries']:>8}"
            f"  {x['median_ms']:>6.1f} ms {x['kb']:>6.1f} {x['queries']:>6}"
        )
    if len(results) > 1:
        queries = {r["year_page"]["queries"] for r in results}
        lines.append(
            "  queries constant in units: " + ("yes" if len(queries) == 1 else f"NO {queries}")
        )
    return "\n".join(lines) + "\n"
