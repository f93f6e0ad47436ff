"""The demo committee: shape, counts, ratings, accounts and seed documents (built once per module)."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from lamtheobac.demo.builder import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    RATING_YEARS,
    ROOT_NAME,
    DemoCommittee,
)
from lamtheobac.documents.models import Document
from lamtheobac.ratings.models import Rating, RatingLevel
from lamtheobac.units.models import GRASSROOTS_KINDS, Person, Role, RoleGrant, Unit, UnitKind

pytestmark = pytest.mark.django_db


def _units(demo: DemoCommittee, *kinds: str):
    units = Unit.objects.filter(path__startswith=demo.root.path)
    return units.filter(kind__in=kinds) if kinds else units


def test_the_root_carries_the_header_of_seed_003(demo: DemoCommittee) -> None:
    root = demo.root
    assert root.is_root()
    assert (root.name, root.kind, root.issuer_code) == (ROOT_NAME, UnitKind.COMMITTEE, "ĐUK")
    assert (root.superior_name, root.header_name, root.place) == (
        "ĐẢNG BỘ TỈNH QUẢNG NAM",
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN",
        "Quảng Nam",
    )


def test_the_committee_has_its_boards_and_mass_organisations(demo: DemoCommittee) -> None:
    children = {u.name: u.kind for u in Unit.objects.get_children(demo.root)}
    assert children["Ban Tuyên giáo Đảng ủy Khối"] == UnitKind.BOARD
    assert children["Văn phòng Đảng ủy Khối"] == UnitKind.BOARD
    assert children["Ủy ban Kiểm tra Đảng ủy Khối"] == UnitKind.BOARD
    assert children["Đoàn Khối các cơ quan tỉnh"] == UnitKind.MASS_ORGANISATION


def test_there_are_at_least_36_grassroots_organisations_of_both_kinds(demo: DemoCommittee) -> None:
    kinds = Counter(_units(demo, *GRASSROOTS_KINDS).values_list("kind", flat=True))
    assert sum(kinds.values()) == demo.grassroots_count >= 36
    assert kinds[UnitKind.GRASSROOTS_COMMITTEE] >= 15
    assert kinds[UnitKind.GRASSROOTS_CELL] >= 15


def test_each_grassroots_committee_has_two_to_six_subordinate_cells(demo: DemoCommittee) -> None:
    for unit in _units(demo, UnitKind.GRASSROOTS_COMMITTEE):
        cells = Unit.objects.get_children(unit)
        assert 2 <= cells.count() <= 6, unit.name
        assert {c.kind for c in cells} == {UnitKind.SUBORDINATE_CELL}
    for unit in _units(demo, UnitKind.GRASSROOTS_CELL):
        assert unit.is_leaf(), unit.name


def test_there_are_at_least_1800_people_and_about_85_percent_are_party_members(
    demo: DemoCommittee,
) -> None:
    assert demo.person_count >= 1800
    assert 0.8 <= demo.party_member_count / demo.person_count <= 0.9


def test_party_member_counts_lie_above_at_and_below_200(demo: DemoCommittee) -> None:
    counts = demo.member_counts
    assert counts["Đảng bộ Sở Tài chính"] == 214
    assert len([n for n in counts.values() if n > 200]) >= 2
    assert [name for name, n in counts.items() if n == 200] == ["Đảng bộ Bảo hiểm xã hội tỉnh"]
    assert len([n for n in counts.values() if n < 200]) == len(counts) - 3


def test_people_of_grassroots_organisations_live_in_cells(demo: DemoCommittee) -> None:
    kinds = Counter(Person.objects.in_subtree(demo.root).values_list("unit__kind", flat=True))
    assert set(kinds) == {
        UnitKind.GRASSROOTS_CELL,
        UnitKind.SUBORDINATE_CELL,
        UnitKind.BOARD,  # the committee's own staff
        UnitKind.COMMITTEE,  # the standing deputy secretary
    }
    assert kinds[UnitKind.COMMITTEE] + kinds[UnitKind.BOARD] < 30


def test_every_person_and_grassroots_organisation_is_rated_each_year_2017_to_2022(
    demo: DemoCommittee,
) -> None:
    people = Rating.objects.filter(person__unit__path__startswith=demo.root.path)
    units = Rating.objects.filter(unit__path__startswith=demo.root.path)
    for year in RATING_YEARS:
        assert people.filter(year=year).count() == demo.person_count
        assert units.filter(year=year).count() == demo.grassroots_count
    assert set(units.values_list("unit__kind", flat=True)) == {
        UnitKind.GRASSROOTS_COMMITTEE,
        UnitKind.GRASSROOTS_CELL,
    }
    assert demo.rating_count == len(RATING_YEARS) * (demo.person_count + demo.grassroots_count)


def test_ratings_are_distributed_as_in_reality(demo: DemoCommittee) -> None:
    levels = Counter(Rating.objects.filter(person__isnull=False).values_list("level", flat=True))
    total = sum(levels.values())
    assert 0.15 <= levels[RatingLevel.EXCELLENT] / total <= 0.22
    assert 0.58 <= levels[RatingLevel.GOOD] / total <= 0.72
    assert 0.08 <= levels[RatingLevel.COMPLETE] / total <= 0.16
    assert 0.005 <= levels[RatingLevel.INCOMPLETE] / total <= 0.04


def test_some_party_members_pass_three_excellent_years_and_most_fail(demo: DemoCommittee) -> None:
    members = Person.objects.in_subtree(demo.root).party_members()
    excellent = Rating.objects.filter(
        person__in=members, year__in=(2017, 2018, 2019), level=RatingLevel.EXCELLENT
    )
    per_person = Counter(excellent.values_list("person_id", flat=True))
    passers = [pk for pk, n in per_person.items() if n == 3]
    assert 50 <= len(passers) <= demo.party_member_count // 4


def test_names_are_nfc_and_varied(demo: DemoCommittee) -> None:
    people = list(Person.objects.in_subtree(demo.root))
    for p in people:
        for part in (p.family_name, p.middle_name, p.given_name, p.position):
            assert unicodedata.is_normalized("NFC", part)
        assert p.family_name and p.middle_name and p.given_name
    assert len({p.full_name for p in people}) >= 1000
    for unit in _units(demo):
        assert unicodedata.is_normalized("NFC", unit.name)


def test_the_sort_key_is_set_for_everyone(demo: DemoCommittee) -> None:
    assert not Person.objects.in_subtree(demo.root).filter(sort_key="").exists()


def test_each_demo_account_has_exactly_the_documented_grant(demo: DemoCommittee) -> None:
    labels = dict(Role.choices)
    for username, label, unit_name in DEMO_ACCOUNTS:
        user = demo.users[username]
        grants = list(RoleGrant.objects.filter(user=user).select_related("unit"))
        assert [(labels[g.role], g.unit.name) for g in grants] == [(label, unit_name)]
        assert user.check_password(DEMO_PASSWORD)
        assert user.first_name and user.last_name
        assert user.person.full_name == f"{user.last_name} {user.first_name}"


def test_only_the_administrator_reaches_django_admin(demo: DemoCommittee) -> None:
    staff = {u for u, user in demo.users.items() if user.is_staff or user.is_superuser}
    assert staff == {"quantri"}


def test_the_finance_secretary_leads_a_committee_above_200_members(demo: DemoCommittee) -> None:
    person = demo.users["bithu.taichinh"].person
    assert Unit.objects.get_parent(person.unit).name == "Đảng bộ Sở Tài chính"
    assert person.position.startswith("Bí thư Đảng ủy")
    member = demo.users["dangvien"].person
    assert member.is_party_member
    assert member.unit.name == "Chi bộ Phòng Quản lý ngân sách"
    assert demo.users["bithu.tuphap"].person.unit.name == "Chi bộ Sở Tư pháp"


def test_the_five_seed_documents_are_imported_for_the_root(demo: DemoCommittee) -> None:
    documents = Document.objects.filter(owner=demo.root)
    assert demo.document_count == documents.count() == 5
    numbers = set(documents.values_list("number", flat=True))
    assert {"59-KH/ĐUK", "545-CV/ĐUK", "70-KH/ĐUK", "45-KH/TU"} <= numbers
    assert {d.uploaded_by.username for d in documents} == {"btg.duk"}
