"""ensure_demo_committee builds once and then only finds."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import DomainError
from lamtheobac.demo.builder import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    build_demo_committee,
    ensure_demo_committee,
)
from lamtheobac.documents.models import Document
from lamtheobac.notifications.models import Notification
from lamtheobac.ratings.models import Rating
from lamtheobac.reporting.models import ReportingRound, SectionAnswer, UnitReport
from lamtheobac.units.models import Person, RoleGrant, Unit

pytestmark = pytest.mark.django_db

MODELS = (
    Unit,
    Person,
    Rating,
    RoleGrant,
    AuditEvent,
    get_user_model(),
    Document,
    ReportingRound,
    UnitReport,
    SectionAnswer,
    Notification,
)


def _counts() -> list[int]:
    return [model.objects.count() for model in MODELS]


def test_a_second_ensure_creates_nothing_and_returns_the_same_committee(capfd) -> None:
    first = ensure_demo_committee(import_seeds=False)
    before = _counts()
    second = ensure_demo_committee(import_seeds=False)
    assert first.created and not second.created
    assert _counts() == before
    assert second.root.pk == first.root.pk
    assert (second.person_count, second.rating_count, second.unit_count) == (
        first.person_count,
        first.rating_count,
        first.unit_count,
    )
    assert second.users.keys() == first.users.keys()
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_a_second_ensure_with_the_seeds_and_the_round_creates_nothing() -> None:
    first = ensure_demo_committee()
    before = _counts()
    second = ensure_demo_committee()
    assert first.created and not second.created
    assert _counts() == before
    # 545-CV/ĐUK's round and the cascading one, forwarded by two đảng bộ (issue 9 §4)
    assert ReportingRound.objects.filter(parent__isnull=True).count() == 2
    assert ReportingRound.objects.filter(parent__isnull=False).count() == 2
    assert UnitReport.objects.count() > 0


def test_building_twice_is_refused_and_writes_nothing() -> None:
    build_demo_committee(import_seeds=False)
    before = _counts()
    with pytest.raises(DomainError):
        build_demo_committee(import_seeds=False)
    assert _counts() == before


def _people(root: Unit) -> list[tuple[str, str, str]]:
    rows = Person.objects.in_subtree(root).order_by("pk")
    return list(rows.values_list("sort_key", "position", "unit__name"))


def test_the_demo_is_the_same_every_time() -> None:
    first = build_demo_committee(import_seeds=False)
    names = _people(first.root)
    levels = list(Rating.objects.order_by("pk").values_list("level", flat=True))
    Rating.objects.all().delete()
    Person.objects.all().delete()
    RoleGrant.objects.all().delete()
    get_user_model().objects.all().delete()
    AuditEvent.objects.all().delete()
    Unit.objects.all().delete()
    second = build_demo_committee(import_seeds=False)
    assert _people(second.root) == names
    assert list(Rating.objects.order_by("pk").values_list("level", flat=True)) == levels


def test_the_demo_command_prints_the_accounts_and_the_password_once_built() -> None:
    out = io.StringIO()
    call_command("demo", "--no-seeds", "--quiet", "--no-serve", stdout=out)
    call_command("demo", "--no-seeds", "--quiet", "--no-serve", stdout=out)
    text = out.getvalue()
    assert text.count("Đã tạo dữ liệu mẫu") == 1
    assert "Dữ liệu mẫu đã có sẵn" in text
    assert f"Mật khẩu chung của các tài khoản mẫu: {DEMO_PASSWORD}" in text
    for username, _, _ in DEMO_ACCOUNTS:
        assert f"  {username} " in text
    assert Unit.objects.get_root_nodes().count() == 1
