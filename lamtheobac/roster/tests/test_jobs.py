"""Both imports run as background jobs with progress (issue 11 §1; ADR 0008)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from lamtheobac.jobs import runner
from lamtheobac.jobs.models import JobKind, JobStatus
from lamtheobac.roster.actions.members import import_members
from lamtheobac.roster.tests.conftest import members_xlsx, units_xlsx
from lamtheobac.units.models import Person, RoleGrant, Unit

ROW = (
    "Nguyễn Văn An",
    "03/05/1980",
    "Nam",
    "",
    "Chi bộ Phòng Ngân sách",
    "x",
    "03/02/2005",
    "03/02/2006",
    "01000001",
)


def test_a_roster_import_job_reports_its_stages_and_links_to_the_result(world):
    job = runner.start(
        kind=JobKind.MEMBERS_IMPORT,
        by=world.secretary,
        unit=world.grassroots,
        upload=SimpleUploadedFile("dv.xlsx", members_xlsx([ROW])),
        params={"scope": world.grassroots.pk},
    )

    assert job.status == JobStatus.SUCCEEDED and job.progress == 100
    assert job.result["created"] == 1
    assert job.result_url.endswith(f"/to-chuc/nhap/{job.result['event']}/")
    assert Person.objects.filter(card_number="01000001").exists()


def test_the_import_reports_progress_in_increasing_steps_before_writing(world):
    steps: list[tuple[int, str]] = []

    import_members(
        scope=world.grassroots,
        data=members_xlsx([ROW]),
        filename="dv.xlsx",
        by=world.secretary,
        progress=lambda percent, stage: steps.append((percent, stage)),
    )

    percents = [p for p, _ in steps]
    assert percents == sorted(percents) and len(percents) >= 4
    assert steps[-1][1] == "Đang ghi"


def test_a_tree_job_with_bad_rows_fails_with_the_row_report_and_writes_nothing(world):
    units = Unit.objects.count()

    job = runner.start(
        kind=JobKind.UNITS_IMPORT,
        by=world.admin,
        unit=world.committee,
        upload=SimpleUploadedFile(
            "t.xlsx", units_xlsx([("A", "Chi bộ A", "Chi bộ cơ sở", "B", 3)])
        ),
        params={"scope": world.committee.pk},
    )

    assert job.status == JobStatus.FAILED
    assert "có 1 lỗi" in job.error
    assert job.result["errors"][0]["line"] == 3
    assert job.result["errors"][0]["kind"] == "unknown_parent"
    assert Unit.objects.count() == units


def test_a_job_whose_starter_lost_the_right_fails_in_vietnamese(world):
    upload = SimpleUploadedFile("dv.xlsx", members_xlsx([ROW]))
    RoleGrant.objects.filter(user=world.secretary).delete()

    job = runner.start(
        kind=JobKind.MEMBERS_IMPORT,
        by=world.secretary,
        unit=world.grassroots,
        upload=upload,
        params={"scope": world.grassroots.pk},
    )

    assert job.status == JobStatus.FAILED
    assert job.error == "Bạn không còn quyền thực hiện việc này trên đơn vị đã chọn."
    assert not Person.objects.exists()
