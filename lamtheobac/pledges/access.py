"""Per-object fetchers: "the X this user may A, or 404 outside their scope / 403 without
the right" (units.policy). Members reach only their own plan; unit staff (REPORT) their
unit's subtree; committee staff and leaders (READ_REPORTS) read their subtree."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from lamtheobac.pledges.models import Exemplar, ExemplaryModel, ModelFile, Pledge
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action, Policy, policy_for


def can_read(policy: Policy, unit: Unit) -> bool:
    """Unit staff of the unit's subtree or committee staff / leaders above it."""
    return policy.can(Action.REPORT, unit) or policy.can(Action.READ_REPORTS, unit)


def person_of(request: HttpRequest) -> Person:
    """The Person linked to the logged-in account, or 404 with a clear message."""
    person = Person.objects.filter(user_id=request.user.pk or 0).select_related("unit").first()
    if person is None:
        raise Http404("Tài khoản chưa được gắn với một đảng viên, quần chúng nào.")
    return person


def pledge_for(request: HttpRequest, pk: int, *, write: bool = False) -> Pledge:
    """The plan ``pk`` if the user owns it, or may READ it (or, ``write``, REPORT on its
    unit); 404 outside the user's scope, 403 inside it without the right."""
    pledge = get_object_or_404(Pledge.objects.select_related("person", "unit"), pk=pk)
    if pledge.person.user_id == request.user.pk:
        return pledge
    policy = policy_for(request)
    if not policy.in_scope(pledge.unit):
        raise Http404("Không tìm thấy.")
    allowed = policy.can(Action.REPORT, pledge.unit) if write else can_read(policy, pledge.unit)
    if not allowed:
        raise PermissionDenied("Bạn không có quyền xem bản đăng ký này.")
    return pledge


def unit_for(request: HttpRequest, pk: int, action: Action | None = None) -> Unit:
    """The unit ``pk`` for ``action`` (None = read: REPORT or READ_REPORTS)."""
    unit = get_object_or_404(Unit, pk=pk)
    policy = policy_for(request)
    if action is not None:
        policy.require(action, unit)
        return unit
    if not policy.in_scope(unit):
        raise Http404("Không tìm thấy.")
    if not can_read(policy, unit):
        raise PermissionDenied("Bạn không có quyền xem đơn vị này.")
    return unit


def model_for(request: HttpRequest, pk: int) -> ExemplaryModel:
    """A model the user may read (its unit's staff, the organisation's, or above)."""
    model = get_object_or_404(ExemplaryModel.objects.select_related("unit", "organisation"), pk=pk)
    unit_for(request, model.unit_id)
    return model


def exemplar_for(request: HttpRequest, pk: int) -> Exemplar:
    exemplar = get_object_or_404(Exemplar, pk=pk)
    unit_for(request, exemplar.organisation_id)
    return exemplar


def model_file_for(request: HttpRequest, pk: int) -> ModelFile:
    stored = get_object_or_404(ModelFile.objects.present(), pk=pk)
    model_for(request, stored.model_id)
    return stored
