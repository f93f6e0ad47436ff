"""``{{ cells|progress_of:row.unit_id }}``: a grassroots committee's cells' progress in a
cascading round (``queries.cascade_progress``), or None."""

from __future__ import annotations

from django import template

from lamtheobac.reporting.queries import CascadeProgress

register = template.Library()


@register.filter
def progress_of(mapping: dict[int, CascadeProgress] | None, unit_id: int) -> CascadeProgress | None:
    return mapping.get(unit_id) if mapping else None
