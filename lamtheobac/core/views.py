from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lamtheobac.commendations import queries as commendation_queries
from lamtheobac.core.readcache import cached_read, now_minute
from lamtheobac.programme import home as programme_home
from lamtheobac.reporting import queries as reporting_queries
from lamtheobac.units.policy import Policy, policy_for


def home(request: HttpRequest) -> HttpResponse:
    """Each role's starting page: open rounds to report in, rounds to follow up.

    A fixed number of queries whatever the number of units (asserted in
    ``core/tests/test_home_queries.py``); read once per user and minute while the database
    is unchanged (``core.readcache``)."""
    policy = policy_for(request)
    user = request.user
    panels = cached_read(("home", user.pk, now_minute()), lambda: _home_panels(user, policy))
    member = panels["programme_member"]
    # The navigation asks ``user.person`` too: hand it the person the panel already read.
    if user.is_authenticated:
        related = get_user_model().person.related
        related.set_cached_value(user, member.person if member else None)
    return render(request, "core/home.html", {**panels, "grants": policy.grants})


def _home_panels(user: Any, policy: Policy) -> dict[str, Any]:
    member, staff = programme_home.panels(user, policy)
    return {
        "rounds_to_report": list(reporting_queries.rounds_to_report(policy)),
        "rounds_to_follow": list(reporting_queries.rounds_to_follow(policy)),
        "rounds_to_nominate": list(commendation_queries.rounds_to_nominate(policy)),
        "programme_member": member,
        "programme_staff": staff,
    }
