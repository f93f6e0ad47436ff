from django.contrib import admin

from lamtheobac.commendations.models import AwardKind


@admin.register(AwardKind)
class AwardKindAdmin(admin.ModelAdmin):
    """The list of award kinds is configuration: administrators edit it here."""

    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    ordering = ["position", "pk"]
