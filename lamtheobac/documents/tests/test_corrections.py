from __future__ import annotations

import datetime as dt

from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML, assertRedirects

from lamtheobac.audit.models import AuditEvent


def _correct(client, document, *, follow=False, **data):
    return client.post(reverse("documents:correct", args=[document.pk]), data, follow=follow)


def test_a_correction_is_audited_with_before_and_after_and_shown(client, world, imported):
    document = imported("001")
    client.force_login(world.officer)

    response = _correct(client, document, field="number", value="546-CV/ĐUK")

    detail = reverse("documents:detail", args=[document.pk])
    assertRedirects(
        response, f"{detail}#field-number", status_code=303, fetch_redirect_response=False
    )
    event = AuditEvent.objects.get(action="document.corrected")
    assert (event.before, event.after, event.actor) == (
        {"number": "545-CV/ĐUK"},
        {"number": "546-CV/ĐUK"},
        world.officer,
    )
    page = client.get(detail)
    html = page.content.decode()
    assertInHTML('<a href="#span-number">546-CV/ĐUK</a>', html)
    assertInHTML('<span class="badge">đã sửa</span>', html)
    assertInHTML("<dt>Số, ký hiệu</dt><dd><del>545-CV/ĐUK</del> → <ins>546-CV/ĐUK</ins></dd>", html)


def test_a_missing_date_can_be_supplied_in_the_vietnamese_order(client, world, imported):
    document = imported("000")
    client.force_login(world.officer)

    _correct(client, document, field="date", value="20/3/2023")

    document.refresh_from_db()
    assert document.date == dt.date(2023, 3, 20)
    page = client.get(reverse("documents:detail", args=[document.pk]))
    assertContains(page, "ngày 20 tháng 3 năm 2023")


def test_an_impossible_date_is_refused_with_a_message_and_changes_nothing(client, world, imported):
    document = imported("000")
    client.force_login(world.officer)

    response = _correct(client, document, field="date", value="31/2/2023", follow=True)

    assertContains(response, "Ngày không hợp lệ")
    assert not AuditEvent.objects.filter(action="document.corrected").exists()


def test_an_unknown_field_is_refused(client, world, imported):
    document = imported("001")
    client.force_login(world.officer)

    response = _correct(client, document, field="owner", value="1", follow=True)

    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action="document.corrected").exists()


def test_a_deadline_correction_changes_its_meaning_and_is_audited(client, world, imported):
    document = imported("001")
    deadline = document.deadlines.exclude(due=None).first()
    client.force_login(world.officer)

    client.post(
        reverse("documents:correct_deadline", args=[document.pk, deadline.pk]),
        {"due": "05/3/2022", "exclusive": "on"},
    )

    deadline.refresh_from_db()
    assert (deadline.due, deadline.exclusive, deadline.tentative) == (
        dt.date(2022, 3, 5),
        True,
        False,
    )
    event = AuditEvent.objects.get(action="deadline.corrected")
    assert event.after == {"due": "2022-03-05", "exclusive": True, "tentative": False}
    page = client.get(reverse("documents:detail", args=[document.pk]))
    assertContains(page, "Trước ngày 5/3/2022")
    assertInHTML(
        "<dt>Hạn</dt><dd><del>4/3/2022</del> → <ins>5/3/2022</ins></dd>", page.content.decode()
    )


def test_recipients_are_replaced_line_by_line(client, world, imported):
    document = imported("001")
    client.force_login(world.officer)

    client.post(
        reverse("documents:correct_recipients", args=[document.pk]),
        {"recipients": "Các chi, đảng bộ cơ sở\n\n  Lưu VP  \n"},
    )

    document.refresh_from_db()
    assert document.recipients == ["Các chi, đảng bộ cơ sở", "Lưu VP"]
    assert AuditEvent.objects.filter(action="document.corrected").count() == 1
