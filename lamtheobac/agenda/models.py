"""Deadlines where people already look (issue 9 §7): a personal iCalendar feed at a secret,
revocable URL, and an e-mail digest at the user's chosen frequency."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """One secret feed URL per user; revoking it makes the URL answer 404 for good."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Lịch của {self.user}"


class DigestFrequency(models.TextChoices):
    NONE = "none", "Không nhận"
    DAILY = "daily", "Hằng ngày"
    WEEKLY = "weekly", "Hằng tuần (thứ Hai)"


class DigestPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(
        "nhận bản tin", max_length=8, choices=DigestFrequency.choices, default=DigestFrequency.NONE
    )
    last_sent_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"
