"""The candidate list and ``nominate`` follow one rule (``commendations.scope``): a unit puts
forward what it answered for on the round's reference date, in the tree of that day — so the
list never offers a nominee the write refuses, nor hides one it accepts (issue 11 §2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client

from lamtheobac.commendations.actions import nominations
from lamtheobac.commendations.candidates import candidates
from lamtheobac.commendations.models import CommendationRound
from lamtheobac.commendations.tests.factories import make_commendation_round
from lamtheobac.core.errors import DomainError
from lamtheobac.pledges.actions.memberships import record_transfer
from lamtheobac.pledges.models import Membership
from lamtheobac.structure.actions.restructure import merge_units, move_unit, split_unit
from lamtheobac.testing import World, grant, make_person, make_unit, make_user
from lamtheobac.units.models import Person, Role, Unit, UnitKind

pytestmark = pytest.mark.django_db

MOVED_ON = dt.date(2025, 6, 1)
BEFORE = dt.date(2025, 3, 31)  # a reference date before the move
AFTER = dt.date(2025, 9, 30)  # a reference date after it


def _round(world: World, day: dt.date) -> CommendationRound:
    return make_commendation_round(committee=world.committee, by=world.officer, reference_date=day)


def _other_committee(world: World) -> Unit:
    return make_unit(
        parent=world.committee, name="Đảng bộ Sở Xây dựng", kind=UnitKind.GRASSROOTS_COMMITTEE
    )


def _move_a_cell(world: World) -> tuple[Unit, Unit, Unit]:
    """Chi bộ Phòng Tin học moves from Đảng bộ Sở Tài chính (A) to Đảng bộ Sở Xây dựng (B)
    on MOVED_ON, with its one member, who never changed cell."""
    b = _other_committee(world)
    make_person(unit=world.other_cell, family_name="Phạm", middle_name="Văn", given_name="Hùng")
    move_unit(unit=world.other_cell, to_parent=b, on=MOVED_ON, by=world.admin)
    return Unit.objects.get(pk=world.grassroots.pk), b, Unit.objects.get(pk=world.other_cell.pk)


def _accepts(round: CommendationRound, unit: Unit, by, **nominee) -> bool:
    """Whether ``nominate`` takes the nominee (the nomination is rolled back)."""
    try:
        with transaction.atomic():
            nominations.nominate(round, unit=unit, by=by, **nominee)
            transaction.set_rollback(True)
    except DomainError:
        return False
    return True


def test_a_cell_moved_away_after_the_reference_date_is_still_put_forward_by_its_old_parent(
    world: World,
):
    a, b, moved = _move_a_cell(world)
    round = _round(world, BEFORE)

    offered_a = {c.pk: c for c in candidates(round, a).collectives}
    assert moved.pk in offered_a
    assert offered_a[moved.pk].label == "Chi bộ Phòng Tin học — Đảng bộ Sở Tài chính"
    assert offered_a[moved.pk].note == "nay trực thuộc Đảng bộ Sở Xây dựng"
    assert moved.pk not in {c.pk for c in candidates(round, b).collectives}

    with pytest.raises(DomainError) as refused:
        nominations.nominate(round, unit=b, collective=moved, by=world.officer)
    assert str(refused.value) == (
        "Tập thể “Chi bộ Phòng Tin học” không thuộc Đảng bộ Sở Xây dựng vào ngày chốt số liệu "
        "của đợt (31/03/2025); đơn vị cấp trên của tập thể ngày đó mới đề nghị được."
    )
    nomination = nominations.nominate(round, unit=a, collective=moved, by=world.officer)
    assert (nomination.unit_id, nomination.nominee_unit_id) == (a.pk, moved.pk)


def test_a_cell_moved_in_before_the_reference_date_is_put_forward_by_its_new_parent(
    world: World,
):
    a, b, moved = _move_a_cell(world)
    round = _round(world, AFTER)

    offered_b = {c.pk: c for c in candidates(round, b).collectives}
    assert offered_b[moved.pk].label == "Chi bộ Phòng Tin học — Đảng bộ Sở Xây dựng"
    assert offered_b[moved.pk].note == ""
    assert moved.pk not in {c.pk for c in candidates(round, a).collectives}

    with pytest.raises(DomainError, match="không thuộc Đảng bộ Sở Tài chính vào ngày chốt"):
        nominations.nominate(round, unit=a, collective=moved, by=world.officer)
    nomination = nominations.nominate(round, unit=b, collective=moved, by=world.officer)
    assert nomination.unit_id == b.pk


def test_the_members_of_a_moved_cell_go_with_it_by_the_reference_date(world: World):
    a, b, moved = _move_a_cell(world)
    hung = Person.objects.get(unit=moved)
    before, after = _round(world, BEFORE), _round(world, AFTER)

    assert hung.pk in {c.pk for c in candidates(before, a).persons}
    assert hung.pk not in {c.pk for c in candidates(before, b).persons}
    assert hung.pk in {c.pk for c in candidates(after, b).persons}
    assert hung.pk not in {c.pk for c in candidates(after, a).persons}
    assert not _accepts(before, b, world.officer, person=hung)
    assert not _accepts(after, a, world.officer, person=hung)
    assert _accepts(before, a, world.officer, person=hung)
    assert _accepts(after, b, world.officer, person=hung)


def test_someone_who_joined_after_the_reference_date_is_neither_offered_nor_accepted(
    world: World,
):
    newcomer = make_person(unit=world.cell, family_name="Đỗ", middle_name="Thị", given_name="Mai")
    Membership.objects.create(person=newcomer, unit=world.cell, start=dt.date(2025, 7, 1))
    round = _round(world, dt.date(2025, 6, 30))

    assert newcomer.pk not in {c.pk for c in candidates(round, world.grassroots).persons}
    with pytest.raises(DomainError) as refused:
        nominations.nominate(round, unit=world.grassroots, person=newcomer, by=world.officer)
    assert str(refused.value) == (
        "Đồng chí Đỗ Thị Mai không thuộc Đảng bộ Sở Tài chính vào ngày chốt số liệu của đợt "
        "(30/06/2025); đơn vị nơi đồng chí sinh hoạt ngày đó mới đề nghị được."
    )
    later = _round(world, dt.date(2025, 7, 1))
    assert newcomer.pk in {c.pk for c in candidates(later, world.grassroots).persons}
    assert _accepts(later, world.grassroots, world.officer, person=newcomer)


def test_the_form_takes_the_cell_of_the_reference_date_and_refuses_the_moved_in_one(
    world: World,
):
    a, b, moved = _move_a_cell(world)
    round = _round(world, BEFORE)
    staff = make_user("vanphong.khoi")
    grant(staff, a, Role.UNIT_STAFF)
    grant(staff, b, Role.UNIT_STAFF)
    client = Client()
    client.force_login(staff)

    response = client.post(
        f"/khen-thuong/dot/{round.pk}/don-vi/{b.pk}/",
        {"collective": moved.pk, "person": "", "summary": "x"},
    )
    shown = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert (
        "Tập thể: Tập thể được chọn không thuộc Đảng bộ Sở Xây dựng vào ngày chốt số liệu của "
        "đợt (31/03/2025)."
    ) in shown
    assert not round.nominations.exists()
    page = client.get(f"/khen-thuong/dot/{round.pk}/don-vi/{a.pk}/")
    (_blank, (_group, options)) = page.context["form"].fields["collective"].choices
    assert (
        moved.pk,
        "Chi bộ Phòng Tin học — Đảng bộ Sở Tài chính [nay trực thuộc Đảng bộ Sở Xây dựng]",
    ) in [(pk.value if hasattr(pk, "value") else pk, label) for pk, label in options]
    response = client.post(
        f"/khen-thuong/dot/{round.pk}/don-vi/{a.pk}/",
        {"collective": moved.pk, "person": "", "summary": "x"},
    )
    assert round.nominations.get().nominee_unit_id == moved.pk


# --- one rule: over a small tree with a few changes, what is offered is what is accepted ---


@dataclass
class Restructured:
    nominating: list[Unit]
    units: list[Unit]
    people: list[Person]


def _restructured(world: World) -> Restructured:
    """Đảng bộ Sở Tài chính (A: Ngân sách, Tin học), Đảng bộ Sở Xây dựng (B: Quy hoạch,
    Nhà ở, Hạ tầng, Kiến trúc) and the grassroots cell Sở Tư pháp, two people in each cell;
    then in 2025: Tin học moves to B (01/03), Quy hoạch to A (01/06), a member of Ngân sách
    transfers to Nhà ở (15/04), Hạ tầng and Nhà ở merge into "Chi bộ Hạ tầng - Nhà ở" (01/09),
    Kiến trúc splits in two (01/10), a newcomer joins Ngân sách (01/07)."""
    a, b, sibling, admin = world.grassroots, _other_committee(world), world.sibling, world.admin
    cells = {
        name: make_unit(parent=b, name=f"Chi bộ {name}", kind=UnitKind.SUBORDINATE_CELL)
        for name in ("Quy hoạch", "Nhà ở", "Hạ tầng", "Kiến trúc")
    }
    for cell in (world.cell, world.other_cell, sibling, *cells.values()):
        for given in ("An", "Bình"):
            make_person(unit=cell, family_name="Lê", middle_name=cell.name[7:], given_name=given)
    move_unit(unit=world.other_cell, to_parent=b, on=dt.date(2025, 3, 1), by=admin)
    mover = Person.objects.filter(unit=world.cell).first()
    assert mover is not None
    record_transfer(person=mover, to_unit=cells["Nhà ở"], on=dt.date(2025, 4, 15), by=None)
    move_unit(unit=cells["Quy hoạch"], to_parent=a, on=dt.date(2025, 6, 1), by=admin)
    newcomer = make_person(unit=world.cell, family_name="Đỗ", given_name="Mai")
    Membership.objects.create(person=newcomer, unit=world.cell, start=dt.date(2025, 7, 1))
    merge_units(
        sources=[cells["Hạ tầng"], cells["Nhà ở"]],
        new_name="Chi bộ Hạ tầng - Nhà ở",
        on=dt.date(2025, 9, 1),
        by=admin,
    )
    architects = list(Person.objects.filter(unit=cells["Kiến trúc"]).order_by("pk"))
    split_unit(
        unit=cells["Kiến trúc"],
        names=["Chi bộ Kiến trúc 1", "Chi bộ Kiến trúc 2"],
        assignments={architects[0].pk: 0, architects[1].pk: 1},
        on=dt.date(2025, 10, 1),
        by=admin,
    )
    return Restructured(
        nominating=[Unit.objects.get(pk=u.pk) for u in (a, b, sibling)],
        units=list(Unit.objects.subtree(world.committee).exclude(pk=world.committee.pk)),
        people=list(Person.objects.all()),
    )


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2024, 12, 31),  # before every change
        dt.date(2025, 3, 1),  # the day of the first
        dt.date(2025, 5, 31),
        dt.date(2025, 6, 30),
        dt.date(2025, 9, 15),
        dt.date(2025, 12, 31),  # after every change
    ],
)
def test_every_candidate_offered_is_accepted_and_every_other_refused(world: World, day):
    tree = _restructured(world)
    round = _round(world, day)
    seen: list[int] = []
    for unit in tree.nominating:
        found = candidates(round, unit)
        offered_units = {c.pk for c in found.collectives}
        offered_people = {c.pk for c in found.persons}
        accepted_units = {
            u.pk for u in tree.units if _accepts(round, unit, world.officer, collective=u)
        }
        accepted_people = {
            p.pk for p in tree.people if _accepts(round, unit, world.officer, person=p)
        }
        assert offered_units == accepted_units, (unit.name, day)
        assert offered_people == accepted_people, (unit.name, day)
        assert unit.pk in offered_units
        seen += [-pk for pk in offered_people] + [pk for pk in offered_units if pk != unit.pk]
    # nothing is offered to two of them for the same day
    assert len(seen) == len(set(seen))
