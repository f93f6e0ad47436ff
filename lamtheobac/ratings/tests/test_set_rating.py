"""set_rating: one rating per person or unit per year, replaced with its history kept."""

from __future__ import annotations

import pytest

from lamtheobac.audit.models import AuditEvent, history
from lamtheobac.core.errors import DomainError, StaleEdit
from lamtheobac.ratings.actions.ratings import CREATED, UNCHANGED, UPDATED, set_rating
from lamtheobac.ratings.models import Rating, RatingLevel


def test_it_creates_a_persons_rating_and_records_it(world, cast):
    change = set_rating(cast.an, year=2024, level=RatingLevel.GOOD, note="QĐ 5", by=world.officer)

    assert change.outcome == CREATED
    assert Rating.objects.get(person=cast.an, year=2024).level == "good"
    event = history(change.rating).get()
    assert (event.action, event.actor, event.unit, event.before) == (
        "rating.set",
        world.officer,
        world.cell,
        None,
    )
    assert event.after is not None and event.after["level"] == "good"


def test_a_correction_replaces_the_level_and_keeps_the_old_one_in_the_audit(world, cast):
    first = set_rating(world.grassroots, year=2023, level=RatingLevel.GOOD, by=world.officer)

    change = set_rating(world.grassroots, year=2023, level=RatingLevel.EXCELLENT, by=world.officer)

    assert change.outcome == UPDATED
    assert change.rating.pk == first.rating.pk
    assert Rating.objects.filter(unit=world.grassroots).count() == 1
    latest = history(change.rating).first()
    assert latest is not None and latest.after is not None
    assert latest.before == {"year": 2023, "level": "good", "note": ""}
    assert latest.after["level"] == "excellent"


def test_saving_the_same_level_again_writes_no_audit_event(world, cast):
    set_rating(cast.an, year=2023, level=RatingLevel.GOOD, by=world.officer)
    events = AuditEvent.objects.count()

    change = set_rating(cast.an, year=2023, level="good", by=world.officer)

    assert change.outcome == UNCHANGED
    assert AuditEvent.objects.count() == events


def test_it_refuses_to_overwrite_a_level_changed_since_the_form_was_opened(world, cast):
    set_rating(cast.an, year=2023, level=RatingLevel.GOOD, by=world.officer)

    with pytest.raises(StaleEdit):
        set_rating(cast.an, year=2023, level=RatingLevel.COMPLETE, previous="", by=world.officer)
    assert Rating.objects.get(person=cast.an).level == "good"


@pytest.mark.parametrize("year", [1989, 2999])
def test_it_refuses_a_year_outside_1990_to_this_year(world, cast, year):
    with pytest.raises(DomainError, match="nằm ngoài khoảng 1990"):
        set_rating(cast.an, year=year, level=RatingLevel.GOOD, by=world.officer)
    assert not Rating.objects.exists()


def test_it_refuses_an_unknown_level(world, cast):
    with pytest.raises(DomainError, match="không hợp lệ"):
        set_rating(cast.an, year=2023, level="great", by=world.officer)
