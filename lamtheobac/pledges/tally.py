"""Running per-unit counts of plans (``PledgeTally``): what each plan contributes, shifting
the counts when a plan changes, and rebuilding them from the plans after bulk writes.

A plan contributes (issue 8 §6, seed 002 §II.2.2):
- ``submitted`` (and ``leaders`` if flagged "nêu gương", ``late`` if handed in late) to the
  unit it was submitted in, while submitted, accepted, self-assessed or evaluated;
- ``accepted`` to the unit that accepted it, while accepted or later;
- ``assessed`` and its result (``good`` / ``done`` / ``not_done``) to the unit that
  evaluated it, once evaluated.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, F, QuerySet

from lamtheobac.pledges.models import (
    ACCEPTED_STATES,
    SUBMITTED_STATES,
    Pledge,
    PledgeState,
    PledgeTally,
    Result,
)

FIELDS = ("submitted", "accepted", "assessed", "leaders", "late", "good", "done", "not_done")
_RESULT_FIELD: dict[str, str] = {
    Result.GOOD: "good",
    Result.DONE: "done",
    Result.NOT_DONE: "not_done",
}

Contribution = Counter[tuple[int, str]]  # (unit id, field) → 1


def contributions(p: Pledge) -> Contribution:
    """What ``p`` adds to the tallies of its year, as it stands."""
    c: Contribution = Counter()
    if p.state in SUBMITTED_STATES and p.submitted_unit_id:
        c[(p.submitted_unit_id, "submitted")] += 1
        if p.is_leader:
            c[(p.submitted_unit_id, "leaders")] += 1
        if p.is_late:
            c[(p.submitted_unit_id, "late")] += 1
    if p.state in ACCEPTED_STATES and p.accepted_unit_id:
        c[(p.accepted_unit_id, "accepted")] += 1
    if p.state == PledgeState.EVALUATED and p.evaluated_unit_id:
        c[(p.evaluated_unit_id, "assessed")] += 1
        if p.result in _RESULT_FIELD:
            c[(p.evaluated_unit_id, _RESULT_FIELD[p.result])] += 1
    return c


def shift(before: Contribution, after: Contribution, *, year: int) -> None:
    """Apply ``after - before`` to the tallies of ``year`` (in the caller's transaction;
    ``F()`` increments, so concurrent changes to other plans add up)."""
    delta: dict[int, dict[str, int]] = defaultdict(dict)
    for key in set(before) | set(after):
        d = after.get(key, 0) - before.get(key, 0)
        if d:
            unit_id, field = key
            delta[unit_id][field] = d
    for unit_id, changes in sorted(delta.items()):  # one lock order: no deadlock
        PledgeTally.objects.get_or_create(unit_id=unit_id, year=year)
        PledgeTally.objects.filter(unit_id=unit_id, year=year).update(
            **{f: F(f) + d for f, d in changes.items()}
        )


def rebuild(year: int) -> int:
    """Recount every tally of ``year`` from the plans (five grouped queries, one delete, one
    bulk insert); returns the number of tally rows. Call after bulk writes."""
    pledges = Pledge.objects.filter(year=year)
    submitted = pledges.filter(state__in=SUBMITTED_STATES)
    rows: dict[int, dict[str, int]] = defaultdict(dict)

    def add(qs: QuerySet[Pledge], key: str, field: str) -> None:
        for unit_id, n in (
            qs.values_list(key).annotate(n=Count("pk")).values_list(key, "n").order_by()
        ):
            if unit_id is not None:
                rows[unit_id][field] = n

    add(submitted, "submitted_unit_id", "submitted")
    add(submitted.filter(is_leader=True), "submitted_unit_id", "leaders")
    add(submitted.filter(is_late=True), "submitted_unit_id", "late")
    add(pledges.filter(state__in=ACCEPTED_STATES), "accepted_unit_id", "accepted")
    evaluated = (
        pledges.filter(state=PledgeState.EVALUATED)
        .values_list("evaluated_unit_id", "result")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for unit_id, result, n in evaluated:
        if unit_id is None:
            continue
        rows[unit_id]["assessed"] = rows[unit_id].get("assessed", 0) + n
        if result in _RESULT_FIELD:
            rows[unit_id][_RESULT_FIELD[result]] = n
    PledgeTally.objects.filter(year=year).delete()
    PledgeTally.objects.bulk_create(
        [PledgeTally(unit_id=unit_id, year=year, **values) for unit_id, values in rows.items()],
        batch_size=2000,
    )
    return len(rows)
