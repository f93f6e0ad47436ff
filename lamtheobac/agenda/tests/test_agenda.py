"""The personal calendar feed, the e-mail digest and the committee dashboard (issue 9 §7, §8)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from icalendar import Calendar

from lamtheobac.agenda.actions.agenda import choose_digest, new_feed, revoke_feeds
from lamtheobac.agenda.digest import send_digests
from lamtheobac.core.dates import today
from lamtheobac.inspections.actions import inspections
from lamtheobac.tasks.actions.tasks import TaskDraft, create_task
from lamtheobac.testing import make_round


def _work(world):
    day = today()
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots],
        deadline=day + dt.timedelta(days=10),
        deadline_exclusive=False,
    )
    (task,) = create_task(
        committee=world.committee,
        by=world.officer,
        draft=TaskDraft(
            title="Nộp kế hoạch học tập chuyên đề",
            lead=world.grassroots,
            due=day + dt.timedelta(days=5),
        ),
    )
    (late,) = create_task(
        committee=world.committee,
        by=world.officer,
        draft=TaskDraft(
            title="Báo cáo mô hình điển hình", lead=world.grassroots, due=day - dt.timedelta(days=3)
        ),
    )
    programme = inspections.create_programme(
        committee=world.committee, year=day.year, by=world.officer
    )
    start = max(day, dt.date(day.year, 1, 1)) + dt.timedelta(days=1)
    if start.year != day.year:
        start = day
    inspection = inspections.plan_inspection(
        programme=programme,
        target=world.grassroots,
        by=world.officer,
        subject="Thực hiện KL 01-KL/TW",
        start=start,
        end=start + dt.timedelta(days=2),
    )
    return round, task, late, inspection


@pytest.mark.django_db
def test_the_feed_parses_as_icalendar_with_the_units_deadlines_linking_back(world, client):
    round, task, late, inspection = _work(world)
    feed = new_feed(user=world.secretary)
    response = client.get(f"/lich/rieng/{feed.token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {
        f"round-{round.pk}@lamtheobac",
        f"task-{task.pk}@lamtheobac",
        f"task-{late.pk}@lamtheobac",
        f"inspection-{inspection.pk}@lamtheobac",
    }
    t = events[f"task-{task.pk}@lamtheobac"]
    assert t.decoded("dtstart") == task.due
    assert str(t["url"]).endswith(f"/nhiem-vu/{task.pk}/")
    i = events[f"inspection-{inspection.pk}@lamtheobac"]
    assert i.decoded("dtend") == inspection.end + dt.timedelta(days=1)
    # Another unit's feed holds none of it.
    other = new_feed(user=world.sibling_officer)
    assert not Calendar.from_ical(client.get(f"/lich/rieng/{other.token}.ics").content).walk(
        "VEVENT"
    )


@pytest.mark.django_db
def test_a_revoked_or_renewed_feed_url_answers_404(world, client):
    first = new_feed(user=world.secretary)
    second = new_feed(user=world.secretary)
    assert client.get(f"/lich/rieng/{first.token}.ics").status_code == 404
    assert client.get(f"/lich/rieng/{second.token}.ics").status_code == 200
    revoke_feeds(user=world.secretary)
    assert client.get(f"/lich/rieng/{second.token}.ics").status_code == 404
    assert client.get("/lich/rieng/khong-co.ics").status_code == 404


@pytest.mark.django_db
def test_the_digest_lists_due_and_overdue_work_once_a_day_at_the_chosen_frequency(world):
    _work(world)
    choose_digest(user=world.secretary, frequency="daily")
    choose_digest(user=world.officer, frequency="weekly")
    day = today()
    sent = send_digests(on=day, base_url="https://lamtheobac.example")
    assert send_digests(on=day) == 0
    to_secretary = [m for m in mail.outbox if m.to == ["taichinh@example.vn"]]
    assert len(to_secretary) == 1
    body = to_secretary[0].body
    assert "NHIỆM VỤ QUÁ HẠN" in body and "Báo cáo mô hình điển hình" in body
    assert "Nộp kế hoạch học tập chuyên đề" in body
    assert sent == (2 if day.weekday() == 0 else 1)


@pytest.mark.django_db
def test_the_committee_home_page_shows_the_dashboard_with_charts(world, client):
    round, _, _, _ = _work(world)
    client.force_login(world.officer)
    page = client.get("/").content.decode()
    assert "Bảng điều hành" in page and round.title in page
    assert "<svg" in page and "Nhiệm vụ quá hạn theo đơn vị" in page
    assert "Đảng bộ Sở Tài chính" in page  # the overdue task's lead
    client.force_login(world.sibling_officer)
    assert "Bảng điều hành" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_calendar_settings_page_is_only_for_the_logged_in_user(world, client):
    assert client.get("/lich/").status_code == 302
    client.force_login(world.member)
    assert client.post("/lich/", {"action": "new"}).status_code == 303
    page = client.get("/lich/").content.decode()
    assert "/lich/rieng/" in page


@pytest.mark.django_db
def test_the_feed_holds_the_session_quarters_of_the_programmes_over_the_users_units(world, client):
    from lamtheobac.programme.models import quarter_end, quarter_start
    from lamtheobac.testing import make_programme, make_unit
    from lamtheobac.units.models import UnitKind

    day = today()
    theme = make_programme(world, year=day.year)
    quarter = (day.month - 1) // 3 + 1
    feed = new_feed(user=world.cell_secretary)
    cal = Calendar.from_ical(client.get(f"/lich/rieng/{feed.token}.ics").content)
    sessions = {
        str(e["uid"]): e for e in cal.walk("VEVENT") if "session" in str(e.get("categories"))
    }
    current = sessions[f"session-quarter-{theme.pk}-{quarter}@lamtheobac"]
    assert current.decoded("dtstart") == quarter_start(day.year, quarter)
    assert current.decoded("dtend") == quarter_end(day.year, quarter) + dt.timedelta(days=1)
    assert "Sinh hoạt chuyên đề Quý" in str(current["summary"])
    assert str(current["url"]).endswith(f"/{theme.pk}/")
    # a unit outside the programme's scope gets none
    other_root = make_unit(name="Huyện ủy khác", kind=UnitKind.COMMITTEE)
    outsider = make_unit(parent=other_root, name="Chi bộ ngoài", kind=UnitKind.GRASSROOTS_CELL)
    from lamtheobac.testing import grant, make_user
    from lamtheobac.units.models import Role

    user = make_user()
    grant(user, outsider, Role.UNIT_STAFF)
    other = new_feed(user=user)
    assert not Calendar.from_ical(client.get(f"/lich/rieng/{other.token}.ics").content).walk(
        "VEVENT"
    )
