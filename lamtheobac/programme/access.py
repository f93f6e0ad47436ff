"""Per-object fetchers: "the X this user may A, or 404 outside their scope / 403 without the
right" (units.policy). Views reach programme objects only through these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from lamtheobac.programme.models import (
    ActivityFile,
    SessionMinutes,
    ThematicSession,
    Theme,
    TopicFile,
)
from lamtheobac.units.models import CELL_KINDS, Unit
from lamtheobac.units.policy import Action, Policy, policy_for

READERS = (Action.READ_REPORTS, Action.REPORT)  # committee staff and leaders; unit staff


def require_any(policy: Policy, actions: tuple[Action, ...], unit: Unit) -> None:
    """Refuse unless one of ``actions`` is allowed on ``unit`` (404 outside scope, else 403)."""
    if not policy.in_scope(unit):
        raise Http404("Không tìm thấy.")
    if not any(policy.can(a, unit) for a in actions):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này trên đơn vị này.")


def theme_to_manage(request: HttpRequest, pk: int) -> Theme:
    """A programme its committee's staff edit (MANAGE on the issuing committee)."""
    theme = get_object_or_404(Theme.objects.select_related("committee", "scope"), pk=pk)
    policy_for(request).require(Action.MANAGE, theme.committee)
    return theme


def theme_to_read(request: HttpRequest, pk: int) -> Theme:
    """A programme anyone in its scope sees once published (its committee's staff always)."""
    theme = get_object_or_404(Theme.objects.select_related("committee", "scope"), pk=pk)
    policy = policy_for(request)
    if policy.can(Action.MANAGE, theme.committee):
        return theme
    if not theme.is_published:
        raise Http404("Không tìm thấy.")
    if policy.can(Action.VIEW, theme.scope) or any(
        g.unit.is_within(theme.scope) for g in policy.grants
    ):
        return theme
    raise Http404("Không tìm thấy.")


def theme_to_follow(request: HttpRequest, pk: int) -> Theme:
    """A programme whose counts the user follows: committee staff and leaders (READ_REPORTS
    on the issuing committee)."""
    theme = get_object_or_404(Theme.objects.select_related("committee", "scope"), pk=pk)
    policy_for(request).require(Action.READ_REPORTS, theme.committee)
    return theme


def unit_to_follow(request: HttpRequest, theme: Theme, unit_pk: int) -> Unit:
    """A unit of the programme's scope whose sessions the user follows: its own staff
    (REPORT) or the committee's (READ_REPORTS)."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    if not unit.is_within(theme.scope):
        raise Http404("Không tìm thấy.")
    require_any(policy_for(request), READERS, unit)
    return unit


def cell_to_record(request: HttpRequest, theme: Theme, cell_pk: int) -> Unit:
    """A cell of the programme's scope whose sessions the user records (REPORT on it)."""
    cell = get_object_or_404(Unit, pk=cell_pk, kind__in=CELL_KINDS)
    if not cell.is_within(theme.scope):
        raise Http404("Không tìm thấy.")
    policy_for(request).require(Action.REPORT, cell)
    return cell


def session_to_read(request: HttpRequest, pk: int) -> ThematicSession:
    """A session its cell's members, staff above it and the committee see."""
    session = get_object_or_404(
        ThematicSession.objects.select_related("theme__scope", "theme__committee", "cell"), pk=pk
    )
    policy = policy_for(request)
    require_any(policy, (Action.VIEW,), session.cell)
    return session


def session_file(request: HttpRequest, pk: int) -> SessionMinutes:
    stored = get_object_or_404(
        SessionMinutes.objects.present().select_related("session__cell"), pk=pk
    )
    require_any(policy_for(request), (Action.VIEW,), stored.session.cell)
    return stored


def topic_file(request: HttpRequest, pk: int) -> TopicFile:
    stored = get_object_or_404(
        TopicFile.objects.present().select_related("topic__theme__scope"), pk=pk
    )
    theme_to_read(request, stored.topic.theme_id)
    return stored


def activity_file(request: HttpRequest, pk: int) -> ActivityFile:
    stored = get_object_or_404(
        ActivityFile.objects.present().select_related("activity__unit"), pk=pk
    )
    require_any(policy_for(request), (Action.VIEW,), stored.activity.unit)
    return stored


def unit_to_record(request: HttpRequest, unit_pk: int) -> Unit:
    """A unit whose standards and activities the user records (REPORT)."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    policy_for(request).require(Action.REPORT, unit)
    return unit


def unit_to_read(request: HttpRequest, unit_pk: int) -> Unit:
    unit = get_object_or_404(Unit, pk=unit_pk)
    require_any(policy_for(request), (*READERS, Action.VIEW), unit)
    return unit
