"""The commendation pages do what their users need: prefill from a plan with the 200 gap shown,
nominate within the subtree and the quota, submit with a reason, review and decide."""

from __future__ import annotations

import io

import docx
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from lamtheobac.commendations.models import (
    AwardKind,
    CommendationRound,
    Nomination,
    NominationState,
)
from lamtheobac.commendations.tests.factories import (
    SEED_003_DEADLINES,
    UNDER_200,
    make_document,
    seed_003_extraction,
)
from lamtheobac.commendations.tests.test_views_access import pdf, scene  # noqa: F401
from lamtheobac.drafting.tests.client import drafted
from lamtheobac.testing import make_person

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_plan_page_offers_a_commendation_round_and_the_round_shows_the_200_gap(client, world):
    document = make_document(
        owner=world.committee,
        by=world.officer,
        extraction=seed_003_extraction(),
        deadlines=SEED_003_DEADLINES,
    )
    client.force_login(world.officer)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    create_url = reverse("commendations:round_create", args=[document.pk])
    assert create_url in page
    response = client.post(create_url)
    round = CommendationRound.objects.get(document=document)
    assert response.status_code == 302
    assert response["Location"] == reverse("commendations:round_edit", args=[round.pk])
    page = client.get(response["Location"]).content.decode()
    # The plan's "trước ngày 05-5-2020" has passed: a date from today is proposed, and why.
    assert "Hạn trong văn bản (5/5/2020) đã qua" in page
    assert "đúng 200 đảng viên" in page  # the gap, from round.warnings
    assert UNDER_200 in page
    assert "ít nhất 03 năm" in page


def test_a_plan_without_quotas_criteria_or_dossier_offers_no_commendation_round(client, world):
    document = make_document(owner=world.committee, by=world.officer, extraction={})
    client.force_login(world.officer)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert reverse("commendations:round_create", args=[document.pk]) not in page


def test_staff_close_the_200_gap_by_editing_a_quota_rule(client, world):
    document = make_document(
        owner=world.committee, by=world.officer, extraction=seed_003_extraction()
    )
    client.force_login(world.officer)
    client.post(reverse("commendations:round_create", args=[document.pk]))
    round = CommendationRound.objects.get(document=document)
    assert any(w["code"] == "quota_gap" for w in round.warnings)
    rule = round.quota_rules.get(member_max=199)
    client.post(
        reverse("commendations:quota_save", args=[round.pk, rule.pk]),
        {
            "scope": "unit",
            "member_max": "200",
            "collectives_max": "1",
            "individuals_max": "1",
            "total_max": "1",
            "text": rule.text,
        },
    )
    round.refresh_from_db()
    rule.refresh_from_db()
    assert rule.member_max == 200
    assert not any(w["code"] == "quota_gap" for w in round.warnings)
    page = client.get(reverse("commendations:round_edit", args=[round.pk])).content.decode()
    assert "đúng 200 đảng viên" not in page


def test_staff_edit_a_criterion_rule_with_its_years(client, scene):  # noqa: F811
    round, criterion = scene["round"], scene["criterion"]
    client.force_login(scene["world"].officer)
    client.post(
        reverse("commendations:criterion_save", args=[round.pk, criterion.pk]),
        {
            "applies_to": "collective",
            "kind": "rating_each_year",
            "min_level": "excellent",
            "years": "2018-2020",
            "text": "Hoàn thành xuất sắc 2018–2020",
        },
    )
    criterion.refresh_from_db()
    assert (criterion.min_level, criterion.years) == ("excellent", [2018, 2019, 2020])


def test_unit_staff_cannot_nominate_a_person_outside_their_subtree(client, scene):  # noqa: F811
    world, round = scene["world"], scene["round"]
    outsider = make_person(unit=world.sibling, given_name="Ngoài")
    client.force_login(world.secretary)
    url = reverse("commendations:unit_nominations", args=[round.pk, world.grassroots.pk])
    client.post(url, {"person": outsider.pk, "summary": "x"})
    assert not Nomination.objects.filter(nominee_person=outsider).exists()
    # Nor act for the sibling unit itself.
    sibling_url = reverse("commendations:unit_nominations", args=[round.pk, world.sibling.pk])
    assert client.post(sibling_url, {"person": outsider.pk}).status_code == 404
    assert not Nomination.objects.filter(nominee_person=outsider).exists()


def test_unit_staff_see_only_their_own_units_nominations(client, scene):  # noqa: F811
    world, round = scene["world"], scene["round"]
    client.force_login(world.secretary)
    url = reverse("commendations:unit_nominations", args=[round.pk, world.grassroots.pk])
    page = client.get(url).content.decode()
    assert "Trần Thị Hoa" in page
    assert "Riêng" not in page
    draft = scene["sibling_draft"]
    assert client.get(reverse("commendations:nomination", args=[draft.pk])).status_code == 404


def test_the_committee_never_sees_a_units_draft(client, scene):  # noqa: F811
    client.force_login(scene["world"].officer)
    draft = scene["sibling_draft"]
    assert client.get(reverse("commendations:nomination", args=[draft.pk])).status_code == 404
    page = client.get(reverse("commendations:round_detail", args=[scene["round"].pk]))
    assert "Riêng" not in page.content.decode()
    assert "Trần Thị Hoa" in page.content.decode()


def test_a_nomination_over_quota_is_refused_with_the_rule_quoted(client, scene):  # noqa: F811
    world, round = scene["world"], scene["round"]
    second = make_person(unit=world.cell, given_name="Thứ Hai")
    client.force_login(world.secretary)
    url = reverse("commendations:unit_nominations", args=[round.pk, world.grassroots.pk])
    response = client.post(url, {"person": second.pk, "summary": "x"}, HTTP_REFERER=url)
    assert response.status_code == 303
    assert not Nomination.objects.filter(nominee_person=second).exists()
    assert any(UNDER_200.strip() in m and "Vượt chỉ tiêu" in m for m in _messages(response))


def test_the_nomination_page_shows_quota_criteria_with_ratings_and_dossier(client, scene):  # noqa: F811
    world, nomination = scene["world"], scene["nomination"]
    client.force_login(world.secretary)
    page = client.get(reverse("commendations:nomination", args=[nomination.pk])).content.decode()
    assert "Chỉ tiêu của đơn vị" in page
    assert "Chưa có dữ liệu" in page  # no ratings: "ít nhất 03 năm" cannot be judged yet
    assert "Không có bản ghi xếp loại" in page
    assert "Đã có" in page and "Còn thiếu" in page  # one requirement of two uploaded


def test_submitting_with_a_missing_item_needs_a_written_reason(client, world, scene):  # noqa: F811
    client.force_login(world.sibling_officer)
    nomination = scene["sibling_draft"]
    url = reverse("commendations:nomination_submit", args=[nomination.pk])
    response = client.post(url, {"version": nomination.version, "reason": "", "confirmed": "1"})
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DRAFT
    assert any("ghi rõ lý do" in m for m in _messages(response))
    page = client.get(reverse("commendations:nomination", args=[nomination.pk])).content.decode()
    assert 'name="reason"' in page and "required" in page
    client.post(
        url, {"version": nomination.version, "reason": "Hồ sơ gửi bổ sung sau.", "confirmed": "1"}
    )
    nomination.refresh_from_db()
    assert nomination.state == NominationState.SUBMITTED
    assert nomination.submit_reason == "Hồ sơ gửi bổ sung sau."


def test_the_committee_filters_shortlists_decides_and_downloads_the_decision(client, scene):  # noqa: F811
    world, round, nomination = scene["world"], scene["round"], scene["nomination"]
    client.force_login(world.officer)
    detail = reverse("commendations:round_detail", args=[round.pk])
    assert "Trần Thị Hoa" in client.get(detail + "?loc=incomplete").content.decode()
    assert "Trần Thị Hoa" not in client.get(detail + "?loc=late").content.decode()
    client.post(reverse("commendations:nomination_shortlist", args=[nomination.pk]))
    award = AwardKind.objects.get(name__startswith="Giấy khen")
    decide = reverse("commendations:nomination_decide", args=[nomination.pk])
    response = client.post(decide, {"award_kind": award.pk, "reason": ""})
    nomination.refresh_from_db()
    assert nomination.state == NominationState.SHORTLISTED  # failed criterion: reason needed
    assert any("cần ghi rõ lý do" in m for m in _messages(response))
    client.post(decide, {"award_kind": award.pk, "reason": "Ban Thường vụ xét đặc cách."})
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DECIDED and nomination.award_kind == award
    response = drafted(client, "decision", round.pk, name="Phạm Văn Sáu")
    text = "\n".join(
        p.text
        for t in docx.Document(io.BytesIO(response.content)).tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
    )
    assert "Trần Thị Hoa" in text


def test_an_override_keeps_its_reason_on_the_page(client, scene):  # noqa: F811
    world, nomination, round = scene["world"], scene["nomination"], scene["round"]
    criterion = round.criteria.get(applies_to="party_member")
    client.force_login(world.officer)
    client.post(
        reverse("commendations:nomination_override", args=[nomination.pk, criterion.pk]),
        {"passed": "1", "reason": "Xếp loại 2016 do cơ quan cũ xác nhận."},
    )
    page = client.get(reverse("commendations:nomination", args=[nomination.pk])).content.decode()
    assert "Xếp loại 2016 do cơ quan cũ xác nhận." in page
    assert "cán bộ xác nhận" in page


def test_a_dossier_file_is_served_to_its_unit_and_the_committee_only(client, scene):  # noqa: F811
    world, item = scene["world"], scene["item"]
    url = reverse("commendations:dossier_download", args=[item.pk])
    client.force_login(world.secretary)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(world.sibling_officer)
    assert client.get(url).status_code == 404
