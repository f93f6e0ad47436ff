"""Role × view: who gets in, and a stranger, a sibling unit, a colleague are refused."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheobac.pledges.actions import exemplars as ex
from lamtheobac.pledges.actions import pledges as actions
from lamtheobac.pledges.actions.pledges import ItemInput
from lamtheobac.pledges.models import Pledge, PledgeState
from lamtheobac.testing import grant, make_person, make_user
from lamtheobac.units.models import Role

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def scene(world):
    me = make_person(unit=world.cell, user=world.member, position="Chuyên viên")
    colleague_user = make_user("dongnghiep")
    grant(colleague_user, world.cell, Role.MEMBER)
    make_person(unit=world.cell, user=colleague_user)
    pledge = actions.start_pledge(person=me, year=YEAR, by=world.member, items=[ItemInput("Việc")])
    pledge = actions.submit_pledge(pledge=pledge, by=world.member, version=pledge.version)
    model = ex.register_model(unit=world.cell, year=YEAR, by=world.cell_secretary, name="Mô hình")
    stored = ex.add_model_file(
        model=model,
        upload=SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
        by=world.cell_secretary,
    )
    world.colleague = colleague_user
    return world, pledge, model, stored


PERSONAS = (
    "member",
    "colleague",
    "cell_secretary",
    "secretary",
    "officer",
    "leader",
    "sibling_officer",
    "stranger",
)
# (url name, args builder, {persona: status}); personas not listed expect 404.
CASES = [
    (
        "pledges:detail",
        lambda w, p, m, f: [p.pk],
        {
            "member": 200,
            "colleague": 403,
            "cell_secretary": 200,
            "secretary": 200,
            "officer": 200,
            "leader": 200,
        },
    ),
    (
        "pledges:docx",
        lambda w, p, m, f: [p.pk],
        {
            "member": 200,
            "colleague": 403,
            "cell_secretary": 200,
            "secretary": 200,
            "officer": 200,
            "leader": 200,
        },
    ),
    (
        "pledges:cell",
        lambda w, p, m, f: [w.cell.pk],
        {
            "member": 403,
            "colleague": 403,
            "cell_secretary": 200,
            "secretary": 200,
            "officer": 403,
            "leader": 403,
        },
    ),
    (
        "pledges:cell_template",
        lambda w, p, m, f: [w.cell.pk],
        {
            "member": 403,
            "colleague": 403,
            "cell_secretary": 200,
            "secretary": 200,
            "officer": 403,
            "leader": 403,
        },
    ),
    (
        "pledges:organisation",
        lambda w, p, m, f: [w.grassroots.pk],
        {"member": 404, "colleague": 404, "secretary": 200, "officer": 200, "leader": 200},
    ),
    (
        "pledges:model",
        lambda w, p, m, f: [m.pk],
        {
            "member": 403,
            "colleague": 403,
            "cell_secretary": 200,
            "secretary": 200,
            "officer": 200,
            "leader": 200,
        },
    ),
    (
        "pledges:model_file",
        lambda w, p, m, f: [f.pk],
        {
            "member": 403,
            "colleague": 403,
            "cell_secretary": 200,
            "secretary": 200,
            "officer": 200,
            "leader": 200,
        },
    ),
]


@pytest.mark.parametrize("name,args,expected", CASES, ids=[c[0] for c in CASES])
def test_each_view_lets_in_only_the_roles_that_may_read_it(client, scene, name, args, expected):
    world, pledge, model, stored = scene
    url = reverse(name, args=args(world, pledge, model, stored))
    for persona in PERSONAS:
        client.force_login(getattr(world, persona))
        status = client.get(url).status_code
        assert status == expected.get(persona, 404), (persona, status)
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_only_the_owner_has_a_my_plan_page(client, scene):
    world = scene[0]
    client.force_login(world.member)
    page = client.get(reverse("pledges:mine"), {"nam": YEAR})
    assert page.status_code == 200 and "Việc" in page.content.decode()
    client.force_login(world.stranger)
    assert client.get(reverse("pledges:mine")).status_code == 404


def test_a_colleague_cannot_accept_or_read_by_posting(client, scene):
    world, pledge = scene[0], scene[1]
    for persona, status in (
        ("colleague", 403),
        ("leader", 403),
        ("sibling_officer", 404),
        ("stranger", 404),
    ):
        client.force_login(getattr(world, persona))
        response = client.post(
            reverse("pledges:detail", args=[pledge.pk]), {"op": "accept", "version": pledge.version}
        )
        assert response.status_code == status, persona
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.SUBMITTED


def test_the_cell_secretary_accepts_from_the_plan_page(client, scene):
    world, pledge = scene[0], scene[1]
    client.force_login(world.cell_secretary)
    client.post(
        reverse("pledges:detail", args=[pledge.pk]), {"op": "accept", "version": pledge.version}
    )
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.ACCEPTED


def test_a_member_writes_and_submits_on_their_page(client, world):
    make_person(unit=world.cell, user=world.member)
    client.force_login(world.member)
    client.post(
        reverse("pledges:mine") + f"?nam={YEAR}",
        {"year": YEAR, "items": "Việc một | Ngân sách\nViệc hai", "submit": "1"},
    )
    pledge = Pledge.objects.get(year=YEAR)
    assert pledge.state == PledgeState.SUBMITTED and pledge.items.count() == 2


def test_the_cell_page_saves_every_row_in_one_post_and_the_stranger_is_refused(client, scene):
    world = scene[0]
    colleague = world.colleague.person
    url = reverse("pledges:cell", args=[world.cell.pk]) + f"?nam={YEAR}"
    client.force_login(world.sibling_officer)
    assert client.post(url, {f"items-{colleague.pk}": "Việc"}).status_code == 404
    client.force_login(world.cell_secretary)
    page = client.get(url)
    assert colleague.full_name in page.content.decode()
    client.post(
        url,
        {"year": YEAR, f"items-{colleague.pk}": "Việc A\nViệc B", f"submit-{colleague.pk}": "on"},
    )
    assert Pledge.objects.get(person=colleague).state == PledgeState.SUBMITTED


def test_the_import_page_shows_the_row_report_and_writes_nothing_on_error(client, scene):
    world = scene[0]
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Nội dung đăng ký"])
    book.active.append(["Người Không Có", "Việc"])
    data = io.BytesIO()
    book.save(data)
    client.force_login(world.cell_secretary)
    response = client.post(
        reverse("pledges:cell_import", args=[world.cell.pk]),
        {"year": YEAR, "file": SimpleUploadedFile("d.xlsx", data.getvalue())},
    )
    assert response.status_code == 422
    assert "Người Không Có" in response.content.decode()
    assert Pledge.objects.count() == 1  # only the scene's own plan


def test_committee_staff_pick_approved_exemplars_into_an_open_round(client, scene):
    from lamtheobac.commendations.models import (
        CommendationRound,
        CommendationRoundState,
        Nomination,
    )

    world = scene[0]
    round = CommendationRound.objects.create(
        committee=world.committee,
        title="Biểu dương 2026",
        state=CommendationRoundState.OPEN,
        created_by=world.officer,
    )
    person = make_person(unit=world.cell)
    e = ex.propose_exemplar(
        organisation=world.grassroots, year=YEAR, person=person, by=world.secretary
    )
    e = ex.approve_exemplar(exemplar=e, by=world.secretary, version=e.version)
    url = reverse("pledges:organisation", args=[world.grassroots.pk]) + f"?nam={YEAR}"
    data = {"op": "nominate", "year": YEAR, "round": round.pk, "exemplar": e.pk}
    client.force_login(world.leader)
    assert client.post(url, data).status_code == 403
    client.force_login(world.officer)
    assert "Biểu dương 2026" in client.get(url).content.decode()
    client.post(url, data)
    assert Nomination.objects.get(round=round).nominee_person == person


def test_the_index_lists_only_the_units_each_role_may_work_on(client, scene):
    world = scene[0]
    url = reverse("pledges:index")
    seen = {}
    for persona in ("cell_secretary", "secretary", "officer", "sibling_officer", "stranger"):
        client.force_login(getattr(world, persona))
        page = client.get(url).content.decode()
        seen[persona] = {
            name
            for name in (world.cell.name, world.grassroots.name, world.sibling.name)
            if name in page
        }
    assert seen["cell_secretary"] == {world.cell.name}
    assert seen["secretary"] == {world.cell.name, world.grassroots.name}
    assert seen["officer"] == {world.grassroots.name, world.sibling.name}
    assert seen["sibling_officer"] == {world.sibling.name}
    assert seen["stranger"] == set()
