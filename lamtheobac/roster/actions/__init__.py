"""Write functions of the roster (ADR 0005): ``units`` (import the tree), ``members`` (import
the roster), ``exports`` (the audited export of personal data)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from django.db import IntegrityError, transaction

from lamtheobac.core.errors import DomainError
from lamtheobac.roster.workbook import NOTHING

T = TypeVar("T")


class RosterAction(StrEnum):
    """Audit action names of the roster writes."""

    UNITS_IMPORTED = "roster.units_import"
    UNIT_CREATED = "roster.unit_created"
    UNIT_UPDATED = "roster.unit_updated"
    MEMBERS_IMPORTED = "roster.members_import"
    MEMBER_UPDATED = "roster.member_updated"
    EXPORTED = "roster.export"


# Rows whose outcome an import's audit event lists; the stored file holds them all.
AUDIT_ROWS = 500


def file_info(data: bytes, *, filename: str, stored_file: str) -> dict[str, str]:
    """What an import's audit event says of its file: name, stored copy, SHA-256."""
    return {
        "file": filename,
        "stored_file": stored_file,
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def write_all_or_nothing(write: Callable[[], T], *, conflict: str) -> T:
    """Run ``write`` in one transaction; a unique constraint hit by someone else's concurrent
    change (IntegrityError) rolls everything back and becomes a DomainError saying
    ``conflict``, that nothing was imported, and to import again."""
    try:
        with transaction.atomic():
            return write()
    except IntegrityError as exc:
        raise DomainError(f"{conflict} {NOTHING} Vui lòng nhập lại.") from exc
