"""Issue 14 §2–3 in commendation rounds: opening (naming the plan's unresolved questions),
stopping nominations, finishing, removing a dossier file and withdrawing a nomination ask first;
a past deadline needs a confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lamtheobac.commendations.models import CommendationRoundState
from lamtheobac.commendations.tests.factories import make_commendation_round
from lamtheobac.core.dates import today

pytestmark = pytest.mark.django_db

UNRESOLVED = [{"code": "quota_200", "message": "Đúng 200 đảng viên: kế hoạch không nói rõ."}]


def test_opening_asks_first_and_names_the_plans_unresolved_questions(client, world):
    round = make_commendation_round(
        committee=world.committee, by=world.officer, open=False, warnings=UNRESOLVED
    )
    client.force_login(world.officer)
    url = reverse("commendations:round_open", args=[round.pk])
    html = client.post(url).content.decode()
    assert "Mở nhận đề nghị: các đơn vị gửi đề nghị khen thưởng" in html
    assert "còn 1 điều kế hoạch bỏ ngỏ chưa quyết định" in html
    round.refresh_from_db()
    assert round.state == CommendationRoundState.DRAFT
    edit = client.get(reverse("commendations:round_edit", args=[round.pk])).content.decode()
    assert "data-confirm=" in edit and "còn 1 điều kế hoạch bỏ ngỏ" in edit
    client.post(url, {"confirmed": "1"})
    round.refresh_from_db()
    assert round.state == CommendationRoundState.OPEN


def test_stopping_nominations_and_finishing_ask_first(client, world):
    round = make_commendation_round(committee=world.committee, by=world.officer)
    client.force_login(world.officer)
    close = reverse("commendations:round_close", args=[round.pk])
    assert "Dừng nhận đề nghị: các đơn vị không gửi thêm" in client.post(close).content.decode()
    round.refresh_from_db()
    assert round.state == CommendationRoundState.OPEN
    client.post(close, {"confirmed": "1"})
    round.refresh_from_db()
    assert round.state != CommendationRoundState.OPEN
    finish = reverse("commendations:round_finish", args=[round.pk])
    assert "Kết thúc đợt khen thưởng: kết quả được chốt" in client.post(finish).content.decode()


def test_a_past_commendation_deadline_needs_a_confirmation(client, world):
    round = make_commendation_round(
        committee=world.committee,
        by=world.officer,
        open=False,
        deadline=today() + dt.timedelta(days=10),
    )
    client.force_login(world.officer)
    url = reverse("commendations:round_edit", args=[round.pk])
    data = {"title": round.title, "deadline": "01/01/2020", "version": round.version}
    html = client.post(url, data).content.decode()
    assert "Ngày 01/01/2020 đã qua" in html
    round.refresh_from_db()
    assert round.deadline == today() + dt.timedelta(days=10)
    client.post(url, {**data, "confirm_dates": "on"})
    round.refresh_from_db()
    assert round.deadline == dt.date(2020, 1, 1)


def test_removing_a_dossier_file_and_withdrawing_a_nomination_ask_first(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lamtheobac.commendations.actions import nominations
    from lamtheobac.commendations.models import NominationState
    from lamtheobac.testing import make_person

    round = make_commendation_round(committee=world.committee, by=world.officer)
    person = make_person(unit=world.cell, family_name="Trần", middle_name="Thị", given_name="Hoa")
    nomination = nominations.nominate(
        round, unit=world.grassroots, person=person, summary="Tiêu biểu.", by=world.secretary
    )
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    item = nominations.upload_dossier_item(
        nomination,
        requirement=round.dossier_requirements.first(),
        upload=SimpleUploadedFile("to-trinh.pdf", pdf, content_type="application/pdf"),
        by=world.secretary,
    )
    client.force_login(world.secretary)
    remove = reverse("commendations:dossier_remove", args=[item.pk])
    assert "Gỡ tệp “to-trinh.pdf” khỏi hồ sơ đề nghị?" in client.post(remove).content.decode()
    item.refresh_from_db()
    assert not item.is_removed
    withdraw = reverse("commendations:nomination_withdraw", args=[nomination.pk])
    html = client.post(withdraw).content.decode()
    assert "Rút đề nghị: đề nghị bị hủy và chỉ tiêu được trả lại cho đơn vị." in html
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DRAFT
    client.post(withdraw, {"confirmed": "1"})
    nomination.refresh_from_db()
    assert nomination.state == NominationState.WITHDRAWN


def _draft_nomination(world, round):
    from lamtheobac.commendations.actions import nominations
    from lamtheobac.testing import make_person

    person = make_person(unit=world.cell, family_name="Trần", middle_name="Thị", given_name="Hoa")
    return nominations.nominate(
        round, unit=world.grassroots, person=person, summary="Tiêu biểu.", by=world.secretary
    )


def test_sending_a_nomination_asks_first_saying_what_will_happen(client, world):
    from lamtheobac.commendations.models import NominationState

    round = make_commendation_round(committee=world.committee, by=world.officer)
    nomination = _draft_nomination(world, round)
    client.force_login(world.secretary)
    page = client.get(reverse("commendations:nomination", args=[nomination.pk])).content.decode()
    assert 'data-confirm="Gửi đề nghị “Trần Thị Hoa” lên Đảng ủy Khối các cơ quan tỉnh' in page
    submit = reverse("commendations:nomination_submit", args=[nomination.pk])
    data = {"version": nomination.version, "reason": "Đơn vị xin xét đặc cách."}

    html = client.post(submit, data).content.decode()

    assert "sau khi gửi, đơn vị không sửa được đề nghị và hồ sơ nữa" in html
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DRAFT
    client.post(submit, {**data, "confirmed": "1"})
    nomination.refresh_from_db()
    assert nomination.state == NominationState.SUBMITTED


def test_withdrawing_a_nomination_tells_the_committee(world, django_capture_on_commit_callbacks):
    from lamtheobac.commendations.actions import nominations
    from lamtheobac.notifications.models import Notification

    round = make_commendation_round(committee=world.committee, by=world.officer)
    nomination = _draft_nomination(world, round)

    with django_capture_on_commit_callbacks(execute=True):
        nominations.withdraw_nomination(nomination, reason="Chọn người khác", by=world.secretary)

    (notice,) = Notification.objects.filter(user=world.officer)
    assert notice.message == (
        "Đảng bộ Sở Tài chính đã rút đề nghị khen thưởng “Trần Thị Hoa” "
        f"({round.title}); chỉ tiêu của đơn vị được trả lại."
    )
    assert notice.url == reverse(
        "commendations:unit_nominations", args=[round.pk, world.grassroots.pk]
    )
    assert not Notification.objects.filter(user=world.secretary, message__contains="rút").exists()
