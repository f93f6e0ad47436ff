from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lamtheobac.commendations import queries as commendation_queries
from lamtheobac.programme import home as programme_home
from lamtheobac.reporting import queries as reporting_queries
from lamtheobac.units.policy import policy_for


def home(request: HttpRequest) -> HttpResponse:
    """Each role's starting page: open rounds to report in, rounds to follow up.

    A fixed number of queries whatever the number of units (asserted in
    ``core/tests/test_home_queries.py``)."""
    policy = policy_for(request)
    member, staff = programme_home.panels(request.user, policy)
    # The navigation asks ``user.person`` too: hand it the person the panel already read.
    if request.user.is_authenticated:
        related = get_user_model().person.related
        related.set_cached_value(request.user, member.person if member else None)
    return render(
        request,
        "core/home.html",
        {
            "rounds_to_report": reporting_queries.rounds_to_report(policy),
            "rounds_to_follow": reporting_queries.rounds_to_follow(policy),
            "rounds_to_nominate": commendation_queries.rounds_to_nominate(policy),
            "grants": policy.grants,
            "programme_member": member,
            "programme_staff": staff,
        },
    )
