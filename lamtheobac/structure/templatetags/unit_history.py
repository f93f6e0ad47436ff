"""Template helpers that show past items under the unit as it was (issue 11 §2, ADR 0011).

``{% unit_then unit when as then %}``: the unit as it was on ``when`` (a date, or a round:
its opening day) — a ``structure.queries.UnitThen`` — or None when it never changed (then
the page shows the unit as it is). ``mapping|then_of:unit_id`` reads a mapping a view built
with ``structure.queries.as_of_ids`` (one query for a whole list).
"""

from __future__ import annotations

from typing import Any

from django import template

from lamtheobac.structure.queries import UnitThen, as_of_ids, day_of
from lamtheobac.units.models import Unit

register = template.Library()


@register.simple_tag
def unit_then(unit: Unit, when: Any) -> UnitThen | None:
    return as_of_ids([unit.pk], day_of(when)).get(unit.pk)


@register.filter
def then_of(mapping: dict[int, UnitThen] | None, unit_id: int) -> UnitThen | None:
    return mapping.get(unit_id) if mapping else None
