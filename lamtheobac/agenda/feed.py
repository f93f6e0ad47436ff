"""The iCalendar (RFC 5545) text of a user's feed, written with the ``icalendar`` library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from lamtheobac.agenda.events import Event
from lamtheobac.core.dates import short_date
from lamtheobac.units.policy import ROLE_ACTIONS, Action, Policy


def calendar_bytes(events: Iterable[Event], *, base_url: str, name: str) -> bytes:
    """All-day events (DTSTART/DTEND as dates), each with a URL back to the app."""
    cal = Calendar()
    cal.add("prodid", "-//lamtheobac//Hoc tap va lam theo Bac//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = timezone.now()
    for e in events:
        item = VEvent()
        item.add("uid", e.uid)
        item.add("dtstamp", stamp)
        item.add("summary", e.summary)
        item.add("dtstart", e.day)
        item.add("dtend", (e.end or e.day) + dt.timedelta(days=1))
        item.add("url", f"{base_url}{e.url}")
        item.add("description", f"Xem trong ứng dụng: {base_url}{e.url}")
        item.add("categories", [e.kind])
        cal.add_component(item)
    return cal.to_ical()


def session_events(policy: Policy, start: dt.date, end: dt.date) -> list[Event]:
    """The quarters of the cells' themed sessions (sinh hoạt chuyên đề, seed 004 §II.2) of
    every published programme that applies to the user's units (its scope is one of them, an
    ancestor, or lies under them), each quarter an all-day event over the quarter's days
    meeting [``start``, ``end``], with its topic and the last day to record the session.
    Two queries (themes, their topics), whatever the number of units."""
    from lamtheobac.programme.models import ROMAN, Theme, quarter_end, quarter_start
    from lamtheobac.programme.queries import _ancestor_paths

    units = [g.unit for g in policy.grants if Action.VIEW in ROLE_ACTIONS[g.role]]
    if not units:
        return []
    condition = Q(pk__in=[])
    for unit in units:
        condition |= Q(scope__path__startswith=unit.path) | Q(scope__path__in=_ancestor_paths(unit))
    themes = (
        Theme.objects.published()
        .filter(condition, year__gte=start.year, year__lte=end.year)
        .prefetch_related("topics")
        .order_by("year", "pk")
    )
    events = []
    for theme in themes:
        topics = {t.quarter: t for t in theme.topics.all()}
        for quarter in (1, 2, 3, 4):
            first, last = quarter_start(theme.year, quarter), quarter_end(theme.year, quarter)
            if last < start or first > end:
                continue
            topic = topics.get(quarter)
            label = f"Quý {ROMAN[quarter]}/{theme.year}"
            summary = f"Sinh hoạt chuyên đề {label}" + (f": {topic.title}" if topic else "")
            events.append(
                Event(
                    uid=f"session-quarter-{theme.pk}-{quarter}@lamtheobac",
                    kind="session",
                    summary=f"{summary} (ghi nhận đến {short_date(theme.session_due(quarter))})",
                    day=first,
                    end=last,
                    url=reverse("programme:theme_detail", args=[theme.pk]),
                )
            )
    return events
