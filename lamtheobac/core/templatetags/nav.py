"""The current page marked in the navigation (issue 14 §8): ``aria-current="page"``."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def current(context: dict[str, Any], name: str) -> SafeString:
    """`` aria-current="page"`` when the request's path is the named URL or lies below it (the
    home page only for itself), else ""."""
    request = context.get("request")
    if request is None:
        return mark_safe("")
    url = reverse(name)
    here = request.path == url if url == "/" else request.path.startswith(url)
    return mark_safe(' aria-current="page"' if here else "")  # noqa: S308 (a constant)
