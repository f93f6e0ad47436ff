"""A section of the outline given to one unit (``OutlineSection.assigned_unit``, e.g. the youth
section to the Đoàn Khối) goes back to every target when that unit is removed from the
round's targets: by staff editing a draft round, or by a dissolution, split or merge."""

from __future__ import annotations

import datetime as dt

from lamtheobac.audit.models import AuditEvent
from lamtheobac.reporting import queries
from lamtheobac.reporting.actions import cascade, reports, rounds
from lamtheobac.reporting.actions.rounds import unassign_sections
from lamtheobac.reporting.models import OutlineSection, ReportingRound, ReportingRoundState
from lamtheobac.structure.actions.restructure import dissolve_unit, merge_units, split_unit
from lamtheobac.structure.models import Part
from lamtheobac.testing import World, grant, make_person, make_round, make_unit, make_user
from lamtheobac.units.models import Role, Unit, UnitKind

ON = dt.date(2025, 7, 1)


def _youth_round(world: World, *, open: bool) -> tuple[ReportingRound, Unit, OutlineSection]:
    """A round of the grassroots committee whose second section is given to the youth union."""
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
    _general, section = round.outline.sections.order_by("position")
    cascade.assign_section(round, section=section, unit=youth, by=world.officer)
    if open:
        round = rounds.open_reporting_round(round, by=world.officer)
    return round, youth, section


def _assigned(section: OutlineSection) -> int | None:
    return OutlineSection.objects.get(pk=section.pk).assigned_unit_id


def test_removing_the_unit_from_a_draft_rounds_targets_gives_its_section_back(world: World):
    round, youth, section = _youth_round(world, open=False)
    assert _assigned(section) == youth.pk
    rounds.update_round(
        round,
        title=round.title,
        report_title="",
        deadline=round.deadline,
        deadline_exclusive=True,
        lock_date=None,
        target_units=[world.grassroots],
        version=ReportingRound.objects.get(pk=round.pk).version,
        by=world.officer,
    )
    assert _assigned(section) is None
    assert queries.sections_for(round, world.grassroots) == list(
        round.outline.sections.order_by("position")
    )
    event = AuditEvent.objects.filter(action="reporting_round.updated").latest("pk")
    assert event.after is not None
    assert event.after["sections_unassigned"] == [section.label]


def test_keeping_the_unit_among_the_targets_keeps_its_section(world: World):
    round, youth, section = _youth_round(world, open=False)
    rounds.update_round(
        round,
        title=round.title,
        report_title="",
        deadline=round.deadline,
        deadline_exclusive=True,
        lock_date=None,
        target_units=[youth, world.grassroots, world.sibling],
        version=ReportingRound.objects.get(pk=round.pk).version,
        by=world.officer,
    )
    assert _assigned(section) == youth.pk


def test_a_dissolved_unit_that_had_not_reported_gives_its_section_back(world: World):
    round, youth, section = _youth_round(world, open=True)
    assert round.state == ReportingRoundState.OPEN
    dissolve_unit(unit=youth, on=ON, by=world.admin)
    assert not round.targets.filter(unit=youth).exists()
    assert _assigned(section) is None


def test_a_unit_that_reported_keeps_its_section_through_a_split(world: World):
    round, youth, section = _youth_round(world, open=True)
    staff = make_user("doan.khoi")
    grant(staff, youth, Role.UNIT_STAFF)
    reports.save_report_draft(
        round,
        unit=youth,
        answers={section.pk: "Công tác thanh niên."},
        values={},
        version=None,
        by=staff,
    )
    reports.submit_unit_report(round, unit=youth, version=None, by=staff)
    people = [make_person(unit=youth) for _ in range(2)]
    split_unit(
        unit=youth,
        names=["Đoàn Khối 1", "Đoàn Khối 2"],
        assignments={people[0].pk: 0, people[1].pk: 1},
        on=ON,
        by=world.admin,
    )
    assert round.targets.filter(unit=youth).exists()
    assert _assigned(section) == youth.pk


def test_giving_sections_back_takes_two_queries_however_many_targets_were_removed(
    world: World, django_assert_num_queries
):
    round, youth, section = _youth_round(world, open=False)
    with django_assert_num_queries(0):
        assert unassign_sections([]) == []
    removed = [(round.pk, youth.pk)] + [(round.pk, 10_000 + i) for i in range(1500)]
    with django_assert_num_queries(2):
        assert unassign_sections(removed) == [section.label]
    assert _assigned(section) is None


def test_a_merge_hands_the_section_to_the_merged_unit(world: World):
    """Two youth unions merged into one: the merged union takes over the section its part was
    given, rather than the section falling back to every target (domain §4.2)."""
    round, youth, section = _youth_round(world, open=True)
    other = make_unit(
        parent=world.committee, name="Đoàn Thanh niên khối doanh nghiệp", kind=youth.kind
    )
    change = merge_units(
        sources=[youth, other], on=ON, new_name="Đoàn Khối hợp nhất", by=world.admin
    )
    merged = change.parts.get(part=Part.RESULT).unit
    assert round.targets.filter(unit=merged).exists()
    assert not round.targets.filter(unit=youth).exists()
    assert _assigned(section) == merged.pk
    assert queries.sections_for(round, world.grassroots) == [
        round.outline.sections.order_by("position").first()
    ]
