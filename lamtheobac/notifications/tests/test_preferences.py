"""Each user chooses how to hear of notifications: in the app only, e-mail at once, or in the
digest (issue 14 §6); deadline notices are sent once, however often the job runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from lamtheobac.agenda.digest import send_digests
from lamtheobac.agenda.models import DigestFrequency, DigestPreference
from lamtheobac.audit.models import AuditEvent
from lamtheobac.commendations.actions import nominations
from lamtheobac.commendations.tests.factories import make_commendation_round
from lamtheobac.core.errors import DomainError
from lamtheobac.notifications.models import Channel, Notification, SentNotice
from lamtheobac.notifications.services import choose_channel, notify_users
from lamtheobac.reporting.actions import reports
from lamtheobac.testing import World, make_round

pytestmark = pytest.mark.django_db

SITE = "https://lamtheobac.tinhuy.vn"


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_URL = SITE


def _send(world: World, callbacks) -> None:
    with callbacks(execute=True):
        notify_users(
            [world.secretary], message="Báo cáo được trả lại.", url="/bao-cao/", subject="S"
        )


def test_by_default_a_notification_is_mailed_at_once_with_an_absolute_link(
    world: World, django_capture_on_commit_callbacks
) -> None:
    _send(world, django_capture_on_commit_callbacks)
    (sent,) = mail.outbox
    assert sent.body == f"Báo cáo được trả lại.\n\nXem chi tiết: {SITE}/bao-cao/"


def test_in_app_only_shows_it_and_sends_no_mail(
    world: World, django_capture_on_commit_callbacks
) -> None:
    choose_channel(user=world.secretary, channel=Channel.IN_APP)
    _send(world, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    note = Notification.objects.get(user=world.secretary)
    assert not note.digest_pending
    assert send_digests(on=dt.date(2026, 12, 7)) == 0


def test_digest_keeps_it_for_the_daily_digest_once(
    world: World, django_capture_on_commit_callbacks
) -> None:
    choose_channel(user=world.secretary, channel=Channel.DIGEST)
    _send(world, django_capture_on_commit_callbacks)
    assert mail.outbox == []  # not at once
    day = dt.date(2026, 12, 8)  # a Tuesday
    assert send_digests(on=day) == 1
    (digest,) = mail.outbox
    assert digest.to == ["taichinh@example.vn"]
    assert digest.subject == "lamtheobac: bản tin 8/12/2026"
    assert "THÔNG BÁO MỚI" in digest.body and "Báo cáo được trả lại." in digest.body
    assert f"{SITE}/bao-cao/" in digest.body
    assert send_digests(on=day) == 0  # run twice: one mail
    _send(world, django_capture_on_commit_callbacks)
    assert send_digests(on=day) == 0  # one digest a day
    assert send_digests(on=day + dt.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2


def test_digest_notifications_join_a_weekly_digest_on_its_day(
    world: World, django_capture_on_commit_callbacks
) -> None:
    DigestPreference.objects.create(user=world.secretary, frequency=DigestFrequency.WEEKLY)
    choose_channel(user=world.secretary, channel=Channel.DIGEST)
    _send(world, django_capture_on_commit_callbacks)
    assert send_digests(on=dt.date(2026, 12, 8)) == 0  # a Tuesday: not the weekly day
    assert send_digests(on=dt.date(2026, 12, 14)) == 1  # Monday
    assert "Báo cáo được trả lại." in mail.outbox[0].body


def test_an_unknown_channel_is_refused_and_a_choice_is_audited(world: World) -> None:
    with pytest.raises(DomainError, match="Cách nhận thông báo không hợp lệ"):
        choose_channel(user=world.secretary, channel="sms")
    choose_channel(user=world.secretary, channel=Channel.DIGEST)
    event = AuditEvent.objects.get(action="notifications.channel_chosen")
    assert event.before == {"channel": "email"} and event.after == {"channel": "digest"}


def test_the_preferences_page_saves_the_users_own_choice(client, world: World) -> None:
    client.force_login(world.secretary)
    url = reverse("notifications:preferences")
    page = client.get(url).content.decode()
    assert 'value="email" checked' in page
    response = client.post(url, {"channel": "in_app"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'value="in_app" checked' in page and "Đã lưu cách nhận thông báo." in page
    assert world.secretary.notification_preference.channel == Channel.IN_APP


def test_the_preferences_page_refuses_an_anonymous_visitor(client, world: World) -> None:
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


# --- deadlines approaching ------------------------------------------------------------


def test_units_that_have_not_reported_are_told_days_before_the_deadline_once(
    world: World, django_capture_on_commit_callbacks
) -> None:
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.sibling],
        deadline=dt.date(2030, 4, 30),
        deadline_exclusive=False,
    )
    first = round.outline.sections.first().pk
    reports.save_report_draft(
        round,
        unit=world.sibling,
        answers={first: "x"},
        values={},
        version=None,
        by=world.sibling_officer,
    )
    reports.submit_unit_report(round, unit=world.sibling, version=None, by=world.sibling_officer)
    call_command("notify_deadlines", "--ngay", "2030-04-20", "--so-ngay", "3")
    assert not SentNotice.objects.exists()  # ten days ahead: not yet
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_deadlines", "--ngay", "2030-04-27", "--so-ngay", "3")
    (note,) = Notification.objects.filter(user=world.secretary, message__startswith="Sắp")
    assert note.message == (
        f"Sắp đến hạn (còn 3 ngày): Đảng bộ Sở Tài chính chưa nộp báo cáo “{round.title}”, "
        "hạn chậm nhất ngày 30/4/2030."
    )
    assert note.url == reverse("reporting:report_edit", args=[round.pk, world.grassroots.pk])
    assert not Notification.objects.filter(
        user=world.sibling_officer, message__startswith="Sắp"
    ).exists()  # it reported
    assert any(m.subject == "Sắp đến hạn nộp báo cáo" for m in mail.outbox)
    call_command("notify_deadlines", "--ngay", "2030-04-27", "--so-ngay", "3")
    call_command("notify_deadlines", "--ngay", "2030-04-28", "--so-ngay", "3")
    assert Notification.objects.filter(message__startswith="Sắp").count() == 1  # idempotent
    call_command("notify_deadlines", "--ngay", "2030-04-30", "--so-ngay", "3,0")
    last = Notification.objects.filter(message__startswith="Sắp").order_by("-pk").first()
    assert last is not None and "(hôm nay là ngày cuối)" in last.message
    call_command("notify_deadlines", "--ngay", "2030-05-01", "--so-ngay", "3,0")
    assert Notification.objects.filter(message__startswith="Sắp").count() == 2  # past: silent


def test_the_default_days_come_from_the_setting(world: World, settings) -> None:
    settings.DEADLINE_NOTICE_DAYS = [7]
    make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots],
        deadline=dt.date(2030, 4, 30),
    )
    call_command("notify_deadlines", "--ngay", "2030-04-23")
    assert Notification.objects.filter(
        user=world.secretary, message__startswith="Sắp đến hạn (còn 7 ngày)"
    ).exists()


def test_units_with_unsent_nominations_are_told_before_the_commendation_deadline(
    world: World,
) -> None:
    round = make_commendation_round(
        committee=world.committee, by=world.officer, requirements=(), deadline=dt.date(2030, 5, 5)
    )
    nominations.nominate(
        round, unit=world.grassroots, collective=world.cell, summary="Tốt", by=world.secretary
    )
    call_command("notify_deadlines", "--ngay", "2030-05-04", "--so-ngay", "1")
    call_command("notify_deadlines", "--ngay", "2030-05-04", "--so-ngay", "1")
    (note,) = Notification.objects.filter(message__startswith="Sắp")
    assert note.user == world.secretary
    assert note.message == (
        "Sắp đến hạn (còn 1 ngày): Đảng bộ Sở Tài chính còn đề nghị khen thưởng chưa gửi "
        f"trong đợt “{round.title}”, hạn trước ngày 5/5/2030."
    )


def test_a_bad_day_count_is_refused_with_a_message(world: World) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Số ngày phải không âm"):
        call_command("notify_deadlines", "--so-ngay", "-1")


def test_the_list_says_how_the_user_hears_and_links_to_the_choice(client, world: World) -> None:
    choose_channel(user=world.secretary, channel=Channel.DIGEST)
    client.force_login(world.secretary)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Cách nhận: Trong ứng dụng và gộp vào bản tin e-mail" in page
    assert f'href="{reverse("notifications:preferences")}"' in page
