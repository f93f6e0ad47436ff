"""Who a unit may nominate, eligible first (issue 14 §7): the persons and collectives of the
unit's scope on the round's reference date, each checked against the round's rating criteria
(``rules.evaluate``) in bulk — two queries for the units (``scope.nominating_scope``), one for
the people, one for all their ratings, one for the criteria and one for the units' parents,
however many candidates there are.

The scope is the one rule ``actions.nominations.nominate`` checks against (``scope.py``), so
the list offers exactly what the write accepts: the units of the subtree in the tree of the
reference date (ngày chốt số liệu, issue 11 §2) and the people the unit answered for that
day. Whoever or whatever has since moved out of the subtree is still offered, marked with
where they went (one more query for people), and whoever or whatever joined it after that
day is not. A candidate is *eligible* when no rating criterion that concerns it fails
(qualitative criteria are judged by staff later, so they do not hold a candidate back); the
others carry the reasons ("chưa đủ 2 năm hoàn thành xuất sắc nhiệm vụ"). Each list: eligible
first, then the rest; persons in the Vietnamese office order, collectives in the order of the
tree of the reference date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from lamtheobac.commendations import rules
from lamtheobac.commendations.models import CommendationRound, Criterion
from lamtheobac.commendations.scope import NominatingScope, covering, nominating_scope
from lamtheobac.pledges.models import Membership
from lamtheobac.ratings.models import Rating
from lamtheobac.search.queries import every_word, parents_of, unit_label
from lamtheobac.units.models import Person, Unit


@dataclass
class Candidate:
    """A person or a collective, its label (name — unit — parent), why it is not eligible,
    and a ``note`` shown beside it (a person or a unit that moved out after the reference
    date)."""

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
    """The lists offered, and the scope they were drawn from (for the form's checks)."""

    persons: list[Candidate]
    collectives: list[Candidate]
    scope: NominatingScope | None = None


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


def _moved_out(people: list[Person], scope: NominatingScope) -> dict[int, tuple[int, str]]:
    """For each of ``people`` now outside the units of ``scope``: the unit of it that
    answered for them on its day and the mark "đã chuyển sinh hoạt sang … từ ngày …" (the
    day after that period ended). One query, none when nobody moved out."""
    ids = set(scope.unit_ids)
    away = {p.pk: p for p in people if p.unit_id not in ids}
    if not away or scope.day is None:
        return {}
    rows = Membership.objects.filter(
        covering(scope.day), person_id__in=away, unit_id__in=ids
    ).values_list("person_id", "unit_id", "end")
    found: dict[int, tuple[int, str]] = {}
    for person_id, unit_id, end in rows:
        now = away[person_id].unit.name
        since = f" từ ngày {end + dt.timedelta(days=1):%d/%m/%Y}" if end is not None else ""
        found[person_id] = (unit_id, f"đã chuyển sinh hoạt sang {now}{since}")
    return found


def _unit_labels(scope: NominatingScope) -> tuple[dict[int, str], dict[int, str]]:
    """Each unit of ``scope`` as "name — parent" with its parent on the scope's day (the
    top unit with its present parent), and the mark "nay trực thuộc …" of each unit moved
    out since, by unit id (one query for the present parents)."""
    by_id = {u.pk: u for u in scope.units}
    now = parents_of([scope.unit, *(by_id[pk] for pk in scope.moved_out)])
    labels = {scope.unit.pk: unit_label(scope.unit, now.get(scope.unit.pk))}
    for pk, parent_id in scope.parent_ids.items():
        labels[pk] = unit_label(by_id[pk], by_id[parent_id])
    notes = {pk: f"nay trực thuộc {now[pk].name}" for pk in scope.moved_out if pk in now}
    return labels, notes


def candidates(round: CommendationRound, unit: Unit, *, search: str = "") -> Candidates:
    """The persons and the collectives ``unit`` may put forward in ``round`` (its scope on
    the round's reference date, ``scope.nominating_scope``: the list ``nominate`` checks
    against), eligible first; the persons filtered by ``search`` (every word at a name
    word's start, without regard to diacritics). A person who moved out of the subtree
    since is labelled with the unit they were in then and marked (``Candidate.note``); a
    collective that moved out with its parent of that day and where it is now."""
    scope = nominating_scope(unit, round.reference_date)
    people_qs = scope.people().select_related("unit").in_office_order()
    if search.strip():
        people_qs = people_qs.filter(
            every_word(("family_name", "middle_name", "given_name"), search, at_word_start=True)
        )
    people = list(people_qs)
    moved = _moved_out(people, scope)
    criteria = list(round.criteria.all())
    period = round.period_years
    by_person: dict[int, dict[int, str]] = defaultdict(dict)
    by_unit: dict[int, dict[int, str]] = defaultdict(dict)
    if criteria:
        ids = scope.unit_ids
        rows = Rating.objects.filter(
            Q(person__unit_id__in=ids) | Q(person_id__in=list(moved)) | Q(unit_id__in=ids)
        ).values_list("person_id", "unit_id", "year", "level")
        for person_id, unit_id, year, level in rows:
            if person_id:
                by_person[person_id][year] = level
            else:
                by_unit[unit_id][year] = level
    labels, notes = _unit_labels(scope)  # every person's unit then is one of them
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
            notes.get(u.pk, ""),
        )
        for u in scope.units
    ]
    return Candidates(_eligible_first(persons), _eligible_first(units), scope)


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
