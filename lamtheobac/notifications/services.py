"""Notifications: the side effect other apps' write functions call (``notify_users``), the
writes a user makes on their own notifications (``mark_read``, ``choose_channel``), and the
digest's part (``take_for_digest``).

Every notification shows in the app. Its e-mail follows the recipient's choice
(``NotificationPreference``, issue 14 §6): at once after commit (the default), never, or
gathered into the e-mail digest (``agenda.digest.send_digests``). Mails carry an absolute link
built from ``settings.SITE_URL``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.core.errors import DomainError
from lamtheobac.notifications.models import (
    Channel,
    Notification,
    NotificationPreference,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEFAULT_SUBJECT = "lamtheobac: thông báo"


class NotificationAction(StrEnum):
    """Audit names of the notification writes."""

    CHANNEL_CHOSEN = "notifications.channel_chosen"


def absolute_url(url: str) -> str:
    """``/bao-cao/3/`` → ``https://lamtheobac.example.vn/bao-cao/3/`` (``settings.SITE_URL``);
    an absolute or empty URL is returned as is."""
    if not url or not url.startswith("/"):
        return url
    return settings.SITE_URL.rstrip("/") + url


def mail_body(message: str, url: str) -> str:
    """The e-mail text of one notification: the message, then the link to the object."""
    link = absolute_url(url)
    return f"{message}\n\nXem chi tiết: {link}" if link else message


def channels_of(users: Iterable[User]) -> dict[int, str]:
    """Each user's chosen channel by user id (``Channel.EMAIL`` when they never chose); one
    query."""
    ids = [u.pk for u in users]
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=ids).values_list("user_id", "channel")
    )
    return {pk: chosen.get(pk, Channel.EMAIL) for pk in ids}


def _mailable(user: User) -> bool:
    return bool(user.email) and user.is_active


def notify_users(
    users: Iterable[User], *, message: str, url: str = "", subject: str = "", email: bool = True
) -> list[Notification]:
    """Create one notification per user (in the caller's transaction; a user listed twice
    gets one) and, when ``email``, mail it after commit to those who chose e-mail at once, or
    keep it for the digest of those who chose the digest. A mail that fails does not undo the
    write. ``url`` is a site path (``/bao-cao/…``); mails carry it absolute."""
    unique = list({u.pk: u for u in users}.values())
    channel = channels_of(unique) if email else {}
    created = Notification.objects.bulk_create(
        [
            Notification(
                user=u,
                message=message,
                url=url,
                digest_pending=email and channel[u.pk] == Channel.DIGEST and _mailable(u),
            )
            for u in unique
        ]
    )
    if email:
        recipients = [u.email for u in unique if _mailable(u) and channel[u.pk] == Channel.EMAIL]
        if recipients:
            body = mail_body(message, url)
            mails = [
                (subject or DEFAULT_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [to])
                for to in recipients
            ]
            transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return created


def mark_read(user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all when ``notification_ids`` is None; ids of
    another user's notifications are ignored). Returns how many were marked."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())


@transaction.atomic
def choose_channel(*, user: User, channel: str) -> NotificationPreference:
    """The user's own choice of how to hear of notifications (a ``Channel`` value); audited.
    Raises DomainError for an unknown value."""
    if channel not in Channel.values:
        raise DomainError("Cách nhận thông báo không hợp lệ.")
    pref, created = NotificationPreference.objects.select_for_update().get_or_create(
        user=user, defaults={"channel": channel}
    )
    before = Channel.EMAIL if created else pref.channel
    if before != channel or created:
        pref.channel = channel
        pref.save(update_fields=["channel", "updated_at"])
        record(
            actor=user,
            action=NotificationAction.CHANNEL_CHOSEN,
            target=pref,
            before={"channel": before},
            after={"channel": channel},
        )
    return pref


def take_for_digest(user: User, *, limit: int = 200) -> list[Notification]:
    """The user's notifications awaiting the digest, oldest first, now marked as taken (call
    inside the digest's transaction: if the mail is not sent, nothing is taken)."""
    pending = list(
        Notification.objects.filter(user=user)
        .awaiting_digest()
        .order_by("created_at", "pk")[:limit]
    )
    if pending:
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(digest_pending=False)
    return pending


def digest_section(notifications: list[Notification]) -> str:
    """The digest's "THÔNG BÁO" block for these notifications ("" when there are none)."""
    if not notifications:
        return ""
    from lamtheobac.core.templatetags.vn import vn_datetime

    lines = ["THÔNG BÁO MỚI"]
    for n in notifications:
        line = f"- {vn_datetime(n.created_at)} — {n.message}"
        if n.url:
            line += f"\n  {absolute_url(n.url)}"
        lines.append(line)
    return "\n".join(lines)
