"""``{% committee_dashboard %}``: the dashboard block of the home page (an additive include)."""

from __future__ import annotations

from typing import Any

from django import template

from lamtheobac.agenda.dashboard import committee_dashboard as build
from lamtheobac.core.readcache import cached_read, now_minute
from lamtheobac.units.policy import policy_for

register = template.Library()


@register.inclusion_tag("agenda/_dashboard.html", takes_context=True)
def committee_dashboard(context: Any) -> dict[str, Any]:
    """The dashboard of the signed-in user, read once per user and minute while the database
    is unchanged (``core.readcache``, ADR 0012)."""
    request = context["request"]
    policy = policy_for(request)
    return {
        "dashboard": cached_read(
            ("dashboard", request.user.pk, now_minute()), lambda: build(policy)
        )
    }
