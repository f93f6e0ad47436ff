"""The demo committee: a Đảng ủy Khối with its boards, ~40 grassroots organisations, ~2,800
people, six years of ratings, one user per role, the five seed documents and a reporting round
in progress (``activity.py``).

Everything is drawn from ``random.Random(2020)``, so every build is the same. The committee
matches the header of seed 003 (59-KH/ĐUK, Quảng Nam), so the documents it generates look real.
Three grassroots organisations sit on the quota boundary of 59-KH/ĐUK ("dưới 200" / "trên
200" đảng viên): 236, 214 and exactly 200 party members, the last one undefined by the rule.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from tqdm import tqdm

from lamtheobac.audit.models import record
from lamtheobac.core.errors import DomainError
from lamtheobac.demo import names
from lamtheobac.demo.activity import open_demo_round
from lamtheobac.ratings.models import Rating, RatingLevel
from lamtheobac.tasks.demo import build_plan_work
from lamtheobac.units.models import GRASSROOTS_KINDS, Person, Role, RoleGrant, Unit, UnitKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User


ROOT_NAME = "Đảng ủy Khối các cơ quan tỉnh"
ROOT_FIELDS: dict[str, str] = {
    "name": ROOT_NAME,
    "short_name": "Đảng ủy Khối",
    "kind": UnitKind.COMMITTEE,
    "issuer_code": "ĐUK",
    "superior_name": "ĐẢNG BỘ TỈNH QUẢNG NAM",
    "header_name": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN",
    "place": "Quảng Nam",
}
# The demo runs locally; the demo command prints this password next to the accounts.
DEMO_PASSWORD = "lamtheobac2026"  # noqa: S105
SEED = 2020
RATING_YEARS = tuple(range(2017, 2023))
# Party members of the organisations on either side of the 200 boundary of 59-KH/ĐUK §II.3.
MEMBER_COUNTS = {"Sở Giáo dục và Đào tạo": 236, "Sở Tài chính": 214, "Bảo hiểm xã hội tỉnh": 200}
SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

FINANCE = "Đảng bộ Sở Tài chính"
JUSTICE = "Chi bộ Sở Tư pháp"
FINANCE_CELL = "Chi bộ Phòng Quản lý ngân sách"
# (username, role, unit name): what the demo command prints; each user has exactly this grant.
DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    ("quantri", Role.ADMINISTRATOR.label, ROOT_NAME),
    ("btg.duk", Role.COMMITTEE_STAFF.label, ROOT_NAME),
    ("thuongtruc.duk", Role.COMMITTEE_LEADER.label, ROOT_NAME),
    ("bithu.taichinh", Role.UNIT_STAFF.label, FINANCE),
    ("bithu.tuphap", Role.UNIT_STAFF.label, JUSTICE),
    ("bithu.ngansach", Role.UNIT_STAFF.label, FINANCE_CELL),
    ("dangvien", Role.MEMBER.label, FINANCE_CELL),
]
_ROLES = {
    "quantri": Role.ADMINISTRATOR,
    "btg.duk": Role.COMMITTEE_STAFF,
    "thuongtruc.duk": Role.COMMITTEE_LEADER,
    "bithu.taichinh": Role.UNIT_STAFF,
    "bithu.tuphap": Role.UNIT_STAFF,
    "bithu.ngansach": Role.UNIT_STAFF,
    "dangvien": Role.MEMBER,
}


@dataclass(frozen=True)
class DemoCommittee:
    """The demo committee as built or found: its root unit, demo users and row counts."""

    root: Unit
    users: dict[str, User]  # username → user, for the usernames of DEMO_ACCOUNTS
    unit_count: int  # the root and everything below it
    grassroots_count: int
    person_count: int
    party_member_count: int
    rating_count: int  # of people and units in the subtree
    document_count: int  # owned by the root
    created: bool = False  # True when this call built it
    seconds: float = 0.0  # build time; 0 when found
    member_counts: dict[str, int] = field(default_factory=dict)  # grassroots name → đảng viên


def ensure_demo_committee(*, progress: bool = False, import_seeds: bool = True) -> DemoCommittee:
    """Return the demo committee, building it first when no root unit named ROOT_NAME exists.

    Idempotent: a second call writes nothing and returns ``created=False``. The arguments are
    passed to build_demo_committee when it builds.
    """
    root = Unit.objects.get_root_nodes().filter(name=ROOT_NAME).first()
    if root is not None:
        return describe_demo_committee(root)
    return build_demo_committee(progress=progress, import_seeds=import_seeds)


def describe_demo_committee(
    root: Unit, *, created: bool = False, seconds: float = 0.0
) -> DemoCommittee:
    """Count what lies under ``root`` and load the demo users (a dozen queries)."""
    # Plain path filters: Unit.objects does not return UnitQuerySet under treebeard 7.
    units = Unit.objects.filter(path__startswith=root.path)
    people = Person.objects.in_subtree(root)
    grassroots = list(units.filter(kind__in=GRASSROOTS_KINDS).order_by("path"))
    counts = {u.name: u.party_member_count() for u in grassroots}
    ratings = Rating.objects.filter(
        Q(person__unit__path__startswith=root.path) | Q(unit__path__startswith=root.path)
    )
    usernames = [a[0] for a in DEMO_ACCOUNTS]
    users = get_user_model().objects.filter(username__in=usernames)
    return DemoCommittee(
        root=root,
        users={u.username: u for u in users},
        unit_count=units.count(),
        grassroots_count=len(grassroots),
        person_count=people.count(),
        party_member_count=people.party_members().count(),
        rating_count=ratings.count(),
        document_count=root.documents.count(),
        created=created,
        seconds=seconds,
        member_counts=counts,
    )


def build_demo_committee(*, progress: bool = False, import_seeds: bool = True) -> DemoCommittee:
    """Build the demo committee in one transaction and return it with ``created=True``.

    ``progress`` shows tqdm bars (on stderr) for units, people and ratings; nothing is printed
    otherwise. ``import_seeds`` imports ``lamtheobac/seeds/*.txt`` for the root unit as
    ``btg.duk`` through the document reader, then opens the demo round on 545-CV/ĐUK with
    reports in every state (``activity.open_demo_round``). Raises DomainError when a root unit named
    ROOT_NAME or a demo username already exists; nothing is written then.
    """
    started = time.perf_counter()
    rng = random.Random(SEED)
    with transaction.atomic():
        if Unit.objects.get_root_nodes().filter(name=ROOT_NAME).exists():
            raise DomainError(f"Đã có đơn vị “{ROOT_NAME}”: dữ liệu mẫu đã được tạo.")
        taken = (
            get_user_model().objects.filter(username__in=_ROLES).values_list("username", flat=True)
        )
        if taken:
            raise DomainError(f"Tài khoản đã tồn tại: {', '.join(sorted(taken))}.")
        root, boards, orgs = _build_units(progress=progress)
        people, leaders = _build_people(rng, root=root, boards=boards, orgs=orgs)
        users = _create_users(leaders)
        _bulk_create_people(people, progress=progress)
        _create_ratings(rng, people=people, orgs=orgs, progress=progress)
        _grant_roles(users, root=root, orgs=orgs)
        if import_seeds:
            _import_seeds(root, by=users["btg.duk"])
            open_demo_round(root, users=users)
            from lamtheobac.pledges.demo import build_pledges  # issue 8: plans, exemplars, models

            build_pledges(root, users=users)
            from lamtheobac.programme.demo import build_programme  # issue 8: theme, sessions

            build_programme(root, users=users, password=DEMO_PASSWORD)
            build_plan_work(root, users=users)
            from lamtheobac.reporting.demo import build_cascade  # issue 9 §4

            build_cascade(root, users=users)
        demo = describe_demo_committee(root, created=True, seconds=time.perf_counter() - started)
        record(
            actor=None,
            action="demo.built",
            target=root,
            unit=root,
            after={
                "units": demo.unit_count,
                "people": demo.person_count,
                "ratings": demo.rating_count,
                "documents": demo.document_count,
            },
        )
    return demo


@dataclass
class _Org:
    agency: names.Agency
    unit: Unit
    cells: list[Unit]  # the subordinate cells, or [unit] for a chi bộ cơ sở

    @property
    def is_committee(self) -> bool:
        return self.unit.kind == UnitKind.GRASSROOTS_COMMITTEE


def _upper(text: str) -> str:
    return text.upper()


def _build_units(*, progress: bool) -> tuple[Unit, dict[str, Unit], list[_Org]]:
    """Add the root, its boards and mass organisations, and the grassroots tree."""
    agencies = [(a, UnitKind.GRASSROOTS_COMMITTEE) for a in names.GRASSROOTS_COMMITTEE_AGENCIES]
    agencies += [(a, UnitKind.GRASSROOTS_CELL) for a in names.GRASSROOTS_CELL_AGENCIES]
    total = 1 + len(names.BOARDS) + len(names.MASS_ORGANISATIONS)
    total += sum(1 + len(a.cells) for a, _ in agencies)
    bar = tqdm(total=total, desc="Đơn vị", unit=" đơn vị", disable=not progress)
    root = Unit.objects.add_root(dict(ROOT_FIELDS))
    bar.update()
    boards: dict[str, Unit] = {}
    kinds = [(UnitKind.BOARD, row) for row in names.BOARDS]
    kinds += [(UnitKind.MASS_ORGANISATION, row) for row in names.MASS_ORGANISATIONS]
    for kind, (name, short) in kinds:
        boards[name] = Unit.objects.add_child(
            root, {"name": name, "short_name": short, "kind": kind}
        )
        bar.update()
    orgs: list[_Org] = []
    line_one = "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"
    for agency, kind in agencies:
        committee = kind == UnitKind.GRASSROOTS_COMMITTEE
        name = f"{'Đảng bộ' if committee else 'Chi bộ'} {agency.name}"
        header = f"{'ĐẢNG ỦY' if committee else 'CHI BỘ'} {_upper(agency.name)}"
        unit = Unit.objects.add_child(
            root,
            {
                "name": name,
                "short_name": agency.name,
                "kind": kind,
                "issuer_code": "ĐU" if committee else "CB",
                "superior_name": line_one,
                "header_name": header,
                "place": ROOT_FIELDS["place"],
            },
        )
        bar.update()
        cells = []
        for office in agency.cells:
            cells.append(
                Unit.objects.add_child(
                    unit,
                    {
                        "name": f"Chi bộ {office}",
                        "short_name": office,
                        "kind": UnitKind.SUBORDINATE_CELL,
                        "issuer_code": "CB",
                        "superior_name": f"ĐẢNG BỘ {_upper(agency.name)}",
                        "header_name": f"CHI BỘ {_upper(office)}",
                        "place": ROOT_FIELDS["place"],
                    },
                )
            )
            bar.update()
        orgs.append(_Org(agency=agency, unit=unit, cells=cells or [unit]))
    bar.close()
    return root, boards, orgs


def _weighted(rows: list[tuple[str, int]]) -> tuple[list[str], list[int]]:
    return [r[0] for r in rows], [r[1] for r in rows]


_FAMILY = _weighted(names.FAMILY_NAMES)
_MIDDLE = {
    "male": _weighted(names.MALE_MIDDLE_NAMES),
    "female": _weighted(names.FEMALE_MIDDLE_NAMES),
}
_SECOND = {"male": names.SECOND_MIDDLE_MALE, "female": names.SECOND_MIDDLE_FEMALE}
_GIVEN = {"male": names.MALE_GIVEN_NAMES, "female": names.FEMALE_GIVEN_NAMES}
_MEMBER_POSITIONS = _weighted(names.MEMBER_POSITIONS)
_OTHER_POSITIONS = _weighted(names.NON_MEMBER_POSITIONS)


def _person(rng: random.Random, unit: Unit, *, member: bool, position: str) -> Person:
    """A Person with a generated name, sort key set (ready for bulk_create)."""
    gender = "female" if rng.random() < names.FEMALE_SHARE else "male"
    family = rng.choices(*_FAMILY)[0]
    middle = rng.choices(*_MIDDLE[gender])[0]
    if rng.random() < names.SECOND_MIDDLE_SHARE[gender]:
        second = rng.choice(_SECOND[gender])
        if second != middle:
            middle = f"{middle} {second}"
    given = rng.choice(_GIVEN[gender])
    while given == middle.split()[-1]:
        given = rng.choice(_GIVEN[gender])
    person = Person(
        unit=unit,
        family_name=family,
        middle_name=middle,
        given_name=given,
        is_party_member=member,
        position=position,
        birth_year=rng.randint(1964, 1999),
    )
    person.refresh_sort_key()
    return person


def _split(rng: random.Random, total: int, parts: int, *, minimum: int = 3) -> list[int]:
    """``total`` split into ``parts`` uneven shares that sum to it, each at least ``minimum``."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    spare = total - minimum * parts
    shares = [minimum + int(spare * w / sum(weights)) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % parts] += 1
    return shares


def _build_people(
    rng: random.Random, *, root: Unit, boards: dict[str, Unit], orgs: list[_Org]
) -> tuple[list[Person], dict[str, Person]]:
    """All people of the demo (unsaved) and the people of the demo users, by username."""
    people: list[Person] = []
    leaders: dict[str, Person] = {}
    # The committee's own staff, in its boards and on the root (Thường trực).
    leaders["thuongtruc.duk"] = _person(
        rng, root, member=True, position="Phó Bí thư Thường trực Đảng ủy Khối"
    )
    people.append(leaders["thuongtruc.duk"])
    for name, board in boards.items():
        if board.kind != UnitKind.BOARD:
            continue
        short = board.short_name
        head = "Chánh Văn phòng" if short == "Văn phòng" else f"Trưởng {short}"
        titles = [head, f"Phó {head}", "Chuyên viên", "Chuyên viên", "Chuyên viên"]
        staff = [_person(rng, board, member=True, position=t) for t in titles]
        if name == "Ban Tuyên giáo Đảng ủy Khối":
            leaders["btg.duk"] = staff[2]
        elif name == "Văn phòng Đảng ủy Khối":
            staff[3].position = "Chuyên viên, quản trị hệ thống"
            leaders["quantri"] = staff[3]
        people.extend(staff)
    for org in orgs:
        people.extend(_org_people(rng, org, leaders))
    return people, leaders


def _org_people(rng: random.Random, org: _Org, leaders: dict[str, Person]) -> list[Person]:
    """The party members and non-members of one grassroots organisation, cell by cell."""
    agency = org.agency
    members = MEMBER_COUNTS.get(agency.name)
    if members is None:
        members = rng.randint(45, 150) if org.is_committee else rng.randint(15, 35)
    others = round(members * rng.uniform(0.12, 0.24))
    member_shares = _split(rng, members, len(org.cells))
    other_shares = _split(rng, others, len(org.cells), minimum=0)
    level = "Đảng ủy" if org.is_committee else "Chi bộ"
    result: list[Person] = []
    for index, cell in enumerate(org.cells):
        titles: list[str] = []
        if index == 0:
            titles += [f"Bí thư {level}, {agency.head}", f"Phó Bí thư {level}, Phó {agency.head}"]
        office_head = names.cell_head(cell.short_name) if org.is_committee else "Trưởng phòng"
        if org.is_committee:
            titles.append(f"Bí thư Chi bộ, {office_head}")
        head_people = [_person(rng, cell, member=True, position=t) for t in titles]
        staff = []
        for _ in range(member_shares[index] - len(titles)):
            title = rng.choices(*_MEMBER_POSITIONS)[0]
            if title == "Phó Trưởng phòng":
                title = f"Phó {office_head}"
            staff.append(_person(rng, cell, member=True, position=title))
        for _ in range(other_shares[index]):
            title = rng.choices(*_OTHER_POSITIONS)[0]
            staff.append(_person(rng, cell, member=False, position=title))
        rng.shuffle(staff)
        if org.unit.name == FINANCE and index == 0:
            leaders["bithu.taichinh"] = head_people[0]
        if org.unit.name == JUSTICE:
            leaders["bithu.tuphap"] = head_people[0]
        if cell.name == FINANCE_CELL and org.unit.name == FINANCE:
            leaders["dangvien"] = next(p for p in staff if p.is_party_member)
            leaders["bithu.ngansach"] = head_people[-1]  # Bí thư Chi bộ of dangvien's cell
        result.extend(head_people + staff)
    return result


def _create_users(leaders: dict[str, Person]) -> dict[str, Any]:
    """The demo users, named after their people; one password hash shared (the password is public)."""
    user_model = get_user_model()
    password = make_password(DEMO_PASSWORD)
    users: dict[str, User] = {}
    for username in _ROLES:
        person = leaders[username]
        superuser = username == "quantri"
        users[username] = user_model.objects.create(
            username=username,
            password=password,
            first_name=person.given_name,
            last_name=f"{person.family_name} {person.middle_name}".strip(),
            email=f"{username}@demo.invalid",
            is_staff=superuser,
            is_superuser=superuser,
        )
        person.user = users[username]
    return users


def _bulk_create_people(people: list[Person], *, progress: bool, batch: int = 500) -> None:
    bar = tqdm(total=len(people), desc="Người", unit=" người", disable=not progress)
    for start in range(0, len(people), batch):
        chunk = people[start : start + batch]
        Person.objects.bulk_create(chunk)
        bar.update(len(chunk))
    bar.close()


def _levels(rng: random.Random, *, star_share: float) -> list[str]:
    """Six yearly ratings: a few steady stars, most people "tốt", some "hoàn thành" or worse."""
    star = rng.random() < star_share
    levels: list[str] = []
    for _ in RATING_YEARS:
        r = rng.random()
        if star:
            level = RatingLevel.EXCELLENT if r < 0.85 else RatingLevel.GOOD
        elif r < 0.13:
            level = RatingLevel.EXCELLENT
        elif r < 0.835:
            level = RatingLevel.GOOD
        elif r < 0.977:
            level = RatingLevel.COMPLETE
        else:
            level = RatingLevel.INCOMPLETE
        levels.append(level)
    return levels


def _create_ratings(
    rng: random.Random, *, people: list[Person], orgs: list[_Org], progress: bool, batch: int = 2000
) -> None:
    """Ratings 2017–2022 for every person and every grassroots organisation."""
    rows: list[Rating] = []
    for person in people:
        leader = person.position.startswith(("Bí thư", "Phó Bí thư"))
        levels = _levels(rng, star_share=0.25 if leader else 0.08)
        for year, level in zip(RATING_YEARS, levels, strict=True):
            rows.append(Rating(person=person, year=year, level=level))
    for org in orgs:
        for year, level in zip(RATING_YEARS, _levels(rng, star_share=0.1), strict=True):
            rows.append(Rating(unit=org.unit, year=year, level=level))
    bar = tqdm(total=len(rows), desc="Xếp loại", unit=" bản ghi", disable=not progress)
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        Rating.objects.bulk_create(chunk)
        bar.update(len(chunk))
    bar.close()


def _grant_roles(users: dict[str, User], *, root: Unit, orgs: list[_Org]) -> None:
    units = {ROOT_NAME: root}
    for org in orgs:
        units[org.unit.name] = org.unit
        units.update({c.name: c for c in org.cells if org.unit.name == FINANCE})
    RoleGrant.objects.bulk_create(
        RoleGrant(user=users[username], unit=units[unit_name], role=_ROLES[username])
        for username, _, unit_name in DEMO_ACCOUNTS
    )


def seed_paths() -> list[Path]:
    """The seed documents shipped in ``lamtheobac/seeds``, in file-name order."""
    return sorted(SEEDS_DIR.glob("*.txt"))


def _import_seeds(root: Unit, *, by: User) -> None:
    # Imported here: the document services need the reader package, which the rest does not.
    from lamtheobac.documents.actions.documents import import_document

    for path in seed_paths():
        import_document(owner=root, data=path.read_bytes(), filename=path.name, by=by)
