"""Reads of the document registers, scoped by the policy."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from lamtheobac.registers.models import DocumentRegister
from lamtheobac.units.policy import Action, Policy


def visible_registers(policy: Policy) -> QuerySet[DocumentRegister]:
    """Registers of units the user manages, reads reports of, or reports for."""
    scope = (
        policy.unit_filter(Action.MANAGE)
        | policy.unit_filter(Action.READ_REPORTS)
        | policy.unit_filter(Action.REPORT)
    )
    return (
        DocumentRegister.objects.filter(scope)
        .select_related("unit")
        .annotate(n_entries=Count("entries"))
    )


def register_for(policy: Policy, pk: int) -> DocumentRegister:
    """The register ``pk``: 404 outside the user's scope, 403 without a right on its unit."""
    register = get_object_or_404(DocumentRegister.objects.select_related("unit"), pk=pk)
    if not (
        policy.can(Action.MANAGE, register.unit) or policy.can(Action.READ_REPORTS, register.unit)
    ):
        policy.require(Action.REPORT, register.unit)
    return register
