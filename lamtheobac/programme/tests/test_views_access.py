"""Role × view: who gets in to each programme page; a stranger is refused everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheobac.documents.models import Document
from lamtheobac.programme.actions import records, sessions, themes
from lamtheobac.programme.models import ThematicSession

from .conftest import YEAR, set_today

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PERSONAS = (
    "officer",
    "leader",
    "secretary",
    "cell_secretary",
    "sibling_officer",
    "member",
    "stranger",
)


@pytest.fixture
def objects(scene):
    w = scene.world
    session = sessions.save_session(
        theme=scene.theme,
        cell=w.cell,
        quarter=2,
        by=w.cell_secretary,
        version=None,
        held_on=dt.date(YEAR, 5, 5),
        texts={},
        attendance={p.pk: "present" for p in scene.cell_people},
        record_it=True,
    )
    minutes = sessions.add_session_file(
        session, upload=SimpleUploadedFile("bb.pdf", PDF), by=w.cell_secretary
    )
    topic = scene.theme.topics.get(quarter=1)
    topic_file = themes.add_topic_file(
        topic, upload=SimpleUploadedFile("tl.pdf", PDF), by=w.officer
    )
    activity = records.add_activity(
        unit=w.grassroots,
        by=w.secretary,
        kind="pilgrimage",
        title="Về địa chỉ đỏ",
        held_on=dt.date(YEAR, 3, 26),
        participants=40,
        uploads=[SimpleUploadedFile("anh.pdf", PDF)],
    )
    return {
        "theme": scene.theme,
        "session": session,
        "minutes": minutes,
        "topic_file": topic_file,
        "activity_file": activity.files.get(),
        "w": w,
    }


# (url name, args, {persona: status}); every persona not listed expects 404 (or 403 as given)
CASES = [
    ("programme:themes", lambda o: [], dict.fromkeys(PERSONAS, 200)),
    (
        "programme:theme_create",
        lambda o: [],
        {
            "officer": 200,
            "leader": 403,
            "secretary": 403,
            "cell_secretary": 403,
            "sibling_officer": 403,
            "member": 403,
            "stranger": 403,
        },
    ),
    ("programme:theme_edit", lambda o: [o["theme"].pk], {"officer": 200, "leader": 403}),
    (
        "programme:theme_detail",
        lambda o: [o["theme"].pk],
        {p: 200 for p in PERSONAS if p != "stranger"},
    ),
    (
        "programme:year",
        lambda o: [o["theme"].pk],
        {"officer": 200, "leader": 200},
    ),
    (
        "programme:year_xlsx",
        lambda o: [o["theme"].pk],
        {"officer": 200, "leader": 200},
    ),
    (
        "programme:year_docx",
        lambda o: [o["theme"].pk],
        {"officer": 200, "leader": 200},
    ),
    (
        "programme:sessions",
        lambda o: [o["theme"].pk, o["w"].grassroots.pk],
        {"officer": 200, "leader": 200, "secretary": 200},
    ),
    (
        "programme:quarter_report",
        lambda o: [o["theme"].pk, o["w"].grassroots.pk, 2],
        {"officer": 200, "leader": 200, "secretary": 200},
    ),
    (
        "programme:session_edit",
        lambda o: [o["theme"].pk, o["w"].cell.pk, 3],
        {"officer": 403, "leader": 403, "secretary": 200, "cell_secretary": 200, "member": 403},
    ),
    (
        "programme:session_detail",
        lambda o: [o["session"].pk],
        {"officer": 200, "leader": 200, "secretary": 200, "cell_secretary": 200, "member": 200},
    ),
    (
        "programme:session_file",
        lambda o: [o["minutes"].pk],
        {"officer": 200, "leader": 200, "secretary": 200, "cell_secretary": 200, "member": 200},
    ),
    (
        "programme:topic_file",
        lambda o: [o["topic_file"].pk],
        {p: 200 for p in PERSONAS if p != "stranger"},
    ),
    (
        "programme:unit_records",
        lambda o: [o["w"].grassroots.pk],
        {"officer": 200, "leader": 200, "secretary": 200},
    ),
    (
        "programme:activity_file",
        lambda o: [o["activity_file"].pk],
        {"officer": 200, "leader": 200, "secretary": 200},
    ),
]


@pytest.mark.parametrize(("name", "args", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_page_lets_in_the_right_roles_and_refuses_a_stranger(
    objects, client, name, args, expected
):
    url = reverse(name, args=args(objects))
    for persona in PERSONAS:
        client.force_login(getattr(objects["w"], persona))
        status = client.get(url).status_code
        assert status == expected.get(persona, 404), (persona, status)
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_a_stranger_cannot_post_a_session_publish_a_theme_or_add_an_activity(objects, client):
    w = objects["w"]
    client.force_login(w.stranger)
    theme = objects["theme"]
    posts = [
        reverse("programme:session_edit", args=[theme.pk, w.cell.pk, 3]),
        reverse("programme:theme_publish", args=[theme.pk]),
        reverse("programme:session_reopen", args=[objects["session"].pk]),
        reverse("programme:unit_records", args=[w.grassroots.pk]),
    ]
    for url in posts:
        assert client.post(url, {"held_on": f"{YEAR}-08-01", "record": "1"}).status_code == 404
    assert ThematicSession.objects.count() == 1


def test_the_cell_secretary_records_a_session_through_the_quick_table(scene, client):
    w = scene.world
    client.force_login(w.cell_secretary)
    url = reverse("programme:session_edit", args=[scene.theme.pk, w.cell.pk, 3])
    page = client.get(url).content.decode()
    assert "Về độc lập dân tộc" in page and "Nguyễn Văn Cường" in page
    data = {
        "version": "0",
        "held_on": f"{YEAR}-08-05",
        "topic": "Chủ điểm quý III",
        "presenter": "Đ/c An",
        "main_points": "…",
        "conclusions": "…",
        "record": "1",
        "minutes": SimpleUploadedFile("bien-ban.pdf", PDF),
    }
    data |= {f"p{p.pk}": "present" for p in scene.cell_people}
    response = client.post(url, data)
    session = ThematicSession.objects.get()
    assert response.status_code == 302
    assert (session.state, session.present_count, session.files.count()) == ("recorded", 3, 1)


def test_a_bad_date_is_answered_in_vietnamese_and_changes_nothing(scene, client):
    w = scene.world
    client.force_login(w.cell_secretary)
    url = reverse("programme:session_edit", args=[scene.theme.pk, w.cell.pk, 3])
    data = {"version": "0", "held_on": f"{YEAR}-01-05", "record": "1"}
    data |= {f"p{p.pk}": "present" for p in scene.cell_people}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "trước khi quý III/2030 bắt đầu" in response.content.decode()
    assert not ThematicSession.objects.filter(state="recorded").exists()


def test_committee_staff_create_a_programme_prefilled_from_an_imported_plan(
    world, client, seed_path, monkeypatch
):
    set_today(monkeypatch, dt.date(2022, 2, 1))
    text = seed_path("004").read_text(encoding="utf-8")
    document = Document.objects.create(
        owner=world.committee, number="45-KH/TU", text=text, uploaded_by=world.officer
    )
    client.force_login(world.officer)
    page = client.get(reverse("programme:theme_create") + f"?document={document.pk}")
    body = page.content.decode()
    assert "về ý chí tự lực, tự cường" in body
    assert "Đánh giá kết quả việc tổ chức sinh hoạt theo chủ điểm quý I, II và III" in body
    assert 'value="2022"' in body
    client.force_login(world.leader)
    assert (
        client.get(reverse("programme:theme_create") + f"?document={document.pk}").status_code
        == 403
    )
