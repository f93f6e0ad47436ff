"""Taking the next number in a unit's register (issue 9 §6).

``register_document`` is the one way a number is given: the drafting of any issued document
(consolidated report, công văn đôn đốc, tờ trình, quyết định, inspection notice …) calls it
and prints ``entry.number``. Numbers run per kind from 1 each year; two people issuing at
the same instant get consecutive numbers: the register's row is locked (SELECT … FOR
UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE serialises writers) before the counter is
read, and a unique constraint backs it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import IntegrityError, transaction

from lamtheobac.audit.models import record
from lamtheobac.core.dates import today
from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.core.vietnamese import nfc
from lamtheobac.registers.actions import RegisterAction
from lamtheobac.registers.models import DocumentRegister, KindCounter, RegisterEntry
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, authorize, policy_of

_KIND = re.compile(r"^[A-ZĐ][A-Za-zĐđ]{0,7}$")


def _may_issue(by: Any, unit: Unit) -> bool:
    if by is None:
        return True
    policy = policy_of(by)
    return policy.can(Action.MANAGE, unit) or policy.can(Action.REPORT, unit)


def _check(unit: Unit, kind: str, by: Any) -> str:
    kind = nfc(kind).strip()
    if not _KIND.match(kind):
        raise DomainError(
            f"Ký hiệu loại văn bản “{kind}” không hợp lệ (ví dụ: BC, CV, KH, TTr, QĐ)."
        )
    if not unit.issuer_code:
        raise DomainError(f"{unit.name} chưa có ký hiệu cơ quan ban hành (ví dụ: ĐUK).")
    if not _may_issue(by, unit):
        raise AccessDenied()
    return kind


def register_for(unit: Unit, year: int) -> DocumentRegister:
    """The unit's register for ``year``, created on first use (safe under a race)."""
    try:
        with transaction.atomic():
            register, _ = DocumentRegister.objects.get_or_create(unit=unit, year=year)
    except IntegrityError:
        register = DocumentRegister.objects.get(unit=unit, year=year)
    return register


def _locked_counter(unit: Unit, year: int, kind: str) -> KindCounter:
    register = register_for(unit, year)
    DocumentRegister.objects.select_for_update().get(pk=register.pk)  # serialises issuers
    counter, _ = KindCounter.objects.get_or_create(register=register, kind=kind)
    return counter


@transaction.atomic
def register_document(
    *,
    unit: Unit,
    kind: str,
    title: str,
    by: Any,
    on: dt.date | None = None,
    link: str = "",
    recipients: str = "",
) -> RegisterEntry:
    """Give the next number of ``kind`` in ``unit``'s register for the year of ``on``
    (default today, Asia/Ho_Chi_Minh) and record the document.

    Returns the entry; ``entry.number`` is "<serial>-<kind>/<issuer code>", e.g. "60-BC/ĐUK"
    (docs/domain.md §5). Raises DomainError for a bad kind, an empty title or a unit without
    an issuer code; AccessDenied unless ``by`` may manage or report for ``unit``
    (``by=None``: the system). Call it inside the transaction that saves the document, so a
    failure takes the number back with it.
    """
    kind = _check(unit, kind, by)
    title = nfc(title).strip()
    if not title:
        raise DomainError("Trích yếu văn bản không được để trống.")
    day = on or today()
    counter = _locked_counter(unit, day.year, kind)
    counter.last += 1
    counter.save(update_fields=["last"])
    entry = RegisterEntry.objects.create(
        register_id=counter.register_id,
        kind=kind,
        serial=counter.last,
        number=f"{counter.last}-{kind}/{unit.issuer_code}",
        title=title,
        issued_on=day,
        link=link[:500],
        recipients=nfc(recipients),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record(
        actor=by,
        action=RegisterAction.REGISTERED,
        target=entry,
        unit=unit,
        after={"number": entry.number, "title": title, "issued_on": day.isoformat()},
    )
    return entry


@transaction.atomic
def set_last_number(*, unit: Unit, year: int, kind: str, last: int, by: Any) -> KindCounter:
    """Start a kind's numbering after ``last`` (numbers already given by hand this year).
    Only forward: raises DomainError when ``last`` is below the number already reached."""
    kind = _check(unit, kind, by)
    authorize(by, Action.MANAGE, unit)
    counter = _locked_counter(unit, year, kind)
    if last < counter.last:
        raise DomainError(f"Sổ đã cấp đến số {counter.last}-{kind}; không thể lùi số.")
    before = counter.last
    counter.last = last
    counter.save(update_fields=["last"])
    record(
        actor=by,
        action=RegisterAction.COUNTER_SET,
        target=counter.register,
        unit=unit,
        before={"kind": kind, "last": before},
        after={"kind": kind, "last": last},
    )
    return counter
