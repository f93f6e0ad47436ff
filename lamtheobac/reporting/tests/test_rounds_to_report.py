"""Unit staff's open rounds with their unit's report, read in one query (issue 13 §5)."""

from __future__ import annotations

import pytest

from lamtheobac.reporting import queries
from lamtheobac.reporting.actions import reports
from lamtheobac.testing import make_round
from lamtheobac.units.policy import Policy

pytestmark = pytest.mark.django_db


def test_each_round_to_report_comes_with_its_units_report_in_one_query(
    world, django_assert_num_queries
):
    drafted = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots], title="Có nháp"
    )
    untouched = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots], title="Chưa làm"
    )
    other = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.sibling],
        title="Của đơn vị khác",
    )
    draft = reports.save_report_draft(
        drafted, unit=world.grassroots, answers={}, values={}, version=None, by=None
    )
    reports.save_report_draft(
        other, unit=world.sibling, answers={}, values={}, version=None, by=None
    )
    policy = Policy(world.secretary)
    policy.grants  # noqa: B018 (the grants are read once per request, not by this query)
    with django_assert_num_queries(1):
        rows = queries.rounds_to_report(policy)
    found = {row.round.pk: row for row in rows}
    assert set(found) == {drafted.pk, untouched.pk}
    assert found[drafted.pk].report == draft
    assert found[untouched.pk].report is None
