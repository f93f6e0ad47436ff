"""Template filters for rating levels and import outcomes."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from lamtheobac.ratings.models import RatingLevel

register = template.Library()


@register.filter
def level_label(value: str | None) -> str:
    """{{ "good"|level_label }} -> "Hoàn thành tốt nhiệm vụ"; "" when not rated."""
    if not value:
        return ""
    try:
        return str(RatingLevel(value).label)
    except ValueError:
        return value


@register.filter
def outcome_label(value: str) -> str:
    labels = {"created": _("Thêm mới"), "updated": _("Thay thế"), "unchanged": _("Không đổi")}
    return labels.get(value, value)
