"""A merge and the reporting rounds still running (issue 11 §2): the merged unit takes the
place of the cells that have not submitted; what was submitted stays the old cell's; closed
rounds are history and keep their targets."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from lamtheobac.reporting.actions import reports
from lamtheobac.reporting.actions.rounds import close_reporting_round
from lamtheobac.reporting.models import ReportingRound, ReportState, RoundTarget, UnitReport
from lamtheobac.structure.actions.restructure import merge_units
from lamtheobac.testing import World, draft_report, grant, make_round, make_unit, make_user
from lamtheobac.units.models import Role, Unit, UnitKind

MERGED = "Chi bộ Sở Tư pháp - Nội vụ"
MERGED_ON = dt.date(2025, 7, 1)


def _cells(world: World) -> tuple[Unit, Unit]:
    b = make_unit(parent=world.committee, name="Chi bộ Sở Nội vụ", kind=UnitKind.GRASSROOTS_CELL)
    grant(make_user("bithu.noivu"), b, Role.UNIT_STAFF)
    return Unit.objects.get(pk=world.sibling.pk), b


def _staff(unit: Unit) -> User:
    return User.objects.get(role_grants__unit=unit, role_grants__role=Role.UNIT_STAFF)


def _merge(world: World, a: Unit, b: Unit, **kwargs: object) -> Unit:
    change = merge_units(sources=[a, b], on=MERGED_ON, by=world.admin, **kwargs)  # type: ignore[arg-type]
    return change.parts.get(part="result").unit


def _targets(round: ReportingRound) -> list[tuple[int, str]]:
    return list(
        RoundTarget.objects.filter(round=round)
        .order_by("position", "pk")
        .values_list("unit_id", "unit_name")
    )


def test_an_open_round_asks_the_merged_unit_instead_of_the_two_cells(world: World):
    a, b = _cells(world)
    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots, a, b]
    )
    c = _merge(world, a, b, new_name=MERGED)
    assert _targets(round) == [(world.grassroots.pk, world.grassroots.name), (c.pk, MERGED)]
    # Asked at the place the first cell had in the matrix order.
    assert RoundTarget.objects.get(round=round, unit=c).position == 1


def test_a_cell_that_already_submitted_keeps_its_report_and_its_row(world: World):
    a, b = _cells(world)
    round = make_round(committee=world.committee, by=world.officer, targets=[a, b])
    draft_report(round, a, _staff(a))
    reports.submit_unit_report(round, unit=a, version=None, by=_staff(a))
    draft = draft_report(round, b, _staff(b))
    c = _merge(world, a, b, new_name=MERGED)
    # A's submitted report stays A's, under its old name; B's place goes to C.
    assert _targets(round) == [(a.pk, "Chi bộ Sở Tư pháp"), (c.pk, MERGED)]
    assert UnitReport.objects.get(round=round, unit=a).state == ReportState.SUBMITTED
    # B's unfinished draft is kept where it was, not carried over to C.
    assert UnitReport.objects.get(pk=draft.pk).unit_id == b.pk
    assert not UnitReport.objects.filter(round=round, unit=c).exists()


def test_when_every_cell_submitted_the_merged_unit_is_not_asked_again(world: World):
    a, b = _cells(world)
    round = make_round(committee=world.committee, by=world.officer, targets=[a, b])
    for unit in (a, b):
        draft_report(round, unit, _staff(unit))
        reports.submit_unit_report(round, unit=unit, version=None, by=_staff(unit))
    _merge(world, a, b, new_name=MERGED)
    assert [unit for unit, _ in _targets(round)] == [a.pk, b.pk]


def test_a_closed_round_keeps_the_cells_it_asked(world: World):
    a, b = _cells(world)
    round = make_round(committee=world.committee, by=world.officer, targets=[a, b])
    close_reporting_round(round, by=world.officer)
    _merge(world, a, b, new_name=MERGED)
    assert [unit for unit, _ in _targets(round)] == [a.pk, b.pk]


def test_merging_into_a_unit_already_asked_leaves_one_row_for_it(world: World):
    a, b = _cells(world)
    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots, a, b]
    )
    c = make_unit(parent=world.committee, name=MERGED, kind=UnitKind.GRASSROOTS_CELL)
    RoundTarget.objects.create(round=round, unit=c, unit_name=c.name, position=3)
    _merge(world, a, b, into=c)
    assert [unit for unit, _ in _targets(round)] == [world.grassroots.pk, c.pk]


def test_a_draft_round_follows_the_merge_too(world: World):
    a, b = _cells(world)
    round = make_round(committee=world.committee, by=world.officer, targets=[a, b], open=False)
    c = _merge(world, a, b, new_name=MERGED)
    assert _targets(round) == [(c.pk, MERGED)]
