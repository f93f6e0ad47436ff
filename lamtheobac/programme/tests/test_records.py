"""Standards of conduct and programme activities; their counts prefill the review report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.programme import queries
from lamtheobac.programme.actions import records
from lamtheobac.programme.models import Activity, EthicsStandard
from lamtheobac.testing import make_round

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _activities(w):
    records.add_activity(
        unit=w.grassroots,
        by=w.secretary,
        kind="pilgrimage",
        title="Hành hương về Khu lưu niệm",
        held_on=dt.date(YEAR, 3, 26),
        participants=45,
    )
    records.add_activity(
        unit=w.cell,
        by=w.cell_secretary,
        kind="forum",
        title="Tọa đàm làm theo Bác",
        held_on=dt.date(YEAR, 5, 19),
        participants=20,
    )
    records.add_activity(
        unit=w.sibling,
        by=w.sibling_officer,
        kind="forum",
        title="Tọa đàm ở Sở Tư pháp",
        held_on=dt.date(YEAR, 5, 19),
        participants=9,
    )


def test_a_unit_records_standards_and_activities_and_each_write_is_audited(scene):
    w = scene.world
    records.add_standard(
        unit=w.grassroots,
        by=w.secretary,
        title="Chuẩn mực đạo đức công vụ",
        document="Quyết định số 12-QĐ/ĐU",
        adopted_on=dt.date(YEAR, 2, 1),
    )
    _activities(w)
    assert EthicsStandard.objects.count() == 1 and Activity.objects.count() == 3
    assert AuditEvent.objects.filter(action="programme_activity.add").count() == 3


def test_bad_input_is_refused_with_a_vietnamese_message_and_nothing_is_kept(scene):
    w = scene.world
    with pytest.raises(DomainError, match="không hợp lệ"):
        records.add_activity(
            unit=w.cell,
            by=w.cell_secretary,
            kind="party",
            title="x",
            held_on=dt.date(YEAR, 5, 1),
            participants=1,
        )
    with pytest.raises(DomainError, match="chưa đến"):
        records.add_activity(
            unit=w.cell,
            by=w.cell_secretary,
            kind="forum",
            title="x",
            held_on=dt.date(YEAR, 12, 1),
            participants=1,
        )
    with pytest.raises(DomainError, match="không phải loại được nhận"):
        records.add_activity(
            unit=w.cell,
            by=w.cell_secretary,
            kind="forum",
            title="x",
            held_on=dt.date(YEAR, 5, 1),
            participants=1,
            uploads=[SimpleUploadedFile("a.pdf", b"not a pdf")],
        )
    with pytest.raises(DomainError, match="trước ngày ban hành"):
        records.add_standard(
            unit=w.cell,
            by=w.cell_secretary,
            title="Chuẩn mực",
            document="",
            adopted_on=dt.date(YEAR, 5, 1),
            reviewed_on=dt.date(YEAR, 4, 1),
        )
    with pytest.raises(AccessDenied):
        records.add_standard(
            unit=w.cell,
            by=w.sibling_officer,
            title="Chuẩn mực",
            document="",
            adopted_on=dt.date(YEAR, 5, 1),
        )
    assert not Activity.objects.exists() and not EthicsStandard.objects.exists()


def test_counts_cover_the_units_subtree_and_period_only(scene):
    _activities(scene.world)
    counts = queries.activity_counts(
        [scene.world.grassroots], since=dt.date(YEAR, 1, 1), until=dt.date(YEAR, 12, 31)
    )
    assert counts == {"pilgrimage": 1, "forum": 1, "participants": 65}
    text = queries.review_prefill(
        scene.world.grassroots, since=dt.date(YEAR, 4, 1), until=dt.date(YEAR, 8, 15)
    )["activities"]
    assert text.endswith("đã tổ chức 1 tọa đàm, hội thảo với 20 lượt người tham gia.")


def test_the_review_report_form_is_prefilled_in_the_matching_sections(scene, client):
    w = scene.world
    records.add_standard(
        unit=w.grassroots,
        by=w.secretary,
        title="Chuẩn mực đạo đức công vụ",
        document="",
        adopted_on=dt.date(YEAR, 2, 1),
    )
    _activities(w)
    round = make_round(
        committee=w.committee,
        by=w.officer,
        targets=[w.grassroots],
        headings=(
            "ĐẶC ĐIỂM TÌNH HÌNH",
            "XÂY DỰNG CHUẨN MỰC ĐẠO ĐỨC",
            "CÔNG TÁC TUYÊN TRUYỀN, GIÁO DỤC TRUYỀN THỐNG",
        ),
    )
    client.force_login(w.secretary)
    page = client.get(reverse("reporting:report_edit", args=[round.pk, w.grassroots.pk]))
    body = page.content.decode()
    assert "đã xây dựng, rà soát, bổ sung 1 chuẩn mực đạo đức (Chuẩn mực đạo đức công vụ)" in body
    assert (
        "Từ 15/8/2029 đến 15/8/2030, đã tổ chức 1 tọa đàm, hội thảo, 1 hành hương về địa chỉ đỏ với 65 lượt"
        in body
    )
