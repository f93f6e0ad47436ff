"""The unit's report form through HTTP: draft, double post, submit, lock, return, resubmit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lamtheobac.notifications.models import Notification
from lamtheobac.reporting.models import ReportState, UnitReport
from lamtheobac.testing import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round(world):
    return make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])


def _field(round):
    return f"section_{round.outline.sections.order_by('position').first().pk}"


def test_unit_staff_save_a_draft_then_a_repeated_post_of_the_old_form_changes_nothing(
    client, world, round
):
    client.force_login(world.secretary)
    url = reverse("reporting:report_edit", args=[round.pk, world.grassroots.pk])
    page = client.get(url)
    assert "I- ĐẶC ĐIỂM TÌNH HÌNH" in page.content.decode()
    client.post(url, {_field(round): "Lần lưu thứ nhất", "version": "", "save": "1"})
    report = UnitReport.objects.get()
    version = report.version
    client.post(url, {_field(round): "Lần lưu thứ hai", "version": version, "save": "1"})
    response = client.post(
        url, {_field(round): "Bản cũ gửi lại", "version": version, "save": "1"}, follow=True
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "đã được lưu ở nơi khác" in page
    assert "Lần lưu thứ hai" in page and "Bản cũ gửi lại" in page  # both, side by side
    assert report.answers.get().text == "Lần lưu thứ hai"


def test_submitting_twice_keeps_one_submission(client, world, round):
    client.force_login(world.secretary)
    url = reverse("reporting:report_edit", args=[round.pk, world.grassroots.pk])
    client.post(url, {_field(round): "Nội dung", "version": "", "save": "1"})
    version = UnitReport.objects.get().version
    client.post(
        url, {_field(round): "Nội dung", "version": version, "submit": "1", "confirmed": "1"}
    )
    response = client.post(
        url,
        {_field(round): "Nội dung", "version": version, "submit": "1", "confirmed": "1"},
        follow=True,
    )
    report = UnitReport.objects.get()
    assert report.state == ReportState.SUBMITTED
    assert report.submissions.count() == 1
    assert "đã được lưu ở nơi khác" in response.content.decode()


def test_a_returned_report_shows_the_comment_to_the_unit_and_can_be_resubmitted(
    client, world, round
):
    client.force_login(world.secretary)
    url = reverse("reporting:report_edit", args=[round.pk, world.grassroots.pk])
    client.post(url, {_field(round): "Nội dung", "version": "", "submit": "1", "confirmed": "1"})
    report = UnitReport.objects.get()
    client.force_login(world.officer)
    client.post(
        reverse("reporting:report_return", args=[report.pk]), {"comment": "Bổ sung mục II."}
    )
    client.force_login(world.secretary)
    returned = Notification.objects.filter(user=world.secretary, message__contains="trả lại")
    assert returned.count() == 1
    page = client.get(url).content.decode()
    assert "Bổ sung mục II." in page
    version = UnitReport.objects.get().version
    client.post(
        url,
        {_field(round): "Nội dung đã bổ sung", "version": version, "submit": "1", "confirmed": "1"},
    )
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.submissions.count() == 2


def test_the_home_page_lists_the_units_open_round_with_the_time_left(client, world, round):
    client.force_login(world.secretary)
    page = client.get(reverse("home")).content.decode()
    assert round.title in page and "còn " in page


def test_staff_extend_entry_for_one_unit_after_the_lock_date(client, world):
    import datetime as dt

    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.sibling],
        deadline=dt.date(2020, 4, 30),
        lock_date=dt.date(2020, 5, 10),
    )
    client.force_login(world.officer)
    page = client.get(reverse("reporting:round_detail", args=[round.pk])).content.decode()
    assert "Gia hạn nhập liệu cho từng đơn vị" in page
    client.post(
        reverse("reporting:lock_exception", args=[round.pk]),
        {"unit": world.sibling.pk, "until": "2099-12-31"},
    )
    client.force_login(world.sibling_officer)
    url = reverse("reporting:report_edit", args=[round.pk, world.sibling.pk])
    client.post(
        url,
        {_field(round): "Nộp sau khi được gia hạn", "version": "", "submit": "1", "confirmed": "1"},
    )
    assert UnitReport.objects.get(unit=world.sibling).state == ReportState.SUBMITTED
    client.force_login(world.secretary)
    url = reverse("reporting:report_edit", args=[round.pk, world.grassroots.pk])
    response = client.post(
        url,
        {_field(round): "Quá hạn khóa", "version": "", "submit": "1", "confirmed": "1"},
        follow=True,
    )
    assert "đã khóa nhập liệu" in response.content.decode()
    assert not UnitReport.objects.filter(unit=world.grassroots).exists()


def test_two_first_saves_from_empty_forms_do_not_overwrite_each_other(client, world, round):
    client.force_login(world.secretary)
    url = reverse("reporting:report_edit", args=[round.pk, world.grassroots.pk])
    page = client.get(url).content.decode()
    assert 'name="version" value="0"' in page
    client.post(url, {_field(round): "Bản của người thứ nhất", "version": "0", "save": "1"})
    response = client.post(
        url, {_field(round): "Bản của người thứ hai", "version": "0", "save": "1"}, follow=True
    )
    page = response.content.decode()
    assert "đã được lưu ở nơi khác" in page
    assert "Bản của người thứ nhất" in page and "Bản của người thứ hai" in page
    assert UnitReport.objects.get().answers.get().text == "Bản của người thứ nhất"


def test_a_return_decided_on_a_page_older_than_an_accept_is_refused(client, world, round):
    client.force_login(world.secretary)
    url = reverse("reporting:report_edit", args=[round.pk, world.grassroots.pk])
    client.post(url, {_field(round): "Nội dung", "version": "", "submit": "1", "confirmed": "1"})
    report = UnitReport.objects.get()
    seen = report.version
    client.force_login(world.officer)
    client.post(
        reverse("reporting:report_accept", args=[report.pk]), {"version": seen, "confirmed": "1"}
    )
    client.post(
        reverse("reporting:report_return", args=[report.pk]),
        {"comment": "Bổ sung", "version": seen},
    )
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    assert not Notification.objects.filter(
        user=world.secretary, message__contains="trả lại"
    ).exists()


def test_the_form_reads_the_report_once_and_the_target_with_its_round(
    client, world, round, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.secretary)
    url = reverse("reporting:report_edit", args=[round.pk, world.grassroots.pk])
    client.post(url, {_field(round): "Nội dung", "version": "", "save": "1"})
    client.get(url)  # warm: the session remembers the device check
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url)
    assert "Nội dung" in page.content.decode()
    sqls = [q["sql"] for q in captured]
    assert len([s for s in sqls if s.startswith('SELECT "reporting_unitreport"')]) == 1
    by_pk = f'"reporting_reportinground"."id" = {round.pk}'  # the round read alone
    assert not [s for s in sqls if s.startswith('SELECT "reporting_reportinground"') and by_pk in s]
    with django_assert_max_num_queries(len(captured)):
        client.get(url)
    # a unit that is no target of the round, or a draft round: still 404
    other = make_round(committee=world.committee, by=world.officer, targets=[world.sibling])
    assert (
        client.get(
            reverse("reporting:report_edit", args=[other.pk, world.grassroots.pk])
        ).status_code
        == 404
    )
