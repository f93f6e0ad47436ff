from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lamtheobac.reporting import queries as reporting_queries
from lamtheobac.units.policy import policy_for


def home(request: HttpRequest) -> HttpResponse:
    """Each role's starting page: open rounds to report in, rounds to follow up."""
    policy = policy_for(request)
    return render(
        request,
        "core/home.html",
        {
            "rounds_to_report": reporting_queries.rounds_to_report(policy),
            "rounds_to_follow": reporting_queries.rounds_to_follow(policy),
            "grants": policy.grants,
        },
    )
