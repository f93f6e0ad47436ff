"""Rounds that cascade (issue 9 §4): forward to the cells, consolidate, submit upward, return
one level, sections given to another unit, the matrix's cells' progress."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.reporting import queries
from lamtheobac.reporting.actions import cascade, reports
from lamtheobac.reporting.models import (
    Indicator,
    IndicatorValue,
    ReportingRound,
    ReportState,
    UnitReport,
)
from lamtheobac.testing import grant, make_round, make_unit, make_user
from lamtheobac.units.models import Role, UnitKind

pytestmark = pytest.mark.django_db

CELLS_DEADLINE = dt.date(2030, 4, 20)


@pytest.fixture
def parent(world):
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.sibling],
        open=False,
    )
    first = round.outline.sections.order_by("position").first()
    Indicator.objects.create(section=first, name="Số đảng viên đăng ký", unit_label="người")
    from lamtheobac.reporting.actions import rounds

    return rounds.open_reporting_round(round, by=world.officer)


def _indicator(round: ReportingRound) -> Indicator:
    return Indicator.objects.get(section__outline=round.outline)


def _cell_reports(world, child, texts=("Chi bộ Ngân sách học tập đầy đủ.", None)):
    """The first cell submits (5 people); the second, when given a text, too (7 people)."""
    section = child.outline.sections.order_by("position").first()
    indicator = _indicator(child)
    other = make_user()
    grant(other, world.other_cell, Role.UNIT_STAFF)
    for cell, text, value in zip(
        (world.cell, world.other_cell), texts, (Decimal(5), Decimal(7)), strict=True
    ):
        if text is None:
            continue
        by = world.cell_secretary if cell == world.cell else other
        reports.save_and_maybe_submit(
            child,
            unit=cell,
            answers={section.pk: text},
            values={indicator.pk: value},
            version=None,
            submit=True,
            by=by,
        )


def test_a_grassroots_committee_forwards_a_round_to_its_cells_with_the_same_outline(world, parent):
    child = cascade.open_child_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    assert child.state == "open"
    assert child.parent == parent and child.committee == world.grassroots
    assert [t.unit for t in child.targets.order_by("position")] == [world.cell, world.other_cell]
    copied = list(child.outline.sections.order_by("position"))
    assert [s.heading for s in copied] == [
        s.heading for s in parent.outline.sections.order_by("position")
    ]
    assert [s.source_id for s in copied] == list(
        parent.outline.sections.order_by("position").values_list("pk", flat=True)
    )
    assert _indicator(child).source == _indicator(parent)
    assert AuditEvent.objects.filter(action="reporting_round.cascaded", actor=world.secretary)


def test_forwarding_is_refused_with_the_rule_and_creates_nothing(world, parent):
    with pytest.raises(DomainError, match="trước hạn nộp lên cấp trên"):
        cascade.open_child_round(
            parent, unit=world.grassroots, deadline=dt.date(2030, 5, 20), by=world.secretary
        )
    with pytest.raises(DomainError, match="Chỉ đảng bộ cơ sở"):
        cascade.open_child_round(
            parent, unit=world.sibling, deadline=CELLS_DEADLINE, by=world.sibling_officer
        )
    with pytest.raises(AccessDenied):
        cascade.open_child_round(
            parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.sibling_officer
        )
    assert not ReportingRound.objects.filter(parent=parent).exists()
    cascade.open_child_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    with pytest.raises(DomainError, match="đã được chuyển tiếp"):
        cascade.open_child_round(
            parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
        )


def test_the_grassroots_committee_consolidates_its_cells_and_submits_upward(world, parent):
    child = cascade.open_child_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    _cell_reports(world, child, ("Ngân sách: học tập đầy đủ.", "Tin học: làm theo tốt."))
    section = parent.outline.sections.order_by("position").first()
    indicator = _indicator(parent)
    own = reports.save_report_draft(
        parent,
        unit=world.grassroots,
        answers={section.pk: "Đảng ủy chỉ đạo chung."},
        values={indicator.pk: Decimal(3)},
        version=None,
        by=world.secretary,
    )
    report = cascade.consolidate_from_cells(
        parent, unit=world.grassroots, version=own.version, by=world.secretary
    )
    text = report.answers.get(section=section).text
    assert text.startswith("Đảng ủy chỉ đạo chung.")
    assert "Chi bộ Phòng Ngân sách: Ngân sách: học tập đầy đủ." in text
    assert text.index("Ngân sách") < text.index("Tin học")
    value = IndicatorValue.objects.get(report=report, indicator=indicator)
    assert (value.value, value.cells_value, value.own_value) == (15, 12, 3)
    # consolidating again adds nothing; editing after it keeps the cells' part
    again = cascade.consolidate_from_cells(
        parent, unit=world.grassroots, version=report.version, by=world.secretary
    )
    assert again.answers.get(section=section).text == text
    assert IndicatorValue.objects.get(report=report, indicator=indicator).value == 15
    with pytest.raises(DomainError, match="không được nhỏ hơn phần của các chi bộ"):
        reports.save_report_draft(
            parent,
            unit=world.grassroots,
            answers={},
            values={indicator.pk: Decimal(10)},
            version=again.version,
            by=world.secretary,
        )
    reports.submit_unit_report(parent, unit=world.grassroots, version=None, by=world.secretary)
    sections, _rows = queries.consolidation(parent)
    assert sections[0].totals[0][1:] == (Decimal(15), 1)


def test_consolidating_without_a_cell_report_is_refused(world, parent):
    cascade.open_child_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    with pytest.raises(DomainError, match="Chưa có chi bộ nào nộp"):
        cascade.consolidate_from_cells(
            parent, unit=world.grassroots, version=None, by=world.secretary
        )
    assert not UnitReport.objects.filter(round=parent, unit=world.grassroots).exists()


def test_a_returned_report_goes_back_one_level_only(world, parent):
    child = cascade.open_child_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    _cell_reports(world, child)
    cascade.consolidate_from_cells(parent, unit=world.grassroots, version=None, by=world.secretary)
    report = reports.submit_unit_report(
        parent, unit=world.grassroots, version=None, by=world.secretary
    )
    reports.return_unit_report(report, comment="Bổ sung số liệu.", by=world.officer)
    assert UnitReport.objects.get(pk=report.pk).state == ReportState.RETURNED
    cell_report = UnitReport.objects.get(round=child, unit=world.cell)
    assert cell_report.state == ReportState.SUBMITTED  # the cells keep what they sent


def test_the_grassroots_committee_reviews_its_cells_reports_and_strangers_may_not(world, parent):
    child = cascade.open_child_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    _cell_reports(world, child)
    cell_report = UnitReport.objects.get(round=child, unit=world.cell)
    for stranger in (world.sibling_officer, world.cell_secretary, world.leader):
        with pytest.raises(AccessDenied):
            reports.return_unit_report(cell_report, comment="Sửa lại.", by=stranger)
    returned = reports.return_unit_report(cell_report, comment="Sửa lại.", by=world.secretary)
    assert returned.state == ReportState.RETURNED


def test_a_section_given_to_the_youth_union_is_filled_by_it_alone(world):
    youth = make_unit(
        parent=world.committee, name="Đoàn Khối các cơ quan", kind=UnitKind.MASS_ORGANISATION
    )
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots],
        headings=("KẾT QUẢ CHUNG", "CÔNG TÁC THANH NIÊN"),
        open=False,
    )
    general, youth_section = round.outline.sections.order_by("position")
    cascade.assign_section(round, section=youth_section, unit=youth, by=world.officer)
    with pytest.raises(AccessDenied):
        cascade.assign_section(round, section=youth_section, unit=youth, by=world.secretary)
    from lamtheobac.reporting.actions import rounds

    round = rounds.open_reporting_round(round, by=world.officer)
    assert round.targets.filter(unit=youth).exists()
    assert queries.sections_for(round, youth) == [youth_section]
    assert queries.sections_for(round, world.grassroots) == [general]
    with pytest.raises(DomainError, match="không thuộc đề cương"):
        reports.save_report_draft(
            round,
            unit=world.grassroots,
            answers={youth_section.pk: "Không phải mục của đảng bộ."},
            values={},
            version=None,
            by=world.secretary,
        )
    child = cascade.open_child_round(
        round, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    assert [s.heading for s in child.outline.sections.all()] == ["KẾT QUẢ CHUNG"]


def test_the_matrix_counts_each_grassroots_cells_in_one_query(
    world, parent, django_assert_num_queries
):
    child = cascade.open_child_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    _cell_reports(world, child)
    with django_assert_num_queries(1):
        progress = queries.cascade_progress(parent)
    assert progress[world.grassroots.pk].label == "1/2 chi bộ đã nộp"
    assert progress[world.grassroots.pk].round_id == child.pk


# --- role × view -------------------------------------------------------------------------

PERSONAS = [
    "officer",
    "leader",
    "admin",
    "secretary",
    "cell_secretary",
    "sibling_officer",
    "member",
    "stranger",
]


@pytest.fixture
def cascaded(world, parent):
    child = cascade.open_child_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    _cell_reports(world, child)
    return world, parent, child


# (url name, args, method, data, {persona: status}); personas not listed expect 404.
CASCADE_CASES = [
    (
        "reporting:cascade_open",
        lambda w, p, c: [p.pk, w.grassroots.pk],
        "get",
        {},
        {"secretary": 200, "officer": 403, "leader": 403, "admin": 403},
    ),
    (
        "reporting:consolidate_cells",
        lambda w, p, c: [p.pk, w.grassroots.pk],
        "post",
        {},
        {"secretary": 302, "officer": 403, "leader": 403, "admin": 403},
    ),
    (
        "reporting:section_assign",
        lambda w, p, c: [c.pk, c.outline.sections.first().pk],
        "post",
        {"unit": ""},
        {"secretary": 302, "officer": 302, "leader": 403, "admin": 403},
    ),
    (
        "reporting:round_detail",
        lambda w, p, c: [c.pk],
        "get",
        {},
        {"secretary": 200, "officer": 200, "leader": 200, "admin": 403},
    ),
]


@pytest.mark.parametrize(
    ("name", "args", "method", "data", "allowed"),
    CASCADE_CASES,
    ids=[c[0] for c in CASCADE_CASES],
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_cascade_view_admits_only_its_roles(
    client, cascaded, name, args, method, data, allowed, persona
):
    world, parent, child = cascaded
    client.force_login(getattr(world, persona))
    response = getattr(client, method)(reverse(name, args=args(world, parent, child)), data)
    expected = allowed.get(persona, 404)
    if expected == 302:  # allowed: done, or refused by a domain rule (also a redirect)
        assert response.status_code in (302, 303), (persona, response.status_code)
    else:
        assert response.status_code == expected, (persona, response.status_code)


def test_forwarding_through_the_page_opens_the_cells_round(client, world, parent):
    client.force_login(world.secretary)
    url = reverse("reporting:cascade_open", args=[parent.pk, world.grassroots.pk])
    response = client.post(url, {"deadline": "20/04/2030"})
    child = ReportingRound.objects.get(parent=parent)
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:round_detail", args=[child.pk])
    page = client.get(reverse("reporting:report_edit", args=[parent.pk, world.grassroots.pk]))
    assert "0/2 chi bộ đã nộp" in page.content.decode()


def test_the_committee_reads_the_consolidated_report_with_its_breakdown(client, cascaded):
    world, parent, _child = cascaded
    cascade.consolidate_from_cells(parent, unit=world.grassroots, version=None, by=world.secretary)
    report = reports.submit_unit_report(
        parent, unit=world.grassroots, version=None, by=world.secretary
    )
    client.force_login(world.officer)
    page = client.get(reverse("reporting:report_view", args=[report.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="child-round"' in html
    assert "các chi bộ 5" in html


def test_the_committees_matrix_shows_each_grassroots_cells_in_constant_queries(
    client, world, parent, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lamtheobac.testing import make_unit

    url = reverse("reporting:round_detail", args=[parent.pk])
    client.force_login(world.officer)
    cascade.open_child_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    with CaptureQueriesContext(connection) as one:
        page = client.get(url)
    row = page.content.decode().split('data-unit="Đảng bộ Sở Tài chính"')[1].split("</tr>")[0]
    assert "0/2 chi bộ đã nộp" in row
    # a second đảng bộ forwarding adds a row's worth of data, not a query
    second = make_unit(
        parent=world.committee, name="Đảng bộ Sở Xây dựng", kind=UnitKind.GRASSROOTS_COMMITTEE
    )
    make_unit(parent=second, name="Chi bộ Phòng Quy hoạch", kind=UnitKind.SUBORDINATE_CELL)
    from lamtheobac.reporting.models import RoundTarget

    RoundTarget.objects.create(round=parent, unit=second, unit_name=second.name, position=9)
    cascade.open_child_round(parent, unit=second, deadline=CELLS_DEADLINE, by=world.officer)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert "0/1 chi bộ đã nộp" in page.content.decode()


def test_the_matrix_reads_no_cells_progress_while_no_unit_forwarded_the_round(
    client, world, parent, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("reporting:round_detail", args=[parent.pk])
    client.force_login(world.officer)
    client.get(url)  # warm the per-round cache of đảng bộ choices
    with CaptureQueriesContext(connection) as before:
        page = client.get(url)
    assert "data-cells" not in page.content.decode()
    # the child rounds are known from the rows' query: no query of child rounds alone
    assert not [
        q for q in before if q["sql"].startswith('SELECT "reporting_reportinground"."committee_id"')
    ]
    cascade.open_child_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    with django_assert_max_num_queries(len(before) + 1):
        page = client.get(url)
    row = page.content.decode().split('data-unit="Đảng bộ Sở Tài chính"')[1].split("</tr>")[0]
    assert "0/2 chi bộ đã nộp" in row
