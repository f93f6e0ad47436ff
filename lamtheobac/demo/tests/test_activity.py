"""The demo's round in progress: 545-CV/ĐUK, open, with reports in every state (built once)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.dates import today
from lamtheobac.demo.activity import RETURN_COMMENT
from lamtheobac.demo.builder import DEMO_ACCOUNTS, DemoCommittee
from lamtheobac.reporting.models import (
    MatrixState,
    ReportingRound,
    ReportingRoundState,
    ReportState,
    UnitReport,
)
from lamtheobac.reporting.queries import matrix
from lamtheobac.units.models import GRASSROOTS_KINDS, Role, RoleGrant, Unit

pytestmark = pytest.mark.django_db


def _round(demo: DemoCommittee) -> ReportingRound:
    return ReportingRound.objects.get(committee=demo.root, document__number="545-CV/ĐUK")


def _report(demo: DemoCommittee, unit_name: str) -> UnitReport | None:
    return _round(demo).reports.filter(unit__name=unit_name).first()


def _sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text))


def test_the_demo_has_one_open_round_from_545_cv_duk_for_every_grassroots_organisation(
    demo: DemoCommittee,
) -> None:
    round = _round(demo)
    assert round.state == ReportingRoundState.OPEN
    assert round.document is not None and round.document.number == "545-CV/ĐUK"
    grassroots = Unit.objects.filter(path__startswith=demo.root.path, kind__in=GRASSROOTS_KINDS)
    targets = set(round.targets.values_list("unit_id", flat=True))
    assert targets == set(grassroots.values_list("pk", flat=True))
    assert len(targets) == demo.grassroots_count == 38


def test_the_round_is_due_ten_days_from_today_by_the_end_of_that_day(
    demo: DemoCommittee,
) -> None:
    round = _round(demo)
    assert round.deadline == today() + dt.timedelta(days=10)
    assert not round.deadline_exclusive
    assert round.deadline_display.startswith("chậm nhất ngày")


def test_the_matrix_shows_a_committee_mid_round(demo: DemoCommittee) -> None:
    _, counts = matrix(_round(demo))
    assert sum(counts.values()) == 38
    for state in (
        MatrixState.NOT_STARTED,
        MatrixState.DRAFT,
        MatrixState.ON_TIME,
        MatrixState.RETURNED,
        MatrixState.ACCEPTED,
    ):
        assert counts[state] > 0, state
    assert counts[MatrixState.ACCEPTED] == 3
    assert counts[MatrixState.RETURNED] == 1
    reported = counts[MatrixState.ON_TIME] + counts[MatrixState.ACCEPTED] + 1
    assert 13 <= reported <= 17  # about 40 %
    assert 4 <= counts[MatrixState.DRAFT] <= 7  # about 15 %


def test_the_finance_committee_has_not_started_so_the_visitor_can_report(
    demo: DemoCommittee,
) -> None:
    assert _report(demo, "Đảng bộ Sở Tài chính") is None


def test_the_justice_cell_has_a_draft_written_by_its_secretary(demo: DemoCommittee) -> None:
    report = _report(demo, "Chi bộ Sở Tư pháp")
    assert report is not None and report.state == ReportState.DRAFT
    assert report.answers.exclude(text="").exists()
    actors = AuditEvent.objects.filter(action="unit_report.saved", target_id=str(report.pk))
    assert [getattr(e.actor, "username", None) for e in actors] == ["bithu.tuphap"]


def test_the_returned_report_asks_for_the_numbers_of_section_ii(demo: DemoCommittee) -> None:
    returned = _round(demo).reports.get(state=ReportState.RETURNED)
    assert returned.return_comment == RETURN_COMMENT == "Đề nghị bổ sung số liệu mục II."
    assert returned.reviewed_by is not None and returned.reviewed_by.username == "btg.duk"
    accepted = _round(demo).reports.filter(state=ReportState.ACCEPTED)
    assert {getattr(r.reviewed_by, "username", None) for r in accepted} == {"btg.duk"}


def test_reports_are_written_by_each_units_own_staff_who_cannot_log_in(
    demo: DemoCommittee,
) -> None:
    demo_usernames = {a[0] for a in DEMO_ACCOUNTS}
    in_round = [str(pk) for pk in _round(demo).reports.values_list("pk", flat=True)]
    submitted = AuditEvent.objects.filter(
        action="unit_report.submit", unit__isnull=False, target_id__in=in_round
    )
    assert submitted.count() == 15
    for event in submitted.select_related("actor", "unit"):
        actor = event.actor
        assert actor is not None
        assert actor.username.startswith("vp.") and actor.username not in demo_usernames
        assert not actor.has_usable_password()
        grants = RoleGrant.objects.filter(user=actor)
        assert [(g.unit_id, g.role) for g in grants] == [(event.unit_id, Role.UNIT_STAFF)]
        assert actor.person.full_name == f"{actor.last_name} {actor.first_name}"
    users = get_user_model().objects.filter(username__startswith="vp.")
    assert users.count() == 36  # every grassroots organisation without a demo account


def test_each_submitted_report_has_a_paragraph_of_two_to_four_sentences_per_top_level_section(
    demo: DemoCommittee,
) -> None:
    round = _round(demo)
    top = list(round.outline.sections.filter(depth=1).values_list("pk", flat=True))
    assert len(top) == 4
    reports = round.reports.exclude(state=ReportState.DRAFT).prefetch_related("answers")
    results = set()
    for report in reports:
        answers = {a.section_id: a.text for a in report.answers.all()}
        assert set(answers) == set(top), report.unit.name
        for text in answers.values():
            assert 2 <= _sentences(text) <= 4, text
        results.add(answers[top[1]])
    assert len(results) == len(reports)  # varied from unit to unit


def test_the_round_is_the_same_every_time(demo: DemoCommittee) -> None:
    states = {row.target.unit_name: row.state for row in matrix(_round(demo))[0]}
    assert states["Đảng bộ Sở Xây dựng"] == MatrixState.RETURNED
    assert states["Đảng bộ Kho bạc Nhà nước tỉnh"] == MatrixState.ACCEPTED
    assert states["Chi bộ Báo Quảng Nam"] == MatrixState.ON_TIME


def test_the_demo_has_a_cascading_round_under_two_grassroots_committees_one_submitted_upward(
    demo: DemoCommittee,
) -> None:
    from lamtheobac.reporting.demo import CASCADE_TITLE
    from lamtheobac.reporting.models import IndicatorValue

    parent = ReportingRound.objects.get(committee=demo.root, title=CASCADE_TITLE)
    children = list(parent.child_rounds.order_by("committee__path"))
    assert len(children) == 2
    assert all(c.reports.filter(state="submitted").count() >= 1 for c in children)
    consolidated = parent.reports.get(consolidated_at__isnull=False)
    assert consolidated.state == "submitted"
    assert consolidated.unit == children[0].committee
    value = IndicatorValue.objects.get(report=consolidated)
    cells_total = sum(v.value for v in IndicatorValue.objects.filter(report__round=children[0]))
    assert value.cells_value == cells_total == value.value
