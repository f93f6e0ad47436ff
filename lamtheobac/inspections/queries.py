"""Reads of inspection programmes, scoped by the policy; counts in one query."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from lamtheobac.inspections.models import Inspection, InspectionProgramme, InspectionState
from lamtheobac.tasks.models import TaskState
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, Policy


def _sees(policy: Policy, unit: Unit) -> bool:
    return any(policy.can(a, unit) for a in (Action.MANAGE, Action.READ_REPORTS, Action.REPORT))


def visible_programmes(policy: Policy) -> QuerySet[InspectionProgramme]:
    scope = (
        policy.unit_filter(Action.MANAGE, "committee")
        | policy.unit_filter(Action.READ_REPORTS, "committee")
        | policy.unit_filter(Action.REPORT, "committee")
    )
    return InspectionProgramme.objects.filter(scope).select_related("committee")


def programme_for(policy: Policy, pk: int) -> InspectionProgramme:
    """404 outside the user's scope, 403 without a right on the committee."""
    programme = get_object_or_404(InspectionProgramme.objects.select_related("committee"), pk=pk)
    if not _sees(policy, programme.committee):
        policy.require(Action.READ_REPORTS, programme.committee)
    return programme


def inspection_for(policy: Policy, pk: int) -> Inspection:
    """The inspection if the user sees its programme's committee, or is of the inspected
    unit (it sees its own inspection); 404 otherwise."""
    inspection = get_object_or_404(
        Inspection.objects.select_related("programme__committee", "target", "notice"), pk=pk
    )
    if _sees(policy, inspection.programme.committee) or policy.can(Action.VIEW, inspection.target):
        return inspection
    policy.require(Action.READ_REPORTS, inspection.programme.committee)
    return inspection


def may_run(policy: Policy, programme: InspectionProgramme) -> bool:
    from lamtheobac.units.models import UnitKind

    committee = programme.committee
    if policy.can(Action.MANAGE, committee):
        return True
    return committee.kind == UnitKind.GRASSROOTS_COMMITTEE and policy.can(Action.REPORT, committee)


@dataclass(frozen=True)
class ProgrammeCounts:
    total: int
    planned: int
    notified: int
    in_progress: int
    concluded: int
    closed: int
    recommendations: int
    recommendations_open: int


def counts(programme: InspectionProgramme) -> ProgrammeCounts:
    """Inspections per state and recommendations open / total (two queries)."""
    by_state = programme.inspections.aggregate(
        total=Count("pk"),
        **{s.value: Count("pk", filter=Q(state=s.value)) for s in InspectionState},
    )
    recs = programme.inspections.aggregate(
        n_recommendations=Count("recommendations"),
        n_open=Count(
            "recommendations",
            filter=Q(
                recommendations__task__state__in=[TaskState.NOT_STARTED, TaskState.IN_PROGRESS]
            ),
        ),
    )
    return ProgrammeCounts(
        **by_state, recommendations=recs["n_recommendations"], recommendations_open=recs["n_open"]
    )
