"""Which plan implements which (issue 9 §2): on a document's page, the documents it cites and
those that cite it, matched by number even when the cited one was imported later."""

from __future__ import annotations

import pytest

from lamtheobac.documents.actions.documents import import_document

IMPLEMENTING = """ĐẢNG BỘ TỈNH QUẢNG NAM
ĐẢNG ỦY KHỐI CÁC CƠ QUAN
*
Số 12-KH/ĐUK

KẾ HOẠCH
triển khai học tập chuyên đề năm 2022

Thực hiện Kế hoạch số 45-KH/TU ngày 10/02/2022 của Ban Thường vụ Thị ủy về thực hiện việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2022, Ban Thường vụ Đảng ủy Khối ban hành kế hoạch như sau:

I- MỤC ĐÍCH, YÊU CẦU

1. Nâng cao nhận thức.
"""


@pytest.mark.django_db
def test_a_plan_imported_later_is_found_by_the_number_the_earlier_one_cites(
    world, seed_path, client
):
    implementing = import_document(
        owner=world.committee, data=IMPLEMENTING.encode(), filename="12-kh.txt", by=world.officer
    )
    path = seed_path("004")
    cited = import_document(
        owner=world.committee, data=path.read_bytes(), filename=path.name, by=world.officer
    )
    client.force_login(world.officer)
    cited_page = client.get(f"/van-ban/{cited.pk}/").content.decode()
    assert f'href="/van-ban/{implementing.pk}/"' in cited_page
    implementing_page = client.get(f"/van-ban/{implementing.pk}/").content.decode()
    assert f'<a href="/van-ban/{cited.pk}/">45-KH/TU</a>' in implementing_page
    assert "84-KH/TU" in cited_page  # cited by 004, never imported: shown without a link


@pytest.mark.django_db
def test_a_citing_document_the_user_may_not_read_is_not_shown(world, seed_path, client):
    from lamtheobac.testing import grant, make_unit, make_user
    from lamtheobac.units.models import Role, UnitKind

    other = make_unit(name="Thị ủy khác", kind=UnitKind.COMMITTEE, issuer_code="TU")
    other_officer = make_user("btg.khac")
    grant(other_officer, other, Role.COMMITTEE_STAFF)
    import_document(owner=other, data=IMPLEMENTING.encode(), filename="12-kh.txt", by=other_officer)
    path = seed_path("004")
    cited = import_document(
        owner=world.committee, data=path.read_bytes(), filename=path.name, by=world.officer
    )
    client.force_login(world.officer)
    page = client.get(f"/van-ban/{cited.pk}/").content.decode()
    assert "Chưa có văn bản nào trích dẫn văn bản này." in page


@pytest.mark.django_db
def test_a_plans_page_shows_the_rounds_opened_from_it_with_their_progress(world, seed_path, client):
    from lamtheobac.reporting.actions import reports as services
    from lamtheobac.testing import make_round

    path = seed_path("003")
    plan = import_document(
        owner=world.committee, data=path.read_bytes(), filename=path.name, by=world.officer
    )
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.sibling],
        document=plan,
    )
    first = round.outline.sections.order_by("position").values_list("pk", flat=True)[0]
    services.save_report_draft(
        round,
        unit=world.sibling,
        answers={first: "Đã quán triệt."},
        values={},
        version=None,
        by=world.sibling_officer,
    )
    services.submit_unit_report(round, unit=world.sibling, by=world.sibling_officer, version=None)
    client.force_login(world.leader)
    page = client.get(f"/nhiem-vu/ke-hoach/{plan.pk}/").content.decode()
    assert round.title in page
    assert "1/2" in page
