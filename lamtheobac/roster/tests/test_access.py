"""Every roster view refuses whoever has no right (docs/architecture.md (practice 6)):
outside the user's scope → 404; inside it without the right → 403. Dates of birth and card
numbers reach only the unit's staff and administrators (issue 11 §4)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheobac.audit.models import AuditEvent
from lamtheobac.roster.actions import RosterAction
from lamtheobac.roster.actions.members import import_members
from lamtheobac.roster.tests.conftest import members_xlsx, units_xlsx
from lamtheobac.testing import make_person
from lamtheobac.units.models import Person, Unit

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


@pytest.fixture
def past_import(world):
    return import_members(
        scope=world.grassroots, data=members_xlsx([ROW]), filename="a.xlsx", by=world.secretary
    ).event


def _request(client, name, world, past_import):
    unit = world.grassroots
    if name == "unit":
        return client.get(reverse("roster:unit", args=[unit.pk]))
    if name == "export":
        return client.get(reverse("roster:export", args=[unit.pk]))
    if name == "import_members_get":
        return client.get(reverse("roster:import_members"), {"unit": unit.pk})
    if name == "import_members_post":
        upload = SimpleUploadedFile("a.xlsx", members_xlsx([ROW]))
        return client.post(reverse("roster:import_members"), {"scope": unit.pk, "file": upload})
    if name == "import_units_get":
        return client.get(reverse("roster:import_units"), {"unit": unit.pk})
    if name == "import_units_post":
        upload = SimpleUploadedFile(
            "t.xlsx", units_xlsx([("X1", "Chi bộ X", "Chi bộ trực thuộc", "", None)])
        )
        return client.post(reverse("roster:import_units"), {"scope": unit.pk, "file": upload})
    if name == "import_result":
        return client.get(reverse("roster:import_result", args=[past_import.pk]))
    raise AssertionError(name)


@pytest.fixture
def send(client, world, past_import):
    return lambda name: _request(client, name, world, past_import)


ALL = [
    "unit",
    "export",
    "import_members_get",
    "import_members_post",
    "import_units_get",
    "import_units_post",
    "import_result",
]
PERSONAL = ["export", "import_members_get", "import_members_post", "import_result"]
TREE = ["import_units_get", "import_units_post"]


def _state():
    return (
        list(Person.objects.order_by("pk").values_list("pk", "given_name", "card_number")),
        list(Unit.objects.order_by("pk").values_list("pk", "code")),
        list(AuditEvent.objects.order_by("pk").values_list("pk", "action")),
    )


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("persona", ["stranger", "sibling_officer"])
def test_a_user_without_a_role_on_the_unit_gets_not_found_and_nothing_changes(
    client, world, send, name, persona
):
    client.force_login(getattr(world, persona))
    before = _state()

    assert send(name).status_code == 404
    assert _state() == before


@pytest.mark.parametrize("name", PERSONAL)
@pytest.mark.parametrize("persona", ["officer", "leader"])
def test_users_without_the_personal_data_right_are_refused_and_nothing_changes(
    client, world, send, name, persona
):
    client.force_login(getattr(world, persona))
    before = _state()

    assert send(name).status_code == 403
    assert _state() == before


@pytest.mark.parametrize("name", TREE)
@pytest.mark.parametrize("persona", ["officer", "leader", "secretary"])
def test_only_administrators_import_the_tree(client, world, send, name, persona):
    client.force_login(getattr(world, persona))
    before = _state()

    assert send(name).status_code == 403
    assert _state() == before


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("persona", ["member", "cell_secretary"])
def test_a_grant_on_a_cell_does_not_reach_the_dang_bo_above_it(client, world, send, name, persona):
    client.force_login(getattr(world, persona))
    before = _state()

    assert send(name).status_code == 404
    assert _state() == before


@pytest.mark.parametrize("view", ["roster:export", "roster:import_members", "roster:import_units"])
def test_a_member_sees_the_cell_but_may_not_export_or_import_it(client, world, view):
    client.force_login(world.member)
    args = [world.cell.pk] if view == "roster:export" else []
    params = {} if args else {"unit": world.cell.pk}
    before = _state()

    assert client.get(reverse(view, args=args), params).status_code == 403
    assert client.get(reverse("roster:unit", args=[world.cell.pk])).status_code == 200
    assert _state() == before


@pytest.mark.parametrize("persona", ["officer", "leader", "member", "secretary", "admin"])
def test_everyone_with_a_role_above_the_unit_sees_its_roster_page(client, world, send, persona):
    client.force_login(getattr(world, persona))
    if persona == "member":  # a member's grant is on the cell, not on the đảng bộ
        assert send("unit").status_code == 404
        return
    assert send("unit").status_code == 200


@pytest.mark.parametrize("name", ALL)
def test_an_administrator_may_do_everything(client, world, send, name):
    client.force_login(world.admin)

    assert send(name).status_code in {200, 303}


@pytest.mark.parametrize("name", ALL)
def test_an_anonymous_visitor_is_sent_to_the_login_page(send, name):
    response = send(name)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("secretary", True),
        ("cell_secretary", True),
        ("admin", True),
        ("officer", False),
        ("leader", False),
        ("member", False),
    ],
)
def test_birth_dates_and_card_numbers_show_only_to_unit_staff_and_administrators(
    client, world, persona, shown
):
    make_person(
        unit=world.cell,
        given_name="An",
        date_of_birth=dt.date(1980, 5, 3),
        card_number="01000009",
        position="Bí thư",
    )
    client.force_login(getattr(world, persona))

    response = client.get(reverse("roster:unit", args=[world.cell.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Bí thư" in body  # names and positions are not personal data here
    assert ("01000009" in body) is shown
    assert ("3/5/1980" in body) is shown
    assert ("Số thẻ" in body) is shown


def test_the_export_holds_the_personal_data_and_is_audited(client, world, past_import):
    client.force_login(world.secretary)

    response = client.get(reverse("roster:export", args=[world.grassroots.pk]))

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    row = [c.value for c in sheet[3]]
    assert row[1] == "Nguyễn Văn An" and row[9] == "01000001"
    assert row[2].date() == dt.date(1980, 5, 3)
    event = AuditEvent.objects.get(action=RosterAction.EXPORTED)
    assert event.after is not None
    assert (event.actor, event.unit, event.after["people"]) == (
        world.secretary,
        world.grassroots,
        1,
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("secretary", 200), ("officer", 403), ("stranger", 403)],
)
def test_templates_go_to_those_who_may_import_them(client, world, persona, status):
    client.force_login(getattr(world, persona))

    members = client.get(reverse("roster:members_template"))
    units = client.get(reverse("roster:units_template"))

    assert members.status_code == status
    assert units.status_code == (200 if persona == "admin" else 403)
