"""Write functions of inspections; audit names of writes that are not state transitions."""

from __future__ import annotations

from enum import StrEnum


class InspectionAction(StrEnum):
    PROGRAMME_CREATED = "inspection.programme_created"
    PLANNED = "inspection.planned"
