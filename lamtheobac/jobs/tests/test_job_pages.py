"""The job page: its starter (and the unit's managers) follow the bar; strangers get a 404;
an upload with the real queue lands on the job page instead of waiting in the request."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheobac.jobs import runner
from lamtheobac.jobs.models import Job, JobKind, JobStatus
from lamtheobac.testing import grant, make_user
from lamtheobac.units.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return runner.start(
        kind=JobKind.DOCUMENT_IMPORT,
        by=world.officer,
        unit=world.committee,
        upload=SimpleUploadedFile("kh.txt", "ĐẢNG BỘ\nKẾ HOẠCH".encode()),
        params={"owner": world.committee.pk},
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("officer", 200),
        ("colleague", 200),  # another committee staff of the same committee
        ("leader", 404),  # reads reports, does not manage
        ("secretary", 404),
        ("sibling_officer", 404),
        ("stranger", 404),
    ],
)
def test_the_job_page_is_for_its_starter_and_the_units_managers(client, world, queued, who, status):
    if who == "colleague":
        user = make_user("canbo.btg2")
        grant(user, world.committee, Role.COMMITTEE_STAFF)
    else:
        user = getattr(world, who)
    client.force_login(user)
    assert client.get(reverse("jobs:detail", args=[queued.pk])).status_code == status
    assert client.get(reverse("jobs:progress", args=[queued.pk])).status_code == status


def test_a_waiting_job_polls_its_progress_and_a_finished_one_stops(client, world, queued):
    client.force_login(world.officer)
    page = client.get(reverse("jobs:progress", args=[queued.pk])).content.decode()
    assert f'hx-get="/cong-viec/{queued.pk}/tien-do/"' in page
    assert 'value="0"' in page and "Đang chờ" in page
    Job.objects.filter(pk=queued.pk).update(
        status=JobStatus.SUCCEEDED, progress=100, result_url="/van-ban/7/"
    )
    page = client.get(reverse("jobs:progress", args=[queued.pk])).content.decode()
    assert "hx-get" not in page and 'href="/van-ban/7/"' in page


def test_only_the_starter_may_retry_a_failed_job(client, world, queued):
    Job.objects.filter(pk=queued.pk).update(status=JobStatus.FAILED, error="x")
    client.force_login(world.leader)
    assert client.post(reverse("jobs:retry", args=[queued.pk])).status_code == 404
    assert Job.objects.get(pk=queued.pk).status == JobStatus.FAILED
    client.force_login(world.officer)
    response = client.post(reverse("jobs:retry", args=[queued.pk]))
    assert response.status_code == 303
    assert Job.objects.get(pk=queued.pk).status == JobStatus.QUEUED


def test_an_upload_with_the_real_queue_goes_to_the_job_page_and_stores_nothing_yet(
    client, world, settings
):
    from lamtheobac.documents.models import Document

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(world.officer)
    response = client.post(
        reverse("documents:upload"),
        {"owner": world.committee.pk, "file": SimpleUploadedFile("kh.txt", "KẾ HOẠCH".encode())},
    )
    job = Job.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"/cong-viec/{job.pk}/"
    assert job.status == JobStatus.QUEUED and job.file_name == "kh.txt"
    assert not Document.objects.exists()


def test_a_job_whose_worker_died_on_this_host_is_marked_failed_when_polled(client, world, queued):
    Job.objects.filter(pk=queued.pk).update(
        status=JobStatus.RUNNING, worker=f"{runner.worker_name().rsplit(':', 1)[0]}:999999999"
    )
    client.force_login(world.officer)
    page = client.get(reverse("jobs:progress", args=[queued.pk])).content.decode()
    assert "dừng giữa chừng" in page
    assert Job.objects.get(pk=queued.pk).status == JobStatus.FAILED
