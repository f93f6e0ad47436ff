from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.notifications import queries, services
from lamtheobac.notifications.models import Channel


@require_GET
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    """The user's own notifications; nobody reads another's."""
    return render(
        request,
        "notifications/list.html",
        {
            "notifications": queries.for_user(request.user),
            "channel_label": Channel(queries.channel_of(request.user)).label,
        },
    )


@require_POST
def mark_all_read(request: AuthenticatedRequest) -> HttpResponse:
    services.mark_read(request.user)
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    """The user's own choice: in the app only, e-mail at once, or gathered in the digest."""
    if request.method == "POST":
        services.choose_channel(user=request.user, channel=request.POST.get("channel", ""))
        messages.success(request, "Đã lưu cách nhận thông báo.")
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"channels": Channel.choices, "channel": queries.channel_of(request.user)},
    )
