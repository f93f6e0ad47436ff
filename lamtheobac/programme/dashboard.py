"""The committee's year page (issue 8 point 6): per grassroots organisation and rolled up —
members, plans submitted / accepted / assessed, leaders' plans, sessions held per quarter,
exemplars and models registered / approved.

A constant number of queries whatever the number of organisations: the session counts come
from ``queries.session_rollup`` (3 queries), the plans and exemplars from
``pledges.queries`` (grouped aggregates), the organisations from one query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from lamtheobac.pledges.queries import (
    ExemplarCounts,
    PledgeCounts,
    exemplar_counts,
    pledge_counts,
)
from lamtheobac.programme.models import QUARTERS, Theme
from lamtheobac.programme.queries import OrgRollup, session_rollup
from lamtheobac.units.models import Unit


class RowFilter(StrEnum):
    """Filters by state on the year page: which organisations to list."""

    ALL = "all"
    OVERDUE = "overdue"  # a cell overdue on a quarter's session
    PLANS_MISSING = "plans_missing"  # fewer submitted plans than members
    MODELS_PENDING = "models_pending"  # models registered but not approved

    @property
    def label(self) -> str:
        return {
            "all": "Tất cả",
            "overdue": "Có chi bộ quá hạn sinh hoạt chuyên đề",
            "plans_missing": "Còn đảng viên chưa nộp kế hoạch",
            "models_pending": "Có mô hình chờ cấp ủy duyệt",
        }[self]


@dataclass
class YearRow:
    """One organisation's line (or the total line) on the year page."""

    unit: Unit
    sessions: OrgRollup
    pledges: PledgeCounts
    exemplars: ExemplarCounts

    @property
    def members(self) -> int:
        return self.sessions.members

    @property
    def plan_rate(self) -> float | None:
        return self.pledges.submitted / self.members if self.members else None

    @property
    def overdue(self) -> int:
        return sum(self.sessions.quarters[q].overdue for q in QUARTERS)

    def matches(self, row_filter: RowFilter) -> bool:
        if row_filter == RowFilter.OVERDUE:
            return self.overdue > 0
        if row_filter == RowFilter.PLANS_MISSING:
            return self.pledges.submitted < self.members
        if row_filter == RowFilter.MODELS_PENDING:
            return self.exemplars.models_registered > self.exemplars.models_approved
        return True


@dataclass
class YearPage:
    theme: Theme
    rows: list[YearRow]
    total: YearRow
    quarter_bars: list[tuple[int, int, int]] = field(default_factory=list)  # (q, held, cells)


def organisations(theme: Theme) -> list[Unit]:
    """The units counted one per row: the grassroots organisations directly under the
    programme's scope, or the scope itself when it is one organisation. One query."""
    scope = theme.scope
    if scope.is_grassroots:
        return [scope]
    return list(
        Unit.objects.filter(
            path__startswith=scope.path, depth=scope.depth + 1, is_active=True
        ).grassroots()
    )


def year_page(theme: Theme, *, on: dt.date | None = None) -> YearPage:
    """Every organisation's counts and the total (see module doc for the query budget)."""
    orgs = organisations(theme)
    session_rows, session_total = session_rollup(theme, orgs, on=on)
    units = [*orgs, theme.scope]
    plans = pledge_counts(units, theme.year)
    exemplars = exemplar_counts(units, theme.year)
    rows = [
        YearRow(unit=org, sessions=s, pledges=plans[org.pk], exemplars=exemplars[org.pk])
        for org, s in zip(orgs, session_rows, strict=True)
    ]
    total = YearRow(
        unit=theme.scope,
        sessions=session_total,
        pledges=plans[theme.scope.pk],
        exemplars=exemplars[theme.scope.pk],
    )
    bars = [(q, session_total.quarters[q].held, session_total.quarters[q].cells) for q in QUARTERS]
    return YearPage(theme=theme, rows=rows, total=total, quarter_bars=bars)
