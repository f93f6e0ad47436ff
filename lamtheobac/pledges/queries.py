"""Reads of plans, exemplars and models: roll-up counts, lists, settings, rating evidence.

Every count function takes a list of units (e.g. the 1,500 grassroots organisations of a
committee) and a year, and runs a CONSTANT number of queries whatever the number of units:
one grouped aggregate per measure over the common subtree, rolled up to the requested units
in Python by materialized-path prefix. A unit's count includes its whole subtree. Units that
are each other's ancestors may both be requested; each gets its own subtree's count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from lamtheobac.pledges.models import (
    COUNTED_MODEL_STATES,
    Exemplar,
    ExemplarState,
    ExemplaryModel,
    Membership,
    ModelState,
    NomineeKind,
    Pledge,
    PledgeState,
    PledgeTally,
)
from lamtheobac.pledges.tally import FIELDS as TALLY_FIELDS
from lamtheobac.units.models import Person, Unit


@dataclass
class PledgeCounts:
    """Per unit (subtree) and year. Each pledge is counted in the unit responsible on the day
    of the event (a member who moved cell counts in the old cell for what happened there).

    ``submitted``: plans handed in and not sent back (submitted, accepted, self-assessed or
    evaluated), by the unit at submission; ``accepted``: accepted or later, by the unit that
    accepted; ``assessed``: evaluated by the cell at year end, by the evaluating unit;
    ``leaders``: submitted plans flagged "nêu gương"; ``late``: submitted plans handed in
    after the deadline; ``good`` / ``done`` / ``not_done``: evaluated plans per result.
    """

    submitted: int = 0
    accepted: int = 0
    assessed: int = 0
    leaders: int = 0
    late: int = 0
    good: int = 0
    done: int = 0
    not_done: int = 0


@dataclass
class ExemplarCounts:
    """Per unit (subtree) and year. ``exemplars_registered``: proposed or approved (not
    withdrawn), by organisation; ``exemplars_approved``; ``collectives`` / ``individuals``:
    approved per kind; ``models_registered``: models sent to the committee (not drafts), by
    the model's unit; ``models_approved``: approved or evaluated — the only ones that count
    (seed 002 §II.2.3); ``models_replicated``: evaluated "đã nhân rộng"."""

    exemplars_registered: int = 0
    exemplars_approved: int = 0
    collectives: int = 0
    individuals: int = 0
    models_registered: int = 0
    models_approved: int = 0
    models_replicated: int = 0


def _paths(units: Sequence[Unit]) -> dict[str, list[int]]:
    by_path: dict[str, list[int]] = defaultdict(list)
    for unit in units:
        by_path[unit.path].append(unit.pk)
    return by_path


def _prefixes(units: Sequence[Unit]) -> list[str]:
    """The common ancestor's path of ``units`` when they share one, else their roots' paths:
    one or a few prefixes covering every requested subtree (a constant-size condition)."""
    paths = [u.path for u in units]
    step = Unit.steplen
    common = paths[0]
    for path in paths[1:]:
        i = 0
        while i < min(len(common), len(path)) and common[i] == path[i]:
            i += 1
        common = common[:i]
    common = common[: len(common) - len(common) % step]
    return [common] if common else sorted({p[:step] for p in paths})


def _scope(units: Sequence[Unit], field: str) -> Q:
    """``<field>`` (a Unit foreign key; ``""`` for Unit itself) within the requested subtrees."""
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    condition = Q(pk__in=[])
    for prefix in _prefixes(units):
        condition |= Q(**{lookup: prefix})
    return condition


def _roll_up(rows: Iterable[tuple[str, int]], by_path: dict[str, list[int]]) -> dict[int, int]:
    """Add each (unit path, count) row to every requested unit whose path prefixes it."""
    step = Unit.steplen
    totals: dict[int, int] = defaultdict(int)
    for path, n in rows:
        if path is None:
            continue
        for end in range(step, len(path) + 1, step):
            for pk in by_path.get(path[:end], ()):
                totals[pk] += n
    return totals


def _grouped(qs: QuerySet, field: str, units: Sequence[Unit]) -> list[tuple[str, int]]:
    return list(
        qs.filter(_scope(units, field))
        .values_list(f"{field}__path")
        .annotate(n=Count("pk"))
        .values_list(f"{field}__path", "n")
        .order_by()
    )


def pledge_counts(units: Sequence[Unit], year: int) -> dict[int, PledgeCounts]:
    """``{unit id: PledgeCounts}`` for every unit in ``units`` (zeros included) in ``year``.

    One query whatever ``len(units)``: the running tallies the write functions keep
    (``tally``; seed 002 §II.2.2, issue 8 §6), summed up each requested subtree.
    """
    result = {u.pk: PledgeCounts() for u in units}
    if not units:
        return result
    by_path = _paths(units)
    step = Unit.steplen
    rows = PledgeTally.objects.filter(_scope(units, "unit"), year=year).values_list(
        "unit__path", *TALLY_FIELDS
    )
    for path, *values in rows:
        for end in range(step, len(path) + 1, step):
            for pk in by_path.get(path[:end], ()):
                counts = result[pk]
                for name, n in zip(TALLY_FIELDS, values, strict=True):
                    if n:
                        setattr(counts, name, getattr(counts, name) + n)
    return result


def pledge_state_counts(units: Sequence[Unit], year: int) -> dict[int, dict[str, int]]:
    """``{unit id: {state: count}}`` of ``year``'s plans by the unit responsible NOW (for
    filters by state); every state of ``PledgeState`` present, zeros included. One query."""
    result = {u.pk: dict.fromkeys(PledgeState.values, 0) for u in units}
    if not units:
        return result
    by_path = _paths(units)
    rows = (
        Pledge.objects.filter(_scope(units, "unit"), year=year)
        .values_list("unit__path", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_state: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for path, state, n in rows:
        per_state[state].append((path, n))
    for state, state_rows in per_state.items():
        for pk, n in _roll_up(state_rows, by_path).items():
            result[pk][state] = n
    return result


def people_counts(units: Sequence[Unit]) -> dict[int, tuple[int, int]]:
    """``{unit id: (party members, non-members)}`` by ``Person.unit`` today. Two queries
    (people grouped by unit id, then the paths of the units in scope)."""
    result = {u.pk: (0, 0) for u in units}
    if not units:
        return result
    by_path = _paths(units)
    paths = dict(Unit.objects.filter(_scope(units, "")).values_list("pk", "path"))
    rows = (
        Person.objects.filter(unit_id__in=Unit.objects.filter(_scope(units, "")).values("pk"))
        .values_list("unit_id", "is_party_member")
        .annotate(n=Count("pk"))
        .order_by()
    )
    members: list[tuple[str, int]] = []
    others: list[tuple[str, int]] = []
    for unit_id, is_member, n in rows:
        (members if is_member else others).append((paths[unit_id], n))
    m, o = _roll_up(members, by_path), _roll_up(others, by_path)
    return {pk: (m.get(pk, 0), o.get(pk, 0)) for pk in result}


def exemplar_counts(units: Sequence[Unit], year: int) -> dict[int, ExemplarCounts]:
    """``{unit id: ExemplarCounts}`` for ``year``; three queries whatever ``len(units)``
    (exemplars and models grouped by unit id, then the paths of the units in scope)."""
    result = {u.pk: ExemplarCounts() for u in units}
    if not units:
        return result
    by_path = _paths(units)
    scope = Unit.objects.filter(_scope(units, ""))
    rows = list(
        Exemplar.objects.filter(year=year, organisation_id__in=scope.values("pk"))
        .exclude(state=ExemplarState.WITHDRAWN)
        .values_list("organisation_id", "state", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    models = list(
        ExemplaryModel.objects.filter(year=year, unit_id__in=scope.values("pk"))
        .exclude(state=ModelState.DRAFT)
        .values_list("unit_id", "state", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    own: dict[int, Counter[str]] = defaultdict(Counter)  # unit id → its own counts
    approved = ExemplarState.APPROVED
    for unit_id, state, kind, n in rows:
        c = own[unit_id]
        c["exemplars_registered"] += n
        if state == approved:
            c["exemplars_approved"] += n
            c["collectives" if kind == NomineeKind.COLLECTIVE else "individuals"] += n
    for unit_id, state, outcome, n in models:
        c = own[unit_id]
        c["models_registered"] += n
        if state in COUNTED_MODEL_STATES:
            c["models_approved"] += n
            if outcome == "replicated":
                c["models_replicated"] += n
    paths = dict(scope.filter(pk__in=list(own)).values_list("pk", "path")) if own else {}
    step = Unit.steplen
    for unit_id, c in own.items():
        path = paths[unit_id]
        for end in range(step, len(path) + 1, step):
            for pk in by_path.get(path[:end], ()):
                target = result[pk]
                for attr, n in c.items():
                    setattr(target, attr, getattr(target, attr) + n)
    return result


# -- settings ---------------------------------------------------------------------------


@dataclass(frozen=True)
class YearSettings:
    """The settings in force for a unit and year, read from the year's programme
    (``programme.Theme``, the one place a committee sets them), else the defaults: deadline
    31/3 inclusive — "quý I", seed 004 §II.3.2 and docs/domain.md §5; exemplar quotas 1–2
    collectives and 2–3 individuals, seed 002 §II.2.3; registration not locked."""

    year: int
    deadline: dt.date
    deadline_exclusive: bool
    registration_locked: bool
    collective_min: int
    collective_max: int
    individual_min: int
    individual_max: int
    from_programme: bool = False


def year_settings(unit: Unit, year: int) -> YearSettings:
    """The settings for ``unit`` in ``year``: those of the published programme that applies
    to it (``programme.queries.programme_for``: its pledge deadline, lock and exemplar
    quotas), else the defaults. One query."""
    from lamtheobac.programme.queries import programme_for

    theme = programme_for(unit, year)
    if theme is None:
        return YearSettings(year, dt.date(year, 3, 31), False, False, 1, 2, 2, 3)
    return YearSettings(
        year=year,
        deadline=theme.pledge_deadline,
        deadline_exclusive=theme.pledge_deadline_exclusive,
        registration_locked=theme.locked,
        collective_min=theme.collectives_min,
        collective_max=theme.collectives_max,
        individual_min=theme.individuals_min,
        individual_max=theme.individuals_max,
        from_programme=True,
    )


def exemplar_quota(organisation: Unit, year: int) -> dict[str, tuple[int, int]]:
    """``{"collective": (min, max), "individual": (min, max)}`` for ``organisation`` in
    ``year`` (seed 002 §II.2.3: 01–02 tập thể, 02–03 cá nhân, editable per year)."""
    s = year_settings(organisation, year)
    return {
        NomineeKind.COLLECTIVE: (s.collective_min, s.collective_max),
        NomineeKind.INDIVIDUAL: (s.individual_min, s.individual_max),
    }


# -- responsibility by date -------------------------------------------------------------


def responsible_unit(person: Person, on: dt.date) -> Unit:
    """The unit responsible for ``person`` on ``on``: the membership period covering that day,
    else ``person.unit``. Two queries at most."""
    period = (
        Membership.objects.filter(person=person, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("unit")
        .order_by("-start")
        .first()
    )
    return period.unit if period else Unit.objects.get(pk=person.unit_id)


# -- lists ------------------------------------------------------------------------------


def pledges_of_unit(unit: Unit, year: int) -> QuerySet[Pledge]:
    """The year's plans of the people ``unit`` is responsible for now (its subtree),
    people in Vietnamese office order."""
    return (
        Pledge.objects.filter(unit__path__startswith=unit.path, year=year)
        .select_related("person", "unit")
        .order_by("person__sort_key", "pk")
    )


def leader_pledges(unit: Unit, year: int) -> QuerySet[Pledge]:
    """Plans flagged "nêu gương" (người đứng đầu, cán bộ chủ chốt), listed separately."""
    return pledges_of_unit(unit, year).filter(is_leader=True)


def pledge_of(person: Person, year: int) -> Pledge | None:
    return Pledge.objects.filter(person=person, year=year).select_related("unit").first()


@dataclass(frozen=True)
class RatingEvidence:
    """What a person's plan says for the year's Rating (seed 002 §II.2.2: "làm căn cứ đánh
    giá, xếp loại chất lượng … cuối năm"): state, the cell's result and comment."""

    pledge_id: int
    state: str
    state_label: str
    result: str
    result_label: str
    comment: str


def rating_evidence(person_ids: Iterable[int], year: int) -> dict[int, RatingEvidence]:
    """``{person id: RatingEvidence}`` for the people with a plan in ``year``; one query.
    The ratings app shows it beside the rating (it never changes a Rating)."""
    rows = Pledge.objects.filter(person_id__in=list(person_ids), year=year)
    return {
        p.person_id: RatingEvidence(
            pledge_id=p.pk,
            state=p.state,
            state_label=p.state_label,
            result=p.result,
            result_label=p.get_result_display() if p.result else "",
            comment=p.evaluation_comment,
        )
        for p in rows
    }
