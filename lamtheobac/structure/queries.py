"""Reads of the tree over time: a unit as it was on a day, its timeline, member counts by date.

Every function here runs a fixed number of queries whatever the number of units (ADR 0011).
Dates are calendar days in Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from lamtheobac.core.dates import today
from lamtheobac.pledges.models import Membership
from lamtheobac.structure.models import GrantTransfer, UnitChange, UnitVersion
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action, Policy


@dataclass(frozen=True)
class UnitThen:
    """A unit as it was on a day: ``name``, ``kind``, ``parent_id`` / ``parent_name`` (as the
    parent itself was named that day; empty for a root) and whether anything about it changed
    since (``changed``: renamed, moved, merged, split or dissolved later)."""

    unit_id: int
    name: str
    kind: str
    parent_id: int | None
    parent_name: str
    is_active: bool
    changed: bool


def _parent_path(unit: Unit) -> str:
    return unit.path[: -Unit.steplen] if unit.depth > 1 else ""


def _pick(versions: list[UnitVersion], day: dt.date) -> UnitVersion:
    """The version covering ``day``; before the first one, the first; after the last, the
    last (a dissolved unit keeps the name it ended with)."""
    for version in versions:
        if version.covers(day):
            return version
    if versions[0].valid_from is not None and day < versions[0].valid_from:
        return versions[0]
    return versions[-1]


def _versions_by_unit(unit_ids: Iterable[int]) -> dict[int, list[UnitVersion]]:
    found: dict[int, list[UnitVersion]] = defaultdict(list)
    rows = UnitVersion.objects.filter(unit_id__in=list(unit_ids)).order_by("unit_id", "valid_from")
    for version in rows:
        found[version.unit_id].append(version)
    for versions in found.values():  # None (since always) sorts first
        versions.sort(key=lambda v: v.valid_from or dt.date.min)
    return found


def as_of(units: Iterable[Unit], day: dt.date) -> dict[int, UnitThen]:
    """Each of ``units`` as it was on ``day``, by unit id (four queries at most).

    A unit without recorded versions is, at every date, what it is now. Used wherever past
    items are shown (a 2022 report of a unit merged in 2025 shows under its 2022 name and
    parent: issue 11 §2).
    """
    units = list(units)
    if not units:
        return {}
    versions = _versions_by_unit(u.pk for u in units)
    chosen: dict[int, tuple[str, str, int | None, bool, bool]] = {}
    parent_paths: dict[int, str] = {}
    for unit in units:
        mine = versions.get(unit.pk)
        if mine:
            v = _pick(mine, day)
            changed = v is not mine[-1]
            chosen[unit.pk] = (v.name, v.kind, v.parent_id, v.is_active, changed)
        else:
            parent_paths[unit.pk] = _parent_path(unit)
            chosen[unit.pk] = (unit.name, unit.kind, None, unit.is_active, False)
    by_path = {
        u.path: u
        for u in Unit.objects.filter(path__in={p for p in parent_paths.values() if p}).only(
            "pk", "path", "name"
        )
    }
    parent_ids = {c[2] for c in chosen.values() if c[2] is not None}
    parent_ids |= {u.pk for u in by_path.values()}
    parents = {u.pk: u for u in Unit.objects.filter(pk__in=parent_ids).only("pk", "name")}
    parent_versions = _versions_by_unit(parent_ids)
    result: dict[int, UnitThen] = {}
    for unit in units:
        name, kind, parent_id, is_active, changed = chosen[unit.pk]
        if unit.pk in parent_paths:
            parent = by_path.get(parent_paths[unit.pk])
            parent_id = parent.pk if parent else None
        parent_name = ""
        if parent_id is not None:
            pv = parent_versions.get(parent_id)
            parent_name = _pick(pv, day).name if pv else parents[parent_id].name
        result[unit.pk] = UnitThen(unit.pk, name, kind, parent_id, parent_name, is_active, changed)
    return result


def as_of_ids(unit_ids: Iterable[int], day: dt.date) -> dict[int, UnitThen]:
    """Like ``as_of`` for the units of ``unit_ids`` that have a recorded history only (one
    query when none has: pages that show many past rows pay one query for the check)."""
    ids = list(unit_ids)
    recorded = set(UnitVersion.objects.filter(unit_id__in=ids).values_list("unit_id", flat=True))
    if not recorded:
        return {}
    return as_of(Unit.objects.filter(pk__in=recorded), day)


def day_of(item: object) -> dt.date:
    """The day a past item is attributed to: a date as is; a round's opening day (targets are
    fixed then, docs/domain.md §4.2), else its deadline; else today (Asia/Ho_Chi_Minh)."""
    if isinstance(item, dt.datetime):
        return timezone.localdate(item)
    if isinstance(item, dt.date):
        return item
    opened = getattr(item, "opened_at", None)
    if opened is not None:
        return timezone.localdate(opened)
    deadline = getattr(item, "deadline", None)
    if isinstance(deadline, dt.date):
        return deadline
    return today()


def name_on(unit: Unit, day: dt.date) -> str:
    """The name ``unit`` bore on ``day`` (``as_of`` for one unit)."""
    return as_of([unit], day)[unit.pk].name


@dataclass
class Timeline:
    """A unit's history for its page: versions oldest first, and the changes that touched it
    newest first, each with the units it took from and gave to."""

    versions: list[UnitVersion]
    changes: list[UnitChange]


def history_of(unit: Unit) -> Timeline:
    """The timeline of ``unit`` (three queries)."""
    versions = list(UnitVersion.objects.filter(unit=unit).select_related("parent", "started_by"))
    versions.sort(key=lambda v: v.valid_from or dt.date.min)
    changes = list(
        UnitChange.objects.filter(parts__unit=unit)
        .distinct()
        .select_related("decision", "created_by")
        .prefetch_related("parts__unit")
        .order_by("-effective_on", "-pk")
    )
    return Timeline(versions, changes)


def member_counts_on(units: Iterable[Unit], day: dt.date) -> dict[int, int]:
    """Party members (đảng viên) responsible to each unit's subtree on ``day``, by unit id.

    Responsibility by date is ``pledges.Membership`` (a person without periods belongs to
    ``Person.unit`` at every date); the subtree is the tree as it was on ``day`` (parents
    from ``UnitVersion``, else the present tree). So a quota counted at a rule's reference
    date uses the members and the tree of that date (docs/domain.md §5, seed 003 §II.3: quotas
    by member count). A unit with nobody on the roster, neither on ``day`` nor now, counts
    its declared figure (``Unit.declared_member_count``, as ``units.models.member_counts``
    does; issue 11: the manual figure only when no roster exists). Four queries whatever
    the number of units.
    """
    wanted = {u.pk for u in units}
    if not wanted:
        return {}
    # Everyone at their present unit (one grouped, indexed count), then each person with
    # periods moved to the unit responsible on ``day`` (rows only for people who ever moved).
    members: dict[int, int] = defaultdict(int)  # party members by unit, on ``day``
    people: dict[int, int] = defaultdict(int)  # everyone on the roster by unit, on ``day``
    people_now: dict[int, int] = {}
    present = (
        Person.objects.order_by()
        .values("unit_id")
        .annotate(n=Count("pk"), m=Count("pk", filter=Q(is_party_member=True)))
        .values_list("unit_id", "n", "m")
    )
    for unit_id, n, m in present:
        people[unit_id] += n
        members[unit_id] += m
        people_now[unit_id] = n
    periods: dict[int, list[tuple[int, bool, int, dt.date, dt.date | None]]] = defaultdict(list)
    rows = Membership.objects.order_by().values_list(
        "person_id", "person__unit_id", "person__is_party_member", "unit_id", "start", "end"
    )
    for person_id, unit_now, is_member, unit_id, start, end in rows:
        periods[person_id].append((unit_now, is_member, unit_id, start, end))
    for mine in periods.values():
        unit_now, is_member = mine[0][0], mine[0][1]
        people[unit_now] -= 1
        members[unit_now] -= is_member
        for _, _, unit_id, start, end in mine:
            if start <= day and (end is None or day <= end):
                people[unit_id] += 1
                members[unit_id] += is_member
                break
    id_by_path: dict[str, int] = {}
    path_now: dict[int, str] = {}
    declared: dict[int, int | None] = {}
    for pk, path, depth, figure in Unit.objects.order_by().values_list(
        "pk", "path", "depth", "declared_member_count"
    ):
        id_by_path[path] = pk
        path_now[pk] = path[: -Unit.steplen] if depth > 1 else ""
        declared[pk] = figure
    parent_now: dict[int, int | None] = {
        pk: id_by_path.get(p) if p else None for pk, p in path_now.items()
    }
    parent_then = dict(parent_now)
    recorded = _versions_by_unit_all()
    for unit_id, versions in recorded.items():
        parent_then[unit_id] = _pick(versions, day).parent_id
    counts = dict.fromkeys(wanted, 0)
    roster_then = dict.fromkeys(wanted, 0)
    roster_now = dict.fromkeys(wanted, 0)
    for totals, source, parents in (
        (counts, members, parent_then),
        (roster_then, people, parent_then),
        (roster_now, people_now, parent_now),
    ):
        for unit_id, n in source.items():
            current: int | None = unit_id
            steps = 0
            while current is not None and steps < 64:  # a corrupt cycle must not hang a page
                if current in totals:
                    totals[current] += n
                current = parents.get(current)
                steps += 1
    for pk in wanted:
        if not roster_then[pk] and not roster_now[pk]:
            counts[pk] = declared.get(pk) or 0
    return counts


def _versions_by_unit_all() -> dict[int, list[UnitVersion]]:
    found: dict[int, list[UnitVersion]] = defaultdict(list)
    for version in UnitVersion.objects.only("unit_id", "parent_id", "valid_from", "valid_to"):
        found[version.unit_id].append(version)
    for versions in found.values():
        versions.sort(key=lambda v: v.valid_from or dt.date.min)
    return found


def grants_to_review(policy: Policy) -> QuerySet[GrantTransfer]:
    """Grants copied by merges onto units the user administers, unreviewed first."""
    return (
        GrantTransfer.objects.filter(policy.unit_filter(Action.ADMINISTER, "to_unit"))
        .select_related("user", "from_unit", "to_unit", "change", "reviewed_by")
        .order_by("reviewed_at", "-pk")
    )


def administered_units(policy: Policy) -> QuerySet[Unit]:
    """The units the user administers, in tree order."""
    return policy.units(Action.ADMINISTER).in_tree_order()


@dataclass(frozen=True)
class SubtreeThen:
    """A unit and the units below it in the tree of a day: ``units`` in that tree's order
    (the unit first, each unit before the units below it, siblings by their present place),
    ``parent_ids`` each unit's parent on that day (the top unit left out) and ``moved_out``
    the ids of those that are now outside the unit's present subtree."""

    units: list[Unit]
    parent_ids: dict[int, int]
    moved_out: frozenset[int]

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(u.pk for u in self.units)


def subtree_on(unit: Unit, day: dt.date) -> SubtreeThen:
    """``unit`` and everything below it in the tree of ``day`` (Asia/Ho_Chi_Minh): parents
    as recorded by ``UnitVersion`` for that day, else the present tree (ADR 0011) — what
    ``was_within(u, unit, day)`` says of each unit, for the whole subtree at once.

    A cell moved out of ``unit`` after ``day`` is in it (with its own sub-units), one moved
    in after ``day`` is not. Two queries whatever the size of the tree: every recorded
    version with the present paths of its unit and parent (rows only for units that ever
    changed), then the present subtrees of ``unit`` and of the units that were under it
    that day and are elsewhere now."""
    versions: dict[str, list[UnitVersion]] = defaultdict(list)
    rows = UnitVersion.objects.order_by().annotate(
        unit_path=F("unit__path"), parent_path=F("parent__path")
    )
    for version in rows.only("unit_id", "parent_id", "valid_from", "valid_to"):
        versions[version.unit_path].append(version)
    parent_then: dict[str, str | None] = {}  # present path -> present path of the day's parent
    for path, mine in versions.items():
        mine.sort(key=lambda v: v.valid_from or dt.date.min)
        parent_then[path] = _pick(mine, day).parent_path  # type: ignore[attr-defined]

    def up(path: str) -> str | None:
        if path in parent_then:
            return parent_then[path]
        return path[: -Unit.steplen] if len(path) > Unit.steplen else None

    chains: dict[str, tuple[str, ...] | None] = {}

    def chain(path: str) -> tuple[str, ...] | None:
        """The paths from ``unit`` down to ``path`` in the tree of ``day``; None when
        ``path`` was not below ``unit`` then."""
        walked: list[str] = []
        current: str | None = path
        found: tuple[str, ...] | None = None
        for _ in range(64):  # a corrupt cycle must not hang a request
            if current is None:
                break
            if current in chains:
                above = chains[current]
                found = None if above is None else above + tuple(reversed(walked))
                break
            walked.append(current)
            if current == unit.path:
                found = tuple(reversed(walked))
                break
            current = up(current)
        for i, step in enumerate(walked):  # remember every unit climbed through
            chains[step] = None if found is None else found[: len(found) - i]
        return found

    elsewhere = [p for p in parent_then if not p.startswith(unit.path) and chain(p) is not None]
    tops = [p for p in elsewhere if not any(p.startswith(o) and p != o for o in elsewhere)]
    condition = Q(path__startswith=unit.path)
    for path in tops:
        condition |= Q(path__startswith=path)
    found: list[tuple[tuple[str, ...], Unit]] = []
    for candidate in Unit.objects.filter(condition):
        steps = chain(candidate.path)
        if steps is not None:
            found.append((steps, candidate))
    found.sort(key=lambda pair: pair[0])
    by_path = {u.path: u.pk for _, u in found}
    return SubtreeThen(
        units=[u for _, u in found],
        parent_ids={u.pk: by_path[steps[-2]] for steps, u in found if len(steps) > 1},
        moved_out=frozenset(u.pk for _, u in found if not u.path.startswith(unit.path)),
    )


def was_within(unit_id: int, ancestor: Unit, day: dt.date) -> bool:
    """Whether unit ``unit_id`` lay in ``ancestor``'s subtree (itself included) on ``day``:
    parents as recorded by ``UnitVersion`` for that day, else the present tree (ADR 0011).
    One query per level climbed, at most 64."""
    current: int | None = unit_id
    for _ in range(64):  # a corrupt cycle must not hang a request
        if current is None:
            return False
        if current == ancestor.pk:
            return True
        versions = _versions_by_unit([current]).get(current)
        if versions:
            current = _pick(versions, day).parent_id
        else:
            unit = Unit.objects.only("path", "depth").get(pk=current)
            parent_path = _parent_path(unit)
            current = (
                Unit.objects.filter(path=parent_path).values_list("pk", flat=True).first()
                if parent_path
                else None
            )
    return False
