"""The committee's year page: roll-up counts against a hand count on a small tree, constant
queries, filters, the .xlsx export (text stays text) and the .docx section."""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lamtheobac.pledges.actions.pledges import ItemInput, accept_pledge, start_pledge, submit_pledge
from lamtheobac.programme import dashboard, outputs
from lamtheobac.programme.actions import sessions
from lamtheobac.testing import make_person, make_unit
from lamtheobac.units.models import Unit, UnitKind

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _hold(scene, cell, people, quarter, present):
    return sessions.save_session(
        theme=scene.theme,
        cell=cell,
        quarter=quarter,
        by=None,
        version=None,
        held_on=dt.date(YEAR, 3 * quarter - 1, 3),
        texts={},
        attendance={p.pk: ("present" if i < present else "absent") for i, p in enumerate(people)},
        record_it=True,
    )


def _plan(person, *, accept_by=None):
    pledge = start_pledge(person=person, year=YEAR, by=None, items=[ItemInput("Làm theo Bác")])
    pledge = submit_pledge(pledge=pledge, by=None, version=pledge.version)
    if accept_by is not None:
        pledge = accept_pledge(pledge=pledge, by=None, version=pledge.version)
    return pledge


def test_roll_up_counts_match_a_hand_count_on_a_small_tree(scene):
    w = scene.world
    # Hand count. Đảng bộ Sở Tài chính: 2 cells, 5 members (3 + 2); Sở Tư pháp: 1 cell, 2.
    # Q1: Ngân sách (2 of 3 present) and Tư pháp (2 of 2) held; Q2: Tin học (1 of 2) held.
    _hold(scene, w.cell, scene.cell_people, 1, present=2)
    _hold(scene, w.sibling, scene.sibling_people, 1, present=2)
    _hold(scene, w.other_cell, scene.other_people, 2, present=1)
    # A draft session is not counted.
    sessions.save_session(
        theme=scene.theme,
        cell=w.cell,
        quarter=2,
        by=None,
        version=None,
        held_on=None,
        texts={},
        attendance={},
    )
    # Plans: 2 submitted in Ngân sách (1 accepted), 1 accepted in Tư pháp.
    _plan(scene.cell_people[0], accept_by=True)
    _plan(scene.cell_people[1])
    _plan(scene.sibling_people[0], accept_by=True)

    page = dashboard.year_page(scene.theme, on=dt.date(YEAR, 8, 15))
    rows = {r.unit.name: r for r in page.rows}
    assert list(rows) == ["Đảng bộ Sở Tài chính", "Chi bộ Sở Tư pháp"]
    tc, tp = rows["Đảng bộ Sở Tài chính"], rows["Chi bộ Sở Tư pháp"]
    assert (tc.members, tc.sessions.cells, tp.members, tp.sessions.cells) == (5, 2, 2, 1)
    assert [tc.sessions.quarters[q].held for q in (1, 2, 3, 4)] == [1, 1, 0, 0]
    assert [tp.sessions.quarters[q].held for q in (1, 2, 3, 4)] == [1, 0, 0, 0]
    assert (tc.sessions.quarters[1].overdue, tc.sessions.quarters[3].not_yet) == (1, 2)
    assert (tc.pledges.submitted, tc.pledges.accepted) == (2, 1)
    assert (tp.pledges.submitted, tp.pledges.accepted) == (1, 1)
    total = page.total
    assert total.members == 7
    assert [total.sessions.quarters[q].held for q in (1, 2, 3, 4)] == [2, 1, 0, 0]
    assert total.sessions.quarters[1].attendance_rate == pytest.approx(4 / 5)
    assert (total.pledges.submitted, total.pledges.accepted) == (3, 2)
    assert page.quarter_bars[0] == (1, 2, 3)
    assert [r.unit.name for r in page.rows if r.matches(dashboard.RowFilter.OVERDUE)] == [
        "Đảng bộ Sở Tài chính",
        "Chi bộ Sở Tư pháp",
    ]
    assert [r.unit.name for r in page.rows if r.matches(dashboard.RowFilter.PLANS_MISSING)] == [
        "Đảng bộ Sở Tài chính",
        "Chi bộ Sở Tư pháp",
    ]


def test_members_follow_the_roster_and_the_declared_figure_only_without_one(scene):
    """The year page counts members as quotas do (``units.models.member_counts``): the
    roster's party members; a declared figure only for an organisation nobody is on the
    roster of (issue 11: counts come from the roster everywhere)."""
    w = scene.world
    Unit.objects.filter(pk=w.grassroots.pk).update(declared_member_count=40)  # has a roster
    empty = make_unit(parent=w.committee, name="Chi bộ Sở Nội vụ", kind=UnitKind.GRASSROOTS_CELL)
    Unit.objects.filter(pk=empty.pk).update(declared_member_count=12)  # no roster
    # A roster of non-members only is a roster: no party members, whatever was declared.
    staffed = make_unit(parent=w.committee, name="Chi bộ Sở Y tế", kind=UnitKind.GRASSROOTS_CELL)
    Unit.objects.filter(pk=staffed.pk).update(declared_member_count=9)
    make_person(unit=staffed, is_party_member=False)
    scene.theme.scope.refresh_from_db()
    page = dashboard.year_page(scene.theme, on=dt.date(YEAR, 8, 15))
    members = {r.unit.name: r.members for r in page.rows}
    assert members == {
        "Đảng bộ Sở Tài chính": 5,
        "Chi bộ Sở Tư pháp": 2,
        "Chi bộ Sở Nội vụ": 12,
        "Chi bộ Sở Y tế": 0,
    }
    assert page.total.members == 19


def _grow(world, n):
    for i in range(n):
        org = make_unit(
            parent=world.committee, name=f"Đảng bộ thêm {i}", kind=UnitKind.GRASSROOTS_COMMITTEE
        )
        cell = make_unit(parent=org, name=f"Chi bộ thêm {i}", kind=UnitKind.SUBORDINATE_CELL)
        make_person(unit=cell)


def test_the_year_page_runs_the_same_number_of_queries_for_more_organisations(scene, client):
    client.force_login(scene.world.officer)
    url = reverse("programme:year", args=[scene.theme.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(scene.world, 6)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert "Đảng bộ thêm 5" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_xlsx_export_keeps_a_formula_looking_name_as_text(scene, client):
    make_unit(parent=scene.world.committee, name='=HYPERLINK("x")', kind=UnitKind.GRASSROOTS_CELL)
    page = dashboard.year_page(scene.theme)
    wb = openpyxl.load_workbook(io.BytesIO(outputs.year_workbook(page)))
    ws = wb.active
    names = [ws.cell(r, 2).value for r in range(6, ws.max_row + 1)]
    assert '=HYPERLINK("x")' in names
    cell = next(
        ws.cell(r, 2) for r in range(6, ws.max_row + 1) if ws.cell(r, 2).value.startswith("=")
    )
    assert cell.data_type == "s"
    assert names[-1] == "Tổng cộng"


def test_the_docx_section_reports_the_rolled_up_figures_in_party_format(scene):
    w = scene.world
    _hold(scene, w.cell, scene.cell_people, 1, present=3)
    page = dashboard.year_page(scene.theme)
    document = docx.Document(io.BytesIO(outputs.year_section(page)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells
    )
    assert "KẾT QUẢ ĐĂNG KÝ, THỰC HIỆN LÀM THEO" in text
    assert "có 7 đảng viên" in text
    assert "quý I: 1/3 chi bộ" in text


def test_the_quarterly_report_of_a_grassroots_organisation_lists_its_cells(scene, client):
    w = scene.world
    _hold(scene, w.cell, scene.cell_people, 2, present=3)
    client.force_login(w.secretary)
    url = reverse("programme:quarter_report", args=[scene.theme.pk, w.grassroots.pk, 2])
    response = client.get(url)
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "1/2 chi bộ đã tổ chức sinh hoạt chuyên đề" in text
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    cells = [row.cells[1].text for row in table.rows][1:]
    assert cells == ["Chi bộ Phòng Ngân sách", "Chi bộ Phòng Tin học"]
