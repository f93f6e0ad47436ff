"""Who a unit may nominate, eligible first (issue 14 §7): the persons and collectives of the
unit's subtree, each checked against the round's rating criteria (``rules.evaluate``) in bulk —
one query for the people, one for the collectives, one for all their ratings, one for the
criteria and one for the units' parents, however many candidates there are.

A candidate is *eligible* when no rating criterion that concerns it fails (qualitative
criteria are judged by staff later, so they do not hold a candidate back) and, for a person,
when they were in the unit on the round's reference date (issue 11 §2; one more query); the
others carry the reasons ("chưa đủ 2 năm hoàn thành xuất sắc nhiệm vụ"). Each list: eligible first, then the
rest; persons in the Vietnamese office order, collectives in tree order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from lamtheobac.commendations import rules
from lamtheobac.commendations.models import CommendationRound, Criterion
from lamtheobac.ratings.models import Rating
from lamtheobac.search.queries import every_word, unit_labels
from lamtheobac.units.models import Person, Unit


@dataclass
class Candidate:
    """A person or a collective, its label (name — unit — parent) and why it is not eligible."""

    pk: int
    label: str
    reasons: list[str] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.reasons

    @property
    def option_label(self) -> str:
        return f"{self.label} ({'; '.join(self.reasons)})" if self.reasons else self.label


@dataclass
class Candidates:
    persons: list[Candidate]
    collectives: list[Candidate]


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


def _elsewhere_on_reference_date(round: CommendationRound, unit: Unit) -> dict[int, list[str]]:
    """People of ``unit``'s subtree today who were not in it on the round's reference date
    (ngày chốt số liệu), each with the reason ``actions.nominations.nominate`` would refuse
    them for: their ``pledges.Membership`` period covering that day lies outside the subtree,
    or none covers it. One query (people without a recorded history are in their unit at
    every date). The subtree is today's: ``nominate`` checks against the tree of the day."""
    day = round.reference_date
    if day is None:
        return {}
    from lamtheobac.pledges.models import Membership

    covered: dict[int, bool] = {}
    rows = Membership.objects.filter(person__unit__path__startswith=unit.path).values_list(
        "person_id", "unit__path", "start", "end"
    )
    for person_id, path, start, end in rows:
        if start <= day and (end is None or day <= end):
            covered[person_id] = path.startswith(unit.path)
        else:
            covered.setdefault(person_id, False)
    reason = f"không sinh hoạt tại {unit.name} vào ngày chốt số liệu {day:%d/%m/%Y}"
    return {pk: [reason] for pk, inside in covered.items() if not inside}


def candidates(round: CommendationRound, unit: Unit, *, search: str = "") -> Candidates:
    """The persons (filtered by ``search``: every word at a name word's start, without regard
    to diacritics) and the collectives of ``unit``'s subtree, eligible first."""
    people_qs = Person.objects.in_subtree(unit).select_related("unit").in_office_order()
    if search.strip():
        people_qs = people_qs.filter(
            every_word(("family_name", "middle_name", "given_name"), search, at_word_start=True)
        )
    people = list(people_qs)
    collectives = list(Unit.objects.subtree(unit).in_tree_order())
    criteria = list(round.criteria.all())
    period = round.period_years
    by_person: dict[int, dict[int, str]] = defaultdict(dict)
    by_unit: dict[int, dict[int, str]] = defaultdict(dict)
    if criteria:
        rows = Rating.objects.filter(
            Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)
        ).values_list("person_id", "unit_id", "year", "level")
        for person_id, unit_id, year, level in rows:
            if person_id:
                by_person[person_id][year] = level
            else:
                by_unit[unit_id][year] = level
    labels = unit_labels(collectives)  # every person's unit is one of them
    elsewhere = _elsewhere_on_reference_date(round, unit)
    persons = [
        Candidate(
            p.pk,
            f"{p.full_name} — {labels[p.unit_id]}",
            elsewhere.get(p.pk, [])
            + _reasons(
                criteria,
                by_person[p.pk],
                period,
                is_collective=False,
                is_party_member=p.is_party_member,
            ),
        )
        for p in people
    ]
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
