"""The completeness matrix, read a page at a time (docs/domain.md §4.4; issue 13 §5, issue 14 §7).

A round's targets (``RoundTarget``, whose ``report`` is the unit's report joined on round and
unit: one LEFT JOIN, no column) are filtered in SQL — by state, by đảng bộ (the subtree of a parent unit)
and by words of the unit's name, ignoring diacritics — counted per state by one aggregate
query and read 100 rows a page. Every function runs a fixed number of queries whatever the
number of target units. The state of a row is derived from its report (``MatrixState``):
no report → not started; draft, returned, accepted as they are; submitted → late or on time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.cache import cache
from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from django.http import QueryDict
from django.utils.http import urlencode

from lamtheobac.core.vietnamese import fold
from lamtheobac.reporting.models import (
    MatrixState,
    ReportingRound,
    ReportState,
    RoundTarget,
    UnitReport,
)
from lamtheobac.units.models import Unit

PER_PAGE = 100
# The ``GET`` names of the filters, as they appear in the page's addresses.
STATE_PARAM, PARENT_PARAM, TEXT_PARAM, PAGE_PARAM = "trang-thai", "dang-bo", "tim", "trang"
# The page's neighbours are read from the last (first) row of this one, not by OFFSET: the
# link to the next page carries ``sau=<position>.<id>``, to the previous ``truoc=…``.
AFTER_PARAM, BEFORE_PARAM = "sau", "truoc"


#: The SQL condition on the joined report for each state.
STATE_CONDITIONS: dict[str, Q] = {
    MatrixState.NOT_STARTED: Q(report__id__isnull=True),
    MatrixState.DRAFT: Q(report__state=ReportState.DRAFT),
    MatrixState.ON_TIME: Q(report__state=ReportState.SUBMITTED, report__is_late=False),
    MatrixState.LATE: Q(report__state=ReportState.SUBMITTED, report__is_late=True),
    MatrixState.RETURNED: Q(report__state=ReportState.RETURNED),
    MatrixState.ACCEPTED: Q(report__state=ReportState.ACCEPTED),
}
# States a reminder goes to (not submitted yet: ``actions.rounds._pending_targets``).
PENDING = (MatrixState.NOT_STARTED, MatrixState.DRAFT, MatrixState.RETURNED)
# States a committee may accept from.
ACCEPTABLE = (MatrixState.ON_TIME, MatrixState.LATE)


@dataclass(frozen=True)
class MatrixFilter:
    """What the committee narrowed the matrix to: ``state`` (a MatrixState value or None),
    ``parent`` (a unit id: targets in its subtree, or None) and ``text`` (words of the unit
    name, compared without diacritics; "" for none)."""

    state: str | None = None
    parent: int | None = None
    text: str = ""

    @classmethod
    def from_query(cls, data: QueryDict | dict[str, str]) -> MatrixFilter:
        """The filter in ``data`` (a GET or POST); anything malformed is ignored."""
        state = data.get(STATE_PARAM) or None
        parent = data.get(PARENT_PARAM) or ""
        text = " ".join((data.get(TEXT_PARAM) or "").split())[:100]
        return cls(
            state=state if state in MatrixState.values else None,
            parent=int(parent) if parent.isdigit() else None,
            text=text,
        )

    @property
    def narrows(self) -> bool:
        """True when the parent or text filter leaves units out (the state filter aside)."""
        return self.parent is not None or bool(self.text)

    def params(self, **changes: Any) -> dict[str, str]:
        """The filter as ``GET`` parameters (empty ones left out), with ``changes`` applied."""
        f = replace(self, **changes)
        pairs = {
            STATE_PARAM: f.state or "",
            PARENT_PARAM: str(f.parent) if f.parent is not None else "",
            TEXT_PARAM: f.text,
        }
        return {k: v for k, v in pairs.items() if v}

    def query(self, **changes: Any) -> str:
        """``?…`` for a link to the matrix with this filter (and ``changes``); "?" for none."""
        return "?" + urlencode(self.params(**changes))


@dataclass(frozen=True)
class MatrixRow:
    """One row of a matrix page: what the template shows, without model instances."""

    number: int
    unit_id: int
    unit_name: str
    parent_name: str
    state: MatrixState
    report_id: int | None
    submitted_at: dt.datetime | None
    lock_exception_until: dt.date | None
    is_late: bool = False  # submitted after the deadline (whatever happened since)
    key: str = ""  # "<position>.<target id>": the row's place in target order (``page_key``)
    child_round_id: int | None = None  # the round this unit forwarded to its cells (issue 9 §4)

    @property
    def acceptable(self) -> bool:
        """A submitted report the committee may accept."""
        return self.state in ACCEPTABLE

    @property
    def pending(self) -> bool:
        """Not submitted yet: a reminder may go to this unit."""
        return self.state in PENDING

    @property
    def readable(self) -> bool:
        """The report reached the committee at least once (anything but a draft)."""
        return self.report_id is not None and self.state != MatrixState.DRAFT


@dataclass
class MatrixPage:
    """A page of the matrix: ``rows`` (at most ``PER_PAGE``), ``counts`` per state over the
    units the parent/text filter keeps (so they work as tabs), ``matching`` rows in all pages,
    page ``number`` of ``pages``."""

    rows: list[MatrixRow]
    counts: Counter[str]
    matching: int
    number: int
    pages: int
    filter: MatrixFilter = field(default_factory=MatrixFilter)
    # a reminder went out in the repeat window (``page(reminders=True)`` only; None otherwise)
    recently_reminded: bool | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def first_number(self) -> int:
        return (self.number - 1) * PER_PAGE + 1

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None

    def _query(self, number: int, **key: str) -> str:
        params = {**self.filter.params(), PAGE_PARAM: str(number), **key}
        return "?" + urlencode(params)

    @property
    def next_query(self) -> str:
        """``?…`` of the next page: the filter, its number and the key of this page's last row
        (read from that key like the first page, however deep); "" on the last page."""
        if self.next is None or not self.rows:
            return ""
        return self._query(self.next, **{AFTER_PARAM: self.rows[-1].key})

    @property
    def previous_query(self) -> str:
        """``?…`` of the previous page, from the key of this page's first row; "" on the first."""
        if self.previous is None or not self.rows:
            return ""
        if self.previous == 1:
            return self._query(1)
        return self._query(self.previous, **{BEFORE_PARAM: self.rows[0].key})

    @property
    def last_query(self) -> str:
        """``?…`` of the last page (read from the end of the order, as cheap as the first)."""
        return self._query(self.pages)

    @property
    def first_query(self) -> str:
        return self._query(1)


def targets(round: ReportingRound, flt: MatrixFilter | None = None) -> QuerySet[RoundTarget]:
    """The round's targets that ``flt`` keeps, with their report joined as ``report``
    (by state, parent subtree and folded name), in no particular order."""
    flt = flt or MatrixFilter()
    qs = RoundTarget.objects.filter(round=round).order_by()
    if flt.parent is not None:
        parent_path = Unit.objects.filter(pk=flt.parent).values("path")[:1]
        qs = qs.alias(parent_path=parent_path).filter(unit__path__startswith=F("parent_path"))
    if flt.text:
        qs = qs.filter(search_name__contains=fold(flt.text))
    if flt.state:
        qs = qs.filter(STATE_CONDITIONS[flt.state])
    return qs


def counts(round: ReportingRound, flt: MatrixFilter | None = None) -> Counter[str]:
    """Target units per MatrixState value over what ``flt`` keeps, ignoring its state: one
    aggregate query (every state present, 0 when none).

    Unfiltered on PostgreSQL, the counts come from the indexes alone: the targets from
    ``target_round_position``, the reports per (state, is_late) from
    ``report_round_state_late`` — each a correlated count, no join of targets × reports
    (a unit reports only when it is a target: ``actions.reports._target``)."""
    return _counts(round, flt)[0]


def _counts(
    round: ReportingRound, flt: MatrixFilter | None, reminders: bool = False
) -> tuple[Counter[str], bool | None]:
    """``counts`` and, with ``reminders``, whether a reminder went out in the repeat window
    (``actions.rounds.reminder_events``) read in the same query (None without)."""
    from lamtheobac.reporting.actions.rounds import reminder_events

    flt = replace(flt or MatrixFilter(), state=None)
    reminded = Exists(reminder_events(round)) if reminders else None
    if not flt.narrows and connections[RoundTarget.objects.db].vendor == "postgresql":
        return _index_counts(round, reminded)  # SQLite joins faster than the correlated counts
    extra = {} if reminded is None else {"reminded": Count("pk", filter=reminded)}
    found = targets(round, flt).aggregate(
        **{state: Count("pk", filter=condition) for state, condition in STATE_CONDITIONS.items()},
        **extra,
    )
    # (no target: no row to count, but then nothing is pending and no reminder asked)
    flag = None if reminded is None else bool(found["reminded"])
    return Counter({state: found[state] or 0 for state in MatrixState.values}), flag


_REPORT_CONDITIONS: dict[str, Q] = {
    MatrixState.DRAFT: Q(state=ReportState.DRAFT),
    MatrixState.ON_TIME: Q(state=ReportState.SUBMITTED, is_late=False),
    MatrixState.LATE: Q(state=ReportState.SUBMITTED, is_late=True),
    MatrixState.RETURNED: Q(state=ReportState.RETURNED),
    MatrixState.ACCEPTED: Q(state=ReportState.ACCEPTED),
}


def _count_of(qs: QuerySet[Any]) -> Subquery:
    return Subquery(qs.order_by().values("round").annotate(n=Count("pk")).values("n"))


def _index_counts(
    round: ReportingRound, reminded: Exists | None = None
) -> tuple[Counter[str], bool | None]:
    annotations: dict[str, Any] = {
        state: Coalesce(_count_of(UnitReport.objects.filter(condition, round=OuterRef("pk"))), 0)
        for state, condition in _REPORT_CONDITIONS.items()
    }
    annotations["total"] = Coalesce(_count_of(RoundTarget.objects.filter(round=OuterRef("pk"))), 0)
    if reminded is not None:
        annotations["reminded"] = reminded
    found_row = ReportingRound.objects.filter(pk=round.pk).values(**annotations).first()
    row: dict[str, Any] = dict(found_row) if found_row else {}
    found = Counter({state: int(row.get(state) or 0) for state in _REPORT_CONDITIONS})
    found[MatrixState.NOT_STARTED] = max(0, int(row.get("total") or 0) - sum(found.values()))
    flag = None if reminded is None else bool(row.get("reminded"))
    return Counter({state: found[state] for state in MatrixState.values}), flag


def page_key(value: str | None) -> tuple[int, int] | None:
    """``"<position>.<id>"`` (a row's ``key``) as a pair; None when absent or malformed."""
    position, dot, pk = (value or "").partition(".")
    if not dot or not position.isdigit() or not pk.isdigit():
        return None
    return int(position), int(pk)


def page(
    round: ReportingRound,
    flt: MatrixFilter,
    number: int | str | None = 1,
    *,
    after: str | None = None,
    before: str | None = None,
    reminders: bool = False,
) -> MatrixPage:
    """Page ``number`` (1-based; a bad or too large number gives the nearest page) of the
    rows ``flt`` keeps, in target order, with the counts: three or four queries, whatever the
    page.

    A page reached from its neighbour carries that neighbour's edge row (``after``: the last
    row of the page before; ``before``: the first row of the page after, both ``row.key``) and
    is read from there by the index (target_round_position), as cheap as the first page. A
    page asked by number alone is located by a scan of the index from the nearer end of the
    order (no join, no report read), so the last pages cost like the first ones.
    ``reminders``: say also whether a reminder went out in the repeat window
    (``MatrixPage.recently_reminded``), from the counts' query."""
    found, reminded = _counts(round, flt, reminders)
    matching = found[flt.state] if flt.state else sum(found.values())
    pages = max(1, -(-matching // PER_PAGE))
    try:
        n = min(max(1, int(number or 1)), pages)
    except ValueError:
        n = 1
    start = (n - 1) * PER_PAGE
    size = max(0, min(PER_PAGE, matching - start))
    kept = targets(round, flt)
    after_key, before_key = page_key(after), page_key(before)
    if n > 1 and after_key is not None:
        ids = _after(kept, after_key)[:PER_PAGE]
    elif n < pages and before_key is not None:
        ids = _before(kept, before_key)[:PER_PAGE]
    elif start > matching // 2:  # nearer the end: count back from the last row
        back = max(0, matching - start - size)
        ids = kept.order_by("-position", "-pk").values("pk")[back : back + size]
    else:
        ids = kept.order_by("position", "pk").values("pk")[start : start + PER_PAGE]
    return MatrixPage(
        _rows(round, kept.filter(pk__in=ids), start), found, matching, n, pages, flt, reminded
    )


def _after(kept: QuerySet[RoundTarget], key: tuple[int, int]) -> QuerySet[Any]:
    position, pk = key
    return (
        kept.filter(
            Q(position__gt=position) | Q(position=position, pk__gt=pk), position__gte=position
        )
        .order_by("position", "pk")
        .values("pk")
    )


def _before(kept: QuerySet[RoundTarget], key: tuple[int, int]) -> QuerySet[Any]:
    position, pk = key
    return (
        kept.filter(
            Q(position__lt=position) | Q(position=position, pk__lt=pk), position__lte=position
        )
        .order_by("-position", "-pk")
        .values("pk")
    )


def rows(
    round: ReportingRound, flt: MatrixFilter, start: int = 0, count: int | None = None
) -> list[MatrixRow]:
    """``count`` rows (all when None) from row ``start`` (0-based) of those ``flt`` keeps, in
    target order: two queries (the rows with their reports; the names of their parents)."""
    kept = targets(round, flt)
    if count is None and start == 0:
        return _rows(round, kept, 0)
    stop = None if count is None else start + count
    ids = kept.order_by("position", "pk").values("pk")[start:stop]
    return _rows(round, kept.filter(pk__in=ids), start)


def _rows(round: ReportingRound, qs: QuerySet[RoundTarget], start: int) -> list[MatrixRow]:
    """The rows of ``qs`` in target order, numbered from ``start`` + 1, with their reports
    joined and the child round each unit forwarded ``round`` to (one query), and their
    parents' names (one more)."""
    child = ReportingRound.objects.filter(parent=round, committee=OuterRef("unit_id"))
    raw = list(
        qs.order_by("position", "pk")
        .annotate(child_round_id=Subquery(child.values("pk")[:1]))
        .values_list(
            "unit_id",
            "unit_name",
            "unit__path",
            "report__id",
            "report__state",
            "report__is_late",
            "report__submitted_at",
            "lock_exception_until",
            "position",
            "pk",
            "child_round_id",
        )
    )
    parents = _parent_names(round, [r[2] for r in raw])
    return [
        MatrixRow(
            number=start + i,
            unit_id=unit_id,
            unit_name=name,
            parent_name=parents.get(path[: -Unit.steplen], ""),
            state=_state(report_state, is_late, report_id),
            report_id=report_id,
            submitted_at=submitted_at,
            lock_exception_until=lock,
            is_late=bool(is_late),
            key=f"{position}.{pk}",
            child_round_id=child_id,
        )
        for i, (
            unit_id,
            name,
            path,
            report_id,
            report_state,
            is_late,
            submitted_at,
            lock,
            position,
            pk,
            child_id,
        ) in enumerate(raw, start=1)
    ]


def _state(report_state: str | None, is_late: Any, report_id: int | None) -> MatrixState:
    if report_id is None:
        return MatrixState.NOT_STARTED
    if report_state == ReportState.SUBMITTED:
        return MatrixState.LATE if is_late else MatrixState.ON_TIME
    return MatrixState(report_state or MatrixState.DRAFT)


def _parent_names(round: ReportingRound, paths: list[str]) -> dict[str, str]:
    """Parent path → name for the parents of ``paths`` other than the round's committee."""
    wanted = {p[: -Unit.steplen] for p in paths if len(p) > Unit.steplen}
    wanted.discard(round.committee.path)
    if not wanted:
        return {}
    return dict(Unit.objects.filter(path__in=wanted).values_list("path", "name"))


def parent_choices(round: ReportingRound) -> list[tuple[int, str]]:
    """The đảng bộ the matrix can be narrowed to: (unit id, name) of every parent of a target
    other than the round's committee, in tree order. One query; cached per round version
    (targets are fixed once the round opens)."""
    made = round.created_at.timestamp() if round.created_at else 0
    key = f"matrix-parents:{round.pk}:{made}:{round.version}:{round.state}"
    cached = cache.get(key)
    if cached is not None:
        return list(cached)
    parent_paths = (
        RoundTarget.objects.filter(round=round)
        .annotate(parent_path=Substr("unit__path", 1, Length("unit__path") - Unit.steplen))
        .values("parent_path")
    )
    found = list(
        Unit.objects.filter(path__in=parent_paths)
        .exclude(pk=round.committee_id)
        .order_by("path")
        .values_list("pk", "name")
    )
    cache.set(key, found, 300)
    return found


def unit_ids(round: ReportingRound, flt: MatrixFilter, states: tuple[str, ...]) -> list[int]:
    """Ids of the target units ``flt`` keeps whose state is one of ``states`` (one query):
    "select all" on the matrix applies the bulk actions to these."""
    condition = Q(pk__in=[])
    for state in states:
        condition |= STATE_CONDITIONS[state]
    return list(targets(round, flt).filter(condition).values_list("unit_id", flat=True))


def report_ids(round: ReportingRound, flt: MatrixFilter, states: tuple[str, ...]) -> list[int]:
    """Ids of the reports of the target units ``flt`` keeps whose state is one of ``states``."""
    condition = Q(pk__in=[])
    for state in states:
        condition |= STATE_CONDITIONS[state]
    kept = targets(round, flt).filter(condition)
    return list(kept.values_list("report__id", flat=True))
