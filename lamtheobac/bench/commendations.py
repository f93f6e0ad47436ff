"""Commendation figures for ``lamtheobac bench`` (issue 4): eligibility of many nominees
against three years of ratings — time and queries, which must not grow with the nominees —
and the decision .docx with a long appendix list — time and size.

Data are generated with bulk writes (no write functions: they check one nominee at a time),
shaped as the write functions leave them: submitted nominations of grassroots organisations,
people with NFC names and sort keys, one rating per person and year.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model

from lamtheobac.bench.measure import count_queries
from lamtheobac.commendations import outputs, queries
from lamtheobac.commendations.models import (
    AwardKind,
    CommendationRound,
    CommendationRoundState,
    Criterion,
    DossierRequirement,
    Nomination,
    NominationState,
    QuotaRule,
)
from lamtheobac.ratings.models import Rating, RatingLevel
from lamtheobac.units.models import Person, Unit, UnitKind

YEARS = (2017, 2018, 2019)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi")
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Ngọc", "Đức", "Thanh", "Quốc")
GIVEN = ("An", "Ánh", "Bình", "Cường", "Dũng", "Đức", "Hà", "Hoa", "Lan", "Ân", "Ăn", "Yến")
LEVELS = (RatingLevel.EXCELLENT, RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.COMPLETE)
CRITERIA: list[dict[str, Any]] = [
    {
        "applies_to": "collective",
        "kind": "rating_each_year",
        "min_level": "good",
        "years": list(YEARS),
        "text": "Tổ chức đảng hoàn thành tốt nhiệm vụ trở lên trong các năm 2017, 2018, 2019.",
    },
    {
        "applies_to": "non_member",
        "kind": "rating_any_year",
        "min_level": "excellent",
        "years": list(YEARS),
        "text": "Quần chúng hoàn thành xuất sắc nhiệm vụ một trong các năm 2017, 2018, 2019.",
    },
    {
        "applies_to": "party_member",
        "kind": "rating_count",
        "min_level": "excellent",
        "count": 3,
        "text": "Đảng viên có ít nhất 03 năm hoàn thành xuất sắc nhiệm vụ.",
    },
]


@dataclass
class Generated:
    committee: Unit
    orgs: list[Unit]
    people: list[Person]
    officer: Any
    seconds: float


def _timed(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """Median ms over ``runs`` runs (after one warm-up), and the last result."""
    result = fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1), result


def generate(nominees: int, *, orgs: int = 100) -> Generated:
    """A committee with ``orgs`` grassroots organisations sharing ``nominees`` people (a
    quarter not party members), each person and organisation rated for 2017–2019."""
    started = time.perf_counter()
    tag = f"{time.monotonic_ns()}"
    committee = Unit.objects.add_root(
        {"name": f"Đảng ủy Khối (khen thưởng {tag})", "kind": UnitKind.COMMITTEE}
    )
    units = []
    for i in range(orgs):
        committee.refresh_from_db()
        kind = UnitKind.GRASSROOTS_COMMITTEE if i % 2 else UnitKind.GRASSROOTS_CELL
        units.append(
            Unit.objects.add_child(committee, {"name": f"Đảng bộ cơ quan số {i + 1}", "kind": kind})
        )
    people = []
    for i in range(nominees):
        person = Person(
            unit=units[i % orgs],
            family_name=FAMILY[i % len(FAMILY)],
            middle_name=MIDDLE[(i // 7) % len(MIDDLE)],
            given_name=f"{GIVEN[(i // 3) % len(GIVEN)]} {i}",
            is_party_member=i % 4 != 0,
            position="Chuyên viên",
        )
        person.refresh_sort_key()
        people.append(person)
    people = Person.objects.bulk_create(people, batch_size=2000)
    ratings = [
        Rating(person=p, year=year, level=LEVELS[(i + j) % len(LEVELS)])
        for i, p in enumerate(people)
        for j, year in enumerate(YEARS)
    ]
    ratings += [
        Rating(unit=u, year=year, level=LEVELS[(i + j) % len(LEVELS)])
        for i, u in enumerate(units)
        for j, year in enumerate(YEARS)
    ]
    Rating.objects.bulk_create(ratings, batch_size=2000)
    officer = get_user_model().objects.create_user(username=f"btg-khen-thuong-{tag}")
    return Generated(committee, units, people, officer, time.perf_counter() - started)


def make_round(g: Generated, people: list[Person], *, title: str) -> CommendationRound:
    """A round in review with the seed-003 criteria, three dossier items, one submitted
    nomination per person and one per organisation (the collective itself)."""
    round = CommendationRound.objects.create(
        committee=g.committee,
        title=title,
        state=CommendationRoundState.REVIEW,
        created_by=g.officer,
        period_start=None,
        period_end=None,
    )
    QuotaRule.objects.create(round=round, text="Không giới hạn số lượng.", position=1)
    Criterion.objects.bulk_create(
        [Criterion(round=round, position=i, **c) for i, c in enumerate(CRITERIA, start=1)]
    )
    DossierRequirement.objects.bulk_create(
        [
            DossierRequirement(round=round, position=i, text=t)
            for i, t in enumerate(("Tờ trình", "Trích biên bản họp xét", "Báo cáo thành tích"), 1)
        ]
    )
    by_pk = {u.pk: u for u in g.orgs}
    rows = [
        Nomination(
            round=round,
            unit=by_pk[p.unit_id],
            nominee_person=p,
            nominee_name=p.full_name,
            summary="Thành tích tiêu biểu.",
            state=NominationState.SUBMITTED,
            created_by=g.officer,
        )
        for p in people
    ]
    rows += [
        Nomination(
            round=round,
            unit=u,
            nominee_unit=u,
            nominee_name=u.name,
            summary="Tập thể tiêu biểu.",
            state=NominationState.SUBMITTED,
            created_by=g.officer,
        )
        for u in g.orgs
    ]
    Nomination.objects.bulk_create(rows, batch_size=2000)
    return round


def measure_commendations(
    *, nominees: int = 10_000, small: int = 1_000, names: int = 1_000, runs: int = 3
) -> dict[str, Any]:
    """Eligibility of ``small`` and ``nominees`` individuals (plus 100 collectives) — median ms
    and queries of ``queries.nominations_by_unit`` — and the decision .docx with ``names``
    decided individuals — median ms, KB and queries."""
    g = generate(nominees)
    result: dict[str, Any] = {"generation_s": round(g.seconds, 2), "eligibility": {}}
    for n in sorted({small, nominees}):
        round_ = make_round(g, g.people[:n], title=f"Khen thưởng — {n} cá nhân")
        ms, rows = _timed(partial(queries.nominations_by_unit, round_), runs)
        n_queries, _ = count_queries(partial(queries.nominations_by_unit, round_))
        result["eligibility"][n] = {
            "median_ms": ms,
            "queries": n_queries,
            "eligible": sum(1 for row in rows if row.eligible),
            "rows": len(rows),
        }
    award = AwardKind.objects.filter(is_active=True).first() or AwardKind.objects.create(
        name="Giấy khen"
    )
    decided = make_round(g, g.people[:names], title=f"Quyết định — {names} cá nhân")
    Nomination.objects.filter(round=decided, nominee_person__isnull=False).update(
        state=NominationState.DECIDED, award_kind=award
    )

    def build() -> bytes:
        r = CommendationRound.objects.select_related("committee", "document").get(pk=decided.pk)
        return outputs.decision_docx(r)

    ms, data = _timed(build, runs)
    n_queries, _ = count_queries(build)
    result["decision_docx"] = {
        "names": names,
        "median_ms": ms,
        "kb": round(len(data) / 1024, 1),
        "queries": n_queries,
    }
    return result


def table(result: dict[str, Any]) -> str:
    """The commendation figures as the bench's aligned plain-text rows."""
    sizes = sorted(result["eligibility"])
    rows: list[tuple[str, str]] = [("generation (s)", f"{result['generation_s']:.2f}")]
    for n in sizes:
        e = result["eligibility"][n]
        rows.append(
            (f"eligibility, {n} nominees (+100 collectives): median (ms)", f"{e['median_ms']:.1f}")
        )
        rows.append((f"eligibility, {n} nominees: queries", str(e["queries"])))
        rows.append((f"eligibility, {n} nominees: eligible", f"{e['eligible']} / {e['rows']}"))
    d = result["decision_docx"]
    rows.append((f"decision .docx, {d['names']} names: median (ms)", f"{d['median_ms']:.1f}"))
    rows.append((f"decision .docx, {d['names']} names: size (KB)", f"{d['kb']:.1f}"))
    rows.append((f"decision .docx, {d['names']} names: queries", str(d["queries"])))
    width = max(len(label) for label, _ in rows)
    vwidth = max(len(v) for _, v in rows)
    lines = ["Commendations (issue 4)", ""]
    lines += [f"{label:<{width}}  {value:>{vwidth}}" for label, value in rows]
    first, last = result["eligibility"][sizes[0]], result["eligibility"][sizes[-1]]
    grows = last["queries"] > first["queries"]
    lines += [
        "",
        f"Eligibility queries as nominees grow ({sizes[0]} → {sizes[-1]}): "
        f"{first['queries']} → {last['queries']}  {'GROWS' if grows else 'OK'}",
    ]
    return "\n".join(lines)
