"""Lead units report progress; support units see; others see nothing; the overdue are
reminded once (issue 9 §1 and rules)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied, StaleEdit
from lamtheobac.notifications.models import Notification
from lamtheobac.tasks.actions.tasks import TaskDraft, create_task, remind_overdue, update_progress
from lamtheobac.tasks.models import Recurrence, Task, TaskState
from lamtheobac.tasks.queries import visible_tasks
from lamtheobac.units.policy import policy_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _task(world, **fields) -> Task:
    draft = TaskDraft(
        title="Tổ chức hội nghị quán triệt Chuyên đề năm 2026",
        lead=fields.pop("lead", world.grassroots),
        supports=fields.pop("supports", [world.board]),
        due=fields.pop("due", dt.date(2026, 6, 30)),
        **fields,
    )
    (task,) = create_task(committee=world.committee, draft=draft, by=world.officer)
    return task


@pytest.mark.django_db
def test_the_lead_units_staff_move_a_task_to_done_with_a_result_and_a_file(world):
    task = _task(world)
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    task = update_progress(
        task=task,
        state=TaskState.IN_PROGRESS,
        result="Đã xây dựng kế hoạch",
        by=world.secretary,
        version=task.version,
    )
    task = update_progress(
        task=task,
        state=TaskState.DONE,
        result="Đã tổ chức, 45 đảng viên dự",
        by=world.secretary,
        version=task.version,
        files=[upload],
    )
    assert task.state == TaskState.DONE and task.result == "Đã tổ chức, 45 đảng viên dự"
    assert [f.original_name for f in task.files.present()] == ["bien-ban.pdf"]
    actions = list(
        AuditEvent.objects.filter(target_id=str(task.pk), target_type="tasks.task")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["task.created", "task.start", "task.finish", "task.file_attached"]


@pytest.mark.django_db
def test_a_stale_form_a_support_unit_and_a_sibling_cannot_change_progress(world):
    task = _task(world)
    update_progress(
        task=task, state=TaskState.IN_PROGRESS, result="", by=world.secretary, version=task.version
    )
    with pytest.raises(StaleEdit):
        update_progress(
            task=task, state=TaskState.DONE, result="", by=world.secretary, version=task.version
        )
    with pytest.raises(AccessDenied):
        update_progress(
            task=task, state=TaskState.DONE, result="", by=world.sibling_officer, version=None
        )
    # The committee's staff may record progress for a lead (a board has no account of its own).
    done = update_progress(
        task=task, state=TaskState.DONE, result="Xong", by=world.officer, version=None
    )
    assert done.state == TaskState.DONE
    assert AuditEvent.objects.filter(action="task.finish_for_lead", actor=world.officer).exists()


@pytest.mark.django_db
def test_a_unit_sees_the_tasks_it_leads_or_supports_and_its_subtrees(world):
    led = _task(world, lead=world.cell, supports=[])
    supported = _task(world, lead=world.board, supports=[world.sibling])
    other = _task(world, lead=world.board, supports=[])
    assert set(visible_tasks(policy_of(world.secretary))) == {led}  # its cell's task
    assert set(visible_tasks(policy_of(world.sibling_officer))) == {supported}
    assert set(visible_tasks(policy_of(world.officer))) == {led, supported, other}
    assert set(visible_tasks(policy_of(world.stranger))) == set()


@pytest.mark.django_db
def test_overdue_tasks_are_reminded_once_however_often_the_job_runs(world):
    late = _task(world, due=dt.date(2026, 3, 1))
    _task(world, due=dt.date(2026, 4, 1))
    _task(world, recurrence=Recurrence.CONTINUOUS, due=None)
    exclusive = _task(world, due=dt.date(2026, 3, 10), due_exclusive=True)  # "trước ngày 10/3"
    assert remind_overdue(on=dt.date(2026, 3, 10)) == 2
    assert remind_overdue(on=dt.date(2026, 3, 10)) == 0
    assert remind_overdue(on=dt.date(2026, 3, 12)) == 0  # at most once a week
    notes = Notification.objects.filter(user=world.secretary)
    assert notes.count() == 2 and {n.url for n in notes} == {
        f"/nhiem-vu/{late.pk}/",
        f"/nhiem-vu/{exclusive.pk}/",
    }
    assert len(mail.outbox) == 0 or all("quá hạn" in m.subject.lower() for m in mail.outbox)


@pytest.mark.django_db
def test_every_tasks_page_refuses_a_stranger(world, client):
    task = _task(world)
    client.force_login(world.stranger)
    for url in (f"/nhiem-vu/{task.pk}/", f"/nhiem-vu/{task.pk}/tep/1/"):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(f"/nhiem-vu/{task.pk}/tien-do/", {"state": "done", "version": 1}).status_code
        == 404
    )
    assert client.get("/nhiem-vu/giao-moi/").status_code == 403
    assert "Tổ chức hội nghị" not in client.get("/nhiem-vu/").content.decode()
    client.force_login(world.sibling_officer)
    assert client.get(f"/nhiem-vu/{task.pk}/").status_code == 404
    client.force_login(world.member)  # sees the grassroots' tasks? no: a member of the cell only
    assert client.get(f"/nhiem-vu/{task.pk}/").status_code == 404
    client.force_login(world.leader)
    assert client.get(f"/nhiem-vu/{task.pk}/").status_code == 200
    assert (
        client.post(
            f"/nhiem-vu/{task.pk}/tien-do/", {"state": "done", "version": task.version}
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_the_lead_updates_progress_through_the_page(world, client):
    task = _task(world)
    client.force_login(world.secretary)
    page = client.get(f"/nhiem-vu/{task.pk}/")
    assert "Cập nhật tiến độ" in page.content.decode()
    response = client.post(
        f"/nhiem-vu/{task.pk}/tien-do/",
        {
            "state": "done",
            "result": "Đã xong",
            "version": task.version,
            "files": SimpleUploadedFile("a.pdf", PDF),
        },
    )
    assert response.status_code == 303
    task.refresh_from_db()
    assert task.state == TaskState.DONE
    f = task.files.get()
    assert client.get(f"/nhiem-vu/{task.pk}/tep/{f.pk}/").status_code == 200
