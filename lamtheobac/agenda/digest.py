"""The e-mail digest: what is due in the coming week and what is overdue, per user, at the
frequency they chose (daily, or weekly on Mondays). Sending twice on a day sends once."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from lamtheobac.agenda.events import events_for
from lamtheobac.agenda.models import DigestFrequency, DigestPreference
from lamtheobac.core.dates import short_date, today
from lamtheobac.units.policy import Policy

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
    """Send every due digest for ``on`` (default today); returns how many were sent."""
    from lamtheobac.units.policy import policy_of

    day = on or today()
    sent = 0
    prefs = DigestPreference.objects.exclude(frequency=DigestFrequency.NONE).select_related("user")
    for pref in prefs:
        if not _due(pref, day) or not pref.user.email or not pref.user.is_active:
            continue
        with transaction.atomic():
            locked = DigestPreference.objects.select_for_update().get(pk=pref.pk)
            if not _due(locked, day):
                continue
            body = digest_text(policy_of(pref.user), on=day, base_url=base_url)
            locked.last_sent_on = day
            locked.save(update_fields=["last_sent_on"])
            if body is None:
                continue
            send_mail(
                f"lamtheobac: bản tin {short_date(day)}",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [pref.user.email],
            )
            sent += 1
    return sent
