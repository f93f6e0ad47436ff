from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from lamtheobac.notifications import queries, services


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's own notifications; nobody reads another's."""
    return render(
        request, "notifications/list.html", {"notifications": queries.for_user(request.user)}
    )


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.mark_read(request.user)
    return redirect("notifications:list")
