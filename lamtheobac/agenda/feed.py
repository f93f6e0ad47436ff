"""The iCalendar (RFC 5545) text of a user's feed, written with the ``icalendar`` library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from lamtheobac.agenda.events import Event


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
