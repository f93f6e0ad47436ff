"""Reads of plans, exemplars and models: roll-up counts, lists, settings, rating evidence.

Every count function takes a list of units (e.g. the 1,500 grassroots organisations of a
committee) and a year, and runs a CONSTANT number of queries whatever the number of units:
per measure, one grouped aggregate over the common subtree (the database sums rows grouped by
the first characters of their unit's materialized path, as long as the deepest requested
path; shallower requested units, e.g. the committee above its organisations on the year
page, are summed from those groups in Python). A unit's count includes its whole subtree. Units that are each other's
ancestors may both be requested; each gets its own subtree's count.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Aggregate, Count, Q, QuerySet, Sum
from django.db.models.functions import Substr

from lamtheobac.core.sql import plain_rows
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
from lamtheobac.units.models import Person, Unit, member_counts


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
    # The common prefix of all paths is that of the smallest and largest (sorted order).
    low, high = min(paths), max(paths)
    i = 0
    while i < len(low) and low[i] == high[i]:
        i += 1
    common = low[: i - i % step]
    return [common] if common else sorted({p[:step] for p in paths})


def _scope(units: Sequence[Unit], field: str) -> Q:
    """``<field>`` (a Unit foreign key; ``""`` for Unit itself) within the requested subtrees."""
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    condition = Q(pk__in=[])
    for prefix in _prefixes(units):
        condition |= Q(**{lookup: prefix})
    return condition


def _per_subtree(
    qs: QuerySet[Any],
    path_field: str,
    units: Sequence[Unit],
    group: Sequence[str],
    aggregates: Mapping[str, Aggregate],
) -> Iterator[tuple[int, list[Any]]]:
    """``(requested unit id, [*group values, *aggregate values])`` pairs whose sum over a
    unit id is that unit's subtree total per group.

    One query whatever ``units``: ``qs`` grouped by the prefix of ``path_field`` as long as the
    deepest requested path (a row of a unit above that depth keeps its whole, shorter path).
    Each group is then credited, in Python, to every requested unit whose path prefixes it,
    so units that are each other's ancestors (the organisations and their committee on the
    year page) share the one scan. Groups under no requested unit are dropped.
    """
    by_path = _paths(units)
    lengths = sorted({len(path) for path in by_path}, reverse=True)
    rows = (
        qs.annotate(subtree=Substr(path_field, 1, lengths[0]))
        .values("subtree", *group)
        .annotate(**aggregates)
        .order_by()
        .values_list("subtree", *group, *aggregates)
    )
    for subtree, *values in plain_rows(rows):
        for length in lengths:
            if len(subtree) >= length:
                for pk in by_path.get(subtree[:length], ()):
                    yield pk, values


def pledge_counts(units: Sequence[Unit], year: int) -> dict[int, PledgeCounts]:
    """``{unit id: PledgeCounts}`` for every unit in ``units`` (zeros included) in ``year``.

    The running tallies the write functions keep (``tally``; seed 002 §II.2.2, issue 8 §6),
    summed by the database over each requested subtree: one query.
    """
    result = {u.pk: PledgeCounts() for u in units}
    if not units:
        return result
    tallies = PledgeTally.objects.filter(_scope(units, "unit"), year=year)
    sums = {f"sum_{name}": Sum(name) for name in TALLY_FIELDS}
    for pk, values in _per_subtree(tallies, "unit__path", units, (), sums):
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
    plans = Pledge.objects.filter(_scope(units, "unit"), year=year)
    for pk, (state, n) in _per_subtree(plans, "unit__path", units, ("state",), {"n": Count("pk")}):
        result[pk][state] += n
    return result


def people_counts(units: Sequence[Unit]) -> dict[int, tuple[int, int]]:
    """``{unit id: (party members, non-members)}`` in each unit's subtree by ``Person.unit``
    today: the roster part of ``units.models.member_counts`` (one query per distinct tree
    depth among ``units``; no declared figure)."""
    counts = member_counts(units)
    return {pk: (c.roster, c.people - c.roster) for pk, c in counts.items()}


def exemplar_counts(units: Sequence[Unit], year: int) -> dict[int, ExemplarCounts]:
    """``{unit id: ExemplarCounts}`` for ``year``: exemplars by organisation and models by
    their unit, each summed over the requested subtrees — two queries."""
    result = {u.pk: ExemplarCounts() for u in units}
    if not units:
        return result
    exemplars = Exemplar.objects.filter(_scope(units, "organisation"), year=year).exclude(
        state=ExemplarState.WITHDRAWN
    )
    models = ExemplaryModel.objects.filter(_scope(units, "unit"), year=year).exclude(
        state=ModelState.DRAFT
    )
    count = {"n": Count("pk")}
    for pk, (state, kind, n) in _per_subtree(
        exemplars, "organisation__path", units, ("state", "kind"), count
    ):
        c = result[pk]
        c.exemplars_registered += n
        if state == ExemplarState.APPROVED:
            c.exemplars_approved += n
            if kind == NomineeKind.COLLECTIVE:
                c.collectives += n
            else:
                c.individuals += n
    for pk, (state, outcome, n) in _per_subtree(
        models, "unit__path", units, ("state", "outcome"), count
    ):
        c = result[pk]
        c.models_registered += n
        if state in COUNTED_MODEL_STATES:
            c.models_approved += n
            if outcome == "replicated":
                c.models_replicated += n
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
