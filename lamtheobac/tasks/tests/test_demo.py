"""The demo committee's plan work: tasks in every state, an inspection with open
recommendations, a register with numbers, a dashboard with charts (issue 9 acceptance)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from lamtheobac.demo.builder import build_demo_committee
from lamtheobac.inspections.models import InspectionState, Recommendation
from lamtheobac.registers.models import RegisterEntry
from lamtheobac.tasks.models import Recurrence, Task, TaskState


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), media, transaction.atomic():
        yield build_demo_committee()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_has_tasks_in_every_state_overdue_and_recurring(demo):
    states = set(Task.objects.values_list("state", flat=True))
    assert states == {TaskState.NOT_STARTED, TaskState.IN_PROGRESS, TaskState.DONE}
    assert Task.objects.overdue().exists()
    assert Task.objects.filter(
        plan__number="70-KH/ĐUK", lead__name="Ban Tuyên giáo Đảng ủy Khối"
    ).exists()
    assert Task.objects.filter(recurrence=Recurrence.QUARTERLY).count() == 4
    assert Task.objects.filter(recurrence=Recurrence.CONTINUOUS).exists()


@pytest.mark.django_db
def test_the_demo_has_a_concluded_inspection_with_open_recommendations_and_a_register(demo):
    open_recs = Recommendation.objects.filter(
        inspection__state=InspectionState.CONCLUDED, task__state=TaskState.NOT_STARTED
    )
    assert open_recs.count() == 2
    numbers = set(RegisterEntry.objects.values_list("number", flat=True))
    assert {"60-BC/ĐUK", "61-BC/ĐUK", "1-CV/ĐUK", "1-TB/ĐUK"} <= numbers


@pytest.mark.django_db
def test_the_demo_officer_sees_the_dashboard_with_charts(demo, client):
    client.force_login(demo.users["btg.duk"])
    page = client.get("/").content.decode()
    assert "Bảng điều hành" in page and page.count("<svg") >= 3
    assert "Đảng bộ Sở Tài chính" in page
