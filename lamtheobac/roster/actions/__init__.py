"""Write functions of the roster (ADR 0005): ``units`` (import the tree), ``members`` (import
the roster), ``exports`` (the audited export of personal data)."""

from __future__ import annotations

from enum import StrEnum


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
