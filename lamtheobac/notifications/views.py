from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.notifications import queries, services


@require_GET
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    """The user's own notifications; nobody reads another's."""
    return render(
        request, "notifications/list.html", {"notifications": queries.for_user(request.user)}
    )


@require_POST
def mark_all_read(request: AuthenticatedRequest) -> HttpResponse:
    services.mark_read(request.user)
    return redirect("notifications:list")
