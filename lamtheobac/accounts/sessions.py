"""Sessions in the database, read through ``core.readcache`` (issue 13 §5).

Django's database sessions, unchanged in what they store and when they write; only the read
that every signed-in request makes (the session row by its key) is kept between requests
while the database is unchanged. Signing out, a new sign-in or an expired session deleted by
``clearsessions`` all write, so none of them is ever answered from memory; an expiry time
passing is checked on every request against the kept ``expire_date``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sessions.backends import db
from django.utils import timezone

from lamtheobac.core.readcache import cached_read


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        """The session's data, or ``{}`` (and no session key) when it does not exist or has
        expired, as Django's database sessions do."""
        key = self.session_key
        row = cached_read(("session", key), lambda: self._row(key)) if key else None
        if row is None or row[1] <= timezone.now():
            self._session_key = None
            return {}
        return self.decode(row[0])

    def _row(self, key: str) -> tuple[str, datetime] | None:
        rows = self.model.objects.filter(session_key=key).values_list("session_data", "expire_date")
        return rows.first()
