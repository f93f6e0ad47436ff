"""The demo committee with its seed documents and round, built once per test module."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from lamtheobac.demo.builder import build_demo_committee


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Build the demo once for the module inside a transaction rolled back at the end."""
    # Module scope runs before conftest's per-test settings; mirror the ones the build needs.
    media = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), media, transaction.atomic():
        yield build_demo_committee()
        transaction.set_rollback(True)
