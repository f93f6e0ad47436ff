"""The home pages of committee staff and unit staff run a fixed number of queries, whatever the
number of units, rounds' targets and reports (issue 13 §5: it was 18 for committee staff)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lamtheobac.reporting.actions import reports
from lamtheobac.testing import make_round
from lamtheobac.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


def _home_queries(client, user) -> int:
    client.force_login(user)
    assert client.get("/").status_code == 200  # warm: the session remembers the device check
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def _grow(world, n: int) -> None:
    """``n`` more grassroots organisations, all targets of an open round; half have drafts."""
    Unit.objects.load_bulk(
        [
            {"data": {"name": f"Chi bộ số {i:03d}", "kind": UnitKind.GRASSROOTS_CELL}}
            for i in range(n)
        ],
        parent=world.committee,
    )
    units = list(Unit.objects.filter(name__startswith="Chi bộ số ").order_by("path"))
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.sibling, *units],
        title="Một đợt lớn",
    )
    for unit in units[::2]:
        reports.save_report_draft(round, unit=unit, answers={}, values={}, version=None, by=None)


def test_home_pages_take_the_same_queries_for_few_or_many_units(client, world):
    make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    small = {who: _home_queries(client, getattr(world, who)) for who in ("officer", "secretary")}
    _grow(world, 40)
    large = {who: _home_queries(client, getattr(world, who)) for who in ("officer", "secretary")}
    assert small == large
    assert small["officer"] <= 12 and small["secretary"] <= 11
