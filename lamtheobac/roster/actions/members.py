"""Import the members (roster) from .xlsx, all or nothing, as a re-runnable upsert keyed by
the party card number, else by name + birth date + unit (issue 11 §1)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from lamtheobac.audit.models import AuditEvent, record, unsaved_event
from lamtheobac.core.dates import today
from lamtheobac.core.errors import DomainError
from lamtheobac.roster import members
from lamtheobac.roster.access import authorize_personal_data
from lamtheobac.roster.actions import AUDIT_ROWS, RosterAction
from lamtheobac.roster.report import ImportReport, sorted_errors
from lamtheobac.roster.workbook import NOTHING, read_sheet
from lamtheobac.units.models import Person, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Progress = Callable[[int, str], None]
BATCH = 2_000


def _quiet(percent: int, stage: str) -> None:
    return None


def _json(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


def import_members(
    *,
    scope: Unit,
    data: bytes,
    filename: str,
    by: User | None,
    stored_file: str = "",
    progress: Progress = _quiet,
) -> ImportReport:
    """Import a roster workbook for people in ``scope``'s subtree, all or nothing.

    Columns: họ và tên, ngày sinh, giới tính, chức vụ, đơn vị (mã, or a name unique in the
    scope), đảng viên (x/có/không), ngày vào Đảng, ngày chính thức, số thẻ đảng viên; dates in
    any common Vietnamese form (``cells.parse_date``), in Asia/Ho_Chi_Minh's today. Raises
    UnreadableFile for a file that is not the template's .xlsx. Returns a report whose
    ``errors`` list every bad row — nothing is written then. Otherwise creates the new people
    and updates the changed ones with bulk writes (queries grow with batches, not rows); an
    unchanged row is neither saved nor audited, so a corrected file imported again changes
    only the corrected rows. Each updated person gets a ``roster.member_updated`` event with
    before and after; the import one ``roster.members_import`` event. Needs the right to see
    personal data on ``scope`` (unit staff or administrator; AccessDenied).
    """
    authorize_personal_data(by, scope)
    progress(5, "Đang đọc bảng tính")
    sheet = read_sheet(data, header=members.HEADER, what="danh sách đảng viên (cột “Họ và tên”)")
    progress(25, "Đang kiểm tra từng dòng")
    plan, rows = members.parse_rows(sheet, today=today())
    if not rows and not plan.errors:
        raise DomainError(f"Tệp không có dòng nào sau dòng tiêu đề. {NOTHING}")
    progress(45, "Đang đối chiếu với danh sách hiện có")
    plan = members.match(plan, rows, scope)
    errors = sorted_errors(plan.errors)
    if errors:
        return ImportReport(errors=errors)
    progress(65, "Đang ghi")
    file_info = {"file": filename, "stored_file": stored_file, "sha256": _sha(data)}
    try:
        with transaction.atomic():
            return _write(plan, scope=scope, by=by, file_info=file_info)
    except IntegrityError as exc:
        raise DomainError(
            "Danh sách vừa được người khác thay đổi trong lúc nhập (trùng số thẻ). "
            f"{NOTHING} Vui lòng nhập lại."
        ) from exc


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(
    plan: members.MemberPlan, *, scope: Unit, by: User | None, file_info: dict[str, Any]
) -> ImportReport:
    to_create = []
    for row in plan.creates:
        person = Person(**row.values)
        person.refresh_sort_key()
        to_create.append(person)
    Person.objects.bulk_create(to_create, batch_size=BATCH)

    to_update = []
    for change in plan.changes:
        person = Person(pk=change.pk, **change.row.values)
        person.refresh_sort_key()
        to_update.append(person)
    update_fields = [*plan.fields, "sort_key"]
    Person.objects.bulk_update(to_update, update_fields, batch_size=BATCH)
    AuditEvent.objects.bulk_create(
        [
            unsaved_event(
                actor=by,
                action=RosterAction.MEMBER_UPDATED,
                target=person,
                unit=scope,
                before=_json(change.before),
                after=_json(change.after),
            )
            for person, change in zip(to_update, plan.changes, strict=True)
        ],
        batch_size=500,
    )
    rows: list[dict[str, Any]] = [
        {"line": r.line, "name": r.full_name, "outcome": "created", "person": p.pk}
        for r, p in zip(plan.creates, to_create, strict=True)
    ] + [
        {
            "line": c.row.line,
            "name": c.row.full_name,
            "outcome": "updated",
            "person": c.pk,
            "fields": sorted(c.after),
        }
        for c in plan.changes
    ]
    rows.sort(key=lambda r: r["line"])
    report = ImportReport(created=len(to_create), updated=len(to_update), unchanged=plan.unchanged)
    report.event = record(
        actor=by,
        action=RosterAction.MEMBERS_IMPORTED,
        target=scope,
        unit=scope,
        after={
            **file_info,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rows_total": len(rows),
            "rows": rows[:AUDIT_ROWS],
        },
    )
    return report
