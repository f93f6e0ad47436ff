"""Write functions of the drafting step; audit action names of its writes."""

from enum import StrEnum


class DraftingAudit(StrEnum):
    DRAFT_SAVED = "drafting.draft_saved"
