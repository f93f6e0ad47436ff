"""Issue and redeem printed reset codes (issue 13 §7: reset by one-time codes an
administrator prints, for users without e-mail)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lamtheobac.accounts.models import ResetCode
from lamtheobac.audit.models import record
from lamtheobac.core.errors import AccessDenied
from lamtheobac.units.models import Role, RoleGrant

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
VALID_FOR = dt.timedelta(hours=72)
WRONG = "Tên đăng nhập hoặc mã không đúng, hoặc mã đã dùng hay hết hạn. Hãy xin mã mới."


def _digest(code: str) -> str:
    normalized = code.replace("-", "").replace(" ", "").upper()
    return hmac.new(settings.SECRET_KEY.encode(), normalized.encode(), hashlib.sha256).hexdigest()


def may_issue_for(admin: Any, user: Any) -> bool:
    """A superuser for anyone; an administrator for users whose every role lies in a subtree
    where they are administrator (docs/domain.md §2: a grant reaches the unit's subtree)."""
    if admin.is_superuser:
        return True
    if user.is_superuser or admin.pk == user.pk:
        return False
    scopes = [
        g.unit.path
        for g in RoleGrant.objects.filter(user=admin, role=Role.ADMINISTRATOR).select_related(
            "unit"
        )
    ]
    paths = [g.unit.path for g in RoleGrant.objects.filter(user=user).select_related("unit")]
    return bool(scopes and paths) and all(any(p.startswith(s) for s in scopes) for p in paths)


@transaction.atomic
def issue_code(*, user: Any, by: Any) -> tuple[str, ResetCode]:
    """A new code for ``user`` (older unused ones voided); returns (code in clear, row).
    Raises AccessDenied when ``by`` may not reset this user's password."""
    if not may_issue_for(by, user):
        raise AccessDenied("Bạn không quản trị tài khoản này.")
    now = timezone.now()
    ResetCode.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
    row = ResetCode.objects.create(
        user=user, digest=_digest(code), issued_by=by, expires_at=now + VALID_FOR
    )
    record(actor=by, action="account.reset_code_issued", target=user, unit=None, after={})
    return code, row


@transaction.atomic
def redeem_code(*, username: str, code: str, password: str) -> Any:
    """Set ``password`` for ``username`` if ``code`` is its live code; returns the user, or
    None whatever was wrong (unknown user, no live code, wrong code: the caller shows WRONG).
    A wrong code counts as an attempt (committed); the fifth voids the code."""
    user = get_user_model().objects.filter(username=username.strip()).first()
    row = (
        ResetCode.objects.select_for_update()
        .filter(user=user, used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
        if user is not None
        else None
    )
    if row is None or user is None:
        return None
    if not hmac.compare_digest(row.digest, _digest(code)):
        row.attempts += 1
        if row.attempts >= ResetCode.MAX_ATTEMPTS:
            row.used_at = timezone.now()
        row.save(update_fields=["attempts", "used_at"])
        return None
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor=user, action="account.password_reset_by_code", target=user, unit=None, after={})
    return user
