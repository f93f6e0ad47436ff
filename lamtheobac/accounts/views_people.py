"""People and accounts of one unit, for its administrators (issue 11 §3): invite by e-mail,
print one-time codes for the whole cell, print a reset code, deactivate or reactivate."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from lamtheobac.accounts import codes, invitations
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action, policy_for


def _unit(request: HttpRequest, pk: int) -> Unit:
    unit = get_object_or_404(Unit, pk=pk)
    policy_for(request).require(Action.ADMINISTER, unit)
    return unit


def _person(request: HttpRequest, pk: int) -> Person:
    person = get_object_or_404(Person.objects.select_related("unit", "user"), pk=pk)
    policy_for(request).require(Action.ADMINISTER, person.unit)
    return person


def _back(person: Person) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("accounts:people", args=[person.unit_id]), status=303)


@require_GET
def people(request: HttpRequest, pk: int) -> HttpResponse:
    """The people of ``unit`` (not its sub-units) and the state of their accounts."""
    unit = _unit(request, pk)
    return render(
        request,
        "accounts/people.html",
        {
            "unit": unit,
            "people": Person.objects.filter(unit=unit).select_related("user").in_office_order(),
        },
    )


@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    user = invitations.invite_by_email(
        person=person,
        email=request.POST.get("email", ""),
        base_url=request.build_absolute_uri("/"),
        by=request.user,
    )
    messages.success(request, f"Đã gửi thư mời tới {user.email} (tên đăng nhập {user.username}).")
    return _back(person)


@require_POST
def unit_codes(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    printed = invitations.issue_unit_codes(unit=unit, by=request.user)
    return render(request, "accounts/unit_codes.html", {"unit": unit, "printed": printed})


@require_POST
def reset_code(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    if person.user is None:
        messages.error(request, f"{person.full_name} chưa có tài khoản.")
        return _back(person)
    code, row = codes.issue_code(user=person.user, by=request.user)
    return render(
        request, "accounts/code_print.html", {"target": person.user, "code": code, "row": row}
    )


@require_POST
def set_active(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    active = request.POST.get("active") == "1"
    invitations.set_account_active(person=person, active=active, by=request.user)
    messages.success(
        request,
        f"Đã {'mở lại' if active else 'khóa'} tài khoản của {person.full_name}; "
        "hồ sơ và dữ liệu của người này được giữ nguyên.",
    )
    return _back(person)
