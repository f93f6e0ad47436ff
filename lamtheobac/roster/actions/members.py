"""Import the members (roster) from .xlsx, all or nothing, as a re-runnable upsert keyed by
the party card number, else by name + birth date + unit (issue 11 §1)."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from django.db import connection

from lamtheobac.audit.models import AuditEvent, record, unsaved_event
from lamtheobac.core.dates import today
from lamtheobac.core.errors import DomainError
from lamtheobac.core.memory import gc_paused
from lamtheobac.pledges.actions.memberships import record_transfer
from lamtheobac.pledges.models import Membership
from lamtheobac.roster import members
from lamtheobac.roster.access import authorize_personal_data
from lamtheobac.roster.actions import (
    AUDIT_ROWS,
    RosterAction,
    file_info,
    write_all_or_nothing,
)
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
    with gc_paused():
        progress(5, "Đang đọc bảng tính")
        sheet = read_sheet(
            data, header=members.HEADER, what="danh sách đảng viên (cột “Họ và tên”)"
        )
        progress(25, "Đang kiểm tra từng dòng")
        plan, rows = members.parse_rows(sheet, today=today())
        del sheet  # the raw cells are no longer needed
        if not rows and not plan.errors:
            raise DomainError(f"Tệp không có dòng nào sau dòng tiêu đề. {NOTHING}")
        progress(45, "Đang đối chiếu với danh sách hiện có")
        plan = members.match(plan, rows, scope)
    errors = sorted_errors(plan.errors)
    if errors:
        return ImportReport(errors=errors)
    progress(65, "Đang ghi")
    info = file_info(data, filename=filename, stored_file=stored_file)
    return write_all_or_nothing(
        lambda: _write(plan, scope=scope, by=by, file_info=info),
        conflict="Danh sách vừa được người khác thay đổi trong lúc nhập (trùng số thẻ).",
    )


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


# The start of a period nobody recorded ("since before the roster"), as
# ``pledges.actions.memberships.record_transfer`` opens one for a person without history.
SINCE_BEFORE_RECORDS = dt.date(1900, 1, 1)


def open_memberships(scope: Unit) -> int:
    """Record, for everyone in ``scope``'s subtree who has no membership history yet, the
    period of their present unit (``pledges.Membership``, the dated history restructuring
    and transfers use), open-ended and starting on their ngày vào Đảng when the roster gives
    one — no one is a party member of a cell before joining the Party — else on
    SINCE_BEFORE_RECORDS (the roster does not say since when anyone has been in their cell).

    One INSERT … SELECT whatever the number of people; people who already have a history
    are left alone, so importing a file again adds nothing. Returns the periods opened."""
    quote = connection.ops.quote_name
    person, unit, period = Person._meta, Unit._meta, Membership._meta

    def column(meta: Any, name: str) -> str:
        return quote(str(meta.get_field(name).column))

    person_pk, unit_pk = quote(str(person.pk.column)), quote(str(unit.pk.column))
    # Only the models' own table and column names, quoted; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(period.db_table)} "  # noqa: S608
        f"({column(period, 'person')}, {column(period, 'unit')}, {column(period, 'start')}, "
        f"{column(period, 'end')}) "
        f"SELECT p.{person_pk}, p.{column(person, 'unit')}, "
        f"COALESCE(p.{column(person, 'joined_party_on')}, %s), NULL "
        f"FROM {quote(person.db_table)} p "
        f"JOIN {quote(unit.db_table)} u ON u.{unit_pk} = p.{column(person, 'unit')} "
        f"WHERE u.{column(unit, 'path')} LIKE %s AND NOT EXISTS ("
        f"SELECT 1 FROM {quote(period.db_table)} m "
        f"WHERE m.{column(period, 'person')} = p.{person_pk})"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [connection.ops.adapt_datefield_value(SINCE_BEFORE_RECORDS), scope.path + "%"],
        )
        return max(cursor.rowcount, 0)


def _move_people(changes: list[members.MemberChange], *, on: dt.date, by: User | None) -> int:
    """People whose corrected row names another unit move there from ``on`` through the one
    membership history (``record_transfer``: the old period closes the day before, open
    plans and the member grant follow). A period opened on ``on`` itself (imported the same
    day) is corrected in place instead. Returns how many moved. Per person, so only for the
    rows whose unit changed."""
    moving = {c.pk: c.after["unit_id"] for c in changes if "unit_id" in c.after}
    if not moving:
        return 0
    units = Unit.objects.in_bulk(set(moving.values()))
    opened_today = set(
        Membership.objects.filter(
            person_id__in=moving, end__isnull=True, start__gte=on
        ).values_list("person_id", flat=True)
    )
    for person in Person.objects.filter(pk__in=moving).order_by("pk"):
        if person.pk in opened_today:
            Membership.objects.filter(person=person, end__isnull=True).update(
                unit_id=moving[person.pk]
            )
        else:
            record_transfer(person=person, to_unit=units[moving[person.pk]], on=on, by=None)
    return len(moving)


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
    moved = _move_people(plan.changes, on=today(), by=by)

    to_update = []
    for change in plan.changes:
        person = Person(pk=change.pk, **change.row.values)
        person.sort_key = office_sort_key(person.given_name, person.middle_name, person.family_name)
        to_update.append(person)
    update_fields = [*plan.fields, "sort_key"]
    Person.objects.bulk_update(to_update, update_fields, batch_size=BATCH)
    memberships = open_memberships(scope)
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
    # Creates and changes are each in line order: the first AUDIT_ROWS of both, merged, are
    # all the event keeps (a dict for each of 150,000 rows would only be thrown away).
    created = ({"line": r.line, "name": r.full_name, "outcome": "created"} for r in plan.creates)
    updated = (
        {
            "line": c.row.line,
            "name": c.row.full_name,
            "outcome": "updated",
            "person": c.pk,
            "fields": sorted(c.after),
        }
        for c in plan.changes
    )
    rows = list(islice(heapq.merge(created, updated, key=itemgetter("line")), AUDIT_ROWS))
    rows_total = len(plan.creates) + len(plan.changes)
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
            "rows_total": rows_total,
            "memberships_opened": memberships,
            "moved": moved,
            "rows": rows,
        },
    )
    return report
