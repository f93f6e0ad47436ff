"""Who reaches which unit page and which restructuring (docs/architecture.md (practice 5)).

A unit's page and history: anyone with VIEW on it (404 outside their scope). Restructuring
and the grant review: administrators of the unit (403 inside the scope without the right).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from lamtheobac.structure.models import GrantTransfer
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, Policy


def unit_for(policy: Policy, pk: int, action: Action = Action.VIEW) -> Unit:
    """The unit ``pk`` if the user may do ``action`` on it; 404 outside scope, 403 without."""
    unit = get_object_or_404(Unit, pk=pk)
    policy.require(action, unit)
    return unit


def transfer_for(policy: Policy, pk: int) -> GrantTransfer:
    """A copied grant on a unit the user administers."""
    transfer = get_object_or_404(GrantTransfer.objects.select_related("to_unit"), pk=pk)
    policy.require(Action.ADMINISTER, transfer.to_unit)
    return transfer
