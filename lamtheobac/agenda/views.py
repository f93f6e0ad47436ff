"""The user's calendar and digest settings, and the feed itself (public by design: the
secret token is the credential; a revoked or unknown token is 404)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lamtheobac.agenda.actions.agenda import choose_digest, new_feed, revoke_feeds
from lamtheobac.agenda.events import events_for
from lamtheobac.agenda.feed import calendar_bytes, session_events
from lamtheobac.agenda.models import CalendarFeed, DigestFrequency, DigestPreference
from lamtheobac.core.dates import today
from lamtheobac.units.policy import policy_of

PAST_DAYS = 60
AHEAD_DAYS = 400


@require_http_methods(["GET", "POST"])
def agenda_settings(request: HttpRequest) -> HttpResponse:
    """The user's own feed URL (create, renew, revoke) and digest frequency."""
    if request.method == "POST":
        what = request.POST.get("action")
        if what == "new":
            new_feed(user=request.user)
            messages.success(
                request, "Đã tạo địa chỉ lịch mới; địa chỉ cũ (nếu có) không còn dùng được."
            )
        elif what == "revoke":
            revoke_feeds(user=request.user)
            messages.success(request, "Đã thu hồi địa chỉ lịch.")
        elif what == "digest":
            choose_digest(user=request.user, frequency=request.POST.get("frequency", ""))
            messages.success(request, "Đã lưu lựa chọn bản tin.")
        return HttpResponseRedirect(reverse("agenda:settings"), status=303)
    user = request.user
    feed = CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()  # type: ignore[misc]
    pref = DigestPreference.objects.filter(user=user).first()  # type: ignore[misc]
    return render(
        request,
        "agenda/settings.html",
        {
            "feed_url": request.build_absolute_uri(reverse("agenda:feed", args=[feed.token]))
            if feed
            else "",
            "frequency": pref.frequency if pref else DigestFrequency.NONE,
            "frequencies": DigestFrequency.choices,
        },
    )


@login_not_required  # the secret, revocable URL is the credential (calendar clients)
@require_http_methods(["GET"])
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed of the token's user: 404 when unknown or revoked."""
    found = (
        CalendarFeed.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        raise Http404("Không tìm thấy lịch.")
    day = today()
    policy = policy_of(found.user)
    start, end = day - dt.timedelta(days=PAST_DAYS), day + dt.timedelta(days=AHEAD_DAYS)
    events = events_for(policy, start, end, today=day)
    events += session_events(policy, start, end)  # the cells' session quarters (issue 9 §7)
    body = calendar_bytes(events, base_url=request.build_absolute_uri("/")[:-1], name="lamtheobac")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lamtheobac.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
