"""Who may reach which commendation object (issue 7, ADR 0005): the one place views fetch
rounds, nominations and dossier files.

Each fetcher returns the object the user may act on, or refuses through the one policy:
Http404 outside the user's scope (nothing leaks), PermissionDenied (403) inside it without
the right. A unit's draft or withdrawn nomination is never shown to the committee; a removed
dossier file is served to nobody. For dossier files the pair "may this user download this
one" / "which ones may they download" is written once (the Wagtail shape).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from lamtheobac.commendations.models import (
    CommendationRound,
    DossierItem,
    Nomination,
    NominationState,
)
from lamtheobac.units.models import Unit, UnitKind
from lamtheobac.units.policy import Action, Policy, policy_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# A unit's own business until it submits: the committee never sees these.
HIDDEN_FROM_COMMITTEE = (NominationState.DRAFT, NominationState.WITHDRAWN)


class Side(StrEnum):
    """From which side a user reads a nomination."""

    UNIT = "unit"  # the nominating unit's staff
    COMMITTEE = "committee"  # readers of the round's committee, once it left the unit


def runs_as_grassroots(policy: Policy, committee: Unit) -> bool:
    """True when ``committee`` is a grassroots committee and the user is its own staff
    (REPORT on it): they run the commendation round it opens for its cells (issue 9 §4)."""
    return committee.kind == UnitKind.GRASSROOTS_COMMITTEE and policy.can(Action.REPORT, committee)


def may_run(policy: Policy, round: CommendationRound) -> bool:
    """MANAGE on the round's committee, or the grassroots committee's staff for its own round."""
    return policy.can(Action.MANAGE, round.committee) or runs_as_grassroots(policy, round.committee)


def authorize_runner(by: AbstractBaseUser | AnonymousUser | None, round: CommendationRound) -> None:
    """The write functions' check of ``may_run`` (``by=None`` is the system): AccessDenied."""
    from lamtheobac.core.errors import AccessDenied

    if by is not None and not may_run(policy_of(by), round):
        raise AccessDenied()


def round_for(policy: Policy, pk: int, action: Action) -> CommendationRound:
    """The round ``pk`` if the user may do ``action`` on its committee; a grassroots
    committee's own staff read and run the round it opened for its cells."""
    round = get_object_or_404(
        CommendationRound.objects.select_related("committee", "document"), pk=pk
    )
    if action in (Action.READ_REPORTS, Action.MANAGE) and runs_as_grassroots(
        policy, round.committee
    ):
        return round
    policy.require(action, round.committee)
    return round


def nominating_unit(policy: Policy, round_pk: int, unit_pk: int) -> tuple[CommendationRound, Unit]:
    """A unit of the user's (REPORT) in an opened round of a committee above it."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    policy.require(Action.REPORT, unit)
    round = get_object_or_404(
        CommendationRound.objects.opened().select_related("committee"), pk=round_pk
    )
    if unit.pk == round.committee_id or not unit.is_within(round.committee):
        raise Http404("Đơn vị không thuộc cấp ủy mở đợt khen thưởng.")
    return round, unit


def _load_nomination(pk: int) -> Nomination:
    return get_object_or_404(
        Nomination.objects.select_related(
            "round__committee", "round__document", "unit", "nominee_unit", "nominee_person__unit"
        ),
        pk=pk,
    )


def side_of(policy: Policy, nomination: Nomination) -> Side:
    """``UNIT`` for the nominating unit's staff, ``COMMITTEE`` for readers of the committee
    once the nomination left the unit; otherwise refuse (404 outside scope, 403 without the
    right)."""
    if policy.can(Action.REPORT, nomination.unit):
        return Side.UNIT
    committee = nomination.round.committee
    if policy.can(Action.READ_REPORTS, committee) or runs_as_grassroots(policy, committee):
        if nomination.state in HIDDEN_FROM_COMMITTEE:
            raise Http404("Không tìm thấy.")
        return Side.COMMITTEE
    policy.require(Action.READ_REPORTS, committee)
    raise Http404("Không tìm thấy.")


def readable_nomination(policy: Policy, pk: int) -> tuple[Nomination, Side]:
    """A nomination the user may read, and from which side."""
    nomination = _load_nomination(pk)
    return nomination, side_of(policy, nomination)


def unit_nomination(policy: Policy, pk: int) -> Nomination:
    """A nomination its unit's staff may change (REPORT on the nominating unit)."""
    nomination = _load_nomination(pk)
    policy.require(Action.REPORT, nomination.unit)
    return nomination


def reviewed_nomination(policy: Policy, pk: int) -> Nomination:
    """A nomination the committee's staff may review (MANAGE; never a unit's draft)."""
    nomination = _load_nomination(pk)
    if not runs_as_grassroots(policy, nomination.round.committee):
        policy.require(Action.MANAGE, nomination.round.committee)
    if nomination.state in HIDDEN_FROM_COMMITTEE:
        raise Http404("Không tìm thấy.")
    return nomination


def downloadable_dossier_items(policy: Policy) -> QuerySet[DossierItem]:
    """Every dossier file the user may download: present (not removed) files of their own
    units' nominations, and of nominations that left their unit for a committee whose
    reports the user reads."""
    own = policy.unit_filter(Action.REPORT, "nomination__unit")
    committee = policy.unit_filter(Action.READ_REPORTS, "nomination__round__committee") & ~Q(
        nomination__state__in=HIDDEN_FROM_COMMITTEE
    )
    return DossierItem.objects.present().filter(own | committee)


def dossier_item_to_download(policy: Policy, pk: int) -> DossierItem:
    """The dossier file ``pk`` if the user may read its nomination and it was not removed;
    a removed file is 404 for everyone (its unit, the committee, its leaders)."""
    item = get_object_or_404(
        DossierItem.objects.select_related("nomination__round__committee", "nomination__unit"),
        pk=pk,
    )
    side_of(policy, item.nomination)
    if item.is_removed:
        raise Http404("Tệp đã được gỡ khỏi hồ sơ.")
    return item


def dossier_item_to_remove(policy: Policy, pk: int) -> DossierItem:
    """A dossier file of a nomination of the user's unit (REPORT); removing twice is harmless."""
    item = get_object_or_404(DossierItem.objects.select_related("nomination__unit"), pk=pk)
    policy.require(Action.REPORT, item.nomination.unit)
    return item
