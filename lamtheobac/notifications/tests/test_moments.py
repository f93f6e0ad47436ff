"""Notifications at the moments that matter (issue 14 §6): each one reaches the other side,
with its message and a link, in the app and by e-mail after commit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from lamtheobac.commendations.actions import nominations, review
from lamtheobac.commendations.tests.factories import make_commendation_round
from lamtheobac.core.errors import DomainError
from lamtheobac.notifications.models import Notification
from lamtheobac.reporting.actions import reports
from lamtheobac.reporting.models import ReportState, UnitReport
from lamtheobac.testing import World, make_round, make_user

pytestmark = pytest.mark.django_db

SITE = "https://lamtheobac.tinhuy.vn"


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_URL = SITE


def _notes(user, contains: str) -> list[Notification]:
    return list(Notification.objects.filter(user=user, message__contains=contains))


def _submitted_report(world: World, round) -> UnitReport:
    first = round.outline.sections.first().pk
    reports.save_report_draft(
        round,
        unit=world.grassroots,
        answers={first: "Đã quán triệt tới 100% đảng viên."},
        values={},
        version=None,
        by=world.secretary,
    )
    return reports.submit_unit_report(
        round, unit=world.grassroots, version=None, by=world.secretary
    )


def test_opening_a_reporting_round_tells_each_target_units_staff_with_a_link(
    world: World, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        round = make_round(
            committee=world.committee, by=world.officer, targets=[world.grassroots, world.cell]
        )
    (note,) = _notes(world.secretary, "đã mở")
    assert note.message == (
        f"Đợt báo cáo “{round.title}” đã mở: Đảng bộ Sở Tài chính gửi báo cáo trước ngày 30/4/2030."
    )
    assert note.url == reverse("reporting:report_edit", args=[round.pk, world.grassroots.pk])
    assert len(_notes(world.cell_secretary, "đã mở")) == 1
    assert _notes(world.sibling_officer, "đã mở") == []  # not a target
    assert _notes(world.officer, "đã mở") == []
    (sent,) = [m for m in mail.outbox if m.to == ["taichinh@example.vn"]]
    assert sent.subject == "Đợt báo cáo mới"
    assert f"{SITE}/bao-cao/dot/{round.pk}/don-vi/{world.grassroots.pk}/" in sent.body


def test_a_draft_round_tells_nobody(world: World) -> None:
    make_round(committee=world.committee, by=world.officer, targets=[world.grassroots], open=False)
    assert not Notification.objects.exists()


def test_a_submitted_report_reaches_the_committee_staff_with_a_link_to_it(
    world: World, django_capture_on_commit_callbacks
) -> None:
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    with django_capture_on_commit_callbacks(execute=True):
        report = _submitted_report(world, round)
    (note,) = _notes(world.officer, "đã nộp")
    assert note.message == f"Đảng bộ Sở Tài chính đã nộp báo cáo “{round.title}”."
    assert note.url == reverse("reporting:report_view", args=[report.pk])
    assert _notes(world.leader, "đã nộp") == []  # leaders read dashboards, they run no round
    (sent,) = [m for m in mail.outbox if m.to == ["btg@example.vn"]]
    assert sent.subject == "Đơn vị đã nộp báo cáo"
    assert f"Xem chi tiết: {SITE}/bao-cao/bao-cao/{report.pk}/" in sent.body


def test_a_late_report_says_so_to_the_committee(world: World) -> None:
    import datetime as dt

    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots],
        deadline=dt.date(2020, 4, 30),
    )
    _submitted_report(world, round)
    (note,) = _notes(world.officer, "đã nộp")
    assert note.message.endswith("(nộp muộn).")


def test_an_accepted_report_is_told_to_the_units_staff(world: World) -> None:
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    report = _submitted_report(world, round)
    reports.accept_unit_report(report, by=world.officer)
    (note,) = _notes(world.secretary, "đã được tiếp nhận")
    assert note.message == (f"Báo cáo “{round.title}” của Đảng bộ Sở Tài chính đã được tiếp nhận.")
    assert note.url == reverse("reporting:report_edit", args=[round.pk, world.grassroots.pk])


def test_a_bulk_accept_tells_each_unit_once(world: World) -> None:
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    report = _submitted_report(world, round)
    assert reports.accept_unit_reports(round, report_ids=[report.pk], by=world.officer) == 1
    assert len(_notes(world.secretary, "đã được tiếp nhận")) == 1


def test_a_bulk_accept_with_nothing_selected_says_so_and_changes_nothing(world: World) -> None:
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    report = _submitted_report(world, round)
    with pytest.raises(DomainError, match="Chưa chọn báo cáo nào để tiếp nhận"):
        reports.accept_unit_reports(round, report_ids=[], by=world.officer)
    reports.accept_unit_report(report, by=world.officer)
    with pytest.raises(DomainError, match="Không báo cáo nào được tiếp nhận"):
        reports.accept_unit_reports(round, report_ids=[report.pk], by=world.officer)
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED


def test_the_bulk_accept_page_never_says_accepted_0(client, world: World) -> None:
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    client.force_login(world.officer)
    url = reverse("reporting:accept_bulk", args=[round.pk])
    response = client.post(url, {}, HTTP_REFERER=f"http://testserver/bao-cao/dot/{round.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "Chưa chọn báo cáo nào để tiếp nhận." in page
    assert "Đã tiếp nhận 0" not in page


def test_a_returned_report_goes_to_the_units_staff_with_the_comment(world: World) -> None:
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    report = _submitted_report(world, round)
    reports.return_unit_report(report, comment="Bổ sung số liệu.", by=world.officer)
    (note,) = _notes(world.secretary, "trả lại")
    assert note.message.endswith("được trả lại để hoàn chỉnh: Bổ sung số liệu.")
    assert note.url == reverse("reporting:report_edit", args=[round.pk, world.grassroots.pk])


def test_opening_a_commendation_round_tells_the_grassroots_organisations_staff(
    world: World, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        round = make_commendation_round(committee=world.committee, by=world.officer)
    (note,) = _notes(world.secretary, "nhận đề nghị")
    assert note.message == (
        f"Đợt khen thưởng “{round.title}” nhận đề nghị của Đảng bộ Sở Tài chính "
        "trước ngày 5/5/2099."
    )
    assert note.url == reverse(
        "commendations:unit_nominations", args=[round.pk, world.grassroots.pk]
    )
    assert len(_notes(world.sibling_officer, "nhận đề nghị")) == 1
    assert _notes(world.cell_secretary, "nhận đề nghị") == []  # a subordinate cell
    assert any(m.subject == "Đợt khen thưởng mới" for m in mail.outbox)


def test_a_submitted_nomination_reaches_the_committee_staff(world: World) -> None:
    round = make_commendation_round(committee=world.committee, by=world.officer, requirements=())
    nomination = nominations.nominate(
        round, unit=world.grassroots, collective=world.cell, summary="Tốt", by=world.secretary
    )
    nominations.submit_nomination(nomination, reason="Bổ sung sau", by=world.secretary)
    (note,) = _notes(world.officer, "đã gửi đề nghị")
    assert note.message == (
        f"Đảng bộ Sở Tài chính đã gửi đề nghị khen thưởng “{nomination.nominee_name}” "
        f"({round.title})."
    )
    assert note.url == reverse("commendations:nomination", args=[nomination.pk])


def test_a_returned_nomination_carries_a_link_back_to_it(world: World) -> None:
    round = make_commendation_round(committee=world.committee, by=world.officer, requirements=())
    nomination = nominations.nominate(
        round, unit=world.grassroots, collective=world.cell, summary="Tốt", by=world.secretary
    )
    nomination = nominations.submit_nomination(nomination, reason="x", by=world.secretary)
    review.return_nomination(nomination, comment="Bổ sung biên bản.", by=world.officer)
    (note,) = _notes(world.secretary, "trả lại")
    assert note.message.endswith("được trả lại để bổ sung: Bổ sung biên bản.")
    assert note.url == reverse("commendations:nomination", args=[nomination.pk])


def test_an_inactive_committee_officer_is_not_told(world: World) -> None:
    gone = make_user("nghihuu")
    from lamtheobac.testing import grant
    from lamtheobac.units.models import Role

    grant(gone, world.committee, Role.COMMITTEE_STAFF)
    gone.is_active = False
    gone.save()
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    _submitted_report(world, round)
    assert _notes(gone, "đã nộp") == []
