"""Bulk reminders, the e-mail digests and large exports run as jobs (issue 13 §2): the view
starts the job and sends the user to its page, whose result is the download; a job that
breaks inside its transaction has sent nothing, and a retry never reminds twice."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from lamtheobac.agenda.models import DigestFrequency, DigestPreference
from lamtheobac.audit.models import AuditEvent
from lamtheobac.drafting.tests.builders import reporting_round
from lamtheobac.drafting.tests.client import form_data
from lamtheobac.jobs import handlers, runner
from lamtheobac.jobs.models import Job, JobKind, JobStatus
from lamtheobac.notifications.models import Notification
from lamtheobac.testing import make_round

pytestmark = pytest.mark.django_db

REMINDED = "reporting_round.reminded"


@pytest.fixture(autouse=True)
def _everything_in_the_worker(settings):
    settings.JOBS_BACKGROUND_UNITS = 0  # every round counts as large here


@pytest.fixture
def round(world):
    return make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.cell, world.sibling],
    )


def _remind(client, round):
    return client.post(
        reverse("reporting:remind", args=[round.pk]), {"confirmed": "1", "tat-ca": "1"}
    )


def _reminders(user=None):
    rows = Notification.objects.filter(message__startswith="Đề nghị")
    return rows.filter(user=user) if user is not None else rows


def _job(kind: JobKind) -> Job:
    return Job.objects.get(kind=kind)


def test_bulk_reminders_run_as_a_job_and_the_user_lands_on_its_page(
    client, world, round, django_capture_on_commit_callbacks
):
    client.force_login(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = _remind(client, round)
    job = _job(JobKind.REMINDERS)
    assert response.status_code == 303
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED and job.unit == world.committee
    reminded = sorted([world.grassroots.pk, world.cell.pk, world.sibling.pk])
    assert sorted(job.result["unit_ids"]) == reminded == sorted(job.params["reminded"])
    assert job.result_url == reverse("reporting:round_detail", args=[round.pk])
    assert _reminders(world.secretary).count() == 1
    assert [m.to for m in mail.outbox] == [["taichinh@example.vn"]]
    page = client.get(response["Location"]).content.decode()
    assert "Đã xong" in page and "Xem kết quả" in page


def test_a_reminder_job_that_breaks_sends_nothing_and_its_retry_reminds_once(
    client, world, round, monkeypatch, django_capture_on_commit_callbacks
):
    def crash() -> None:
        raise RuntimeError("worker lost mid-transaction")

    monkeypatch.setattr(handlers, "checkpoint", crash)
    client.force_login(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        _remind(client, round)
    job = _job(JobKind.REMINDERS)
    assert job.status == JobStatus.FAILED and "không có dữ liệu nào được lưu" in job.error
    assert "reminded" not in job.params
    assert not AuditEvent.objects.filter(action=REMINDED).exists()
    assert not _reminders().exists() and mail.outbox == []

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result["reminded"] == 3
    assert _reminders(world.secretary).count() == 1
    # The job committed but (say) its worker died before marking it done: run it again.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result["reminded"] == 3
    assert AuditEvent.objects.filter(action=REMINDED).count() == 1
    assert _reminders(world.secretary).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("who", ["leader", "secretary", "sibling_officer", "member", "stranger"])
def test_people_who_may_not_remind_start_no_job(client, world, round, who):
    client.force_login(getattr(world, who))
    assert _remind(client, round).status_code in (403, 404)
    assert not Job.objects.exists() and not _reminders().exists()


def test_a_reminder_job_whose_starter_lost_the_right_meanwhile_sends_nothing(world, round):
    world.officer.role_grants.all().delete()
    job = runner.start(
        kind=JobKind.REMINDERS, by=world.officer, unit=world.committee, params={"round": round.pk}
    )
    assert job.status == JobStatus.FAILED
    assert job.error == "Bạn không còn quyền thực hiện việc này trên đợt báo cáo đã chọn."
    assert not _reminders().exists()


def test_the_matrix_export_of_a_large_round_is_built_in_the_worker_and_downloaded(
    client, world, round
):
    client.force_login(world.officer)
    response = client.get(reverse("reporting:matrix_xlsx", args=[round.pk]), {"tim": "chi bo"})
    job = _job(JobKind.EXPORT)
    assert response.status_code == 303
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result_name == f"tinh-hinh-bao-cao-{round.pk}.xlsx"
    assert default_storage.exists(str(job.result_file.name))  # kept through the storage API
    page = client.get(response["Location"]).content.decode()
    assert reverse("jobs:download", args=[job.pk]) in page
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert job.result_name in download["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    names = [r[1] for r in sheet.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
    assert names == ["Chi bộ Phòng Ngân sách", "Chi bộ Sở Tư pháp"]  # the page's filter


@pytest.mark.parametrize("who", ["secretary", "sibling_officer", "member", "stranger"])
def test_strangers_neither_start_an_export_nor_download_one(client, world, round, who):
    client.force_login(world.officer)
    client.get(reverse("reporting:matrix_xlsx", args=[round.pk]))
    job = _job(JobKind.EXPORT)
    client.force_login(getattr(world, who))
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert client.get(reverse("reporting:matrix_xlsx", args=[round.pk])).status_code in (403, 404)
    assert Job.objects.count() == 1


def test_the_consolidated_docx_of_a_large_round_is_a_job_whose_result_is_the_document(
    client, world
):
    round = reporting_round(world)
    client.force_login(world.officer)
    url = reverse("drafting:draft", args=["consolidated", round.pk])
    saved = client.post(url, form_data(client, url, name="Phạm Sáu"))
    started = client.get(saved["Location"])
    job = _job(JobKind.EXPORT)
    assert started.status_code == 303 and job.status == JobStatus.SUCCEEDED, job.error
    assert job.result_name == f"bao-cao-tong-hop-{round.pk}.docx"
    download = client.get(reverse("jobs:download", args=[job.pk]))
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(b"".join(download.streaming_content))).paragraphs
    )
    assert "3/6 đơn vị (50,0%) đã gửi báo cáo" in text


def test_the_digest_command_hands_the_sending_to_a_job_and_a_rerun_sends_nothing(world):
    DigestPreference.objects.create(user=world.secretary, frequency=DigestFrequency.DAILY)
    Notification.objects.create(
        user=world.secretary, message="Báo cáo được trả lại.", url="/bao-cao/", digest_pending=True
    )
    out = io.StringIO()
    call_command("send_digests", "--ngay", "2026-12-08", stdout=out)
    assert out.getvalue().strip() == "Đã gửi 1 bản tin."
    job = _job(JobKind.DIGESTS)
    assert job.status == JobStatus.SUCCEEDED and job.created_by is None
    assert job.result == {"sent": 1} and [m.to for m in mail.outbox] == [["taichinh@example.vn"]]
    call_command("send_digests", "--ngay", "2026-12-08", stdout=out)
    assert len(mail.outbox) == 1  # one digest a day, however often it runs


def test_the_digest_command_refuses_a_bad_date_in_vietnamese(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("send_digests", "--ngay", "8/12/2026")
    assert not Job.objects.exists()


def test_a_digest_job_that_breaks_midway_keeps_what_was_sent_and_its_retry_sends_the_rest(
    world, monkeypatch
):
    from django.core.management.base import CommandError

    from lamtheobac.agenda import digest

    for user in (world.secretary, world.officer):
        DigestPreference.objects.create(user=user, frequency=DigestFrequency.DAILY)
        Notification.objects.create(
            user=user, message="Có việc mới.", url="/viec/", digest_pending=True
        )
    real_send = digest._send
    calls: list[str] = []

    def second_fails(to: str, day, body: str) -> None:
        calls.append(to)
        if len(calls) == 2:
            raise ConnectionError("máy chủ thư ngắt kết nối")
        real_send(to, day, body)

    monkeypatch.setattr(digest, "_send", second_fails)
    with pytest.raises(CommandError, match="Đã xử lý bản tin của 1 người thì gặp lỗi"):
        call_command("send_digests", "--ngay", "2026-12-08")
    job = _job(JobKind.DIGESTS)
    assert job.status == JobStatus.FAILED and len(mail.outbox) == 1
    first = mail.outbox[0].to[0]

    monkeypatch.setattr(digest, "_send", real_send)
    runner.retry(job)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result == {"sent": 1}
    addressees = sorted(m.to[0] for m in mail.outbox)
    assert addressees == sorted(["taichinh@example.vn", "btg@example.vn"])  # each once
    assert first in addressees


def test_an_export_file_is_linked_into_place_whole_and_a_killed_attempts_part_is_removed(
    world, settings
):
    from pathlib import Path

    job = Job.objects.create(kind=JobKind.EXPORT, created_by=world.officer)
    other = Job.objects.create(kind=JobKind.EXPORT, created_by=world.officer)
    first = handlers.keep_whole(job, "bao-cao.docx", b"PK first")
    folder = Path(default_storage.path(first)).parent
    left = folder / f".job{job.pk}-dead.part"  # what a worker killed while writing leaves
    kept = folder / f".job{other.pk}-running.part"  # another job's, still being written
    left.write_bytes(b"PK half")
    kept.write_bytes(b"PK half")
    second = handlers.keep_whole(job, "bao-cao.docx", b"PK second")
    assert second != first  # the name was taken: the next free one, never overwritten
    assert default_storage.open(first).read() == b"PK first"
    assert default_storage.open(second).read() == b"PK second"
    assert not left.exists() and kept.exists()
    assert sorted(p.name for p in folder.glob("*.part")) == [kept.name]
