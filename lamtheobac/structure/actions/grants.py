"""The administrator reviews the role grants a merge or split copied (issue 11 §2)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from lamtheobac.audit.models import record
from lamtheobac.core.errors import StateError
from lamtheobac.structure.actions import AuditAction
from lamtheobac.structure.actions._common import now
from lamtheobac.structure.models import GrantTransfer
from lamtheobac.units.models import RoleGrant
from lamtheobac.units.policy import Action, authorize


def _locked(transfer: GrantTransfer) -> GrantTransfer:
    found = GrantTransfer.objects.select_for_update().get(pk=transfer.pk)
    if found.reviewed_at is not None:
        raise StateError("Quyền này đã được xem xét.")
    return found


@transaction.atomic
def keep_grant(*, transfer: GrantTransfer, by: Any) -> GrantTransfer:
    """Keep the copied grant (marks it reviewed). Refused when already reviewed."""
    authorize(by, Action.ADMINISTER, transfer.to_unit)
    transfer = _locked(transfer)
    transfer.reviewed_at = now()
    transfer.reviewed_by = by
    transfer.save(update_fields=["reviewed_at", "reviewed_by"])
    record(actor=by, action=AuditAction.GRANT_KEPT, target=transfer, unit=transfer.to_unit)
    return transfer


@transaction.atomic
def revoke_grant(*, transfer: GrantTransfer, by: Any) -> GrantTransfer:
    """Revoke the copied grant (the user loses that role on the merged unit; the grant on
    the old unit stays, so they still read its past). Refused when already reviewed."""
    authorize(by, Action.ADMINISTER, transfer.to_unit)
    transfer = _locked(transfer)
    if transfer.grant_id is not None:
        RoleGrant.objects.filter(pk=transfer.grant_id).delete()
        transfer.grant = None
    transfer.revoked = True
    transfer.reviewed_at = now()
    transfer.reviewed_by = by
    transfer.save(update_fields=["revoked", "reviewed_at", "reviewed_by", "grant"])
    record(
        actor=by,
        action=AuditAction.GRANT_REVOKED,
        target=transfer,
        unit=transfer.to_unit,
        before={"user": transfer.user_id, "role": transfer.role, "unit": transfer.to_unit_id},
    )
    return transfer
