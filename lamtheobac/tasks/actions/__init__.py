"""Write functions of the tasks app; audit names of writes that are not state transitions."""

from __future__ import annotations

from enum import StrEnum


class TaskAction(StrEnum):
    CREATED = "task.created"
    CREATED_FROM_PLAN = "task.created_from_plan"
    PROGRESS_NOTED = "task.progress_noted"
    FILE_ATTACHED = "task.file_attached"
    REMINDED = "task.reminded"
