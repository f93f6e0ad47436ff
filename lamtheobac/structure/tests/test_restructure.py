"""Restructuring writes: each records a change and versions, moves members through the one
membership history, and refuses bad input with a Vietnamese message, changing nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.pledges.models import Membership
from lamtheobac.structure.actions.restructure import (
    dissolve_unit,
    merge_units,
    move_unit,
    rename_unit,
    split_unit,
)
from lamtheobac.structure.models import ChangeKind, GrantTransfer, UnitChange, UnitVersion
from lamtheobac.structure.queries import as_of, name_on
from lamtheobac.testing import World, grant, make_person, make_unit, make_user
from lamtheobac.units.models import Person, Role, RoleGrant, Unit, UnitKind

D2023 = dt.date(2023, 1, 1)
D2025 = dt.date(2025, 7, 1)


def _fresh(unit: Unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)


def _nothing_changed(before_units: int, before_versions: int = 0) -> None:
    assert Unit.objects.count() == before_units
    assert UnitVersion.objects.count() == before_versions
    assert not UnitChange.objects.exists()


def test_a_rename_keeps_the_old_name_for_the_past(world: World):
    change = rename_unit(
        unit=world.sibling,
        name="Chi bộ Sở Tư pháp tỉnh",
        on=D2025,
        decision_number="Quyết định số 12-QĐ/ĐUK",
        by=world.admin,
    )
    assert _fresh(world.sibling).name == "Chi bộ Sở Tư pháp tỉnh"
    assert name_on(world.sibling, dt.date(2025, 6, 30)) == "Chi bộ Sở Tư pháp"
    assert name_on(world.sibling, D2025) == "Chi bộ Sở Tư pháp tỉnh"
    assert change.kind == ChangeKind.RENAME and change.decision_label == "Quyết định số 12-QĐ/ĐUK"
    assert AuditEvent.objects.filter(action="unit.renamed", actor=world.admin).count() == 1


def test_a_move_keeps_the_old_parent_for_the_past(world: World):
    move_unit(unit=world.cell, to_parent=world.committee, on=D2025, by=world.admin)
    cell = _fresh(world.cell)
    assert Unit.objects.get_parent(cell).pk == world.committee.pk
    before = as_of([cell], dt.date(2024, 12, 31))[cell.pk]
    after = as_of([cell], D2025)[cell.pk]
    assert (before.parent_id, before.parent_name, before.changed) == (
        world.grassroots.pk,
        "Đảng bộ Sở Tài chính",
        True,
    )
    assert (after.parent_id, after.changed) == (world.committee.pk, False)


def test_the_parent_shows_under_the_name_it_had_then(world: World):
    rename_unit(
        unit=world.grassroots, name="Đảng bộ Sở Tài chính - Kế hoạch", on=D2025, by=world.admin
    )
    then = as_of([world.cell], dt.date(2022, 5, 1))[world.cell.pk]
    assert then.parent_name == "Đảng bộ Sở Tài chính"


def test_a_unit_that_never_changed_is_what_it_is_now_at_every_date(world: World):
    then = as_of([world.cell], dt.date(1990, 1, 1))[world.cell.pk]
    assert (then.name, then.parent_name, then.changed) == (
        "Chi bộ Phòng Ngân sách",
        "Đảng bộ Sở Tài chính",
        False,
    )


def test_a_merge_moves_members_sub_units_and_grants_and_closes_the_sources(world: World):
    a = world.cell
    b = world.other_cell
    sub = make_unit(parent=b, name="Tổ đảng 1", kind=UnitKind.SUBORDINATE_CELL)
    people_a = [make_person(unit=a) for _ in range(2)]
    people_b = [make_person(unit=b) for _ in range(3)]
    b_staff = make_user("bithu.tinhoc")
    grant(b_staff, b, Role.UNIT_STAFF)
    change = merge_units(
        sources=[a, b],
        new_name="Chi bộ Phòng Ngân sách - Tin học",
        on=D2025,
        decision_number="Quyết định số 20-QĐ/ĐU",
        by=world.admin,
    )
    c = change.parts.get(part="result").unit
    assert (
        c.name == "Chi bộ Phòng Ngân sách - Tin học"
        and Unit.objects.get_parent(c).pk == world.grassroots.pk
    )
    assert change.members_moved == 5
    assert set(Person.objects.filter(unit=c).values_list("pk", flat=True)) == {
        p.pk for p in people_a + people_b
    }
    period = Membership.objects.get(person=people_a[0], unit=a)
    assert period.end == dt.date(2025, 6, 30)
    assert Membership.objects.get(person=people_a[0], unit=c).start == D2025
    assert Unit.objects.get_parent(_fresh(sub)).pk == c.pk
    assert not _fresh(a).is_active and not _fresh(b).is_active
    # the cell secretary's and B's staff grants are copied onto C, for review
    copied = {(t.user_id, t.role) for t in GrantTransfer.objects.filter(change=change)}
    assert copied == {
        (world.cell_secretary.pk, Role.UNIT_STAFF),
        (b_staff.pk, Role.UNIT_STAFF),
    }
    assert RoleGrant.objects.filter(user=b_staff, unit=c, role=Role.UNIT_STAFF).exists()
    assert RoleGrant.objects.filter(user=b_staff, unit=b).exists()  # still reads B's past
    # the member's grant follows the person through the transfer, not the review list
    assert not GrantTransfer.objects.filter(role=Role.MEMBER).exists()


def test_a_merge_into_an_existing_unit(world: World):
    person = make_person(unit=world.other_cell)
    merge_units(sources=[world.other_cell], into=world.cell, on=D2025, by=world.admin)
    assert Person.objects.get(pk=person.pk).unit_id == world.cell.pk
    assert not _fresh(world.other_cell).is_active and _fresh(world.cell).is_active


def test_merging_a_unit_into_its_own_descendant_is_refused_and_changes_nothing(world: World):
    units = Unit.objects.count()
    with pytest.raises(DomainError, match="đơn vị trực thuộc của nó"):
        merge_units(sources=[world.grassroots], into=world.cell, on=D2025, by=world.admin)
    _nothing_changed(units)
    assert _fresh(world.grassroots).is_active


def test_a_date_before_the_units_last_change_is_refused(world: World):
    rename_unit(unit=world.cell, name="Chi bộ Ngân sách", on=D2025, by=world.admin)
    versions = UnitVersion.objects.count()
    with pytest.raises(DomainError, match="không sau lần thay đổi gần nhất"):
        merge_units(sources=[world.cell, world.other_cell], new_name="X", on=D2023, by=world.admin)
    assert UnitVersion.objects.count() == versions
    assert UnitChange.objects.count() == 1
    assert _fresh(world.cell).is_active


def test_a_transfer_date_before_a_members_current_period_is_refused(world: World):
    person = make_person(unit=world.cell)
    Membership.objects.create(person=person, unit=world.cell, start=dt.date(2025, 9, 1))
    with pytest.raises(DomainError, match="Ngày chuyển sinh hoạt"):
        merge_units(sources=[world.cell, world.other_cell], new_name="X", on=D2025, by=world.admin)
    assert _fresh(world.cell).is_active and not UnitChange.objects.exists()


def test_a_future_date_is_refused(world: World):
    with pytest.raises(DomainError, match="chưa đến"):
        rename_unit(unit=world.cell, name="Y", on=dt.date(2999, 1, 1), by=world.admin)


def test_dissolving_with_members_left_is_refused(world: World):
    make_person(unit=world.sibling)
    units = Unit.objects.count()
    with pytest.raises(DomainError, match="còn 1 người đang sinh hoạt"):
        dissolve_unit(unit=world.sibling, on=D2025, by=world.admin)
    _nothing_changed(units)
    assert _fresh(world.sibling).is_active


def test_dissolving_transfers_members_to_the_named_unit(world: World):
    person = make_person(unit=world.sibling)
    change = dissolve_unit(
        unit=world.sibling, on=D2025, transfer_to=world.grassroots, by=world.admin
    )
    assert Person.objects.get(pk=person.pk).unit_id == world.grassroots.pk
    assert not _fresh(world.sibling).is_active and change.members_moved == 1
    then = as_of([world.sibling], dt.date(2022, 1, 1))[world.sibling.pk]
    assert then.is_active and then.name == "Chi bộ Sở Tư pháp"


def test_dissolving_a_unit_with_active_sub_units_is_refused(world: World):
    with pytest.raises(DomainError, match="còn đơn vị trực thuộc"):
        dissolve_unit(unit=world.grassroots, on=D2025, by=world.admin)


def test_a_split_assigns_members_by_the_list(world: World):
    people = [make_person(unit=world.sibling) for _ in range(3)]
    change = split_unit(
        unit=world.sibling,
        names=["Chi bộ Tư pháp 1", "Chi bộ Tư pháp 2"],
        assignments={people[0].pk: 0, people[1].pk: 1, people[2].pk: 1},
        on=D2025,
        by=world.admin,
    )
    parts = {
        u.name: u
        for u in Unit.objects.filter(change_parts__change=change, change_parts__part="result")
    }
    assert Person.objects.get(pk=people[0].pk).unit_id == parts["Chi bộ Tư pháp 1"].pk
    assert Person.objects.filter(unit=parts["Chi bộ Tư pháp 2"]).count() == 2
    assert not _fresh(world.sibling).is_active


def test_a_split_with_someone_unassigned_is_refused(world: World):
    people = [make_person(unit=world.sibling) for _ in range(2)]
    units = Unit.objects.count()
    with pytest.raises(DomainError, match="Còn 1 người chưa được phân"):
        split_unit(
            unit=world.sibling,
            names=["A", "B"],
            assignments={people[0].pk: 0},
            on=D2025,
            by=world.admin,
        )
    _nothing_changed(units)


def test_moving_a_unit_under_itself_is_refused(world: World):
    with pytest.raises(DomainError, match="vào chính nó"):
        move_unit(unit=world.grassroots, to_parent=world.cell, on=D2025, by=world.admin)


@pytest.mark.parametrize("who", ["officer", "leader", "secretary", "member", "stranger"])
def test_only_administrators_restructure(world: World, who: str):
    with pytest.raises(AccessDenied):
        rename_unit(unit=world.cell, name="Z", on=D2025, by=getattr(world, who))
    assert _fresh(world.cell).name == "Chi bộ Phòng Ngân sách"


def test_an_administrator_of_another_tree_cannot_merge_into_it(world: World):
    other_root = make_unit(name="Đảng ủy Khối Doanh nghiệp")
    other_admin = make_user("quantri.dn")
    grant(other_admin, other_root, Role.ADMINISTRATOR)
    with pytest.raises(AccessDenied):
        merge_units(sources=[world.cell], into=other_root, on=D2025, by=other_admin)
