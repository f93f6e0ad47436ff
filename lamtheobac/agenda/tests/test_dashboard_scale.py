"""The dashboard's queries do not grow with the number of units (docs/domain.md §7)."""

from __future__ import annotations

import pytest

from lamtheobac.agenda.bench import build_province, measure_dashboard, table


@pytest.mark.django_db
def test_the_dashboard_runs_the_same_number_of_queries_for_a_small_and_a_larger_province():
    results = measure_dashboard(sizes=((6, 20), (40, 150)), renders=1)
    assert results[0]["queries"] == results[1]["queries"]
    assert "queries constant in units: yes" in table(results)


@pytest.mark.django_db
def test_the_generated_province_has_its_cells_tasks_and_an_open_round():
    from lamtheobac.reporting.models import ReportingRound
    from lamtheobac.tasks.models import Task
    from lamtheobac.units.models import Unit, UnitKind

    committee, _, _ = build_province(10, 53, tag="t")
    units = Unit.objects.subtree(committee)
    assert units.filter(kind=UnitKind.SUBORDINATE_CELL).count() == 53
    assert units.filter(kind=UnitKind.GRASSROOTS_COMMITTEE).count() == 10
    assert Task.objects.filter(committee=committee).count() == 30
    assert ReportingRound.objects.filter(committee=committee, state="open").count() == 2
