"""People and accounts apart (issue 11 §3): invite by e-mail, print codes for a whole cell,
reset, deactivate without losing the person's history."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from lamtheobac.accounts import invitations
from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.ratings.models import Rating
from lamtheobac.testing import PASSWORD, World, make_person, make_user
from lamtheobac.units.models import Person, Role, RoleGrant


def _client(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_a_person_needs_no_login(world: World):
    person = make_person(unit=world.cell)
    assert person.user is None and Person.objects.get(pk=person.pk).unit == world.cell


def test_an_invitation_by_email_lets_the_person_choose_a_password_once(
    world: World, django_capture_on_commit_callbacks
):
    person = make_person(unit=world.cell, family_name="Trần", middle_name="Thị", given_name="Hoa")
    client = _client(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/tai-khoan/nguoi/{person.pk}/moi/", {"email": "hoa@example.vn"})
    assert response.status_code == 303
    person.refresh_from_db()
    user = person.user
    assert user is not None and user.username == "hoa.tt" and not user.has_usable_password()
    assert RoleGrant.objects.filter(user=user, unit=world.cell, role=Role.MEMBER).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["hoa@example.vn"]
    link = re.search(r"http://testserver(/tai-khoan/dat-lai/\S+)", str(mail.outbox[0].body))
    assert link is not None
    visitor = Client()
    form = visitor.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = visitor.post(
        form.redirect_chain[-1][0],
        {"new_password1": "mot-mat-khau-dai-2026", "new_password2": "mot-mat-khau-dai-2026"},
    )
    assert done.status_code == 302
    assert Client().login(username="hoa.tt", password="mot-mat-khau-dai-2026")
    again = Client().get(link.group(1), follow=True)
    assert "new_password1" not in again.content.decode()  # the link worked once


def test_inviting_someone_who_has_an_account_or_a_bad_address_is_refused(world: World):
    person = make_person(unit=world.cell)
    with pytest.raises(DomainError, match="không hợp lệ"):
        invitations.invite_by_email(
            person=person, email="khong-phai-thu", base_url="http://x", by=world.admin
        )
    assert Person.objects.get(pk=person.pk).user is None
    invitations.invite_by_email(
        person=person, email="a@example.vn", base_url="http://x", by=world.admin
    )
    with pytest.raises(DomainError, match="đã có tài khoản"):
        invitations.invite_by_email(
            person=person, email="b@example.vn", base_url="http://x", by=world.admin
        )


def test_printed_codes_for_a_whole_cell_create_accounts_that_log_in(world: World):
    people = [make_person(unit=world.sibling) for _ in range(3)]
    used = make_user("da.dung")
    Person.objects.filter(pk=people[2].pk).update(user=used)
    User.objects.filter(pk=used.pk).update(last_login="2026-01-01T00:00:00Z")
    client = _client(world.admin)
    page = client.post(f"/tai-khoan/don-vi/{world.sibling.pk}/in-ma/").content.decode()
    rows = re.findall(r'data-username="([^"]+)".*?class="code">([A-Z0-9-]+)<', page, re.S)
    assert len(rows) == 2  # the one with a used account is left out
    username, code = rows[0]
    redeemed = Client().post(
        "/tai-khoan/ma-dat-lai/",
        {
            "username": username,
            "code": code,
            "password1": "mat-khau-moi-2026!",
            "password2": "mat-khau-moi-2026!",
        },
    )
    assert redeemed.status_code == 303
    assert Client().login(username=username, password="mat-khau-moi-2026!")


def test_deactivating_keeps_the_person_and_their_records(world: World):
    person = make_person(unit=world.cell)
    invitations.invite_by_email(
        person=person, email="a@example.vn", base_url="http://x", by=world.admin
    )
    person.refresh_from_db()
    user = person.user
    assert user is not None
    user.set_password(PASSWORD)
    user.save()
    Rating.objects.create(person=person, year=2024, level="good")
    response = _client(world.admin).post(
        f"/tai-khoan/nguoi/{person.pk}/trang-thai/", {"active": "0"}
    )
    assert response.status_code == 303
    assert not User.objects.get(pk=user.pk).is_active
    assert not Client().login(username=user.username, password=PASSWORD)
    assert Person.objects.get(pk=person.pk).user_id == user.pk
    assert Rating.objects.filter(person=person).count() == 1
    assert AuditEvent.objects.filter(action="account.deactivated", actor=world.admin).exists()
    _client(world.admin).post(f"/tai-khoan/nguoi/{person.pk}/trang-thai/", {"active": "1"})
    assert Client().login(username=user.username, password=PASSWORD)


def test_an_administrator_cannot_lock_an_account_with_roles_outside_their_scope(world: World):
    person = make_person(unit=world.cell, user=world.officer)  # committee staff, above the cell
    cell_admin = make_user("quantri.chibo")
    RoleGrant.objects.create(user=cell_admin, unit=world.cell, role=Role.ADMINISTRATOR)
    with pytest.raises(AccessDenied):
        invitations.set_account_active(person=person, active=False, by=cell_admin)
    assert User.objects.get(pk=world.officer.pk).is_active


@pytest.mark.parametrize("who", ["officer", "secretary", "member"])
def test_only_administrators_invite(world: World, who: str):
    person = make_person(unit=world.cell)
    response = _client(getattr(world, who)).post(
        f"/tai-khoan/nguoi/{person.pk}/moi/", {"email": "a@example.vn"}
    )
    assert response.status_code == 403 and Person.objects.get(pk=person.pk).user is None


def test_an_outsider_does_not_see_the_people(world: World):
    person = make_person(unit=world.cell)
    client = _client(world.sibling_officer)
    assert client.post(f"/tai-khoan/nguoi/{person.pk}/ma-dat-lai/").status_code == 404
    assert client.get(f"/tai-khoan/don-vi/{world.cell.pk}/").status_code == 404


def test_the_people_page_shows_account_states(world: World):
    make_person(unit=world.cell, given_name="Không tài khoản")
    page = _client(world.admin).get(f"/tai-khoan/don-vi/{world.cell.pk}/").content.decode()
    assert "chưa có" in page and "Gửi thư mời" in page
