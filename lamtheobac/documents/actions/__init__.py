"""Write functions of documents (ADR 0005): ``documents`` (import a plan, correct what the
reader extracted)."""

from __future__ import annotations

from enum import StrEnum


class DocumentAction(StrEnum):
    """Audit action names of the documents writes."""

    IMPORTED = "document.imported"
    CORRECTED = "document.corrected"
    DEADLINE_CORRECTED = "deadline.corrected"
    ARCHIVED = "document.archived"
    UNARCHIVED = "document.unarchived"
    IMPLEMENTS = "document.implements_plan"
