"""The benchmark's generated data is what the app shows, and its measurements have the
expected shape (no timing asserts: speed targets live in the benchmark's printed figures)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from lamtheobac.bench.measure import METRIC_KEYS, OUTPUT_KEYS, measure_profile, query_growth, table
from lamtheobac.bench.profiles import PARAGRAPH_CHARS, build_profile_s
from lamtheobac.reporting import queries
from lamtheobac.reporting.models import (
    IndicatorValue,
    MatrixState,
    ReportState,
    ReportSubmission,
    SectionAnswer,
    UnitReport,
)
from lamtheobac.units.models import Unit, UnitKind
from lamtheobac.units.policy import Action, Policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    return build_profile_s(3)


def test_the_tree_is_a_valid_treebeard_tree_of_grassroots_organisations(built) -> None:
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    assert len(built.targets) == 3
    assert {u.kind for u in built.targets} == {
        UnitKind.GRASSROOTS_COMMITTEE,
        UnitKind.GRASSROOTS_CELL,
    }
    cells = Unit.objects.subtree(built.committee).filter(kind=UnitKind.SUBORDINATE_CELL)
    assert cells.count() == built.cells == 2
    assert all(u.is_within(built.committee) for u in built.targets)


def test_every_target_unit_shows_as_submitted_on_time_or_late_in_the_matrix(built) -> None:
    rows, counts = queries.matrix(built.round)
    assert len(rows) == 3
    assert counts[MatrixState.ON_TIME] + counts[MatrixState.LATE] == 3
    # The report made by submit_unit_report after the deadline is late, as the app decides.
    assert rows[0].state == MatrixState.LATE


def test_bulk_reports_have_the_shape_of_reports_made_by_the_write_functions(built) -> None:
    real, bulk = built.targets[0], built.targets[-1]  # the first is submitted for real
    for unit in (real, bulk):
        report = UnitReport.objects.get(round=built.round, unit=unit)
        assert report.state == ReportState.SUBMITTED
        assert report.submitted_at and report.first_submitted_at and report.submitted_by_id
        assert SectionAnswer.objects.filter(report=report).count() == 10
        assert IndicatorValue.objects.filter(report=report).count() == 3
        assert ReportSubmission.objects.filter(report=report, sequence=1).count() == 1
        texts = SectionAnswer.objects.filter(report=report).values_list("text", flat=True)
        assert min(len(t) for t in texts) >= PARAGRAPH_CHARS


def test_the_consolidation_attributes_every_answer_and_sums_every_indicator(built) -> None:
    sections, rows = queries.consolidation(built.round)
    assert len(rows) == 3
    assert len(sections) == 10
    assert {s.section.depth for s in sections} == {1, 2}
    assert all(len(s.entries) == 3 for s in sections)
    totals = [t for s in sections for t in s.totals]
    assert len(totals) == 3
    assert all(n == 3 for _, _, n in totals)


def test_the_officer_reads_the_round_and_the_unit_staff_reports_in_it(built, client) -> None:
    officer, staff = Policy(built.officer), Policy(built.unit_staff)
    assert officer.can(Action.READ_REPORTS, built.committee)
    assert staff.can(Action.REPORT, built.targets[0])
    assert not staff.can(Action.REPORT, built.targets[1])
    client.force_login(built.officer)
    response = client.get(reverse("reporting:round_detail", args=[built.round.pk]))
    assert response.status_code == 200
    assert response.content.count(b"<tr data-unit=") == 3


def test_measure_profile_returns_every_figure_for_pages_and_outputs(built) -> None:
    result = measure_profile(built, renders=2, output_runs=1)
    assert set(result) == {
        "units",
        "cells",
        "generation_s",
        "states",
        "matrix",
        "report_form",
        "home",
        "consolidated_docx",
        "matrix_xlsx",
    }
    for page in ("matrix", "report_form", "home"):
        assert set(result[page]) == set(METRIC_KEYS)
        assert result[page]["queries"] > 0
    for output in ("consolidated_docx", "matrix_xlsx"):
        assert set(result[output]) == set(OUTPUT_KEYS)
        assert result[output]["kb"] > 0
    assert result["states"][MatrixState.ON_TIME] + result["states"][MatrixState.LATE] == 3


def test_query_growth_flags_a_page_whose_queries_grow_with_the_units() -> None:
    page = {"median_ms": 1.0, "p95_ms": 1.0, "queries": 5}
    output = {"median_ms": 1.0, "kb": 1.0, "queries": 7}
    small = {"units": 30, "cells": 20, "generation_s": 0.1, "states": {"on_time": 30, "late": 0}}
    small |= {"matrix": page, "report_form": page, "home": page}
    small |= {"consolidated_docx": output, "matrix_xlsx": output}
    large = small | {"units": 150, "consolidated_docx": output | {"queries": 157}}
    growth = query_growth([large, small])
    assert growth["matrix"] == (5, 5, False)
    assert growth["consolidated_docx"] == (7, 157, True)
    printed = table([small, large], title="bench")
    assert "GROWS" in printed and "N=150" in printed


def test_matrix_and_consolidation_queries_do_not_grow_with_the_units(built) -> None:
    larger = build_profile_s(8, tag="S8")
    small = measure_profile(built, renders=1, output_runs=1)
    large = measure_profile(larger, renders=1, output_runs=1)
    growth = query_growth([small, large])
    assert not any(grows for _, _, grows in growth.values()), growth


def test_the_matrix_profile_is_a_valid_tree_and_its_measurements_have_their_shape() -> None:
    from lamtheobac.bench.matrix import build_matrix_profile, matrix_table, measure_matrix

    built = build_matrix_profile(40, tag="thử")
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    assert len(built.provinces) == 4
    rows, counts = queries.matrix(built.round)
    assert len(rows) == 40 and sum(counts.values()) == 40
    assert counts[MatrixState.ON_TIME] and counts[MatrixState.NOT_STARTED]
    result = measure_matrix(built, renders=1)
    assert result["first page"]["queries"] == result["filtered by đảng bộ"]["queries"]
    assert result["counts"]["queries"] == 1 and sum(result["states"].values()) == 40
    assert "first page / raw aggregate" in matrix_table([result], vendor="sqlite")


def test_the_docx_bench_measures_the_report_the_letter_and_raw_python_docx(built) -> None:
    import docx

    from lamtheobac.bench.docx import consolidated, docx_table, measure_docx, reminder

    report = docx.Document(io.BytesIO(consolidated(built.round.pk)))
    names = {t.unit.name for t in built.round.targets.select_related("unit")}
    assert names <= {c.text for c in report.tables[-2].columns[1].cells}
    letter = docx.Document(io.BytesIO(reminder(built.round.pk)))
    addressed = "\n".join(p.text for p in letter.paragraphs)  # a few units: named after Kính gửi
    assert all(name in addressed for name in names)
    result = measure_docx(built, runs=1)
    assert result["units"] == 3
    for build in ("consolidated", "reminder", "raw"):
        assert result[build]["s"] > 0 and result[build]["kb"] > 0
    bigger = {**result, "units": 30}
    printed = docx_table([result, bigger], vendor="sqlite")
    assert "N=    3" in printed and "ratio" in printed and "growth 3 → 30: 1.0×" in printed
