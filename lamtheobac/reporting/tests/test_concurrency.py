"""Two requests on one unit report at the same instant (docs/domain.md §8: no data lost on
concurrent edits): real threads, each with its own connection, released by a barrier against
the real database. Each race is run several times so a lucky interleaving cannot pass it."""

from __future__ import annotations

from functools import partial

import pytest

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import StaleEdit, StateError
from lamtheobac.reporting.actions import reports
from lamtheobac.reporting.models import ReportState, ReportSubmission, UnitReport
from lamtheobac.testing import grant, make_round, make_user, race, sqlite_on_disk
from lamtheobac.units.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 5


@pytest.fixture(autouse=True, scope="module")
def _sqlite_on_disk(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), sqlite_on_disk(tmp_path_factory.mktemp("race")):
        yield


def _events(report: UnitReport, action: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=action, target_type="reporting.unitreport", target_id=str(report.pk)
        ).order_by("pk")
    )


def _draft(world, text: str = "Đã quán triệt Chỉ thị tới 100% đảng viên."):
    """A fresh round with a saved draft of ``world.grassroots``; returns (round, report)."""
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    first = round.outline.sections.order_by("position").values_list("pk", flat=True)[0]
    report = reports.save_report_draft(
        round,
        unit=world.grassroots,
        answers={first: text},
        values={},
        version=None,
        by=world.secretary,
    )
    return round, report


def _one_winner(outcomes: list[object], losing: tuple[type[Exception], ...]) -> int:
    """The index of the one call that returned; the other must have raised ``losing``."""
    winners = [i for i, o in enumerate(outcomes) if not isinstance(o, BaseException)]
    losers = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(winners) == 1, outcomes
    assert len(losers) == 1 and isinstance(losers[0], losing), outcomes
    return winners[0]


def test_two_submissions_of_one_report_at_once_make_exactly_one_submission(world):
    for n in range(ROUNDS):
        round, draft = _draft(world)
        # Both posts come from the same page; half the rounds post no version at all.
        version = draft.version if n % 2 else None

        def submit(round=round, version=version):
            return reports.submit_unit_report(
                round, unit=world.grassroots, version=version, by=world.secretary
            )

        _one_winner(race(submit, submit), (StateError, StaleEdit))
        report = UnitReport.objects.get(pk=draft.pk)
        assert report.state == ReportState.SUBMITTED
        assert report.version == draft.version + 1
        assert ReportSubmission.objects.filter(report=report).count() == 1
        assert len(_events(report, "unit_report.submit")) == 1


def test_two_drafts_saved_from_one_version_keep_the_winners_text_whole(world):
    for n in range(ROUNDS):
        round, draft = _draft(world)
        sections = list(round.outline.sections.order_by("position").values_list("pk", flat=True))
        texts = [
            {sid: f"Lần {n}, người A, mục {i}" for i, sid in enumerate(sections)},
            {sid: f"Lần {n}, người B, mục {i}" for i, sid in enumerate(sections)},
        ]

        def save(answers, round=round, version=draft.version):
            return reports.save_report_draft(
                round,
                unit=world.grassroots,
                answers=answers,
                values={},
                version=version,
                by=world.secretary,
            )

        winner = _one_winner(race(partial(save, texts[0]), partial(save, texts[1])), (StaleEdit,))
        report = UnitReport.objects.get(pk=draft.pk)
        stored = dict(report.answers.values_list("section_id", "text"))
        assert stored == texts[winner]  # every section the winner's, none the loser's
        assert report.version == draft.version + 1
        assert len(_events(report, "unit_report.saved")) == 2  # the first draft and the winner


def test_accept_and_return_racing_on_one_report_leave_only_the_winners_action(world):
    second_officer = make_user("canbo.btg2")
    grant(second_officer, world.committee, Role.COMMITTEE_STAFF)
    for _ in range(ROUNDS):
        round, draft = _draft(world)
        submitted = reports.submit_unit_report(
            round, unit=world.grassroots, version=draft.version, by=world.secretary
        )
        shown = UnitReport.objects.get(pk=submitted.pk)  # both officers open the same page

        def accept(shown=shown):
            return reports.accept_unit_report(shown, version=shown.version, by=world.officer)

        def give_back(shown=shown):
            return reports.return_unit_report(
                shown,
                comment="Bổ sung số liệu mục II.",
                version=shown.version,
                by=second_officer,
            )

        winner = _one_winner(race(accept, give_back), (StateError, StaleEdit))
        report = UnitReport.objects.get(pk=submitted.pk)
        assert report.version == submitted.version + 1
        accepted, returned = (
            _events(report, "unit_report.accept"),
            _events(report, "unit_report.return"),
        )
        if winner == 0:
            assert report.state == ReportState.ACCEPTED
            assert report.reviewed_by == world.officer
            assert (len(accepted), len(returned)) == (1, 0)
        else:
            assert report.state == ReportState.RETURNED
            assert report.return_comment == "Bổ sung số liệu mục II."
            assert report.reviewed_by == second_officer
            assert (len(accepted), len(returned)) == (0, 1)
