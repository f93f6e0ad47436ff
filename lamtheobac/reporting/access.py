"""Who may reach which reporting object (issue 7, ADR 0005): the one place views fetch rounds,
reports and attachments.

Each fetcher returns the object the user may act on, or refuses through the one policy:
Http404 outside the user's scope (nothing leaks), PermissionDenied (403) inside it without
the right. For attachments the pair "may this user download this one" / "which ones may they
download" is written once (the Wagtail shape); a removed attachment is served to nobody.
A committee never sees a unit's draft report (docs/domain.md §2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from lamtheobac.reporting.models import (
    Attachment,
    Indicator,
    OutlineSection,
    ReportingRound,
    ReportingRoundState,
    ReportState,
    RoundTarget,
    UnitReport,
)
from lamtheobac.units.models import Unit, UnitKind
from lamtheobac.units.policy import Action, Policy, policy_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


def runs_as_grassroots(policy: Policy, committee: Unit) -> bool:
    """True when ``committee`` is a grassroots committee (đảng bộ cơ sở) and the user is its own
    staff (REPORT on it): they run the rounds it opens for its cells (issue 9 §4)."""
    return committee.kind == UnitKind.GRASSROOTS_COMMITTEE and policy.can(Action.REPORT, committee)


def may_run(policy: Policy, round: ReportingRound) -> bool:
    """May the user run ``round`` (settings, outline, open, close, accept, return, remind)?
    MANAGE on its committee, or the grassroots committee's own staff for its own rounds."""
    return policy.can(Action.MANAGE, round.committee) or runs_as_grassroots(policy, round.committee)


def authorize_runner(by: AbstractBaseUser | AnonymousUser | None, round: ReportingRound) -> None:
    """The write functions' check of ``may_run`` (``by=None`` is the system): AccessDenied."""
    from lamtheobac.core.errors import AccessDenied

    if by is not None and not may_run(policy_of(by), round):
        raise AccessDenied()


def round_for(policy: Policy, pk: int, action: Action) -> ReportingRound:
    """The round ``pk`` if the user may do ``action`` on its committee. A grassroots
    committee's own staff may read and run the rounds it opened for its cells."""
    round = get_object_or_404(
        ReportingRound.objects.select_related("committee", "outline", "document"), pk=pk
    )
    if action in (Action.READ_REPORTS, Action.MANAGE) and runs_as_grassroots(
        policy, round.committee
    ):
        return round
    policy.require(action, round.committee)
    return round


def section_of(round: ReportingRound, pk: int) -> OutlineSection:
    """A section of ``round``'s outline (404 for a section of another round)."""
    return get_object_or_404(OutlineSection, pk=pk, outline=round.outline)


def indicator_of(round: ReportingRound, pk: int) -> Indicator:
    """An indicator of ``round``'s outline (404 for one of another round)."""
    return get_object_or_404(Indicator, pk=pk, section__outline=round.outline)


def reporting_target(
    policy: Policy, round_pk: int, unit_pk: int
) -> tuple[ReportingRound, Unit, RoundTarget]:
    """A unit the user reports for (REPORT), in an opened round that expects its report."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    policy.require(Action.REPORT, unit)
    # The usual case in one query: the unit is a target of the opened round.
    target = (
        RoundTarget.objects.filter(round_id=round_pk, unit=unit)
        .exclude(round__state=ReportingRoundState.DRAFT)  # ReportingRound.objects.opened()
        .select_related("round__committee", "round__outline", "round__document")
        .first()
    )
    if target is not None:
        return target.round, unit, target
    round = get_object_or_404(
        ReportingRound.objects.opened().select_related("committee", "outline", "document"),
        pk=round_pk,
    )
    target = RoundTarget.objects.filter(round=round, unit=unit).first()
    if target is None:
        raise Http404("Đơn vị không phải báo cáo trong đợt này.")
    return round, unit, target


def submitted_report(policy: Policy, pk: int, action: Action) -> UnitReport:
    """A unit report as the committee sees it (``action`` on the round's committee): never
    a draft (docs/domain.md §2)."""
    report = get_object_or_404(
        UnitReport.objects.select_related("round__committee", "round__outline", "unit"), pk=pk
    )
    if not (
        action in (Action.READ_REPORTS, Action.MANAGE)
        and runs_as_grassroots(policy, report.round.committee)
    ):
        policy.require(action, report.round.committee)
    if not report.reached_committee:
        raise Http404("Báo cáo chưa được nộp.")
    return report


def downloadable_attachments(policy: Policy) -> QuerySet[Attachment]:
    """Every attachment the user may download: present (not removed) ones of their own
    units' reports, and of the reports submitted to a committee whose reports they read."""
    own = policy.unit_filter(Action.REPORT, "report__unit")
    runner = policy.unit_filter(Action.REPORT, "report__round__committee") & Q(
        report__round__committee__kind=UnitKind.GRASSROOTS_COMMITTEE
    )
    committee = (policy.unit_filter(Action.READ_REPORTS, "report__round__committee") | runner) & ~Q(
        report__state=ReportState.DRAFT
    )
    return Attachment.objects.present().filter(own | committee)


def can_download(policy: Policy, attachment: Attachment) -> bool:
    """May the user download ``attachment``? The same rule as ``downloadable_attachments``."""
    if attachment.is_removed:
        return False
    report = attachment.report
    reads = policy.can(Action.READ_REPORTS, report.round.committee) or runs_as_grassroots(
        policy, report.round.committee
    )
    return policy.can(Action.REPORT, report.unit) or (reads and report.reached_committee)


def attachment_to_download(policy: Policy, pk: int) -> Attachment:
    """The attachment ``pk`` if the user may download it; 404 otherwise (also when it was
    removed, or belongs to a draft the committee may not see: its existence does not leak)."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("report__round__committee", "report__unit"), pk=pk
    )
    if not can_download(policy, attachment):
        raise Http404("Không tìm thấy.")
    return attachment


def attachment_to_remove(policy: Policy, pk: int) -> Attachment:
    """An attachment of a report of the user's unit (REPORT); removing it twice is harmless."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("report__round", "report__unit"), pk=pk
    )
    policy.require(Action.REPORT, attachment.report.unit)
    return attachment
