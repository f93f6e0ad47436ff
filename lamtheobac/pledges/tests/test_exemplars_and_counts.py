"""Exemplars and models (issue 8 point 4) and the roll-up counts against a hand count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lamtheobac.commendations.models import Nomination
from lamtheobac.core.errors import AccessDenied, DomainError, StateError
from lamtheobac.pledges import queries, tally
from lamtheobac.pledges.actions import exemplars as ex
from lamtheobac.pledges.actions import pledges as actions
from lamtheobac.pledges.actions.pledges import ItemInput
from lamtheobac.pledges.models import ExemplarState, ModelState
from lamtheobac.testing import make_person, make_programme, make_unit
from lamtheobac.units.models import UnitKind

pytestmark = pytest.mark.django_db
YEAR = 2026


def test_a_model_counts_only_once_the_organisations_committee_approved_it(world):
    m = ex.register_model(
        unit=world.cell, year=YEAR, by=world.cell_secretary, name="Mỗi tuần một việc tốt"
    )
    assert m.organisation == world.grassroots

    def approved() -> int:
        return queries.exemplar_counts([world.grassroots], YEAR)[
            world.grassroots.pk
        ].models_approved

    m = ex.submit_model(model=m, by=world.cell_secretary, version=m.version)
    assert (
        queries.exemplar_counts([world.grassroots], YEAR)[world.grassroots.pk].models_registered
        == 1
    )
    assert approved() == 0
    with pytest.raises(AccessDenied):  # the cell cannot approve its own model
        ex.approve_model(model=m, by=world.cell_secretary, version=m.version)
    with pytest.raises(StateError):  # nor can the committee evaluate an unapproved one
        ex.evaluate_model(model=m, by=world.officer, version=m.version, outcome="effective")
    m = ex.approve_model(model=m, by=world.secretary, version=m.version)
    assert m.state == ModelState.APPROVED and approved() == 1
    m = ex.evaluate_model(model=m, by=world.officer, version=m.version, outcome="replicated")
    assert m.state == ModelState.EVALUATED
    assert (
        queries.exemplar_counts([world.committee], YEAR)[world.committee.pk].models_replicated == 1
    )


def test_a_returned_model_needs_a_comment_and_goes_back_to_the_unit(world):
    m = ex.register_model(unit=world.cell, year=YEAR, by=world.cell_secretary, name="Mô hình")
    m = ex.submit_model(model=m, by=world.cell_secretary, version=m.version)
    with pytest.raises(DomainError):
        ex.return_model(model=m, by=world.secretary, version=m.version, comment=" ")
    m = ex.return_model(model=m, by=world.secretary, version=m.version, comment="Thêm số liệu")
    m = ex.update_model(model=m, by=world.cell_secretary, version=m.version, results="12 sáng kiến")
    assert m.state == ModelState.RETURNED and m.results == "12 sáng kiến"


def test_model_files_are_checked_by_content_and_removal_keeps_the_row(world):
    m = ex.register_model(unit=world.cell, year=YEAR, by=world.cell_secretary, name="Mô hình")
    png = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    stored = ex.add_model_file(model=m, upload=png, by=world.cell_secretary)
    with pytest.raises(DomainError):
        ex.add_model_file(
            model=m, upload=SimpleUploadedFile("x.png", b"MZ not an image"), by=world.cell_secretary
        )
    ex.remove_model_file(stored=stored, by=world.cell_secretary)
    assert m.files.count() == 1 and m.files.present().count() == 0


def test_exemplars_respect_the_quota_and_quote_it(world):
    people = [make_person(unit=world.cell) for _ in range(4)]
    for p in people[:3]:
        ex.propose_exemplar(organisation=world.grassroots, year=YEAR, person=p, by=world.secretary)
    with pytest.raises(DomainError, match="02 - 03"):
        ex.propose_exemplar(
            organisation=world.grassroots, year=YEAR, person=people[3], by=world.secretary
        )
    make_programme(world, year=YEAR, individuals_max=4)
    ex.propose_exemplar(
        organisation=world.grassroots, year=YEAR, person=people[3], by=world.secretary
    )
    assert queries.exemplar_quota(world.grassroots, YEAR)["individual"] == (2, 4)


def test_an_exemplar_outside_the_organisation_is_refused(world):
    stranger = make_person(unit=world.sibling)
    with pytest.raises(DomainError):
        ex.propose_exemplar(
            organisation=world.grassroots, year=YEAR, person=stranger, by=world.secretary
        )
    with pytest.raises(AccessDenied):
        ex.propose_exemplar(
            organisation=world.grassroots,
            year=YEAR,
            collective=world.cell,
            by=world.sibling_officer,
        )


def test_approved_exemplars_become_nominations_of_a_commendation_round(world):
    from lamtheobac.commendations.models import CommendationRound, CommendationRoundState

    round = CommendationRound.objects.create(
        committee=world.committee,
        title="Biểu dương điển hình",
        state=CommendationRoundState.OPEN,
        created_by=world.officer,
    )
    person = make_person(unit=world.cell)
    e = ex.propose_exemplar(
        organisation=world.grassroots,
        year=YEAR,
        person=person,
        by=world.secretary,
        achievements="Gương mẫu",
    )
    with pytest.raises(StateError):
        ex.nominate_exemplars(round=round, exemplars=[e], by=world.secretary)
    e = ex.approve_exemplar(exemplar=e, by=world.secretary, version=e.version)
    assert e.state == ExemplarState.APPROVED
    [nomination] = ex.nominate_exemplars(round=round, exemplars=[e], by=world.secretary)
    assert Nomination.objects.get(pk=nomination.pk).nominee_person == person
    e.refresh_from_db()
    assert e.nomination_id == nomination.pk
    with pytest.raises(DomainError):
        ex.nominate_exemplars(round=round, exemplars=[e], by=world.secretary)


def test_roll_up_counts_match_a_hand_count_on_a_small_tree_in_constant_queries(world):
    """Tree: grassroots (cell: 3 people, other_cell: 2) and sibling (2).
    Hand count: cell 3 submitted (1 leader), 2 accepted, 1 assessed; other_cell 1
    submitted; sibling 1 submitted, 1 accepted; one draft in other_cell is not counted."""
    by = None  # the system, as the demo builder
    items = [ItemInput("Việc")]

    def plan(unit, state, leader=False):
        person = make_person(unit=unit, position="Bí thư" if leader else "Chuyên viên")
        p = actions.start_pledge(
            person=person, year=YEAR, by=by, items=items, on=dt.date(2026, 2, 1)
        )
        if state == "draft":
            return
        p = actions.submit_pledge(pledge=p, by=by, version=p.version)
        if state == "submitted":
            return
        p = actions.accept_pledge(pledge=p, by=by, version=p.version)
        if state == "accepted":
            return
        item = p.items.get()
        p = actions.self_assess_pledge(
            pledge=p,
            by=by,
            version=p.version,
            assessments=[actions.ItemAssessment(item.pk, "good")],
        )
        actions.evaluate_pledge(pledge=p, by=by, version=p.version, result="done")

    plan(world.cell, "submitted", leader=True)
    plan(world.cell, "accepted")
    plan(world.cell, "evaluated")
    plan(world.other_cell, "submitted")
    plan(world.other_cell, "draft")
    plan(world.sibling, "accepted")
    units = [world.cell, world.other_cell, world.grassroots, world.sibling, world.committee]
    with CaptureQueriesContext(connection) as ctx:
        counts = queries.pledge_counts(units, YEAR)
    # Units at three depths, each other's ancestors: still one grouped query.
    assert len({u.depth for u in units}) == 3
    assert len(ctx.captured_queries) == 1
    got = {
        u.name: (
            counts[u.pk].submitted,
            counts[u.pk].accepted,
            counts[u.pk].assessed,
            counts[u.pk].leaders,
        )
        for u in units
    }
    assert got == {
        world.cell.name: (3, 2, 1, 1),
        world.other_cell.name: (1, 0, 0, 0),
        world.grassroots.name: (4, 2, 1, 1),
        world.sibling.name: (1, 1, 0, 0),
        world.committee.name: (5, 3, 1, 1),
    }
    tally.rebuild(YEAR)  # the running tallies equal a recount from the plans
    assert queries.pledge_counts(units, YEAR) == counts
    states = queries.pledge_state_counts([world.other_cell], YEAR)[world.other_cell.pk]
    assert (states["draft"], states["submitted"]) == (1, 1)


def test_the_number_of_queries_does_not_grow_with_the_number_of_units(world):
    ex.register_model(unit=world.cell, year=YEAR, by=None, name="Mô hình")
    few = [world.grassroots, world.sibling]
    many = few + [
        make_unit(parent=world.committee, kind=UnitKind.GRASSROOTS_CELL) for _ in range(20)
    ]
    seen = []
    for units in (few, many):
        with CaptureQueriesContext(connection) as ctx:
            queries.pledge_counts(units, YEAR)
            queries.exemplar_counts(units, YEAR)
            queries.people_counts(units)
        seen.append(len(ctx.captured_queries))
    assert seen[0] == seen[1] <= 6


def test_every_change_of_a_model_and_an_exemplar_is_audited(world):
    from lamtheobac.audit.models import AuditEvent

    m = ex.register_model(unit=world.cell, year=YEAR, by=world.cell_secretary, name="Mô hình")
    m = ex.submit_model(model=m, by=world.cell_secretary, version=m.version)
    m = ex.approve_model(model=m, by=world.secretary, version=m.version)
    ex.evaluate_model(model=m, by=world.officer, version=m.version, outcome="effective")
    e = ex.propose_exemplar(
        organisation=world.grassroots, year=YEAR, collective=world.cell, by=world.secretary
    )
    ex.withdraw_exemplar(exemplar=e, by=world.secretary, version=e.version, reason="Đổi")
    logged = list(AuditEvent.objects.order_by("pk").values_list("action", "actor__username"))
    assert logged[-6:] == [
        ("exemplary_model.registered", "bithu.ngansach"),
        ("exemplary_model.submit", "bithu.ngansach"),
        ("exemplary_model.approve", "bithu.taichinh"),
        ("exemplary_model.evaluate", "canbo.btg"),
        ("exemplar.proposed", "bithu.taichinh"),
        ("exemplar.withdraw", "bithu.taichinh"),
    ]


def test_bulk_plans_look_like_the_write_functions_ones_and_are_counted(world):

    from lamtheobac.pledges.bench import bulk_people, generate_pledges
    from lamtheobac.pledges.models import Pledge

    bulk_people([world.cell, world.other_cell, world.sibling], per_unit=10)
    made = generate_pledges(world.committee, year=YEAR, share=1.0)
    assert made["pledges"] == Pledge.objects.filter(year=YEAR).count() == 30
    assert all(2 <= p.items.count() <= 4 for p in Pledge.objects.filter(year=YEAR))
    by_hand = Pledge.objects.filter(
        year=YEAR, state__in=["submitted", "accepted", "self_assessed", "evaluated"]
    ).count()
    assert queries.pledge_counts([world.committee], YEAR)[world.committee.pk].submitted == by_hand
