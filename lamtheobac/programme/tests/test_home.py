"""The home page: a member sees the year's theme, their plan and their cell's next session;
unit staff see what their unit owes this quarter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lamtheobac.programme.actions import sessions, themes
from lamtheobac.testing import QUARTER_TOPICS, make_person

from .conftest import YEAR, set_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_today(monkeypatch):
    day = dt.date(YEAR, 8, 15)
    set_today(monkeypatch, day)
    monkeypatch.setattr("lamtheobac.programme.home.today", lambda: day)


def test_a_member_sees_the_theme_their_plan_state_and_the_cells_next_session(
    scene, client, home_today
):
    w = scene.world
    make_person(unit=w.cell, given_name="Mai", user=w.member)
    client.force_login(w.member)
    page = client.get(reverse("home")).content.decode()
    assert "Chuyên đề năm về đội ngũ cán bộ gương mẫu" in page
    assert "chưa lập" in page and "đến hết ngày 31/3/2030" in page
    assert "Quý III/2030" in page and "Về độc lập dân tộc gắn liền với chủ nghĩa xã hội" in page
    assert "Chưa có đợt báo cáo nào" not in page


def test_unit_staff_see_the_cells_that_owe_this_quarters_session_and_missing_plans(
    scene, client, home_today
):
    w = scene.world
    sessions.save_session(
        theme=scene.theme,
        cell=w.cell,
        quarter=3,
        by=None,
        version=None,
        held_on=dt.date(YEAR, 8, 1),
        texts={},
        attendance={p.pk: "present" for p in scene.cell_people},
        record_it=True,
    )
    client.force_login(w.secretary)
    page = client.get(reverse("home")).content.decode()
    assert "Đảng bộ Sở Tài chính: việc cần làm quý III/2030" in page
    assert "1 chi bộ chưa ghi nhận sinh hoạt chuyên đề" in page
    assert "Chi bộ Phòng Tin học" in page
    assert "5 đảng viên chưa nộp kế hoạch cá nhân" in page


def test_a_stranger_sees_no_programme(scene, client, home_today):
    client.force_login(scene.world.stranger)
    page = client.get(reverse("home")).content.decode()
    assert "my-programme" not in page and "việc cần làm" not in page


def test_programmes_for_gives_each_unit_what_programme_for_gives_in_one_query(
    scene, django_assert_num_queries
):
    from lamtheobac.programme.queries import programme_for, programmes_for

    w = scene.world
    # a nearer programme for the grassroots committee's subtree (unpublished first)
    nested = themes.create_theme(
        committee=w.committee,
        scope=w.grassroots,
        year=YEAR,
        by=w.officer,
        settings={"title": "Chuyên đề riêng của đảng bộ"},
        topics=QUARTER_TOPICS,
    )
    assert programmes_for([w.cell], YEAR, published_only=False) == {w.cell.pk: nested}
    assert programmes_for([w.cell], YEAR) == {w.cell.pk: scene.theme}
    themes.publish_theme(nested, by=w.officer, version=nested.version)
    units = [w.committee, w.grassroots, w.cell, w.other_cell, w.sibling]
    expected = {u.pk: programme_for(u, YEAR) for u in units}
    with django_assert_num_queries(1):
        found = programmes_for(units, YEAR)
    assert found == expected
    assert found[w.cell.pk] == found[w.grassroots.pk] == nested
    assert found[w.sibling.pk] == found[w.committee.pk] == scene.theme
    assert programmes_for(units, YEAR + 1) == {u.pk: None for u in units}
    assert programmes_for([], YEAR) == {}


def test_a_member_who_is_unit_staff_has_the_years_programme_read_once(scene, client, home_today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    w = scene.world
    make_person(unit=w.cell, given_name="Mai", user=w.cell_secretary)
    client.force_login(w.cell_secretary)
    assert client.get(reverse("home")).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("home")).content.decode()
    themes = [q for q in captured if 'FROM "programme_theme"' in q["sql"]]
    assert len(themes) == 1
    assert "Quý III/2030" in page  # the member's panel
    assert "Chi bộ Phòng Ngân sách: việc cần làm quý III/2030" in page  # the staff panel
