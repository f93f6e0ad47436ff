"""The e-mail digest: what is due in the coming week and what is overdue, per user, at the
frequency they chose (daily, or weekly on Mondays). Sending twice on a day sends once."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from lamtheobac.agenda.events import events_for
from lamtheobac.agenda.models import DigestFrequency, DigestPreference
from lamtheobac.core.dates import short_date, today
from lamtheobac.units.policy import Policy

if TYPE_CHECKING:
    from django.contrib.auth.models import User

AHEAD_DAYS = 7


def digest_text(policy: Policy, *, on: dt.date, base_url: str) -> str | None:
    """The digest body, or None when nothing is due or overdue."""
    from lamtheobac.tasks.queries import visible_tasks

    upcoming = events_for(policy, on, on + dt.timedelta(days=AHEAD_DAYS), today=on)
    overdue = list(visible_tasks(policy).overdue(on)[:50])  # type: ignore[attr-defined]
    if not upcoming and not overdue:
        return None
    lines = [f"Bản tin ngày {short_date(on)}", ""]
    if overdue:
        lines.append("NHIỆM VỤ QUÁ HẠN")
        lines += [
            f"- {t.due_display} — {t.lead.name}: {t.title[:150]}\n  {base_url}/nhiem-vu/{t.pk}/"
            for t in overdue
        ]
        lines.append("")
    if upcoming:
        lines.append(f"SẮP ĐẾN HẠN ({AHEAD_DAYS} NGÀY TỚI)")
        lines += [f"- {short_date(e.day)} — {e.summary}\n  {base_url}{e.url}" for e in upcoming]
    return "\n".join(lines)


def _due(pref: DigestPreference, on: dt.date) -> bool:
    if pref.last_sent_on is not None and pref.last_sent_on >= on:
        return False
    if pref.frequency == DigestFrequency.DAILY:
        return True
    return pref.frequency == DigestFrequency.WEEKLY and on.weekday() == 0


def send_digests(*, on: dt.date | None = None, base_url: str = "") -> int:
    """Send every due digest for ``on`` (default today); returns how many were sent.

    Each digest also carries the user's notifications kept for it (users who chose "gộp vào
    bản tin", ``notifications.services``). A user who chose that but no digest frequency gets
    a daily digest of those notifications alone. At most one digest per user per day.
    ``base_url`` defaults to ``settings.SITE_URL``."""
    from lamtheobac.notifications.models import Notification
    from lamtheobac.units.policy import policy_of

    day = on or today()
    base_url = base_url or settings.SITE_URL
    sent = 0
    prefs = DigestPreference.objects.exclude(frequency=DigestFrequency.NONE).select_related("user")
    for pref in prefs:
        if not _due(pref, day) or not pref.user.email or not pref.user.is_active:
            continue
        with transaction.atomic():
            locked = DigestPreference.objects.select_for_update().get(pk=pref.pk)
            if not _due(locked, day):
                continue
            body = _with_notifications(
                pref.user, digest_text(policy_of(pref.user), on=day, base_url=base_url), day
            )
            locked.last_sent_on = day
            locked.save(update_fields=["last_sent_on"])
            if body is None:
                continue
            _send(pref.user.email, day, body)
            sent += 1
    waiting = (
        Notification.objects.awaiting_digest()
        .exclude(
            user__digest_preference__frequency__in=[DigestFrequency.DAILY, DigestFrequency.WEEKLY]
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in sorted(set(waiting)):
        with transaction.atomic():
            locked, _ = DigestPreference.objects.select_for_update().get_or_create(user_id=user_id)
            user = locked.user
            if (locked.last_sent_on is not None and locked.last_sent_on >= day) or not (
                user.email and user.is_active
            ):
                continue
            body = _with_notifications(user, None, day)
            locked.last_sent_on = day
            locked.save(update_fields=["last_sent_on"])
            if body is None:
                continue
            _send(user.email, day, body)
            sent += 1
    return sent


def _with_notifications(user: User, body: str | None, day: dt.date) -> str | None:
    """The digest body with the user's notifications kept for it (taken now), or None when
    there is nothing to send."""
    from lamtheobac.notifications.services import digest_section, take_for_digest

    section = digest_section(take_for_digest(user))
    if not section:
        return body
    if body is None:
        return f"Bản tin ngày {short_date(day)}\n\n{section}"
    return f"{body}\n\n{section}"


def _send(to: str, day: dt.date, body: str) -> None:
    send_mail(f"lamtheobac: bản tin {short_date(day)}", body, settings.DEFAULT_FROM_EMAIL, [to])
