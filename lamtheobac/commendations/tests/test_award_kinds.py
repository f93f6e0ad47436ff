"""The award kinds a committee chooses from are never missing: a database emptied (``flush``, as
between transactional tests) gets the defaults back, and an administrator's own list is kept."""

from __future__ import annotations

import pytest
from django.core.management.sql import emit_post_migrate_signal

from lamtheobac.commendations.apps import DEFAULT_AWARD_KINDS
from lamtheobac.commendations.models import AwardKind

pytestmark = pytest.mark.django_db


def test_an_empty_list_of_award_kinds_gets_the_defaults_after_migrate():
    AwardKind.objects.all().delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert list(AwardKind.objects.order_by("position").values_list("name", flat=True)) == list(
        DEFAULT_AWARD_KINDS
    )


def test_an_administrators_list_of_award_kinds_is_left_as_it_is():
    AwardKind.objects.all().delete()
    AwardKind.objects.create(name="Bằng khen của Tỉnh ủy", position=1)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert list(AwardKind.objects.values_list("name", flat=True)) == ["Bằng khen của Tỉnh ủy"]
