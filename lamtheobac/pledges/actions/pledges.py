"""Writes on personal plans (mẫu 01/02): start, edit, submit, accept / return, self-assess,
evaluate, the cell's quick entry, and the year's settings.

Rules: seed 002 §II.2.2 (a plan per person, handed to the cell or the union unit, reported on
at year end); seed 004 §II.3.2 (written in quý I); docs/domain.md §5 (deadline "quý I" → by
31/3; late is recorded, not refused, unless the committee locked registration). Rights: the
person themself (their own plan, until accepted) or unit staff of the responsible unit
(REPORT on it, which grassroots staff hold on their subtree). Every write is atomic and
audited; the version the user saw is checked (StaleEdit).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.core.dates import due_instant, today
from lamtheobac.core.errors import AccessDenied, DomainError, Locked, StaleEdit, StateError
from lamtheobac.core.transitions import lock, perform
from lamtheobac.core.vietnamese import nfc
from lamtheobac.pledges import tally
from lamtheobac.pledges.actions import AuditAction
from lamtheobac.pledges.models import (
    EDITABLE_STATES,
    Pledge,
    PledgeItem,
    PledgeState,
    Result,
)
from lamtheobac.pledges.queries import responsible_unit, year_settings
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action, policy_of

# "người đứng đầu, cán bộ chủ chốt" (seed 002 §II.3): positions that make a plan "nêu gương".
_LEADING = re.compile(
    r"^(Phó )?(Bí thư|Giám đốc|Chủ tịch|Trưởng|Chánh|Tổng|Cục trưởng|Viện trưởng|Hiệu trưởng)"
)


def is_leading_position(position: str) -> bool:
    """True for a head or key official ("Bí thư…", "Giám đốc…", "Trưởng phòng"…)."""
    return bool(_LEADING.match(nfc(position).strip()))


@dataclass(frozen=True)
class ItemInput:
    """One item as typed: what the person will do, the job it is tied to, when."""

    content: str
    job_link: str = ""
    timeframe: str = ""


def _is_staff(by: Any, unit: Unit) -> bool:
    return by is None or policy_of(by).can(Action.REPORT, unit)


def _is_owner(by: Any, person: Person) -> bool:
    return by is not None and person.user_id is not None and person.user_id == by.pk


def _require_owner_or_staff(by: Any, person: Person, unit: Unit) -> None:
    if not (_is_staff(by, unit) or _is_owner(by, person)):
        raise AccessDenied("Chỉ người đăng ký hoặc cán bộ chi bộ mới sửa được bản đăng ký này.")


def _require_open(unit: Unit, year: int) -> None:
    if year_settings(unit, year).registration_locked:
        raise Locked(f"Cấp ủy đã khóa việc đăng ký làm theo năm {year}; không thể thay đổi.")


def _clean_items(items: Sequence[ItemInput]) -> list[ItemInput]:
    cleaned = [
        ItemInput(nfc(i.content).strip(), nfc(i.job_link).strip(), nfc(i.timeframe).strip())
        for i in items
    ]
    return [i for i in cleaned if i.content]


def _write_items(pledge: Pledge, items: Sequence[ItemInput]) -> None:
    pledge.items.all().delete()
    PledgeItem.objects.bulk_create(
        PledgeItem(
            pledge=pledge,
            position=n,
            content=i.content,
            job_link=i.job_link,
            timeframe=i.timeframe,
        )
        for n, i in enumerate(items, start=1)
    )


@transaction.atomic
def start_pledge(
    *,
    person: Person,
    year: int,
    by: Any,
    items: Sequence[ItemInput] = (),
    is_leader: bool | None = None,
    on: dt.date | None = None,
) -> Pledge:
    """Create ``person``'s DRAFT plan for ``year``, held by the unit responsible for them on
    ``on`` (default today, Asia/Ho_Chi_Minh). ``is_leader`` defaults from their position.

    Refused: a plan already exists (DomainError); registration locked (Locked); the caller
    is neither the person nor staff of that unit (AccessDenied).
    """
    unit = responsible_unit(person, on or today())
    _require_owner_or_staff(by, person, unit)
    _require_open(unit, year)
    if Pledge.objects.filter(person=person, year=year).exists():
        raise DomainError(f"Đồng chí {person.full_name} đã có bản đăng ký năm {year}.")
    leader = is_leading_position(person.position) if is_leader is None else is_leader
    pledge = Pledge.objects.create(
        person=person,
        year=year,
        unit=unit,
        is_leader=leader,
        position=person.position,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    cleaned = _clean_items(items)
    _write_items(pledge, cleaned)
    record(
        actor=by,
        action=AuditAction.PLEDGE_STARTED,
        target=pledge,
        unit=unit,
        after={"items": len(cleaned), "is_leader": leader},
    )
    return pledge


@transaction.atomic
def save_pledge(
    *,
    pledge: Pledge,
    items: Sequence[ItemInput],
    by: Any,
    version: int | None,
    is_leader: bool | None = None,
    position: str | None = None,
) -> Pledge:
    """Replace the plan's items (and, for staff, the "nêu gương" flag) while it is a draft,
    returned or awaiting review; the state does not change.

    Refused: accepted or later (StateError); locked year (Locked); stale form (StaleEdit);
    no right (AccessDenied); no item left (DomainError).
    """
    pledge = lock(pledge, version)
    snapshot = tally.contributions(pledge)
    person = Person.objects.get(pk=pledge.person_id)
    unit = Unit.objects.get(pk=pledge.unit_id)
    _require_owner_or_staff(by, person, unit)
    if pledge.state not in EDITABLE_STATES:
        raise StateError("Bản đăng ký đã được duyệt; không sửa được nữa.")
    _require_open(unit, pledge.year)
    cleaned = _clean_items(items)
    if not cleaned:
        raise DomainError("Bản đăng ký cần ít nhất một nội dung.")
    before = {"items": pledge.items.count(), "is_leader": pledge.is_leader}
    _write_items(pledge, cleaned)
    fields = ["version", "updated_at"]
    if is_leader is not None and _is_staff(by, unit):
        pledge.is_leader = is_leader
        fields.append("is_leader")
    if position is not None:
        pledge.position = nfc(position).strip()
        fields.append("position")
    pledge.version += 1
    pledge.save(update_fields=fields)
    tally.shift(snapshot, tally.contributions(pledge), year=pledge.year)
    record(
        actor=by,
        action=AuditAction.PLEDGE_EDITED,
        target=pledge,
        unit=unit,
        before=before,
        after={"items": len(cleaned), "is_leader": pledge.is_leader},
    )
    return pledge


def _transition(
    pledge: Pledge, name: str, *, by: Any, version: int | None, **kwargs: Any
) -> Pledge:
    """``perform`` the transition and shift the unit tallies by what the plan's contribution
    changed (``tally``), in one transaction."""
    before = lock(pledge, version)
    snapshot = tally.contributions(before)
    after = perform(before, name, by=by, version=before.version, **kwargs)
    tally.shift(snapshot, tally.contributions(after), year=after.year)
    return after


def _deadline_passed(unit: Unit, year: int, now: dt.datetime) -> bool:
    s = year_settings(unit, year)
    return now >= due_instant(s.deadline, exclusive=s.deadline_exclusive)


@transaction.atomic
def submit_pledge(
    *, pledge: Pledge, by: Any, version: int | None, now: dt.datetime | None = None
) -> Pledge:
    """DRAFT/RETURNED → SUBMITTED, by the person or on their behalf by unit staff.

    After the deadline the plan is recorded late (``is_late``), not refused — unless the
    committee locked registration (Locked). Needs at least one item (DomainError).
    """
    now = now or timezone.now()
    person = Person.objects.get(pk=pledge.person_id)
    unit = Unit.objects.get(pk=pledge.unit_id)
    _require_owner_or_staff(by, person, unit)
    _require_open(unit, pledge.year)
    if not pledge.items.exists():
        raise DomainError("Bản đăng ký cần ít nhất một nội dung trước khi nộp.")
    late = _deadline_passed(unit, pledge.year, now)
    return _transition(
        pledge,
        "submit",
        by=by,
        version=version,
        changes={
            "submitted_at": now,
            "submitted_unit": unit,
            "is_late": late,
            "return_comment": "",
        },
        audit_after={"late": late},
    )


@transaction.atomic
def accept_pledge(*, pledge: Pledge, by: Any, version: int | None) -> Pledge:
    """SUBMITTED → ACCEPTED by the responsible unit's staff (the cell secretary)."""
    return _transition(
        pledge,
        "accept",
        by=by,
        version=version,
        changes={"accepted_at": timezone.now(), "accepted_unit_id": pledge.unit_id},
    )


@transaction.atomic
def return_pledge(*, pledge: Pledge, by: Any, version: int | None, comment: str) -> Pledge:
    """SUBMITTED → RETURNED with a comment the person sees (DomainError without one)."""
    comment = nfc(comment).strip()
    if not comment:
        raise DomainError("Hãy ghi lý do trả lại để người đăng ký biết cần sửa gì.")
    return _transition(
        pledge,
        "return",
        by=by,
        version=version,
        changes={"return_comment": comment},
        reason=comment,
    )


@dataclass(frozen=True)
class ItemAssessment:
    item_id: int
    result: str  # a Result value
    note: str = ""


@transaction.atomic
def self_assess_pledge(
    *,
    pledge: Pledge,
    by: Any,
    version: int | None,
    assessments: Sequence[ItemAssessment],
    summary: str = "",
) -> Pledge:
    """ACCEPTED → SELF_ASSESSED: the person (or staff for them) rates every item at year end.

    Refused: an item without a result or one not of this plan (DomainError).
    """
    person = Person.objects.get(pk=pledge.person_id)
    unit = Unit.objects.get(pk=pledge.unit_id)
    _require_owner_or_staff(by, person, unit)
    items = {i.pk: i for i in pledge.items.all()}
    given = {a.item_id: a for a in assessments}
    if set(given) - set(items):
        raise DomainError("Có nội dung không thuộc bản đăng ký này.")
    for item_id, item in items.items():
        a = given.get(item_id)
        if a is None or a.result not in Result.values:
            raise DomainError(f"Hãy tự đánh giá nội dung “{item.content[:60]}”.")
        item.self_result = a.result
        item.self_note = nfc(a.note).strip()
    pledge = _transition(
        pledge,
        "self_assess",
        by=by,
        version=version,
        changes={"self_summary": nfc(summary).strip(), "assessed_unit_id": pledge.unit_id},
    )
    PledgeItem.objects.bulk_update(list(items.values()), ["self_result", "self_note"])
    return pledge


@transaction.atomic
def evaluate_pledge(
    *, pledge: Pledge, by: Any, version: int | None, result: str, comment: str = ""
) -> Pledge:
    """SELF_ASSESSED → EVALUATED: the cell's result (hoàn thành tốt / hoàn thành / chưa
    hoàn thành), the evidence for the year's Rating (seed 002 §II.2.2)."""
    if result not in Result.values:
        raise DomainError("Hãy chọn kết quả: hoàn thành tốt, hoàn thành hoặc chưa hoàn thành.")
    return _transition(
        pledge,
        "evaluate",
        by=by,
        version=version,
        changes={
            "result": result,
            "evaluation_comment": nfc(comment).strip(),
            "evaluated_at": timezone.now(),
            "evaluated_unit_id": pledge.unit_id,
        },
        audit_after={"result": result},
    )


@dataclass(frozen=True)
class CellRow:
    """One row of the cell's quick-entry page: a person, their items one per line."""

    person_id: int
    text: str
    is_leader: bool = False
    submit: bool = False
    version: int | None = None  # the plan's version the page showed, None when it had none


def items_from_text(text: str) -> list[ItemInput]:
    """One item per non-empty line; "nội dung | gắn với nhiệm vụ | thời gian" splits."""
    items = []
    for line in nfc(text).splitlines():
        parts = [p.strip() for p in line.split("|")]
        content = parts[0].lstrip("-+•* ").strip()
        if content:
            parts += ["", ""]
            items.append(ItemInput(content, parts[1], parts[2]))
    return items


@transaction.atomic
def enter_for_cell(*, unit: Unit, year: int, rows: Sequence[CellRow], by: Any) -> dict[str, int]:
    """The cell clerk's quick entry: for each row with text, start or rewrite the person's
    plan, set the "nêu gương" flag, and submit it on their behalf when asked.

    All or nothing: any refused row (locked year, accepted plan, stale row, person not in the
    cell) raises and nothing is written. Returns ``{"started", "edited", "submitted"}``.
    """
    if not _is_staff(by, unit):
        raise AccessDenied()
    people = {
        p.pk: p
        for p in Person.objects.filter(
            unit__path__startswith=unit.path, pk__in=[r.person_id for r in rows]
        )
    }
    existing = {
        p.person_id: p
        for p in Pledge.objects.filter(year=year, person_id__in=[r.person_id for r in rows])
    }
    counts = {"started": 0, "edited": 0, "submitted": 0}
    for row in rows:
        person = people.get(row.person_id)
        if person is None:
            raise DomainError("Có người không thuộc chi bộ này.")
        items = items_from_text(row.text)
        pledge = existing.get(person.pk)
        if pledge is None:
            if not items:
                continue
            pledge = start_pledge(person=person, year=year, by=by, items=items)
            counts["started"] += 1
            if pledge.is_leader != row.is_leader:
                pledge = save_pledge(
                    pledge=pledge,
                    items=items,
                    by=by,
                    version=pledge.version,
                    is_leader=row.is_leader,
                )
        elif pledge.state in EDITABLE_STATES:
            if row.version is None and items:
                raise StaleEdit(
                    f"Bản đăng ký của đồng chí {person.full_name} vừa được tạo ở nơi khác; "
                    "không có gì bị ghi đè, vui lòng tải lại trang."
                )
            current = [ItemInput(i.content, i.job_link, i.timeframe) for i in pledge.items.all()]
            if items and (items != current or pledge.is_leader != row.is_leader):
                pledge = save_pledge(
                    pledge=pledge, items=items, by=by, version=row.version, is_leader=row.is_leader
                )
                counts["edited"] += 1
        if row.submit and pledge.state in (PledgeState.DRAFT, PledgeState.RETURNED):
            submit_pledge(pledge=pledge, by=by, version=pledge.version)
            counts["submitted"] += 1
    record(actor=by, action=AuditAction.CELL_ENTRY, target=unit, unit=unit, after=counts)
    return counts
