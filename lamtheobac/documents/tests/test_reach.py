"""A plan reaches the units it was sent to (issue 9 §3): the units it addresses read it with
their tasks from it; a grassroots organisation uploads its own implementing plan, linked both
ways; a stranger unit is still refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.documents import access
from lamtheobac.documents.actions.documents import import_implementing_plan
from lamtheobac.documents.models import Document
from lamtheobac.reporting.actions import cascade
from lamtheobac.tasks.actions import tasks as task_writes
from lamtheobac.tasks.actions.tasks import TaskDraft
from lamtheobac.testing import make_round
from lamtheobac.units.policy import policy_of

pytestmark = pytest.mark.django_db

PLAN = """ĐẢNG BỘ TỈNH QUẢNG NAM
ĐẢNG ỦY KHỐI CÁC CƠ QUAN
Số 12-KH/ĐUK
Quảng Nam, ngày 02 tháng 3 năm 2030
KẾ HOẠCH
thực hiện chuyên đề năm 2030
Các cấp ủy tổ chức quán triệt; báo cáo kết quả trước ngày 30/4/2030.
Nơi nhận:
- Lưu VP.
"""

OWN_PLAN = """ĐẢNG BỘ KHỐI
ĐẢNG ỦY SỞ TÀI CHÍNH
Số 05-KH/ĐU
Quảng Nam, ngày 10 tháng 3 năm 2030
KẾ HOẠCH
thực hiện Kế hoạch số 12-KH/ĐUK của Đảng ủy Khối
"""


@pytest.fixture
def plan(world, import_text):
    """A plan of the committee addressed to the grassroots committee by a round opened from it."""
    document = import_text(PLAN, filename="ke-hoach-12.txt")
    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots], document=document
    )
    return document, round


def _upload(text: str = OWN_PLAN) -> SimpleUploadedFile:
    return SimpleUploadedFile("ke-hoach-05.txt", text.encode(), content_type="text/plain")


PERSONAS_READ = {
    "officer": 200,
    "leader": 200,
    "secretary": 200,  # a target of the round opened from the plan
    "cell_secretary": 404,  # not addressed (until its đảng bộ forwards the round)
    "sibling_officer": 404,  # a stranger unit
    "member": 404,
    "stranger": 404,
    "admin": 403,
}


@pytest.mark.parametrize(("persona", "status"), PERSONAS_READ.items())
def test_the_plan_page_opens_to_the_units_it_addresses_only(client, world, plan, persona, status):
    document, _round = plan
    client.force_login(getattr(world, persona))
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == status


def test_a_cell_reads_the_plan_once_its_grassroots_committee_forwards_the_round(
    client, world, plan
):
    document, round = plan
    cascade.open_child_round(
        round, unit=world.grassroots, deadline=dt.date(2030, 4, 20), by=world.secretary
    )
    client.force_login(world.cell_secretary)
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 200


def test_the_addressed_unit_sees_its_tasks_from_the_plan_and_not_others(client, world, plan):
    document, _round = plan
    [own] = task_writes.create_task(
        committee=world.committee,
        draft=TaskDraft(
            title="Đảng bộ Sở Tài chính tổ chức học tập chuyên đề",
            lead=world.grassroots,
            due=dt.date(2030, 6, 30),
        ),
        plan=document,
        by=world.officer,
    )
    task_writes.create_task(
        committee=world.committee,
        draft=TaskDraft(
            title="Chi bộ Sở Tư pháp tổ chức hội nghị", lead=world.sibling, due=dt.date(2030, 6, 30)
        ),
        plan=document,
        by=world.officer,
    )
    client.force_login(world.secretary)
    html = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert 'id="my-tasks"' in html
    assert own.title in html
    assert "Chi bộ Sở Tư pháp tổ chức hội nghị" not in html
    # the sibling is addressed by its task now: it reads the plan, with its task only
    client.force_login(world.sibling_officer)
    html = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "Chi bộ Sở Tư pháp tổ chức hội nghị" in html
    assert own.title not in html


def test_a_grassroots_organisation_uploads_its_implementing_plan_linked_both_ways(
    client, world, plan
):
    document, _round = plan
    client.force_login(world.secretary)
    url = reverse("documents:implement", args=[document.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"owner": world.grassroots.pk, "file": _upload()})
    own = Document.objects.get(implements=document)
    assert response.status_code == 303
    assert own.owner == world.grassroots and own.number == "05-KH/ĐU"
    assert AuditEvent.objects.filter(action="document.implements_plan", actor=world.secretary)
    own_page = client.get(reverse("documents:detail", args=[own.pk])).content.decode()
    assert 'id="implements"' in own_page and "12-KH/ĐUK" in own_page
    client.force_login(world.officer)
    plan_page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert 'id="implementations"' in plan_page and "05-KH/ĐU" in plan_page
    # the committee reads the grassroots plan (its subtree); a sibling unit does not
    assert client.get(reverse("documents:detail", args=[own.pk])).status_code == 200
    client.force_login(world.sibling_officer)
    assert client.get(reverse("documents:detail", args=[own.pk])).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    {
        "secretary": 200,
        "officer": 403,  # reads the plan, but is no addressed unit's staff
        "leader": 403,
        "cell_secretary": 404,
        "sibling_officer": 404,
        "member": 404,
        "stranger": 404,
        "admin": 403,
    }.items(),
)
def test_only_an_addressed_units_staff_may_upload_an_implementing_plan(
    client, world, plan, persona, status
):
    document, _round = plan
    client.force_login(getattr(world, persona))
    url = reverse("documents:implement", args=[document.pk])
    assert client.get(url).status_code == status
    if status != 200:
        client.post(url, {"owner": world.grassroots.pk, "file": _upload()})
        assert not Document.objects.filter(implements=document).exists()


def test_the_write_refuses_a_unit_the_plan_does_not_address(world, plan):
    document, _round = plan
    with pytest.raises(DomainError, match="không gửi tới"):
        import_implementing_plan(
            plan=document,
            owner=world.sibling,
            data=OWN_PLAN.encode(),
            filename="kh.txt",
            by=world.sibling_officer,
        )
    with pytest.raises(AccessDenied):
        import_implementing_plan(
            plan=document,
            owner=world.grassroots,
            data=OWN_PLAN.encode(),
            filename="kh.txt",
            by=world.sibling_officer,
        )
    assert not Document.objects.filter(implements=document).exists()


def test_the_addressed_units_of_a_plan_come_from_rounds_tasks_and_recipients(world, import_text):
    document = import_text(
        PLAN.replace("- Lưu VP.", "- Các đảng bộ, chi bộ cơ sở;\n- Lưu VP."), filename="kh2.txt"
    )
    units = set(access.addressed_units(document))
    assert {world.grassroots, world.sibling} <= units
    assert world.cell not in units
    assert access.may_read(policy_of(world.sibling_officer), document)
    assert not access.may_read(policy_of(world.cell_secretary), document)


def _listed(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("documents:list"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_plan_addressed_by_name_alone_is_listed_for_that_units_staff(client, world, import_text):
    document = import_text(
        PLAN.replace("- Lưu VP.", "- Chi bộ Sở Tư pháp,\n- Lưu VP.").replace("Số 12", "Số 14"),
        filename="kh14.txt",
    )
    assert "Số 14" not in PLAN
    assert document.number in _listed(client, world.sibling_officer)
    assert document.number not in _listed(client, world.secretary)  # not named, no round
    client.force_login(world.stranger)
    assert client.get(reverse("documents:list")).status_code == 403  # no role anywhere


def test_correcting_the_recipients_changes_who_finds_the_plan_in_the_list(
    client, world, import_text
):
    from lamtheobac.documents.actions.documents import correct_recipients

    document = import_text(PLAN.replace("Số 12", "Số 15"), filename="kh15.txt")
    assert document.number not in _listed(client, world.sibling_officer)
    correct_recipients(
        document=document, recipients=["- Chi bộ Sở Tư pháp;", "- Lưu VP."], by=world.officer
    )
    assert document.number in _listed(client, world.sibling_officer)
    correct_recipients(document=document, recipients=["- Lưu VP."], by=world.officer)
    assert document.number not in _listed(client, world.sibling_officer)


def test_a_plan_sent_to_every_grassroots_organisation_is_listed_for_each_and_kept_after_a_rename(
    client, world, import_text
):
    from lamtheobac.units.models import Unit

    document = import_text(
        PLAN.replace("- Lưu VP.", "- Các đảng bộ, chi bộ cơ sở;\n- Lưu VP.").replace(
            "Số 12", "Số 16"
        ),
        filename="kh16.txt",
    )
    for staff in (world.secretary, world.sibling_officer):
        assert document.number in _listed(client, staff)
    assert document.number not in _listed(client, world.cell_secretary)
    Unit.objects.filter(pk=world.sibling.pk).update(name="Chi bộ Sở Tư pháp tỉnh")
    assert document.number in _listed(client, world.sibling_officer)
    client.force_login(world.sibling_officer)
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 200
