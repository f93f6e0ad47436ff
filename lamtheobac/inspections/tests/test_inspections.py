"""A yearly programme: plan, notify with a numbered notice, conclude with recommendations
that become tasks of the inspected unit, close only once they are done (issue 9 §5)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as Docx

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied, StateError
from lamtheobac.inspections.actions import inspections as actions
from lamtheobac.inspections.models import InspectionState
from lamtheobac.inspections.outputs import notice_docx
from lamtheobac.inspections.queries import counts
from lamtheobac.tasks.actions.tasks import update_progress
from lamtheobac.tasks.models import Origin, TaskState


def _planned(world):
    programme = actions.create_programme(committee=world.committee, year=2026, by=world.officer)
    inspection = actions.plan_inspection(
        programme=programme,
        target=world.grassroots,
        by=world.officer,
        subject="Việc thực hiện Kết luận số 01-KL/TW",
        team="Đ/c Trần Thị Lan\nĐ/c Lê Văn Hùng",
        start=dt.date(2026, 5, 4),
        end=dt.date(2026, 5, 8),
    )
    return programme, inspection


@pytest.mark.django_db
def test_an_inspection_runs_from_notice_to_closed_and_its_recommendations_are_tasks(world):
    programme, inspection = _planned(world)
    inspection = actions.notify(
        inspection=inspection, by=world.officer, version=inspection.version, on=dt.date(2026, 4, 20)
    )
    assert inspection.notice is not None and inspection.notice.number == "1-TB/ĐUK"
    text = "\n".join(p.text for p in Docx(io.BytesIO(notice_docx(inspection))).paragraphs)
    assert "Đảng bộ Sở Tài chính" in text and "Kết luận số 01-KL/TW" in text
    inspection = actions.start(inspection=inspection, by=world.officer, version=inspection.version)
    inspection = actions.conclude(
        inspection=inspection,
        by=world.officer,
        version=inspection.version,
        findings="Đã ban hành kế hoạch",
        conclusions="Cơ bản thực hiện tốt",
        recommendations=[
            ("Bổ sung sổ theo dõi đăng ký làm theo", dt.date(2026, 6, 30)),
            ("Tổ chức sinh hoạt chuyên đề quý II", dt.date(2026, 7, 15)),
        ],
    )
    recs = list(inspection.recommendations.select_related("task"))
    tasks = [r.task for r in recs if r.task is not None]
    assert [(t.lead, t.due, t.origin) for t in tasks] == [
        (world.grassroots, dt.date(2026, 6, 30), Origin.INSPECTION),
        (world.grassroots, dt.date(2026, 7, 15), Origin.INSPECTION),
    ]
    c = counts(programme)
    assert (c.total, c.concluded, c.recommendations, c.recommendations_open) == (1, 1, 2, 2)
    with pytest.raises(StateError):
        actions.close(inspection=inspection, by=world.officer, version=inspection.version)
    for task in tasks:
        update_progress(
            task=task,
            state=TaskState.DONE,
            result="Đã khắc phục",
            by=world.secretary,
            version=None,
        )
    closed = actions.close(inspection=inspection, by=world.officer, version=inspection.version)
    assert closed.state == InspectionState.CLOSED
    steps = AuditEvent.objects.filter(target_type="inspections.inspection").values_list(
        "action", flat=True
    )
    assert {
        "inspection.notify",
        "inspection.start",
        "inspection.conclude",
        "inspection.close",
    } <= set(steps)


@pytest.mark.django_db
def test_a_grassroots_committee_keeps_its_own_programme_for_its_cells(world):
    programme = actions.create_programme(committee=world.grassroots, year=2026, by=world.secretary)
    inspection = actions.plan_inspection(
        programme=programme,
        target=world.cell,
        by=world.secretary,
        subject="Sinh hoạt chuyên đề",
        start=dt.date(2026, 9, 1),
        end=dt.date(2026, 9, 2),
    )
    inspection = actions.start(
        inspection=actions.notify(inspection=inspection, by=world.secretary, version=None),
        by=world.secretary,
        version=None,
    )
    assert inspection.state == InspectionState.IN_PROGRESS
    with pytest.raises(AccessDenied):
        actions.plan_inspection(
            programme=programme,
            target=world.cell,
            by=world.sibling_officer,
            subject="x",
            start=dt.date(2026, 9, 1),
            end=dt.date(2026, 9, 2),
        )


@pytest.mark.django_db
def test_the_inspection_pages_refuse_strangers_and_show_counts_to_the_committee(world, client):
    programme, inspection = _planned(world)
    client.force_login(world.officer)
    page = client.get(f"/kiem-tra/chuong-trinh/{programme.pk}/").content.decode()
    assert "1 cuộc: 1 chưa tiến hành" in page
    assert client.get(f"/kiem-tra/{inspection.pk}/thong-bao.docx").status_code == 200
    client.force_login(world.secretary)  # the inspected unit reads its inspection, cannot run it
    assert client.get(f"/kiem-tra/{inspection.pk}/").status_code == 200
    assert client.post(f"/kiem-tra/{inspection.pk}/buoc/notify/", {"version": 1}).status_code == 403
    for user in (world.stranger, world.sibling_officer):
        client.force_login(user)
        assert client.get(f"/kiem-tra/{inspection.pk}/").status_code == 404
        assert client.get(f"/kiem-tra/chuong-trinh/{programme.pk}/").status_code == 404
        assert client.get(f"/kiem-tra/{inspection.pk}/thong-bao.docx").status_code == 404
        assert (
            client.post(f"/kiem-tra/{inspection.pk}/buoc/notify/", {"version": 1}).status_code
            == 404
        )
    client.force_login(world.stranger)
    assert client.get("/kiem-tra/").status_code == 403
