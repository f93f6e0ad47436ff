"""Plain words for quotas, counts and deadlines (issue 14 §4)."""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse

from lamtheobac.commendations import outputs
from lamtheobac.commendations.actions import nominations, review
from lamtheobac.commendations.models import AwardKind
from lamtheobac.commendations.tests.factories import SEED_003_QUOTAS, make_commendation_round
from lamtheobac.core import wording
from lamtheobac.testing import World, make_person


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (None, 199, "dưới 200 đảng viên"),
        (201, None, "trên 200 đảng viên"),
        (100, 199, "từ 100 đến 199 đảng viên"),
        (None, None, "mọi đơn vị"),
    ],
)
def test_member_ranges_read_as_the_plans_write_them(low, high, words) -> None:
    assert wording.member_range(low, high) == words


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (None, 1, "tối đa 01 tập thể"),
        (1, None, "ít nhất 01 tập thể"),
        (1, 2, "từ 01 đến 02 tập thể"),
        (1, 1, "01 tập thể"),
        (None, 0, "không có tập thể"),
        (0, None, ""),
        (None, None, ""),
    ],
)
def test_bounds_read_as_an_office_writes_them(low, high, words) -> None:
    assert wording.bound(low, high, "tập thể") == words


def test_a_count_of_zero_is_left_out_never_00() -> None:
    assert wording.counts([(2, "tập thể"), (5, "cá nhân")]) == "02 tập thể và 05 cá nhân"
    assert wording.counts([(0, "tập thể"), (2, "cá nhân")]) == "02 cá nhân"
    assert wording.counts([(0, "tập thể"), (0, "cá nhân")]) == "không có tập thể, cá nhân nào"
    assert wording.counts([(1, "a"), (2, "b"), (3, "c")]) == "01 a, 02 b và 03 c"


@pytest.mark.django_db
def test_the_quota_table_says_under_200_and_at_most_01(client, world: World) -> None:
    round = make_commendation_round(
        committee=world.committee, by=world.officer, quotas=SEED_003_QUOTAS, open=False
    )
    client.force_login(world.officer)
    page = client.get(reverse("commendations:round_edit", args=[round.pk])).content.decode()
    assert "<td>dưới 200 đảng viên</td>" in page
    assert "<td>trên 200 đảng viên</td>" in page
    assert page.count("<td>tối đa 01 tập thể</td>") == 2
    assert "<td>tối đa 02 tập thể, cá nhân</td>" in page
    assert "–199" not in page and "–1<" not in page


@pytest.mark.django_db
def test_a_decision_for_individuals_only_never_says_00_tap_the(world: World) -> None:
    round = make_commendation_round(
        committee=world.committee, by=world.officer, quotas=[], criteria=[], requirements=()
    )
    award = AwardKind.objects.get(name__startswith="Giấy khen")
    for given in ("An", "Bình"):
        person = make_person(unit=world.cell, family_name="Lê", middle_name="Văn", given_name=given)
        n = nominations.nominate(
            round, unit=world.grassroots, person=person, summary="Tốt", by=world.officer
        )
        n = nominations.submit_nomination(n, by=world.officer)
        n = review.shortlist_nomination(n, by=world.officer)
        review.decide_nomination(n, award_kind=award, by=world.officer)
    texts = [p.text for p in docx.Document(io.BytesIO(outputs.decision_docx(round))).paragraphs]
    assert any(t.startswith("Điều 1. Khen thưởng 02 cá nhân đã có") for t in texts)
    assert not any("00 tập thể" in t for t in texts)
    petition = [p.text for p in docx.Document(io.BytesIO(outputs.petition_docx(round))).paragraphs]
    assert any("khen thưởng 02 cá nhân có thành tích" in t for t in petition)


def test_a_documents_deadlines_read_in_plain_words() -> None:
    import datetime as dt

    from lamtheobac.documents.models import Deadline

    day = dt.date(2020, 4, 30)
    assert Deadline(due=day, exclusive=True).meaning == "Trước ngày 30/4/2020"
    assert Deadline(due=day).meaning == "Hạn 30/4/2020"
    assert Deadline(due=day, tentative=True).meaning == "Dự kiến hạn 30/4/2020"
    assert "0 giờ" not in Deadline(due=day, exclusive=True, tentative=True).meaning
