"""The request every view gets: ``LoginRequiredMiddleware`` lets no anonymous user reach a
view that is not marked ``@login_not_required`` (ADR 0005), so ``request.user`` is a ``User``
and write functions take it as their typed acting user."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedRequest(HttpRequest):
    """An ``HttpRequest`` whose user is logged in (for type checking only)."""

    user: User
