"""The signed-in user read with their person (issue 13 §5: one query less on every page).

Every page's header asks ``user.person`` (the menu's "Kế hoạch làm theo của tôi", the name
beside "Đăng xuất"); reading the account and its person in one LEFT JOIN saves the second
query each request made. Authentication itself is Django's ``ModelBackend``'s.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from lamtheobac.core.readcache import cached_read


class UserWithPersonBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        """The active user ``user_id`` with ``person`` and its unit loaded (None when there is
        none); read through ``core.readcache`` (the same object while the database is
        unchanged, so a deactivated or deleted account is seen on its next request)."""
        User = get_user_model()
        user = cached_read(
            ("user", user_id),
            lambda: User._default_manager.select_related("person__unit").filter(pk=user_id).first(),
        )
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None
