"""Notifications: written with the change that causes them, e-mailed after commit, read by
their own user only."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from lamtheobac.notifications.models import Notification
from lamtheobac.notifications.queries import for_user, unread_count
from lamtheobac.notifications.services import mark_read, notify_users
from lamtheobac.testing import World

pytestmark = pytest.mark.django_db


def test_each_user_gets_one_notification_and_those_with_an_address_a_mail_after_commit(
    world: World, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        created = notify_users(
            [world.secretary, world.cell_secretary],
            message="Báo cáo được trả lại.",
            url="/bao-cao/",
            subject="Báo cáo được trả lại",
        )
        assert mail.outbox == []  # nothing is sent before the transaction commits
    assert [n.user for n in created] == [world.secretary, world.cell_secretary]
    assert [m.to for m in mail.outbox] == [["taichinh@example.vn"]]  # the other has no address
    assert mail.outbox[0].subject == "Báo cáo được trả lại"


def test_a_user_marks_only_their_own_notifications_read(world: World) -> None:
    mine = notify_users([world.secretary], message="Một", email=False)
    notify_users([world.secretary], message="Hai", email=False)
    theirs = notify_users([world.officer], message="Ba", email=False)
    assert mark_read(world.secretary, [mine[0].pk, theirs[0].pk]) == 1
    assert unread_count(world.secretary) == 1
    assert unread_count(world.officer) == 1
    assert mark_read(world.secretary) == 1
    assert unread_count(world.secretary) == 0


def test_the_list_shows_the_users_own_notifications_only(client, world: World) -> None:
    notify_users([world.secretary], message="Của bí thư", email=False)
    notify_users([world.officer], message="Của cán bộ", email=False)
    client.force_login(world.secretary)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Của bí thư" in page and "Của cán bộ" not in page
    assert [n.message for n in for_user(world.secretary)] == ["Của bí thư"]
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=world.secretary, read_at__isnull=True).exists()
