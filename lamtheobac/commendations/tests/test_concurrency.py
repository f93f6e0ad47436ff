"""Two nominations for the last quota place at the same instant (docs/domain.md §8): real
threads, each with its own connection, released by a barrier against the real database.
The race is run several times so a lucky interleaving cannot pass it."""

from __future__ import annotations

from functools import partial

import pytest

from lamtheobac.audit.models import AuditEvent
from lamtheobac.commendations.actions import nominations
from lamtheobac.commendations.models import Nomination
from lamtheobac.commendations.tests.factories import (
    SEED_003_QUOTAS,
    UNDER_200,
    make_commendation_round,
    make_members,
)
from lamtheobac.core.errors import DomainError
from lamtheobac.testing import race, sqlite_on_disk

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 5


@pytest.fixture(autouse=True, scope="module")
def _sqlite_on_disk(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), sqlite_on_disk(tmp_path_factory.mktemp("race")):
        yield


def test_two_nominations_for_the_last_quota_place_at_once_leave_one(world):
    # 199 party members: "dưới 200" allows one nominee in all, so the unit has one place left.
    people = make_members(world.cell, 199)
    for n in range(ROUNDS):
        round = make_commendation_round(
            committee=world.committee, by=world.officer, quotas=SEED_003_QUOTAS
        )
        first, second = people[2 * n], people[2 * n + 1]

        def put_forward(person, round=round):
            return nominations.nominate(
                round, unit=world.grassroots, person=person, by=world.secretary
            )

        outcomes = race(partial(put_forward, first), partial(put_forward, second))

        made = [o for o in outcomes if isinstance(o, Nomination)]
        refused = [o for o in outcomes if isinstance(o, BaseException)]
        assert len(made) == 1 and len(refused) == 1, outcomes
        assert isinstance(refused[0], DomainError), outcomes
        assert refused[0].code == "over_quota"
        assert refused[0].message.startswith(f"Vượt chỉ tiêu: “{UNDER_200}”")
        assert "(đã có 0 tập thể, 1 cá nhân)" in refused[0].message
        kept = list(Nomination.objects.filter(round=round))
        assert [x.pk for x in kept] == [made[0].pk]
        assert (
            AuditEvent.objects.filter(
                action="nomination.nominated", target_type="commendations.nomination"
            )
            .filter(target_id__in=[str(x.pk) for x in kept])
            .count()
            == 1
        )
