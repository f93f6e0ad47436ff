"""The moments that matter (issue 14 §6), each telling the other side: a round opened (to the
target units' staff), a report or a nomination received and returned (to the committee's staff
or the unit's), a report accepted (to the unit). The write functions of ``reporting`` and
``commendations`` call these inside their transaction; mails leave after commit
(``services.notify_users``). Deadlines approaching: ``deadlines.py``.

Recipients: a unit's staff are the users with the unit-staff role on exactly that unit
(``units.models.unit_staff``); a committee's staff are the users with the committee-staff role
on exactly the round's committee (``committee_staff``) — those who run its rounds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.urls import reverse

from lamtheobac.notifications.services import notify_users
from lamtheobac.units.models import Role, RoleGrant, Unit, staff_of, unit_staff

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from lamtheobac.commendations.models import CommendationRound, Nomination
    from lamtheobac.reporting.models import ReportingRound, UnitReport


def committee_staff(committee: Unit) -> list[User]:
    """Active users holding the committee-staff role on exactly ``committee``; one query."""
    grants = RoleGrant.objects.filter(unit=committee, role=Role.COMMITTEE_STAFF)
    return list(
        get_user_model()
        .objects.filter(pk__in=grants.values("user_id"), is_active=True)
        .order_by("pk")
    )


def _staff_of_units(units: Iterable[Unit]) -> list[User]:
    return [user for users in unit_staff(units).values() for user in users]


def reporting_round_opened(round: ReportingRound) -> int:
    """Tell the staff of every target unit that the round is open, with its deadline and a
    link to their unit's report. Returns how many notifications were made."""
    targets = list(round.targets.select_related("unit"))
    staff = unit_staff(t.unit for t in targets)
    made = 0
    for t in targets:
        made += len(
            notify_users(
                staff[t.unit_id],
                message=(
                    f"Đợt báo cáo “{round.title}” đã mở: {t.unit_name} gửi báo cáo "
                    f"{round.deadline_display}."
                ),
                url=reverse("reporting:report_edit", args=[round.pk, t.unit_id]),
                subject="Đợt báo cáo mới",
            )
        )
    return made


def nominating_units(round: CommendationRound) -> list[Unit]:
    """The grassroots organisations under the round's committee (docs/domain.md §4.6: each
    nominates under its quota), in tree order."""
    return list(
        Unit.objects.subtree(round.committee).grassroots().filter(is_active=True).in_tree_order()
    )


def commendation_round_opened(round: CommendationRound) -> int:
    """Tell the staff of the grassroots organisations under the committee that nominations
    are open, with the deadline and a link to their unit's nominations."""
    units = nominating_units(round)
    staff = unit_staff(units)
    made = 0
    for unit in units:
        made += len(
            notify_users(
                staff[unit.pk],
                message=(
                    f"Đợt khen thưởng “{round.title}” nhận đề nghị của {unit.name} "
                    f"{round.deadline_display}."
                ),
                url=reverse("commendations:unit_nominations", args=[round.pk, unit.pk]),
                subject="Đợt khen thưởng mới",
            )
        )
    return made


def report_submitted(report: UnitReport) -> None:
    """Tell the committee's staff that a unit's report arrived (late or on time)."""
    round = report.round
    late = " (nộp muộn)" if report.is_late else ""
    notify_users(
        committee_staff(round.committee),
        message=f"{report.unit.name} đã nộp báo cáo “{round.title}”{late}.",
        url=reverse("reporting:report_view", args=[report.pk]),
        subject="Đơn vị đã nộp báo cáo",
    )


def report_withdrawn(report: UnitReport) -> None:
    """Tell the committee's staff that a unit took back its submitted report to correct it
    (rút lại, issue 14 §2): it is a draft again and counts as not submitted until it returns."""
    round = report.round
    notify_users(
        committee_staff(round.committee),
        message=(
            f"{report.unit.name} đã rút lại báo cáo “{round.title}” để sửa; báo cáo trở về "
            "bản nháp cho đến khi đơn vị nộp lại."
        ),
        url=reverse("reporting:report_view", args=[report.pk]),
        subject="Đơn vị đã rút lại báo cáo",
    )


def report_accepted(report: UnitReport) -> None:
    """Tell the unit's staff that the committee accepted (tiếp nhận) its report."""
    notify_users(
        staff_of(report.unit),
        message=f"Báo cáo “{report.round.title}” của {report.unit.name} đã được tiếp nhận.",
        url=reverse("reporting:report_edit", args=[report.round_id, report.unit_id]),
        subject="Báo cáo đã được tiếp nhận",
    )


def reports_accepted(reports: Iterable[UnitReport]) -> None:
    """``report_accepted`` for several reports (a bulk accept); one query for the staff."""
    reports = list(reports)
    staff = unit_staff(r.unit for r in reports)
    for r in reports:
        notify_users(
            staff[r.unit_id],
            message=f"Báo cáo “{r.round.title}” của {r.unit.name} đã được tiếp nhận.",
            url=reverse("reporting:report_edit", args=[r.round_id, r.unit_id]),
            subject="Báo cáo đã được tiếp nhận",
        )


def nomination_submitted(nomination: Nomination) -> None:
    """Tell the committee's staff that a unit's nomination arrived."""
    round = nomination.round
    late = " (gửi muộn)" if nomination.is_late else ""
    notify_users(
        committee_staff(round.committee),
        message=(
            f"{nomination.unit.name} đã gửi đề nghị khen thưởng “{nomination.nominee_name}” "
            f"({round.title}){late}."
        ),
        url=reverse("commendations:nomination", args=[nomination.pk]),
        subject="Đơn vị đã gửi đề nghị khen thưởng",
    )


def nomination_withdrawn(nomination: Nomination) -> None:
    """Tell the committee's staff that a unit took its nomination back (its quota place is
    free again) (issue 14 §6)."""
    round = nomination.round
    notify_users(
        committee_staff(round.committee),
        message=(
            f"{nomination.unit.name} đã rút đề nghị khen thưởng “{nomination.nominee_name}” "
            f"({round.title}); chỉ tiêu của đơn vị được trả lại."
        ),
        url=reverse("commendations:unit_nominations", args=[round.pk, nomination.unit_id]),
        subject="Đơn vị đã rút đề nghị khen thưởng",
    )
