"""Tổ chức lại: move, merge, split, rename and dissolve units, each from an effective date
and on a decision (issue 11 §2; ADR 0011).

Every function here is keyword-only and atomic; it requires the administrator's right on
every unit it touches (``units.policy.authorize``, Action.ADMINISTER; ``by=None`` is the
system), records a ``UnitChange`` with the decision, ends and opens ``UnitVersion`` rows so
that the past keeps the names and parents it had, moves members through the one membership
history (``pledges.Membership``), audits, and returns the change. Bad input raises
``DomainError`` with a Vietnamese message and changes nothing (the transaction rolls back).
``on`` is the first day of the new arrangement (Asia/Ho_Chi_Minh), today or earlier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from lamtheobac.audit.models import record
from lamtheobac.core.errors import DomainError
from lamtheobac.core.vietnamese import nfc
from lamtheobac.documents.models import Document
from lamtheobac.structure.actions import AuditAction
from lamtheobac.structure.actions._common import (
    add_parts,
    check_after_last_change,
    copy_grants,
    first_version,
    new_version,
    parent_of,
    prepare,
    start_change,
    transfer_people,
)
from lamtheobac.structure.actions.rounds import retarget_running_rounds
from lamtheobac.structure.models import ChangeKind, Part, UnitChange
from lamtheobac.units.models import Person, Unit


def _clean_name(name: str) -> str:
    name = nfc(" ".join(name.split()))
    if not name:
        raise DomainError("Tên đơn vị không được để trống.")
    return name


def _active_children(unit: Unit) -> list[Unit]:
    return list(Unit.objects.get_children(unit).filter(is_active=True))


@transaction.atomic
def move_unit(
    *,
    unit: Unit,
    to_parent: Unit,
    on: dt.date,
    decision: Document | None = None,
    decision_number: str = "",
    note: str = "",
    by: Any,
) -> UnitChange:
    """``unit`` (with its whole subtree) goes under ``to_parent`` from ``on``.

    Refused: the new parent inside the unit's own subtree, the same parent, an inactive unit
    or parent, a date in the future or not after the unit's last change.
    """
    unit, to_parent = prepare(unit, to_parent, on=on, by=by, decision=decision)
    if to_parent.is_within(unit):
        raise DomainError(
            f"Không thể chuyển “{unit.name}” vào chính nó hoặc một đơn vị trực thuộc của nó."
        )
    old_parent = parent_of(unit)
    if old_parent is not None and old_parent.pk == to_parent.pk:
        raise DomainError(f"“{unit.name}” đã trực thuộc “{to_parent.name}”.")
    change = start_change(
        kind=ChangeKind.MOVE,
        on=on,
        decision=decision,
        decision_number=decision_number,
        note=note,
        summary=f"Chuyển “{unit.name}” sang trực thuộc “{to_parent.name}”",
        by=by,
        sources=[unit],
        results=[to_parent],
    )
    new_version(unit, on=on, change=change, parent=to_parent)
    Unit.objects.move(unit, to_parent, pos="last-child")
    record(
        actor=by,
        action=AuditAction.UNIT_MOVED,
        target=change,
        unit=to_parent,
        before={"unit": unit.pk, "parent": old_parent.pk if old_parent else None},
        after={"parent": to_parent.pk, "on": on, "decision": change.decision_label},
    )
    return change


@transaction.atomic
def rename_unit(
    *,
    unit: Unit,
    name: str,
    on: dt.date,
    short_name: str | None = None,
    decision: Document | None = None,
    decision_number: str = "",
    note: str = "",
    by: Any,
) -> UnitChange:
    """``unit`` bears ``name`` from ``on``; before that it keeps its old name everywhere the
    past is shown. Refused: an empty or unchanged name, an inactive unit, a bad date."""
    (unit,) = prepare(unit, on=on, by=by, decision=decision)
    name = _clean_name(name)
    if name == unit.name:
        raise DomainError("Tên mới trùng tên hiện tại.")
    old = unit.name
    change = start_change(
        kind=ChangeKind.RENAME,
        on=on,
        decision=decision,
        decision_number=decision_number,
        note=note,
        summary=f"Đổi tên “{old}” thành “{name}”",
        by=by,
        sources=[unit],
    )
    new_version(unit, on=on, change=change, name=name)
    unit.name = name
    fields = ["name"]
    if short_name is not None:
        unit.short_name = short_name.strip()
        fields.append("short_name")
    unit.save(update_fields=fields)
    record(
        actor=by,
        action=AuditAction.UNIT_RENAMED,
        target=change,
        unit=unit,
        before={"name": old},
        after={"name": name, "on": on, "decision": change.decision_label},
    )
    return change


@transaction.atomic
def merge_units(
    *,
    sources: Sequence[Unit],
    on: dt.date,
    into: Unit | None = None,
    new_name: str = "",
    new_kind: str = "",
    parent: Unit | None = None,
    decision: Document | None = None,
    decision_number: str = "",
    note: str = "",
    by: Any,
) -> UnitChange:
    """Hợp nhất: ``sources`` (A, B …) become one unit from ``on`` — the existing ``into``
    (C), or a new unit named ``new_name`` of ``new_kind`` (default: the first source's kind)
    under ``parent`` (default: the first source's parent).

    On ``on``: the people of each source transfer to C (their memberships close the day
    before), the sources' sub-units move under C, the sources become inactive (their past
    reports, ratings, plans and nominations stay theirs, under the names they had), and
    their non-member role grants are copied onto C for the administrator's review. In
    reporting rounds still running (draft or open) C takes the place of the sources that
    have not submitted yet (``structure.actions.rounds.retarget_running_rounds``); closed
    rounds keep their targets as they were.

    Refused (nothing changes): fewer than two units counting C, a unit named twice, an
    inactive unit, C inside a source's subtree (merging a unit into its own descendant),
    sources nested in one another, a date in the future or not after a unit's last change,
    a member whose membership started on or after ``on``.
    """
    if into is None and not new_name.strip():
        raise DomainError("Chọn đơn vị nhận hợp nhất hoặc đặt tên cho đơn vị mới.")
    ids = [u.pk for u in sources]
    if len(set(ids)) != len(ids):
        raise DomainError("Một đơn vị được chọn hai lần.")
    if len(ids) + (1 if into is not None else 0) < 2:
        raise DomainError("Hợp nhất cần ít nhất hai đơn vị.")
    if into is not None and into.pk in ids:
        raise DomainError("Đơn vị nhận hợp nhất không được nằm trong các đơn vị bị hợp nhất.")
    everything = prepare(
        *sources, *[u for u in (into, parent) if u is not None], on=on, by=by, decision=decision
    )
    sources = everything[: len(ids)]
    if into is not None:
        into = everything[len(ids)]
    if parent is not None:
        parent = everything[-1]
    extra = everything[len(ids) :]
    for a in sources:
        for b in sources:
            if a.pk != b.pk and b.is_within(a):
                raise DomainError(f"“{b.name}” đã trực thuộc “{a.name}”; không hợp nhất được.")
        for target in extra:
            if target.is_within(a):
                raise DomainError(
                    f"Không thể hợp nhất “{a.name}” vào chính đơn vị trực thuộc của nó "
                    f"(“{target.name}”)."
                )
    for unit in sources:
        check_after_last_change(unit, on)
    names = ", ".join(f"“{u.name}”" for u in sources)
    change = start_change(
        kind=ChangeKind.MERGE,
        on=on,
        decision=decision,
        decision_number=decision_number,
        note=note,
        summary="",
        by=by,
        sources=sources,
    )
    if into is None:
        parent = parent or parent_of(sources[0])
        if parent is None:
            raise DomainError("Đơn vị mới cần một đơn vị cấp trên.")
        parent.refresh_from_db()
        into = Unit.objects.add_child(
            parent,
            {"name": _clean_name(new_name), "kind": new_kind or sources[0].kind, "is_active": True},
        )
        first_version(into, on=on, change=change, parent=parent)
    add_parts(change, [into], Part.RESULT)
    change.summary = f"Hợp nhất {names} thành “{into.name}”"[:1000]
    moved_units = []
    for source in sources:
        for child in _active_children(source):
            new_version(child, on=on, change=change, parent=into)
            child.refresh_from_db()
            into.refresh_from_db()
            Unit.objects.move(child, into, pos="last-child")
            moved_units.append(child.pk)
    people = list(Person.objects.filter(unit__in=[s.pk for s in sources]).order_by("pk"))
    into.refresh_from_db()
    moved = transfer_people(people, to_unit=into, on=on)
    grants = copy_grants(change, sources, into)
    rounds = retarget_running_rounds(sources, [into])
    for source in sources:
        new_version(source, on=on, change=change, is_active=False)
    Unit.objects.filter(pk__in=ids).update(is_active=False)
    change.members_moved = len(moved)
    change.save(update_fields=["summary", "members_moved"])
    record(
        actor=by,
        action=AuditAction.UNITS_MERGED,
        target=change,
        unit=into,
        before={"units": ids},
        after={
            "into": into.pk,
            "on": on,
            "decision": change.decision_label,
            "people": moved,
            "sub_units": moved_units,
            "grants_copied": grants,
            "rounds_retargeted": rounds,
        },
    )
    return change


@transaction.atomic
def split_unit(
    *,
    unit: Unit,
    names: Sequence[str],
    assignments: Mapping[int, int],
    on: dt.date,
    kind: str = "",
    decision: Document | None = None,
    decision_number: str = "",
    note: str = "",
    by: Any,
) -> UnitChange:
    """Chia tách: ``unit`` (A) ends on the day before ``on`` and new units named ``names``
    (B, C …, of ``kind``, default A's) begin under A's parent. ``assignments`` maps each of
    A's people (Person id) to the index in ``names`` of the unit they transfer to.
    A's non-member role grants are copied onto every new unit for review. In reporting
    rounds still running (draft or open) that A has not submitted to, the new units take
    A's place (``structure.actions.rounds.retarget_running_rounds``); a report A submitted
    keeps its row, and closed rounds keep their targets as they were.

    Refused: fewer than two names or a repeated name, a person of A left unassigned, a
    person not of A or an index out of range, A with active sub-units (move them first),
    an inactive unit, a bad date.
    """
    (unit,) = prepare(unit, on=on, by=by, decision=decision)
    clean = [_clean_name(n) for n in names]
    if len(clean) < 2:
        raise DomainError("Chia tách cần ít nhất hai đơn vị mới.")
    if len(set(clean)) != len(clean):
        raise DomainError("Tên các đơn vị mới phải khác nhau.")
    if _active_children(unit):
        raise DomainError(
            f"“{unit.name}” còn đơn vị trực thuộc; hãy chuyển các đơn vị đó trước khi chia tách."
        )
    people = {p.pk: p for p in Person.objects.filter(unit=unit).order_by("pk")}
    unknown = [pk for pk in assignments if pk not in people]
    if unknown:
        raise DomainError("Có người trong danh sách phân công không sinh hoạt ở đơn vị này.")
    if any(not 0 <= i < len(clean) for i in assignments.values()):
        raise DomainError("Danh sách phân công chỉ tới một đơn vị không có.")
    missing = [p for pk, p in people.items() if pk not in assignments]
    if missing:
        raise DomainError(
            f"Còn {len(missing)} người chưa được phân về đơn vị mới "
            f"(ví dụ: {missing[0].full_name})."
        )
    check_after_last_change(unit, on)
    parent = parent_of(unit)
    if parent is None:
        raise DomainError("Không chia tách được đơn vị cấp cao nhất.")
    change = start_change(
        kind=ChangeKind.SPLIT,
        on=on,
        decision=decision,
        decision_number=decision_number,
        note=note,
        summary=f"Chia tách “{unit.name}” thành " + ", ".join(f"“{n}”" for n in clean),
        by=by,
        sources=[unit],
    )
    parts: list[Unit] = []
    for name in clean:
        parent.refresh_from_db()
        part = Unit.objects.add_child(
            parent, {"name": name, "kind": kind or unit.kind, "is_active": True}
        )
        first_version(part, on=on, change=change, parent=parent)
        parts.append(part)
    add_parts(change, parts, Part.RESULT)
    moved: list[int] = []
    for i, part in enumerate(parts):
        mine = [people[pk] for pk, index in assignments.items() if index == i]
        moved += transfer_people(mine, to_unit=part, on=on)
    grants = sum(copy_grants(change, [unit], part) for part in parts)
    rounds = retarget_running_rounds([unit], parts)
    new_version(unit, on=on, change=change, is_active=False)
    Unit.objects.filter(pk=unit.pk).update(is_active=False)
    change.members_moved = len(moved)
    change.save(update_fields=["members_moved"])
    record(
        actor=by,
        action=AuditAction.UNIT_SPLIT,
        target=change,
        unit=parent,
        before={"unit": unit.pk},
        after={
            "into": [p.pk for p in parts],
            "on": on,
            "decision": change.decision_label,
            "people": moved,
            "grants_copied": grants,
            "rounds_retargeted": rounds,
        },
    )
    return change


@transaction.atomic
def dissolve_unit(
    *,
    unit: Unit,
    on: dt.date,
    transfer_to: Unit | None = None,
    decision: Document | None = None,
    decision_number: str = "",
    note: str = "",
    by: Any,
) -> UnitChange:
    """Giải thể: ``unit`` is inactive from ``on``; its past stays attributed to it.

    Its people must have been transferred already, or are transferred to ``transfer_to``
    on ``on``. In reporting rounds still running (draft or open) the unit is no longer asked
    unless it has submitted (``structure.actions.rounds.retarget_running_rounds``; nobody is
    asked in its place, ``transfer_to`` included); a report it submitted keeps its row, and
    closed rounds keep their targets as they were. Refused: people left and no
    ``transfer_to``, active sub-units, ``transfer_to`` inside the unit or inactive, a bad
    date.
    """
    units = prepare(
        unit, *([transfer_to] if transfer_to is not None else []), on=on, by=by, decision=decision
    )
    unit = units[0]
    transfer_to = units[1] if transfer_to is not None else None
    if _active_children(unit):
        raise DomainError(
            f"“{unit.name}” còn đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc giải thể "
            "các đơn vị đó trước."
        )
    people = list(Person.objects.filter(unit=unit).order_by("pk"))
    if people and transfer_to is None:
        raise DomainError(
            f"“{unit.name}” còn {len(people)} người đang sinh hoạt; hãy chuyển sinh hoạt cho họ "
            "trước hoặc chọn đơn vị nhận."
        )
    if transfer_to is not None and transfer_to.is_within(unit):
        raise DomainError("Đơn vị nhận phải ở ngoài đơn vị bị giải thể.")
    check_after_last_change(unit, on)
    change = start_change(
        kind=ChangeKind.DISSOLVE,
        on=on,
        decision=decision,
        decision_number=decision_number,
        note=note,
        summary=f"Giải thể “{unit.name}”"
        + (
            f"; chuyển {len(people)} người sang “{transfer_to.name}”"
            if transfer_to and people
            else ""
        ),
        by=by,
        sources=[unit],
        results=[transfer_to] if transfer_to is not None else [],
    )
    moved = transfer_people(people, to_unit=transfer_to, on=on) if transfer_to else []
    rounds = retarget_running_rounds([unit], [])
    new_version(unit, on=on, change=change, is_active=False)
    Unit.objects.filter(pk=unit.pk).update(is_active=False)
    change.members_moved = len(moved)
    change.save(update_fields=["members_moved"])
    record(
        actor=by,
        action=AuditAction.UNIT_DISSOLVED,
        target=change,
        unit=unit,
        after={
            "on": on,
            "decision": change.decision_label,
            "people": moved,
            "rounds_retargeted": rounds,
        },
    )
    return change
