"""The demo's programme for the current year, whatever today's date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lamtheobac.demo.builder import build_demo_committee
from lamtheobac.programme import dashboard
from lamtheobac.programme.demo import CELL_SECRETARY, DANGVIEN_CELL, build_programme
from lamtheobac.programme.models import SessionState, ThematicSession, Theme
from lamtheobac.programme.queries import SessionStatus
from lamtheobac.units.models import Unit

from .conftest import set_today

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", [dt.date(2026, 1, 20), dt.date(2026, 8, 15), dt.date(2026, 12, 4)])
def test_the_demo_year_is_in_progress_with_seed_004_topics_and_most_past_sessions_held(
    day, monkeypatch, client
):
    set_today(monkeypatch, day)
    demo = build_demo_committee(import_seeds=False)
    counts = build_programme(demo.root, users=demo.users, day=day)
    theme = Theme.objects.get(year=day.year)
    assert theme.is_published
    assert theme.title.endswith("đủ năng lực, đáp ứng yêu cầu nhiệm vụ")
    assert [t.title.split(" về ")[-1] for t in theme.topics.all()][:2] == [
        "ý chí tự lực, tự cường",
        "xây dựng đạo đức cách mạng",
    ]
    page = dashboard.year_page(theme, on=day)
    running = (day.month - 1) // 3 + 1
    for q in range(1, running):
        c = page.total.sessions.quarters[q]
        assert 0.7 * c.cells <= c.held < c.cells  # most cells, not all
        assert c.overdue > 0 or day <= theme.session_due(q)
    assert page.total.sessions.quarters[running].status == SessionStatus.NOT_YET
    mine = ThematicSession.objects.filter(cell__name=DANGVIEN_CELL, state=SessionState.RECORDED)
    assert sorted(mine.values_list("quarter", flat=True)) == list(range(1, running))
    assert counts["activities"] > 0
    assert build_programme(demo.root, users=demo.users, day=day)["sessions"] == 0  # idempotent
    client.force_login(demo.users["btg.duk"])
    assert client.get(reverse("programme:year", args=[theme.pk])).status_code == 200
    secretary = type(demo.users["btg.duk"]).objects.get(username=CELL_SECRETARY)
    cell = Unit.objects.get(name=DANGVIEN_CELL)
    client.force_login(secretary)
    url = reverse("programme:session_edit", args=[theme.pk, cell.pk, running])
    assert client.get(url).status_code == 200
