"""Read queries of commendation rounds: nominations with their evidence, quotas, lists.

Eligibility for many nominees runs in a fixed number of queries: the round's criteria,
requirements and quota rules once, every rating of every nominee in one query, party-member
counts of the nominating units in one query per tree depth; the rules run in Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from lamtheobac.commendations import rules
from lamtheobac.commendations.models import (
    CommendationRound,
    Criterion,
    DossierItem,
    DossierRequirement,
    EligibilityOverride,
    Nomination,
    NominationState,
    QuotaRule,
    QuotaScope,
)
from lamtheobac.commendations.rules import QuotaLine
from lamtheobac.core.memory import gc_paused
from lamtheobac.ratings.models import Rating
from lamtheobac.units.models import Unit
from lamtheobac.units.models import member_counts as roster_member_counts
from lamtheobac.units.policy import Action, Policy

FILTERS = {
    "eligible": "Đạt tiêu chuẩn",
    "ineligible": "Chưa đạt tiêu chuẩn",
    "incomplete": "Thiếu hồ sơ",
    "over_quota": "Vượt hoặc chưa xác định chỉ tiêu",
    "late": "Gửi sau hạn",
}


@dataclass
class UnitQuota:
    """The live quota of one nominating unit: rules that apply, counts, places left."""

    unit: Unit
    member_count: int
    counts: Counter[str]
    rules: list[QuotaRule]
    gap: str | None
    lines: list[QuotaLine]  # not ``rules.QuotaLine``: the field ``rules`` above shadows the module
    violations: list[str]

    @property
    def over_quota(self) -> bool:
        return bool(self.violations) or self.gap is not None


@dataclass
class NominationRow:
    """One nomination with its evidence: criteria checked, dossier present or missing."""

    nomination: Nomination
    results: list[tuple[Criterion, rules.CriterionResult]]
    dossier: list[tuple[DossierRequirement, list[DossierItem]]]
    quota: UnitQuota | None = None
    extra_items: list[DossierItem] = field(default_factory=list)

    @property
    def failed(self) -> list[tuple[Criterion, rules.CriterionResult]]:
        return [(c, r) for c, r in self.results if r.passed is False]

    @property
    def pending(self) -> list[tuple[Criterion, rules.CriterionResult]]:
        return [(c, r) for c, r in self.results if r.passed is None]

    @property
    def no_data(self) -> bool:
        """Every failed criterion failed for want of any rating (shown "Chưa có dữ liệu")."""
        return bool(self.failed) and all(r.no_data for _c, r in self.failed)

    @property
    def eligible(self) -> bool | None:
        """False when a criterion failed, None while staff still have to judge one, else True."""
        if self.failed:
            return False
        return None if self.pending else True

    @property
    def missing(self) -> list[DossierRequirement]:
        return [req for req, items in self.dossier if not items]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def over_quota(self) -> bool:
        return self.quota is not None and self.quota.over_quota

    def issues(self) -> list[str]:
        """Why submitting needs a written reason: failed criteria and missing items."""
        found = [f"Chưa đạt tiêu chuẩn: {c.text.strip()} — {r.explanation}" for c, r in self.failed]
        found += [f"Thiếu hồ sơ: {req.text.strip()}" for req in self.missing]
        return found


def _nominations(round: CommendationRound) -> QuerySet[Nomination]:
    return Nomination.objects.filter(round=round).select_related(
        "unit", "nominee_unit", "nominee_person__unit", "award_kind"
    )


def _items_and_overrides(
    nominations: Sequence[Nomination],
) -> tuple[dict[int, list[DossierItem]], dict[int, dict[int, EligibilityOverride]]]:
    """Live dossier items and eligibility overrides of ``nominations``: two queries, grouped
    in Python (a prefetch would clone a queryset per nomination, which dominates at 10,000)."""
    ids = [n.pk for n in nominations]
    items: dict[int, list[DossierItem]] = defaultdict(list)
    for item in DossierItem.objects.present().filter(nomination_id__in=ids):
        items[item.nomination_id].append(item)
    overrides: dict[int, dict[int, EligibilityOverride]] = defaultdict(dict)
    for override in EligibilityOverride.objects.filter(nomination_id__in=ids):
        overrides[override.nomination_id][override.criterion_id] = override
    return items, overrides


def ratings_by_nominee(
    nominations: Sequence[Nomination],
) -> tuple[dict[int, dict[int, str]], dict[int, dict[int, str]]]:
    """Every rating of the nominees, in ONE query: ({person_id: {year: level}}, {unit_id: …})."""
    person_ids = {n.nominee_person_id for n in nominations if n.nominee_person_id}
    unit_ids = {n.nominee_unit_id for n in nominations if n.nominee_unit_id}
    by_person: dict[int, dict[int, str]] = defaultdict(dict)
    by_unit: dict[int, dict[int, str]] = defaultdict(dict)
    if not person_ids and not unit_ids:
        return by_person, by_unit
    rows = Rating.objects.filter(Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)).values_list(
        "person_id", "unit_id", "year", "level"
    )
    for person_id, unit_id, year, level in rows:
        if person_id:
            by_person[person_id][year] = level
        else:
            by_unit[unit_id][year] = level
    return by_person, by_unit


def quota_counts_by_unit(nominations: QuerySet[Nomination]) -> defaultdict[int, Counter[str]]:
    """The one quota counter: collectives and individuals among ``nominations``, per
    nominating unit id (``{"collective": n, "individual": m}``; one query). Callers pass the
    nominations a quota counts (``counted()`` for a unit's places, ``decided()`` for the
    committee's picks)."""
    counts: defaultdict[int, Counter[str]] = defaultdict(Counter)
    for unit_id, nominee_unit_id in nominations.values_list("unit_id", "nominee_unit_id"):
        counts[unit_id][rules.COLLECTIVE if nominee_unit_id else rules.INDIVIDUAL] += 1
    return counts


def quota_counts(nominations: QuerySet[Nomination]) -> Counter[str]:
    """Collectives and individuals among ``nominations``, all units together."""
    total: Counter[str] = Counter()
    for counts in quota_counts_by_unit(nominations).values():
        total.update(counts)
    return total


def member_counts(units: Iterable[Unit]) -> dict[int, int]:
    """Party members counted for quotas, by unit id: the roster's party members in each unit's
    subtree, or the declared figure of a unit without a roster (``units.models.member_counts``;
    one grouped query per distinct tree depth)."""
    return {pk: count.value for pk, count in roster_member_counts(units).items()}


def quota_member_counts(round: CommendationRound, units: Iterable[Unit]) -> dict[int, int]:
    """Party members per unit for ``round``'s quotas (docs/domain.md §5): the members and
    the tree of the round's reference date when the round has one (``reference_date``,
    issue 11 §2: quotas use the tree as it was on the rule's reference date; counted by
    ``structure.queries.member_counts_on``), else today's roster (``member_counts``)."""
    day = getattr(round, "reference_date", None)
    if day is not None:
        from lamtheobac.structure.queries import member_counts_on

        return member_counts_on(units, day)
    return member_counts(units)


def _unit_quota(
    unit: Unit, member_count: int, counts: Counter[str], quota_rules: Sequence[QuotaRule]
) -> UnitQuota:
    applicable, gap = rules.quota_for(quota_rules, member_count)
    lines = [rules.quota_status(r, counts) for r in applicable]
    violations = []
    for rule in applicable:
        if rules.exceeded(rule, counts):
            violations.append(f"Vượt chỉ tiêu: “{rule.text.strip()}”.")
    return UnitQuota(unit, member_count, counts, list(applicable), gap, lines, violations)


def unit_quota(round: CommendationRound, unit: Unit) -> UnitQuota:
    """The live quota of ``unit`` in ``round`` (for the nomination page)."""
    quota_rules = list(round.quota_rules.all())
    counts = quota_counts(Nomination.objects.counted().filter(round=round, unit=unit))
    members = quota_member_counts(round, [unit])[unit.pk]
    return _unit_quota(unit, members, counts, quota_rules)


def evaluate_nominations(
    round: CommendationRound, nominations: Sequence[Nomination]
) -> list[NominationRow]:
    """Criteria, dossier and quota for each of ``nominations`` (loaded with ``_nominations``)."""
    criteria = list(round.criteria.all())
    requirements = list(round.dossier_requirements.all())
    quota_rules = list(round.quota_rules.all())
    by_person, by_unit = ratings_by_nominee(nominations)
    items_by_nomination, overrides_by_nomination = _items_and_overrides(nominations)
    period = round.period_years

    counted_units = {n.unit_id: n.unit for n in nominations}
    counts_by_unit = quota_counts_by_unit(
        Nomination.objects.counted().filter(round=round, unit_id__in=counted_units)
    )
    members = quota_member_counts(round, counted_units.values())
    quotas = {
        unit_id: _unit_quota(unit, members[unit_id], counts_by_unit[unit_id], quota_rules)
        for unit_id, unit in counted_units.items()
    }

    rows = []
    for nomination in nominations:
        is_collective = nomination.nominee_unit_id is not None
        is_member = bool(nomination.nominee_person and nomination.nominee_person.is_party_member)
        ratings: dict[int, str] = {}
        if nomination.nominee_unit_id is not None:
            ratings = by_unit.get(nomination.nominee_unit_id, {})
        elif nomination.nominee_person_id is not None:
            ratings = by_person.get(nomination.nominee_person_id, {})
        overrides = overrides_by_nomination.get(nomination.pk, {})
        results = []
        for criterion in criteria:
            if not rules.applies(
                criterion.applies_to, is_collective=is_collective, is_party_member=is_member
            ):
                continue
            result = rules.evaluate(criterion, ratings, period)
            override = overrides.get(criterion.pk)
            if override is not None:
                result = rules.with_override(result, override.passed, override.reason)
            results.append((criterion, result))
        items = items_by_nomination.get(nomination.pk, [])
        by_requirement: dict[int | None, list[DossierItem]] = defaultdict(list)
        for item in items:
            by_requirement[item.requirement_id].append(item)
        dossier = [(req, by_requirement.get(req.pk, [])) for req in requirements]
        rows.append(
            NominationRow(
                nomination,
                results,
                dossier,
                quota=quotas.get(nomination.unit_id),
                extra_items=by_requirement.get(None, []),
            )
        )
    return rows


def nomination_row(nomination: Nomination) -> NominationRow:
    """One nomination with its evidence (for its page and for submitting)."""
    loaded = _nominations(nomination.round).get(pk=nomination.pk)
    return evaluate_nominations(nomination.round, [loaded])[0]


def nominations_by_unit(
    round: CommendationRound,
    *,
    units: Iterable[Unit] | None = None,
    states: Iterable[str] | None = None,
    filter: str | None = None,
) -> list[NominationRow]:
    """Nominations of ``round`` (optionally of ``units``' subtrees and ``states``), grouped by
    nominating unit in tree order, with evidence; ``filter`` is one of FILTERS or None.

    Queries do not grow with the number of nominees, and time grows in proportion to them:
    the rows are built with the cyclic garbage collector paused (``core.memory.gc_paused``),
    which otherwise walks the whole heap several times over a long list.
    """
    if filter is not None and filter not in FILTERS:
        raise ValueError(f"unknown filter {filter!r}")
    qs = _nominations(round).exclude(state=NominationState.WITHDRAWN)
    if units is not None:
        qs = qs.filter(unit__in=Unit.objects.subtrees(list(units)))
    if states is not None:
        qs = qs.filter(state__in=list(states))
    with gc_paused():  # 40,000 model instances at 10,000 nominees (core/memory.py)
        nominations = list(qs.order_by("unit__path", "pk"))
        rows = evaluate_nominations(round, nominations)
    if filter == "eligible":
        rows = [r for r in rows if r.eligible is not False]
    elif filter == "ineligible":
        rows = [r for r in rows if r.eligible is False]
    elif filter == "incomplete":
        rows = [r for r in rows if not r.complete]
    elif filter == "over_quota":
        rows = [r for r in rows if r.over_quota]
    elif filter == "late":
        rows = [r for r in rows if r.nomination.is_late]
    return rows


def visible_nominations(policy: Policy, round: CommendationRound) -> QuerySet[Nomination]:
    """What the user may see of ``round``: their own units' nominations in any state, and —
    for committee staff and leaders — what the subtree has submitted (never others' drafts)."""
    own = policy.unit_filter(Action.REPORT)
    qs = Nomination.objects.filter(round=round).exclude(state=NominationState.WITHDRAWN)
    if policy.can(Action.READ_REPORTS, round.committee):
        submitted = ~Q(state__in=[NominationState.DRAFT])
        return qs.filter(own | submitted)
    return qs.filter(own)


def committee_rules(round: CommendationRound) -> list[QuotaRule]:
    return [r for r in round.quota_rules.all() if r.scope == QuotaScope.COMMITTEE]


def decided_lists(
    round: CommendationRound, *, states: Sequence[str] = (NominationState.DECIDED,)
) -> tuple[list[Nomination], list[Nomination]]:
    """(collectives in unit tree order, individuals in Vietnamese office order) of ``round``."""
    qs = Nomination.objects.filter(round=round, state__in=list(states)).select_related(
        "unit", "nominee_unit", "nominee_person__unit", "award_kind"
    )
    collectives = list(qs.filter(nominee_unit__isnull=False).order_by("nominee_unit__path", "pk"))
    individuals = list(
        qs.filter(nominee_person__isnull=False).order_by("nominee_person__sort_key", "pk")
    )
    return collectives, individuals


@dataclass(frozen=True)
class RoundToNominate:
    """An open commendation round a unit of the user's may nominate in, with its count of
    nominations not yet sent and sent (home page, issue 14 §6)."""

    round: CommendationRound
    unit: Unit
    drafts: int
    sent: int


def rounds_to_nominate(policy: Policy) -> list[RoundToNominate]:
    """Open commendation rounds of the committees above the units on which the user holds
    the unit-staff role, soonest deadline first; two queries whatever the number of units."""
    from lamtheobac.commendations.models import EDITABLE_STATES, CommendationRoundState
    from lamtheobac.units.models import Role

    units = [g.unit for g in policy.grants if g.role == Role.UNIT_STAFF]
    if not units:
        return []
    steplen = Unit.steplen
    ancestor_paths = {u.path[:end] for u in units for end in range(steplen, len(u.path), steplen)}
    rounds = list(
        CommendationRound.objects.filter(
            state=CommendationRoundState.OPEN, committee__path__in=ancestor_paths
        )
        .select_related("committee")
        .order_by("deadline", "pk")[:50]
    )
    counts: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for round_id, unit_id, state in Nomination.objects.filter(
        round__in=rounds, unit__in=units
    ).values_list("round_id", "unit_id", "state"):
        counts[(round_id, unit_id)]["drafts" if state in EDITABLE_STATES else "sent"] += 1
    return [
        RoundToNominate(
            r,
            u,
            counts[(r.pk, u.pk)]["drafts"],
            counts[(r.pk, u.pk)]["sent"],
        )
        for r in rounds
        for u in units
        if u.path.startswith(r.committee.path) and u.pk != r.committee_id
    ]
