"""A grassroots organisation's own commendation round (issue 9 §4; seeds 001, 003): opened from
the committee's round with the same rules, its cells nominate, its staff decide, its picks go
up into the committee's round under that round's quotas; strangers are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lamtheobac.audit.models import AuditEvent
from lamtheobac.commendations.actions import cascade, nominations, review
from lamtheobac.commendations.models import (
    AwardKind,
    CommendationRound,
    Nomination,
    NominationState,
)
from lamtheobac.commendations.tests.factories import (
    SEED_003_QUOTAS,
    make_commendation_round,
    make_members,
)
from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.testing import make_person

pytestmark = pytest.mark.django_db

CELLS_DEADLINE = dt.date(2099, 4, 20)


@pytest.fixture
def parent(world):
    make_members(world.cell, 50)
    return make_commendation_round(
        committee=world.committee, by=world.officer, quotas=SEED_003_QUOTAS
    )


def _pick(world, round: CommendationRound, *, cell, person=None, collective=None) -> Nomination:
    """A cell's nomination in the grassroots round, submitted, shortlisted and decided by the
    grassroots committee's staff."""
    nomination = nominations.nominate(
        round,
        unit=cell,
        person=person,
        collective=collective,
        summary="Hoàn thành xuất sắc nhiệm vụ, gương mẫu học tập và làm theo Bác.",
        by=world.officer,
    )
    nomination = nominations.submit_nomination(
        nomination, reason="Hồ sơ bổ sung sau.", by=world.officer
    )
    nomination = review.shortlist_nomination(nomination, by=world.secretary)
    award = AwardKind.objects.order_by("position").first()
    return review.decide_nomination(
        nomination, award_kind=award, reason="Đủ tiêu chuẩn.", by=world.secretary
    )


def test_a_grassroots_committee_opens_its_own_round_with_the_same_rules(world, parent):
    round = cascade.open_grassroots_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    assert round.state == "open" and round.parent == parent
    assert round.committee == world.grassroots
    assert [q.text for q in round.quota_rules.all()] == [q["text"] for q in SEED_003_QUOTAS]
    assert round.dossier_requirements.count() == parent.dossier_requirements.count()
    assert AuditEvent.objects.filter(action="commendation_round.grassroots_round_opened")
    with pytest.raises(DomainError, match="đã mở đợt khen thưởng"):
        cascade.open_grassroots_round(
            parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
        )
    with pytest.raises(AccessDenied):
        cascade.open_grassroots_round(
            parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.sibling_officer
        )
    with pytest.raises(DomainError, match="Chỉ đảng bộ cơ sở"):
        cascade.open_grassroots_round(
            parent, unit=world.sibling, deadline=CELLS_DEADLINE, by=world.sibling_officer
        )


def test_cells_nominate_the_grassroots_decides_and_forwards_its_picks_upward(world, parent):
    round = cascade.open_grassroots_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    person = make_person(unit=world.cell)
    pick = _pick(world, round, cell=world.cell, person=person)
    assert pick.state == NominationState.DECIDED
    # a stranger may not review the grassroots round
    other = nominations.nominate(
        round,
        unit=world.other_cell,
        collective=world.other_cell,
        summary="Chi bộ trong sạch, vững mạnh.",
        by=world.officer,
    )
    other = nominations.submit_nomination(other, reason="Bổ sung sau.", by=world.officer)
    with pytest.raises(AccessDenied):
        review.shortlist_nomination(other, by=world.sibling_officer)
    forwarded = cascade.forward_picks(round, by=world.secretary)
    assert len(forwarded) == 1
    up = forwarded[0]
    assert up.round == parent and up.unit == world.grassroots
    assert up.nominee_person == person and up.forwarded_from == pick
    assert up.state == NominationState.DRAFT
    with pytest.raises(DomainError, match="đã đề nghị lên hết"):
        cascade.forward_picks(round, by=world.secretary)


def test_forwarding_over_the_committee_rounds_quota_is_refused_with_the_rule(world, parent):
    round = cascade.open_grassroots_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    _pick(world, round, cell=world.cell, person=make_person(unit=world.cell))
    _pick(world, round, cell=world.other_cell, collective=world.other_cell)
    # under 200 members: 01 tập thể hoặc 01 cá nhân (seed 003 §II.3.c)
    with pytest.raises(DomainError, match="dưới 200"):
        cascade.forward_picks(round, by=world.secretary)
    assert not Nomination.objects.filter(round=parent).exists()


PERSONAS = [
    "officer",
    "leader",
    "admin",
    "secretary",
    "cell_secretary",
    "sibling_officer",
    "member",
    "stranger",
]


@pytest.fixture
def scene(world, parent):
    round = cascade.open_grassroots_round(
        parent, unit=world.grassroots, deadline=CELLS_DEADLINE, by=world.secretary
    )
    return world, parent, round


CASCADE_CASES = [
    (
        "commendations:grassroots_open",
        lambda w, p, r: [p.pk, w.grassroots.pk],
        "get",
        {"secretary": 200, "officer": 403, "leader": 403, "admin": 403},
    ),
    (
        "commendations:forward_picks",
        lambda w, p, r: [r.pk],
        "post",
        {"secretary": 302, "officer": 302, "leader": 403, "admin": 403},
    ),
    (
        "commendations:round_detail",
        lambda w, p, r: [r.pk],
        "get",
        {"secretary": 200, "officer": 200, "leader": 200, "admin": 403},
    ),
]


@pytest.mark.parametrize(
    ("name", "args", "method", "allowed"), CASCADE_CASES, ids=[c[0] for c in CASCADE_CASES]
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_grassroots_round_view_admits_only_its_roles(
    client, scene, name, args, method, allowed, persona
):
    world, parent, round = scene
    client.force_login(getattr(world, persona))
    response = getattr(client, method)(reverse(name, args=args(world, parent, round)))
    expected = allowed.get(persona, 404)
    if expected == 302:  # allowed: done, or refused by a domain rule (also a redirect)
        assert response.status_code in (302, 303), (persona, response.status_code)
    else:
        assert response.status_code == expected, (persona, response.status_code)


def test_the_secretary_opens_the_round_from_the_committees_page(client, world, parent):
    client.force_login(world.secretary)
    page = client.get(
        reverse("commendations:unit_nominations", args=[parent.pk, world.grassroots.pk])
    )
    assert 'id="grassroots-open"' in page.content.decode()
    response = client.post(
        reverse("commendations:grassroots_open", args=[parent.pk, world.grassroots.pk]),
        {"deadline": "20/04/2099"},
    )
    own = CommendationRound.objects.get(parent=parent)
    assert response.status_code == 302
    assert response["Location"] == reverse("commendations:round_detail", args=[own.pk])
    # its cells nominate on their own page of the grassroots round
    client.force_login(world.cell_secretary)
    page = client.get(reverse("commendations:unit_nominations", args=[own.pk, world.cell.pk]))
    assert page.status_code == 200
