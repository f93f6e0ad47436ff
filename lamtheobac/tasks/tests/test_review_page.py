"""The plan review page: staff drop, merge and assign rows, then the tasks exist; the plan's
page and the document page show them (issue 9 §1, §2)."""

from __future__ import annotations

import pytest

from lamtheobac.tasks.models import Task
from lamtheobac.tasks.proposals import proposals_for


@pytest.mark.django_db
def test_staff_review_a_plan_and_the_kept_rows_become_tasks(town, seed_document, client):
    plan = seed_document("004", owner=town.committee, by=town.officer)
    rows = proposals_for(plan)
    client.force_login(town.officer)
    page = client.get(f"/nhiem-vu/ke-hoach/{plan.pk}/duyet/")
    assert page.status_code == 200
    form = page.context["formset"]
    data = {
        "form-TOTAL_FORMS": str(len(form.forms)),
        "form-INITIAL_FORMS": str(len(rows)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data[f"form-{i}-title"] = row.text
        data[f"form-{i}-recurrence"] = row.recurrence
        if row.due:
            data[f"form-{i}-due"] = row.due.isoformat()
    # keep row 1 (the Quý II study) and merge row 3 (sessions) into it; assign row 2 by hand.
    data["form-0-keep"] = "on"
    data["form-0-lead"] = str(town.propaganda.pk)
    data["form-2-merge_into"] = "1"
    data["form-1-keep"] = "on"
    data["form-1-lead"] = str(town.organisation.pk)
    for i in range(len(rows), len(form.forms)):
        data[f"form-{i}-recurrence"] = "once"
    response = client.post(f"/nhiem-vu/ke-hoach/{plan.pk}/duyet/", data)
    assert response.status_code == 303, response.content.decode()[:2000]
    tasks = list(Task.objects.order_by("pk"))
    assert [t.lead for t in tasks] == [town.propaganda, town.organisation]
    assert rows[2].text in tasks[0].title
    plan_page = client.get(f"/nhiem-vu/ke-hoach/{plan.pk}/").content.decode()
    assert "2 nhiệm vụ" in plan_page
    doc_page = client.get(f"/van-ban/{plan.pk}/").content.decode()
    assert "Văn bản thực hiện văn bản này" in doc_page
    assert f'href="/nhiem-vu/ke-hoach/{plan.pk}/"' in doc_page


@pytest.mark.django_db
def test_the_review_page_refuses_readers_and_strangers(
    town, seed_document, client, django_user_model
):
    from lamtheobac.testing import grant
    from lamtheobac.units.models import Role

    plan = seed_document("004", owner=town.committee, by=town.officer)
    leader = django_user_model.objects.create_user("thuongtruc.thiuy")
    grant(leader, town.committee, Role.COMMITTEE_LEADER)
    client.force_login(leader)
    assert client.get(f"/nhiem-vu/ke-hoach/{plan.pk}/duyet/").status_code == 403
    assert client.get(f"/nhiem-vu/ke-hoach/{plan.pk}/").status_code == 200
    stranger = django_user_model.objects.create_user("nguoila.thiuy")
    client.force_login(stranger)
    assert client.get(f"/nhiem-vu/ke-hoach/{plan.pk}/duyet/").status_code == 404
    assert client.get(f"/nhiem-vu/ke-hoach/{plan.pk}/").status_code == 404
