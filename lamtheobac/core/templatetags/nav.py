"""The header's main menu (Danh mục chính) and the current page marked in it (issue 14 §8:
``aria-current="page"``).

Every signed-in page renders the menu, so it is built in Python in one pass (issue 13 §5:
about 30 ``{% url %}`` and ``{% current %}`` nodes cost 2 ms of every request): each item's
address is reversed once per process (the URLconf does not change while it runs), its label
translated, and shown when the user's policy allows it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from lamtheobac.units.policy import Policy

register = template.Library()


def _has_person(user: Any) -> bool:
    try:
        return user.person is not None
    except ObjectDoesNotExist:
        return False


def _always(policy: Policy, user: Any) -> bool:
    return True


def _follows(policy: Policy, user: Any) -> bool:
    return policy.can_manage_any or policy.can_read_reports_any


#: (URL name, label, who sees it), in the menu's order.
MENU: tuple[tuple[str, str, Callable[[Policy, Any], bool]], ...] = (
    ("home", gettext_noop("Trang chính"), _always),
    ("documents:list", gettext_noop("Văn bản"), _follows),
    ("ratings:list", gettext_noop("Xếp loại"), lambda p, u: p.can_manage_any),
    ("reporting:rounds", gettext_noop("Đợt báo cáo"), _always),
    ("programme:themes", gettext_noop("Chương trình năm"), _always),
    (
        "commendations:rounds",
        gettext_noop("Khen thưởng"),
        lambda p, u: p.can_read_reports_any or p.can_report_any,
    ),
    ("pledges:mine", gettext_noop("Kế hoạch làm theo của tôi"), lambda p, u: _has_person(u)),
    (
        "pledges:index",
        gettext_noop("Đăng ký làm theo"),
        lambda p, u: p.can_report_any or p.can_read_reports_any,
    ),
    ("tasks:list", gettext_noop("Nhiệm vụ"), _always),
    ("inspections:list", gettext_noop("Kiểm tra"), _follows),
    ("registers:list", gettext_noop("Sổ đăng ký"), _follows),
    ("agenda:settings", gettext_noop("Lịch"), _always),
    ("roster:index", gettext_noop("Tổ chức, đảng viên"), lambda p, u: bool(p.grants)),
    ("structure:list", gettext_noop("Cơ cấu tổ chức"), lambda p, u: "administrator" in p.roles()),
    ("notifications:list", gettext_noop("Thông báo"), _always),
)


@lru_cache(maxsize=256)
def _reverse(name: str, urlconf: Any, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


def menu_url(name: str) -> str:
    """``reverse(name)`` (no arguments), computed once per URLconf and script prefix."""
    return _reverse(name, get_urlconf(), get_script_prefix())


def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _reverse.cache_clear()


setting_changed.connect(_forget)


def _is_current(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)


@register.simple_tag(takes_context=True)
def main_menu(context: dict[str, Any], policy: Policy, unread: int = 0) -> SafeString:
    """The menu's links for ``policy``'s user: ``<a href="…">label</a>`` each, the current one
    with `` aria-current="page"``, the notifications' link with the ``unread`` count."""
    if not isinstance(policy, Policy):  # a page rendered without the context processor
        return mark_safe("")
    request = context.get("request")
    path = request.path if request is not None else ""
    links = []
    for name, label, shown in MENU:
        if not shown(policy, policy.user):
            continue
        url = menu_url(name)
        text = gettext(label)
        if name == "notifications:list" and unread:
            text = f"{text} ({unread})"
        current = mark_safe(' aria-current="page"' if _is_current(path, url) else "")  # noqa: S308
        links.append((url, current, text))
    return format_html_join("\n    ", '<a href="{}"{}>{}</a>', links)


@register.simple_tag(takes_context=True)
def current(context: dict[str, Any], name: str) -> SafeString:
    """`` aria-current="page"`` when the request's path is the named URL or lies below it (the
    home page only for itself), else ""."""
    request = context.get("request")
    if request is None:
        return mark_safe("")
    here = _is_current(request.path, menu_url(name))
    return mark_safe(' aria-current="page"' if here else "")  # noqa: S308 (a constant)
