"""Write functions of the structure app: restructuring the tree and reviewing moved grants.

Audit names below (non-transition writes, docs/architecture.md).
"""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    UNIT_MOVED = "unit.moved"
    UNITS_MERGED = "unit.merged"
    UNIT_SPLIT = "unit.split"
    UNIT_RENAMED = "unit.renamed"
    UNIT_DISSOLVED = "unit.dissolved"
    GRANT_KEPT = "unit.grant_kept"
    GRANT_REVOKED = "unit.grant_revoked"
