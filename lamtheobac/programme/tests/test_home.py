"""The home page: a member sees the year's theme, their plan and their cell's next session;
unit staff see what their unit owes this quarter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lamtheobac.programme.actions import sessions
from lamtheobac.testing import make_person

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
