"""A split or a dissolution and the reporting rounds still running (issue 11 §2), like a merge
(``test_merge_rounds``): a cell that has not submitted gives way to the new cells (split) or
is no longer asked (dissolution); what was submitted stays the old cell's; closed rounds are
history and keep their targets; the audit record lists the rounds changed."""

from __future__ import annotations

import datetime as dt

from lamtheobac.audit.models import AuditEvent
from lamtheobac.reporting.actions import reports
from lamtheobac.reporting.actions.rounds import close_reporting_round
from lamtheobac.reporting.models import ReportingRound, ReportState, RoundTarget, UnitReport
from lamtheobac.structure.actions import AuditAction
from lamtheobac.structure.actions.restructure import dissolve_unit, split_unit
from lamtheobac.structure.models import UnitChange
from lamtheobac.testing import World, draft_report, make_person, make_round
from lamtheobac.units.models import Unit

ON = dt.date(2025, 7, 1)
PARTS = ["Chi bộ Sở Tư pháp 1", "Chi bộ Sở Tư pháp 2"]


def _sibling(world: World) -> Unit:
    return Unit.objects.get(pk=world.sibling.pk)


def _split(world: World) -> tuple[UnitChange, list[Unit]]:
    people = [make_person(unit=world.sibling) for _ in range(2)]
    change = split_unit(
        unit=_sibling(world),
        names=PARTS,
        assignments={people[0].pk: 0, people[1].pk: 1},
        on=ON,
        by=world.admin,
    )
    parts = [p.unit for p in change.parts.filter(part="result").select_related("unit")]
    return change, sorted(parts, key=lambda u: u.pk)


def _dissolve(world: World) -> UnitChange:
    return dissolve_unit(unit=_sibling(world), on=ON, by=world.admin)


def _targets(round: ReportingRound) -> list[tuple[int, str]]:
    return list(
        RoundTarget.objects.filter(round=round)
        .order_by("position", "pk")
        .values_list("unit_id", "unit_name")
    )


def _audited(change: UnitChange, action: str) -> list[int]:
    event = AuditEvent.objects.get(action=action, target_id=str(change.pk))
    assert event.after is not None
    return list(event.after["rounds_retargeted"])


def test_an_open_round_asks_the_new_cells_of_a_split_at_the_old_cells_place(world: World):
    sibling = _sibling(world)
    round = make_round(
        committee=world.committee, by=world.officer, targets=[sibling, world.grassroots]
    )
    RoundTarget.objects.filter(round=round, unit=sibling).update(
        lock_exception_until=dt.date(2030, 5, 10)
    )
    change, parts = _split(world)
    assert _targets(round) == [
        (parts[0].pk, PARTS[0]),
        (parts[1].pk, PARTS[1]),
        (world.grassroots.pk, world.grassroots.name),
    ]
    asked = RoundTarget.objects.filter(round=round, unit__in=parts)
    assert {(t.position, t.lock_exception_until) for t in asked} == {(0, dt.date(2030, 5, 10))}
    assert _audited(change, AuditAction.UNIT_SPLIT) == [round.pk]


def test_a_cell_that_submitted_before_its_split_keeps_its_report_and_its_row(world: World):
    sibling = _sibling(world)
    round = make_round(committee=world.committee, by=world.officer, targets=[sibling])
    draft_report(round, sibling, world.sibling_officer, submit=True)
    change, parts = _split(world)
    assert _targets(round) == [(sibling.pk, "Chi bộ Sở Tư pháp")]
    assert UnitReport.objects.get(round=round, unit=sibling).state == ReportState.SUBMITTED
    assert not RoundTarget.objects.filter(unit__in=parts).exists()
    assert _audited(change, AuditAction.UNIT_SPLIT) == []


def test_a_draft_round_follows_a_split_and_a_closed_one_does_not(world: World):
    sibling = _sibling(world)
    draft = make_round(committee=world.committee, by=world.officer, targets=[sibling], open=False)
    closed = make_round(committee=world.committee, by=world.officer, targets=[sibling])
    close_reporting_round(closed, by=world.officer)
    change, parts = _split(world)
    assert [unit for unit, _ in _targets(draft)] == [p.pk for p in parts]
    assert _targets(closed) == [(sibling.pk, "Chi bộ Sở Tư pháp")]
    assert _audited(change, AuditAction.UNIT_SPLIT) == [draft.pk]


def test_a_dissolved_cell_that_had_not_submitted_is_no_longer_asked(world: World):
    sibling = _sibling(world)
    opened = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots, sibling]
    )
    draft = make_round(committee=world.committee, by=world.officer, targets=[sibling], open=False)
    # A draft report of the dissolved cell stays stored under it, out of the round's matrix.
    first = opened.outline.sections.order_by("position").first()
    assert first is not None
    unfinished = reports.save_report_draft(
        opened,
        unit=sibling,
        answers={first.pk: "Dở dang."},
        values={},
        version=None,
        by=world.sibling_officer,
    )
    change = _dissolve(world)
    assert _targets(opened) == [(world.grassroots.pk, world.grassroots.name)]
    assert _targets(draft) == []
    assert UnitReport.objects.get(pk=unfinished.pk).unit_id == sibling.pk
    assert _audited(change, AuditAction.UNIT_DISSOLVED) == sorted([opened.pk, draft.pk])


def test_a_dissolved_cell_keeps_its_submitted_report_and_a_closed_round_its_row(world: World):
    sibling = _sibling(world)
    opened = make_round(committee=world.committee, by=world.officer, targets=[sibling])
    draft_report(opened, sibling, world.sibling_officer, submit=True)
    closed = make_round(committee=world.committee, by=world.officer, targets=[sibling])
    close_reporting_round(closed, by=world.officer)
    change = _dissolve(world)
    assert _targets(opened) == [(sibling.pk, "Chi bộ Sở Tư pháp")]
    assert _targets(closed) == [(sibling.pk, "Chi bộ Sở Tư pháp")]
    assert _audited(change, AuditAction.UNIT_DISSOLVED) == []


def test_dissolving_with_a_receiving_unit_does_not_ask_it_in_the_cells_place(world: World):
    sibling = _sibling(world)
    make_person(unit=sibling)
    round = make_round(committee=world.committee, by=world.officer, targets=[sibling])
    dissolve_unit(unit=sibling, on=ON, transfer_to=world.grassroots, by=world.admin)
    assert _targets(round) == []
