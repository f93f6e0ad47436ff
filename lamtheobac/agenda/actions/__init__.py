"""Write functions of the agenda app; audit names."""

from __future__ import annotations

from enum import StrEnum


class AgendaAction(StrEnum):
    FEED_CREATED = "agenda.feed_created"
    FEED_REVOKED = "agenda.feed_revoked"
    DIGEST_CHOSEN = "agenda.digest_chosen"
