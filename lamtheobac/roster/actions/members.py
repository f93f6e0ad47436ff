"""Import the members (roster) from .xlsx, all or nothing, as a re-runnable upsert keyed by
the party card number, else by name + birth date + unit (issue 11 §1)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, connection, transaction

from lamtheobac.audit.models import AuditEvent, record, unsaved_event
from lamtheobac.core.dates import today
from lamtheobac.core.errors import DomainError
from lamtheobac.roster import members
from lamtheobac.roster.access import authorize_personal_data
from lamtheobac.roster.actions import AUDIT_ROWS, RosterAction
from lamtheobac.roster.cells import office_sort_key
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


# Columns a new person is inserted with; those the file lacks take the field's empty value.
INSERTED = (
    "unit_id",
    "family_name",
    "middle_name",
    "given_name",
    "sort_key",
    "is_party_member",
    "position",
    "birth_year",
    "date_of_birth",
    "gender",
    "joined_party_on",
    "confirmed_on",
    "card_number",
)
_DATES = {"date_of_birth", "joined_party_on", "confirmed_on"}
_EMPTY: dict[str, Any] = {"position": "", "gender": "", "card_number": ""}
INSERT_CHUNK = 10_000


def insert_people(people: list[dict[str, Any]]) -> None:
    """Insert ``people`` (Person field → value, NFC names and ``sort_key`` set) with one
    prepared INSERT executed for every 10,000 rows. ``bulk_create`` compiles each value
    through the ORM, and SQLite's 999-parameter cap splits it into a query per ~70 rows; at
    150,000 people that costs more than reading the file (``lamtheobac bench --roster``)."""
    if not people:
        return
    quote = connection.ops.quote_name
    fields = {f.attname: str(f.column) for f in Person._meta.concrete_fields}
    columns = ", ".join(quote(fields[name]) for name in INSERTED)
    # Only the model's own table and column names, quoted; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(Person._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(INSERTED))})"
    )
    adapt = connection.ops.adapt_datefield_value
    rows = [
        tuple(
            adapt(person.get(name)) if name in _DATES else person.get(name, _EMPTY.get(name))
            for name in INSERTED
        )
        for person in people
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_CHUNK):
            cursor.executemany(sql, rows[start : start + INSERT_CHUNK])


def _write(
    plan: members.MemberPlan, *, scope: Unit, by: User | None, file_info: dict[str, Any]
) -> ImportReport:
    # Name parts are NFC already (cells.text); the office order key is cached per name.
    for row in plan.creates:
        values = row.values
        values["sort_key"] = office_sort_key(
            values["given_name"], values["middle_name"], values["family_name"]
        )
    insert_people([row.values for row in plan.creates])

    to_update = []
    for change in plan.changes:
        person = Person(pk=change.pk, **change.row.values)
        person.sort_key = office_sort_key(person.given_name, person.middle_name, person.family_name)
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
        {"line": r.line, "name": r.full_name, "outcome": "created"} for r in plan.creates
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
    report = ImportReport(
        created=len(plan.creates), updated=len(to_update), unchanged=plan.unchanged
    )
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
