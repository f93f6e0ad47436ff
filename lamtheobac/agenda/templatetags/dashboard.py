"""``{% committee_dashboard %}``: the dashboard block of the home page (an additive include)."""

from __future__ import annotations

from typing import Any

from django import template

from lamtheobac.agenda.dashboard import committee_dashboard as build
from lamtheobac.units.policy import policy_for

register = template.Library()


@register.inclusion_tag("agenda/_dashboard.html", takes_context=True)
def committee_dashboard(context: Any) -> dict[str, Any]:
    return {"dashboard": build(policy_for(context["request"]))}
