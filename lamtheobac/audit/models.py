"""Audit trail: who changed what, when, from what to what (docs/domain.md §8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from lamtheobac.units.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class AuditEvent(models.Model):
    """One change of state or one correction, never edited or deleted."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=64, db_index=True)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, related_name="+")
    before = models.JSONField(null=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(null=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = "sự kiện nhật ký"
        verbose_name_plural = "nhật ký thay đổi"
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"


def record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target: models.Model,
    unit: Unit | None = None,
    before: Any = None,
    after: Any = None,
    reason: str = "",
) -> AuditEvent:
    """Write one audit event inside the caller's transaction and return it."""
    event = unsaved_event(
        actor=actor,
        action=action,
        target=target,
        unit=unit,
        before=before,
        after=after,
        reason=reason,
    )
    event.save()
    return event


def unsaved_event(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target: models.Model,
    unit: Unit | None = None,
    before: Any = None,
    after: Any = None,
    reason: str = "",
) -> AuditEvent:
    """The same event as ``record`` builds, not yet saved (for ``bulk_create``)."""
    return AuditEvent(
        actor=actor if isinstance(actor, User) else None,  # the system, or anonymous: none
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        unit=unit,
        before=before,
        after=after,
        reason=reason,
    )


def history(target: models.Model) -> models.QuerySet[AuditEvent]:
    """Events about ``target``, newest first, with actors loaded."""
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")
