"""Benchmark data and figures for plans, exemplars and models (docs/domain.md §7, issue 8).

``generate_pledges(committee, year=…)`` fills an existing tree (e.g. the programme bench's
1,500 organisations / 150,000 people) with plans, exemplars and models by ``bulk_create``;
``bulk_people`` adds people to a tree that has none; ``measure_counts`` times the roll-up
queries the committee's year page uses. Run alone: ``python -m lamtheobac.pledges.bench``
is not provided; call these from ``lamtheobac bench``.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lamtheobac.core.vietnamese import nfc
from lamtheobac.pledges import queries
from lamtheobac.pledges.bulk import PersonRow, bulk_pledges
from lamtheobac.pledges.models import (
    Exemplar,
    ExemplarState,
    ExemplaryModel,
    ModelState,
    NomineeKind,
)
from lamtheobac.units.models import CELL_KINDS, GRASSROOTS_KINDS, Person, Unit

GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Minh", "Nam")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng")
POSITIONS = ("Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng")


def bulk_people(units: Sequence[Unit], *, per_unit: int, seed: int = 8) -> int:
    """Add ``per_unit`` people (85% party members) to each unit of ``units``; returns how many."""
    rng = random.Random(seed)  # noqa: S311 (repeatable bench data)
    rows = []
    for unit in units:
        for _ in range(per_unit):
            p = Person(
                unit=unit,
                family_name=rng.choice(FAMILY),
                middle_name="Văn" if rng.random() < 0.5 else "Thị",
                given_name=rng.choice(GIVEN),
                is_party_member=rng.random() < 0.85,
                position=rng.choice(POSITIONS),
            )
            p.refresh_sort_key()
            rows.append(p)
    Person.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def generate_pledges(
    committee: Unit,
    *,
    year: int,
    day: dt.date | None = None,
    share: float = 0.9,
    audit: bool = False,
    seed: int = 8,
) -> dict[str, Any]:
    """Plans for ``share`` of the people under ``committee`` (states for ``day``, default
    30/11 of ``year``: every state present), 3 exemplars and 2 models per grassroots
    organisation in mixed states. Returns counts and seconds."""
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 (repeatable bench data)
    day = day or dt.date(year, 11, 30)
    people = [
        PersonRow(pk, unit_id, position)
        for pk, unit_id, position in Person.objects.filter(unit__path__startswith=committee.path)
        .order_by("pk")
        .values_list("pk", "unit_id", "position")
        .iterator(chunk_size=10000)
        if rng.random() < share
    ]
    states = bulk_pledges(people, year=year, day=day, rng=rng, audit=audit)
    orgs = list(
        Unit.objects.filter(path__startswith=committee.path, kind__in=GRASSROOTS_KINDS).order_by(
            "path"
        )
    )
    cells = {
        u.path: u for u in Unit.objects.filter(path__startswith=committee.path, kind__in=CELL_KINDS)
    }
    first_person = dict(
        Person.objects.filter(unit__path__startswith=committee.path)
        .order_by("unit_id", "pk")
        .values_list("unit_id", "pk")
    )
    exemplars: list[Exemplar] = []
    models: list[ExemplaryModel] = []
    model_states = list(ModelState.values)
    for i, org in enumerate(orgs):
        own = [c for path, c in cells.items() if path.startswith(org.path)] or [org]
        state = ExemplarState.APPROVED if i % 4 else ExemplarState.PROPOSED
        exemplars.append(
            Exemplar(
                organisation=org,
                year=year,
                kind=NomineeKind.COLLECTIVE,
                collective=own[0],
                state=state,
            )
        )
        for cell in own[:2]:
            if cell.pk in first_person:
                exemplars.append(
                    Exemplar(
                        organisation=org,
                        year=year,
                        kind=NomineeKind.INDIVIDUAL,
                        person_id=first_person[cell.pk],
                        state=state,
                    )
                )
        for n in range(2):
            models.append(
                ExemplaryModel(
                    organisation=org,
                    unit=own[n % len(own)],
                    year=year,
                    name=nfc(f"Mô hình {n + 1} của {org.name}")[:255],
                    state=model_states[(i + n) % len(model_states)],
                )
            )
    Exemplar.objects.bulk_create(exemplars, batch_size=5000)
    ExemplaryModel.objects.bulk_create(models, batch_size=5000)
    return {
        "pledges": len(people),
        "states": states,
        "exemplars": len(exemplars),
        "models": len(models),
        "seconds": time.perf_counter() - started,
    }


def measure_counts(units: Sequence[Unit], *, year: int, runs: int = 5) -> dict[str, float | int]:
    """Best-of-``runs`` milliseconds and the query count of the roll-up reads over ``units``
    (pledge_counts + exemplar_counts + people_counts), as the committee's year page runs them."""

    def once() -> None:
        queries.pledge_counts(units, year)
        queries.exemplar_counts(units, year)
        queries.people_counts(units)

    with CaptureQueriesContext(connection) as ctx:
        once()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        once()
        samples.append((time.perf_counter() - t) * 1000)
    return {"units": len(units), "queries": len(ctx.captured_queries), "ms": round(min(samples), 1)}
