"""One-time password-reset codes an administrator prints for a user without e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ResetCode(models.Model):
    """A printed code: stored as an HMAC (never in clear), single use, ``expires_at`` (UTC),
    void after ``MAX_ATTEMPTS`` wrong tries. Issuing a new code voids the user's older ones."""

    MAX_ATTEMPTS = 5

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reset_codes"
    )
    digest = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Mã đặt lại mật khẩu của {self.user}"
