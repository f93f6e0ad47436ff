"""Reads of the year's programme and of the cells' themed sessions.

Other apps agree with this one through :func:`programme_for` (the pledges app reads the
registration deadline, the lock and the exemplar quotas from it). Every roll-up here runs a
fixed number of queries whatever the number of units: counts are grouped by unit in SQL and
folded up the tree in Python over one list of unit paths.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Substr

from lamtheobac.core.dates import today
from lamtheobac.core.sql import plain_rows
from lamtheobac.programme.models import (
    QUARTERS,
    Activity,
    ActivityKind,
    EthicsStandard,
    QuarterTopic,
    SessionState,
    ThematicSession,
    Theme,
    quarter_end,
    quarter_of,
    quarter_start,
)
from lamtheobac.units.models import CELL_KINDS, Person, Unit, member_counts

STEP = 4  # treebeard's path step length (units.Unit.steplen)


def _ancestor_paths(unit: Unit) -> list[str]:
    return [unit.path[:i] for i in range(STEP, len(unit.path) + 1, STEP)]


def programme_for(unit: Unit, year: int, *, published_only: bool = True) -> Theme | None:
    """The programme (``Theme``) of ``year`` that applies to ``unit``: the one whose scope is
    ``unit`` or its nearest ancestor; None when no committee issued one. One query.

    Settings other apps read from it: ``pledge_deadline`` / ``pledge_deadline_exclusive``
    (seed 004 §II.3.2, quý I; docs/domain.md §5), ``locked``, ``collectives_min/max`` and
    ``individuals_min/max`` (seed 002 §II.3: 01–02 and 02–03), ``session_grace_days``.
    """
    return programmes_for([unit], year, published_only=published_only)[unit.pk]


def programmes_for(
    units: Iterable[Unit], year: int, *, published_only: bool = True
) -> dict[int, Theme | None]:
    """:func:`programme_for` of each of ``units`` at once: unit id → its programme of ``year``
    (the theme whose scope is the unit or its nearest ancestor) or None. One query, none when
    ``units`` is empty."""
    units = list(units)
    if not units:
        return {}
    paths = sorted({p for unit in units for p in _ancestor_paths(unit)})
    qs = Theme.objects.filter(year=year, scope__path__in=paths)
    if published_only:
        qs = qs.published()
    by_path = {t.scope.path: t for t in qs.select_related("scope", "committee")}
    found: dict[int, Theme | None] = {}
    for unit in units:
        nearest = [by_path[p] for p in _ancestor_paths(unit) if p in by_path]
        found[unit.pk] = nearest[-1] if nearest else None
    return found


def topics_of(theme: Theme) -> dict[int, QuarterTopic]:
    """The quarter topics of ``theme`` by quarter (1–4)."""
    return {t.quarter: t for t in theme.topics.all()}


def cells_of(unit: Unit) -> list[Unit]:
    """The cells (chi bộ cơ sở, chi bộ trực thuộc) in ``unit``'s subtree, in tree order."""
    return list(Unit.objects.subtree(unit).filter(kind__in=CELL_KINDS, is_active=True))


class SessionStatus(StrEnum):
    """A cell's session in one quarter, as the committee sees it."""

    HELD = "held"  # recorded
    NOT_YET = "not_yet"  # not recorded, still in time (or the quarter has not begun)
    OVERDUE = "overdue"  # not recorded past the quarter's end + the grace days

    @property
    def label(self) -> str:
        return {"held": "Đã sinh hoạt", "not_yet": "Chưa đến hạn", "overdue": "Quá hạn"}[self]


def session_status(
    theme: Theme, quarter: int, held: bool, on: dt.date | None = None
) -> SessionStatus:
    """Held when recorded; overdue when not and ``on`` (default today, Asia/Ho_Chi_Minh) is
    after ``theme.session_due(quarter)``; else not yet."""
    if held:
        return SessionStatus.HELD
    if (on or today()) > theme.session_due(quarter):
        return SessionStatus.OVERDUE
    return SessionStatus.NOT_YET


def current_quarter(theme: Theme, on: dt.date | None = None) -> int | None:
    """The quarter of ``theme.year`` containing ``on`` (today), or None in another year."""
    day = on or today()
    return quarter_of(day) if day.year == theme.year else None


@dataclass
class SessionCounts:
    """Sessions of a set of cells in one quarter: held / not yet / overdue, attendance."""

    cells: int = 0
    held: int = 0
    present: int = 0
    expected: int = 0
    status: SessionStatus = SessionStatus.NOT_YET  # status of the not-held ones

    @property
    def missing(self) -> int:
        return self.cells - self.held

    @property
    def not_yet(self) -> int:
        return self.missing if self.status == SessionStatus.NOT_YET else 0

    @property
    def overdue(self) -> int:
        return self.missing if self.status == SessionStatus.OVERDUE else 0

    @property
    def attendance_rate(self) -> float | None:
        return self.present / self.expected if self.expected else None


@dataclass
class CellRow:
    """One cell's four quarters: its session (or None) and status per quarter."""

    cell: Unit
    sessions: dict[int, ThematicSession | None]
    statuses: dict[int, SessionStatus]


def _recorded(session: ThematicSession | None) -> bool:
    return session is not None and session.state == SessionState.RECORDED


def cell_sessions(theme: Theme, unit: Unit, *, on: dt.date | None = None) -> list[CellRow]:
    """Every cell under ``unit`` with its sessions of ``theme``'s year. Two queries."""
    cells = cells_of(unit)
    by_key: dict[tuple[int, int], ThematicSession] = {
        (s.cell_id, s.quarter): s
        for s in ThematicSession.objects.filter(theme=theme).in_subtree(unit)
    }
    rows = []
    for cell in cells:
        sessions = {q: by_key.get((cell.pk, q)) for q in QUARTERS}
        statuses = {q: session_status(theme, q, _recorded(sessions[q]), on) for q in QUARTERS}
        rows.append(CellRow(cell=cell, sessions=sessions, statuses=statuses))
    return rows


@dataclass
class OrgRollup:
    """The counts of one unit (a grassroots organisation, or the whole scope)."""

    unit: Unit
    members: int = 0
    cells: int = 0
    quarters: dict[int, SessionCounts] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)  # counts other apps contribute

    def quarter(self, q: int) -> SessionCounts:
        return self.quarters[q]


def session_rollup(
    theme: Theme, orgs: list[Unit], *, on: dt.date | None = None
) -> tuple[list[OrgRollup], OrgRollup]:
    """Members, cells and per-quarter session counts for each unit of ``orgs`` (siblings at one
    depth, e.g. the grassroots organisations of a committee) and their total.

    Two queries whatever ``len(orgs)``, each grouped by the org's path prefix (SQL
    ``SUBSTR``): cells with party members (đảng viên in the org's subtree today; a third
    query, ``units.models.member_counts``, when an org without any has a declared figure:
    the roster rule of issue 11), and
    recorded sessions per quarter. A cell counts for the org whose path prefixes its own.
    """
    by_prefix: dict[str, OrgRollup] = {}
    total = OrgRollup(unit=theme.scope)
    statuses = {q: session_status(theme, q, False, on) for q in QUARTERS}
    for q in QUARTERS:
        total.quarters[q] = SessionCounts(status=statuses[q])
    if not orgs:
        return [], total
    length = len(orgs[0].path)
    parent_path = orgs[0].path[: length - STEP]
    for org in orgs:
        row = OrgRollup(unit=org)
        for q in QUARTERS:
            row.quarters[q] = SessionCounts(status=statuses[q])
        by_prefix[org.path] = row
    # Cells and party members in one pass over the units below the orgs' parent: members are
    # counted per unit by the index on (person.unit, is_party_member), then summed per org, so
    # the database never sorts the 150,000 people of profile L by their org's path.
    per_unit = (
        Person.objects.filter(unit=OuterRef("pk"), is_party_member=True)
        .values("unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    units = (
        Unit.objects.filter(path__startswith=parent_path, depth__gt=len(parent_path) // STEP)
        .annotate(org=Substr("path", 1, length))
        .values("org")
        .annotate(
            cells=Count("pk", filter=Q(kind__in=CELL_KINDS, is_active=True)),
            members=Sum(Subquery(per_unit)),
        )
        .values_list("org", "cells", "members")
        .order_by()
    )
    for org_path, cells, members in plain_rows(units):
        owner = by_prefix.get(org_path)
        if owner is not None:
            owner.cells += cells
            owner.members += int(members or 0)  # PostgreSQL sums a bigint as numeric
    # The figure follows the roster rule every count uses (``units.models.member_counts``:
    # the roster's party members; the declared figure only for an organisation with nobody
    # on the roster). Only an org without party members but with a declared figure can
    # differ from the sum above: those few are counted by ``member_counts`` itself (one more
    # query, and only when there are such orgs).
    unsure = [o for o in orgs if not by_prefix[o.path].members and o.declared_member_count]
    if unsure:
        path_of = {o.pk: o.path for o in unsure}
        for pk, count in member_counts(unsure).items():
            by_prefix[path_of[pk]].members = count.value
    sessions = (
        ThematicSession.objects.filter(theme=theme, state=SessionState.RECORDED)
        .annotate(org=Substr("cell__path", 1, length))
        .values("org", "quarter")
        .annotate(
            n=Count("pk"),
            present=Sum("present_count"),
            excused=Sum("excused_count"),
            absent=Sum("absent_count"),
        )
        .values_list("org", "quarter", "n", "present", "excused", "absent")
        .order_by()
    )
    for org_path, quarter, n, present, excused, absent in plain_rows(sessions):
        owner = by_prefix.get(org_path)
        if owner is None:
            continue
        counts = owner.quarters[quarter]
        counts.held += n
        counts.present += present or 0
        counts.expected += (present or 0) + (excused or 0) + (absent or 0)
    rows = [by_prefix[o.path] for o in orgs]
    for row in rows:
        total.members += row.members
        total.cells += row.cells
        for q in QUARTERS:
            row.quarters[q].cells = row.cells
            t, c = total.quarters[q], row.quarters[q]
            t.cells += c.cells
            t.held += c.held
            t.present += c.present
            t.expected += c.expected
    return rows, total


def owed_this_quarter(theme: Theme, unit: Unit, *, on: dt.date | None = None) -> list[CellRow]:
    """Cells under ``unit`` that have not recorded the current quarter's session (or the last
    quarter's while its grace days run). Two queries."""
    day = on or today()
    quarter = current_quarter(theme, day)
    if quarter is None:
        return []
    wanted = [quarter]
    if quarter > 1 and day <= theme.session_due(quarter - 1):
        wanted.insert(0, quarter - 1)
    rows = []
    for row in cell_sessions(theme, unit, on=day):
        if any(row.statuses[q] != SessionStatus.HELD for q in wanted):
            rows.append(row)
    return rows


def next_session_of(theme: Theme, cell: Unit, *, on: dt.date | None = None) -> dict[str, object]:
    """For a member's home page: the quarter to come (or running) for ``cell``, its topic and
    the session if already recorded. Two queries."""
    day = on or today()
    quarter = current_quarter(theme, day) or (1 if day.year < theme.year else 4)
    topic = theme.topics.filter(quarter=quarter).first()
    session = ThematicSession.objects.filter(theme=theme, cell=cell, quarter=quarter).first()
    return {
        "quarter": quarter,
        "topic": topic,
        "session": session,
        "starts": quarter_start(theme.year, quarter),
        "due": theme.session_due(quarter),
        "ends": quarter_end(theme.year, quarter),
    }


# --- standards and activities (point 5) -------------------------------------------------


def activity_counts(units: Iterable[Unit], *, since: dt.date, until: dt.date) -> dict[str, int]:
    """Activities held in the subtrees of ``units`` between ``since`` and ``until`` (inclusive),
    counted by kind (``ActivityKind`` values), plus ``"participants"``. One query."""
    condition = Q(pk__in=[])
    for unit in units:
        condition |= Q(unit__path__startswith=unit.path)
    counts: dict[str, int] = defaultdict(int)
    for kind, n, people in (
        Activity.objects.filter(condition, held_on__gte=since, held_on__lte=until)
        .values_list("kind")
        .annotate(Count("pk"), Sum("participants"))
        .order_by()
    ):
        counts[kind] += n
        counts["participants"] += people or 0
    return dict(counts)


def review_prefill(unit: Unit, *, since: dt.date, until: dt.date) -> dict[str, str]:
    """Prefill text for a unit's review report from its records between ``since`` and
    ``until``: ``{"standards": …, "activities": …}`` (empty strings when nothing was
    recorded). Seeds 001 §II.2, 003 §II.5: the review asks what standards were adopted and
    which activities were held. Two queries."""
    standards = list(
        EthicsStandard.objects.filter(
            unit__path__startswith=unit.path, adopted_on__lte=until
        ).filter(Q(adopted_on__gte=since) | Q(reviewed_on__gte=since))
    )
    counts = activity_counts([unit], since=since, until=until)
    period = f"Từ {since.day}/{since.month}/{since.year} đến {until.day}/{until.month}/{until.year}"
    standards_text = ""
    if standards:
        titles = "; ".join(s.title for s in standards[:10])
        standards_text = (
            f"{period}, đã xây dựng, rà soát, bổ sung {len(standards)} chuẩn mực đạo đức "
            f"({titles})."
        )
    parts = [
        f"{counts[kind.value]} {kind.label.lower()}"
        for kind in ActivityKind
        if counts.get(kind.value)
    ]
    activities_text = ""
    if parts:
        activities_text = (
            f"{period}, đã tổ chức " + ", ".join(parts) + f" với {counts['participants']} lượt "
            "người tham gia."
        )
    return {"standards": standards_text, "activities": activities_text}


STANDARD_WORDS = ("chuẩn mực",)
ACTIVITY_WORDS = (
    "tuyên truyền",
    "giáo dục truyền thống",
    "hành hương",
    "tọa đàm",
    "giao lưu",
    "thi tìm hiểu",
    "hội nghị",
)


def section_prefill(
    unit: Unit, sections: Iterable[Any], *, on: dt.date | None = None
) -> dict[int, str]:
    """Prefill for a unit's review report: ``{section id: text}`` for the outline sections
    whose heading speaks of standards ("chuẩn mực") or of the programme's activities
    ("tuyên truyền", "hành hương", "tọa đàm"…), from :func:`review_prefill` over the twelve
    months before ``on`` (default today, Asia/Ho_Chi_Minh). Sections with nothing to say are
    left out. Two queries, none when no heading matches."""
    matched = []
    for section in sections:
        heading = str(getattr(section, "heading", "")).lower()
        if any(w in heading for w in STANDARD_WORDS):
            matched.append((section.pk, "standards"))
        elif any(w in heading for w in ACTIVITY_WORDS):
            matched.append((section.pk, "activities"))
    if not matched:
        return {}
    until = on or today()
    texts = review_prefill(unit, since=until - dt.timedelta(days=365), until=until)
    return {pk: texts[key] for pk, key in matched if texts[key]}
