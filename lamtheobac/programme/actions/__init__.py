"""Write functions of the programme app (one module per subject); audit names of the writes
that are not state transitions."""

from __future__ import annotations

from enum import StrEnum


class ProgrammeAudit(StrEnum):
    THEME_CREATE = "theme.create"
    THEME_UPDATE = "theme.update"
    TOPICS_SET = "theme.topics"
    TOPIC_FILE_ADD = "theme.topic_file_add"
    SESSION_SAVE = "thematic_session.save"
    SESSION_FILE_ADD = "thematic_session.file_add"
    SESSION_FILE_REMOVE = "thematic_session.file_remove"
    SESSION_REMIND = "thematic_session.remind"
    STANDARD_ADD = "ethics_standard.add"
    ACTIVITY_ADD = "programme_activity.add"
