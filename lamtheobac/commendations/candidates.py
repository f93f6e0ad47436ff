"""Who a unit may nominate, eligible first (issue 14 §7): the persons and collectives of the
unit's subtree, each checked against the round's rating criteria (``rules.evaluate``) in bulk —
one query for the people, one for the collectives, one for all their ratings, one for the
criteria and one for the units' parents, however many candidates there are.

The persons are those the unit answered for on the round's reference date (ngày chốt số liệu,
issue 11 §2; ``nominable_people``): whoever has since moved out of the subtree is still
offered, marked with where they went (one more query), and whoever joined it after that day
is not offered — ``actions.nominations.nominate`` would refuse them. A candidate is *eligible*
when no rating criterion that concerns it fails (qualitative criteria are judged by staff
later, so they do not hold a candidate back); the others carry the reasons ("chưa đủ 2 năm
hoàn thành xuất sắc nhiệm vụ"). Each list: eligible first, then the rest; persons in the
Vietnamese office order, collectives in tree order.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from lamtheobac.commendations import rules
from lamtheobac.commendations.models import CommendationRound, Criterion
from lamtheobac.pledges.models import Membership
from lamtheobac.ratings.models import Rating
from lamtheobac.search.queries import every_word, unit_labels
from lamtheobac.units.models import Person, PersonQuerySet, Unit


@dataclass
class Candidate:
    """A person or a collective, its label (name — unit — parent), why it is not eligible,
    and a ``note`` shown beside it (a person who moved out after the reference date)."""

    pk: int
    label: str
    reasons: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def eligible(self) -> bool:
        return not self.reasons

    @property
    def option_label(self) -> str:
        label = f"{self.label} [{self.note}]" if self.note else self.label
        return f"{label} ({'; '.join(self.reasons)})" if self.reasons else label


@dataclass
class Candidates:
    persons: list[Candidate]
    collectives: list[Candidate]


def _covering(day: dt.date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def nominable_people(unit: Unit, day: dt.date | None) -> PersonQuerySet:
    """The people ``unit`` may put forward for a round judged on ``day`` (its reference date):
    those whose ``pledges.Membership`` period covering ``day`` lies in ``unit``'s subtree,
    wherever they are now, and those of the subtree today without any recorded period (in
    their unit at every date). Without a day: the subtree of today.

    The subtree is today's, by path; ``actions.nominations.nominate`` checks again against
    the tree of ``day`` (``structure.queries.was_within``). One query when evaluated."""
    if day is None:
        return Person.objects.in_subtree(unit)
    # Both arms are IN over an indexed column (Person.unit, Person.pk), so the database reads
    # the subtree's people and periods through indexes, never every person of the country.
    units = Unit.objects.subtree(unit).values("pk")
    then_here = Membership.objects.filter(_covering(day), unit__in=units).values("person_id")
    no_periods = ~Exists(Membership.objects.filter(person=OuterRef("pk")))
    return Person.objects.filter((Q(unit__in=units) & Q(no_periods)) | Q(pk__in=then_here))


def _reasons(
    criteria: list[Criterion],
    ratings: dict[int, str],
    period: list[int],
    *,
    is_collective: bool,
    is_party_member: bool,
) -> list[str]:
    reasons = []
    for criterion in criteria:
        if not rules.applies(
            criterion.applies_to, is_collective=is_collective, is_party_member=is_party_member
        ):
            continue
        result = rules.evaluate(criterion, ratings, period)
        if result.passed is False:
            reason = rules.shortfall_reason(criterion, period, no_data=result.no_data)
            if reason not in reasons:
                reasons.append(reason)
    return reasons


def _eligible_first(candidates: list[Candidate]) -> list[Candidate]:
    return [c for c in candidates if c.eligible] + [c for c in candidates if not c.eligible]


def _moved_out(people: list[Person], unit: Unit, day: dt.date) -> dict[int, tuple[int, str]]:
    """For each of ``people`` now outside ``unit``'s subtree: the unit of the subtree that
    answered for them on ``day`` and the mark "đã chuyển sinh hoạt sang … từ ngày …" (the
    day after that period ended). One query, none when nobody moved out."""
    away = {p.pk: p for p in people if not p.unit.path.startswith(unit.path)}
    if not away:
        return {}
    rows = Membership.objects.filter(
        _covering(day), person_id__in=away, unit__path__startswith=unit.path
    ).values_list("person_id", "unit_id", "end")
    found: dict[int, tuple[int, str]] = {}
    for person_id, unit_id, end in rows:
        now = away[person_id].unit.name
        since = f" từ ngày {end + dt.timedelta(days=1):%d/%m/%Y}" if end is not None else ""
        found[person_id] = (unit_id, f"đã chuyển sinh hoạt sang {now}{since}")
    return found


def candidates(round: CommendationRound, unit: Unit, *, search: str = "") -> Candidates:
    """The persons ``unit`` answered for on the round's reference date (``nominable_people``;
    filtered by ``search``: every word at a name word's start, without regard to
    diacritics) and the collectives of ``unit``'s subtree, eligible first. A person who
    moved out of the subtree since is labelled with the unit they were in then and marked
    (``Candidate.note``)."""
    day = round.reference_date
    people_qs = nominable_people(unit, day).select_related("unit").in_office_order()
    if search.strip():
        people_qs = people_qs.filter(
            every_word(("family_name", "middle_name", "given_name"), search, at_word_start=True)
        )
    people = list(people_qs)
    moved = _moved_out(people, unit, day) if day is not None else {}
    collectives = list(Unit.objects.subtree(unit).in_tree_order())
    criteria = list(round.criteria.all())
    period = round.period_years
    by_person: dict[int, dict[int, str]] = defaultdict(dict)
    by_unit: dict[int, dict[int, str]] = defaultdict(dict)
    if criteria:
        rows = Rating.objects.filter(
            Q(person__unit__path__startswith=unit.path)
            | Q(person_id__in=list(moved))
            | Q(unit__path__startswith=unit.path)
        ).values_list("person_id", "unit_id", "year", "level")
        for person_id, unit_id, year, level in rows:
            if person_id:
                by_person[person_id][year] = level
            else:
                by_unit[unit_id][year] = level
    labels = unit_labels(collectives)  # every person's unit then is one of them
    persons = []
    for p in people:
        unit_then, note = moved.get(p.pk, (p.unit_id, ""))
        reasons = _reasons(
            criteria,
            by_person[p.pk],
            period,
            is_collective=False,
            is_party_member=p.is_party_member,
        )
        label = f"{p.full_name} — {labels.get(unit_then, p.unit.name)}"
        persons.append(Candidate(p.pk, label, reasons, note))
    units = [
        Candidate(
            u.pk,
            labels[u.pk],
            _reasons(criteria, by_unit[u.pk], period, is_collective=True, is_party_member=False),
        )
        for u in collectives
    ]
    return Candidates(_eligible_first(persons), _eligible_first(units))


def grouped_choices(found: list[Candidate]) -> list[tuple[str, object]]:
    """Select choices: a blank line, then "Đủ tiêu chuẩn" and "Chưa đủ tiêu chuẩn" groups."""
    eligible = [(c.pk, c.option_label) for c in found if c.eligible]
    others = [(c.pk, c.option_label) for c in found if not c.eligible]
    choices: list[tuple[str, object]] = [("", "---------")]
    if eligible:
        choices.append(("Đủ tiêu chuẩn xếp loại", eligible))
    if others:
        choices.append(("Chưa đủ tiêu chuẩn", others))
    return choices
