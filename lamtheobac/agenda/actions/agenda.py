"""Feed tokens and digest choices of one user (they act only on themselves)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from lamtheobac.agenda.actions import AgendaAction
from lamtheobac.agenda.models import CalendarFeed, DigestFrequency, DigestPreference
from lamtheobac.audit.models import record
from lamtheobac.core.errors import DomainError


@transaction.atomic
def new_feed(*, user: Any) -> CalendarFeed:
    """Revoke the user's current feed URL (if any) and give a new one."""
    revoke_feeds(user=user)
    feed = CalendarFeed.objects.create(user=user)
    record(actor=user, action=AgendaAction.FEED_CREATED, target=feed)
    return feed


@transaction.atomic
def revoke_feeds(*, user: Any) -> int:
    """Revoke every live feed URL of the user; returns how many."""
    live = list(CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    now = timezone.now()
    for feed in live:
        feed.revoked_at = now
        feed.save(update_fields=["revoked_at"])
        record(actor=user, action=AgendaAction.FEED_REVOKED, target=feed)
    return len(live)


@transaction.atomic
def choose_digest(*, user: Any, frequency: str) -> DigestPreference:
    if frequency not in DigestFrequency.values:
        raise DomainError("Tần suất bản tin không hợp lệ.")
    pref, _ = DigestPreference.objects.select_for_update().get_or_create(user=user)
    before = pref.frequency
    pref.frequency = frequency
    pref.save(update_fields=["frequency"])
    record(
        actor=user,
        action=AgendaAction.DIGEST_CHOSEN,
        target=pref,
        before={"frequency": before},
        after={"frequency": frequency},
    )
    return pref
