"""Creating, editing and publishing a year's programme; programme_for finds the nearest one."""

from __future__ import annotations

import datetime as dt

import pytest

from lamtheobac.core.errors import AccessDenied, DomainError, StaleEdit
from lamtheobac.programme.actions import themes
from lamtheobac.programme.models import ThemeState
from lamtheobac.programme.queries import programme_for

from .conftest import TOPICS, YEAR, make_theme

pytestmark = pytest.mark.django_db


def test_a_programme_is_published_only_with_four_topics_and_defaults_its_deadline_to_quy_i(world):
    theme = themes.create_theme(
        committee=world.committee,
        scope=world.committee,
        year=YEAR,
        by=world.officer,
        settings={"title": "Chuyên đề"},
        topics={1: TOPICS[1], 2: TOPICS[2]},
    )
    assert theme.pledge_deadline == dt.date(YEAR, 3, 31)
    assert theme.pledge_deadline_display == "đến hết ngày 31/3/2030"
    with pytest.raises(DomainError, match="quý 3, quý 4"):
        themes.publish_theme(theme, by=world.officer, version=theme.version)
    theme = themes.update_theme(
        theme,
        by=world.officer,
        version=theme.version,
        settings={},
        topics={3: TOPICS[3], 4: TOPICS[4]},
    )
    theme = themes.publish_theme(theme, by=world.officer, version=theme.version)
    assert theme.state == ThemeState.PUBLISHED


def test_only_committee_staff_write_a_programme_and_only_inside_their_tree(world):
    with pytest.raises(AccessDenied):
        themes.create_theme(
            committee=world.committee,
            scope=world.committee,
            year=YEAR,
            by=world.leader,
            settings={"title": "x"},
        )
    with pytest.raises(AccessDenied):
        themes.create_theme(
            committee=world.grassroots,
            scope=world.cell,
            year=YEAR,
            by=world.secretary,
            settings={"title": "x"},
        )
    with pytest.raises(DomainError, match="thuộc cấp ủy ban hành"):
        themes.create_theme(
            committee=world.grassroots,
            scope=world.sibling,
            year=YEAR,
            by=world.officer,
            settings={"title": "x"},
        )


def test_quotas_cannot_be_inverted_and_a_second_programme_for_the_same_scope_is_refused(world):
    with pytest.raises(DomainError, match="tối thiểu \\(3\\) lớn hơn tối đa \\(2\\)"):
        themes.create_theme(
            committee=world.committee,
            scope=world.committee,
            year=YEAR,
            by=world.officer,
            settings={"title": "x", "collectives_min": 3, "collectives_max": 2},
        )
    theme = make_theme(world)
    with pytest.raises(DomainError, match="Đã có chương trình năm 2030"):
        make_theme(world)
    with pytest.raises(StaleEdit):
        themes.update_theme(
            theme, by=world.officer, version=theme.version - 1, settings={"individuals_max": 4}
        )


def test_programme_for_gives_the_nearest_published_programme_of_the_year(world):
    committee_wide = make_theme(world)
    assert programme_for(world.cell, YEAR) == committee_wide
    assert programme_for(world.cell, YEAR + 1) is None
    own = themes.create_theme(
        committee=world.committee,
        scope=world.grassroots,
        year=YEAR,
        by=world.officer,
        settings={"title": "Riêng"},
        topics=TOPICS,
    )
    assert programme_for(world.cell, YEAR) == committee_wide  # a draft does not apply
    own = themes.publish_theme(own, by=world.officer, version=own.version)
    assert programme_for(world.cell, YEAR) == own
    assert programme_for(world.sibling, YEAR) == committee_wide
    assert (own.collectives_min, own.collectives_max, own.individuals_min, own.individuals_max) == (
        1,
        2,
        2,
        3,
    )
