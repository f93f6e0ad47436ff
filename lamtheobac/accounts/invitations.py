"""People and accounts apart (issue 11 §3): a person (``units.Person``) needs no login; an
administrator invites people to create accounts — a one-time link by e-mail, or printed
one-time codes for a whole cell (the reset codes of ``codes.py``) — and deactivates an
account without touching the person or their records.

Writes here are keyword-only and atomic, require the administrator's right on the person's
unit (``units.policy.authorize``, Action.ADMINISTER; for an existing account also
``codes.may_issue_for``: every role of the account lies in the administrator's scope), audit,
and raise ``DomainError`` with a Vietnamese message on bad input (nothing changes).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lamtheobac.accounts import codes
from lamtheobac.accounts.models import ResetCode
from lamtheobac.audit.models import record
from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.units.models import Person, Role, RoleGrant, Unit
from lamtheobac.units.policy import Action, authorize


class AccountAction:
    INVITED_BY_EMAIL = "account.invited_by_email"
    CREATED_FOR_CODE = "account.created_for_code"
    DEACTIVATED = "account.deactivated"
    REACTIVATED = "account.reactivated"


def _ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def username_for(person: Person) -> str:
    """A free login name from the person's name: given name, then the initials of family and
    middle names (Nguyễn Văn An → ``an.nv``, then ``an.nv2`` …), ASCII only."""
    given = re.sub(r"[^a-z0-9]", "", _ascii(person.given_name)) or "nguoidung"
    initials = "".join(w[0] for w in _ascii(f"{person.family_name} {person.middle_name}").split())
    base = f"{given}.{initials}" if initials else given
    taken = set(
        get_user_model()
        .objects.filter(username__startswith=base)
        .values_list("username", flat=True)
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"


def _create_account(person: Person, *, unit: Unit, email: str, by: Any, action: str) -> Any:
    """A login for ``person`` with no usable password yet, and the member role on their unit."""
    user = get_user_model().objects.create_user(
        username=username_for(person),
        email=email,
        first_name=person.given_name,
        last_name=f"{person.family_name} {person.middle_name}".strip(),
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    Person.objects.filter(pk=person.pk).update(user=user)
    person.user = user
    RoleGrant.objects.get_or_create(user=user, unit_id=person.unit_id, role=Role.MEMBER)
    record(actor=by, action=action, target=person, unit=unit, after={"username": user.username})
    return user


def _locked_person(person: Person, by: Any) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)  # no outer join under a lock
    person = Person.objects.select_related("unit", "user").get(pk=person.pk)
    authorize(by, Action.ADMINISTER, person.unit)
    return person


@transaction.atomic
def invite_by_email(*, person: Person, email: str, base_url: str, by: Any) -> Any:
    """Create an account for ``person`` and e-mail a one-time link (valid
    ``PASSWORD_RESET_TIMEOUT`` seconds, void once used) where they choose a password.
    ``base_url``: scheme and host, e.g. ``https://lamtheo.example.vn``. The mail leaves after
    commit. Refused: the person already has an account, or a malformed address."""
    person = _locked_person(person, by)
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(f"Địa chỉ thư điện tử “{email}” không hợp lệ.") from None
    if person.user_id is not None:
        raise DomainError(f"{person.full_name} đã có tài khoản ({person.user}).")
    user = _create_account(
        person, unit=person.unit, email=email, by=by, action=AccountAction.INVITED_BY_EMAIL
    )
    link = base_url.rstrip("/") + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    body = render_to_string(
        "accounts/invitation_email.txt", {"person": person, "user": user, "link": link}
    )
    transaction.on_commit(
        lambda: send_mail(
            "Mời tạo tài khoản Học tập và làm theo Bác",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
    )
    return user


@dataclass
class PrintedCode:
    person: Person
    user: Any
    code: str
    row: ResetCode


@transaction.atomic
def issue_unit_codes(*, unit: Unit, by: Any) -> list[PrintedCode]:
    """Printed one-time codes for every person of ``unit`` (Person.unit) who has no account
    yet or whose account was never used: an account is created where needed, older codes
    are voided, each code is valid ``codes.VALID_FOR`` and redeemed on the code page.
    People with a used or deactivated account are left out (reset those one by one)."""
    authorize(by, Action.ADMINISTER, unit)
    printed = []
    people = Person.objects.filter(unit=unit).select_related("user").in_office_order()
    for person in people:
        user = person.user
        if user is not None and (user.last_login is not None or not user.is_active):
            continue
        if user is None:
            user = _create_account(
                person, unit=unit, email="", by=by, action=AccountAction.CREATED_FOR_CODE
            )
        code, row = codes.issue_code(user=user, by=by)
        printed.append(PrintedCode(person, user, code, row))
    if not printed:
        raise DomainError("Mọi người ở đơn vị này đã dùng tài khoản; không có mã nào để in.")
    return printed


@transaction.atomic
def set_account_active(*, person: Person, active: bool, by: Any) -> Any:
    """Deactivate (``active=False``) or reactivate the account of ``person``. The person, their
    grants and every record they made stay as they are; an inactive account cannot log in.
    Refused: no account, your own account, an account with roles outside your scope."""
    person = _locked_person(person, by)
    user = person.user
    if user is None:
        raise DomainError(f"{person.full_name} chưa có tài khoản.")
    if by is not None and user.pk == by.pk:
        raise DomainError("Không tự khóa tài khoản của chính mình.")
    if by is not None and not codes.may_issue_for(by, user):
        raise AccessDenied("Tài khoản này có vai trò ngoài phạm vi bạn quản trị.")
    if user.is_active == active:
        raise DomainError("Tài khoản đã ở tình trạng này.")
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        actor=by,
        action=AccountAction.REACTIVATED if active else AccountAction.DEACTIVATED,
        target=user,
        unit=person.unit,
        before={"is_active": not active},
        after={"is_active": active},
    )
    return user
