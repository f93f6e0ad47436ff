"""Test helpers: ``make_*`` factories with keyword overrides and the shared cast of personas.

The cast (docs/architecture.md (practice 7)): a committee officer, a committee leader, an administrator, a
grassroots secretary, a cell secretary under that grassroots committee, a member, and a sibling
unit's officer who must see nothing of the others.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from lamtheobac.units.models import Person, Role, RoleGrant, Unit, UnitKind

PASSWORD = "mat-khau-thu-nghiem-2026"  # noqa: S105 (test-only password)
_counter = itertools.count(1)


def make_unit(*, parent: Unit | None = None, **fields: Any) -> Unit:
    n = next(_counter)
    defaults: dict[str, Any] = {
        "name": f"Đơn vị {n}",
        "kind": UnitKind.GRASSROOTS_CELL if parent else UnitKind.COMMITTEE,
    }
    defaults.update(fields)
    if parent is None:
        return Unit.objects.add_root(defaults)
    parent.refresh_from_db()
    return Unit.objects.add_child(parent, defaults)


def make_user(username: str | None = None, **fields: Any) -> User:
    username = username or f"user{next(_counter)}"
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    return user


def grant(user: User, unit: Unit, role: Role) -> RoleGrant:
    return RoleGrant.objects.create(user=user, unit=unit, role=role)


def make_person(*, unit: Unit, **fields: Any) -> Person:
    n = next(_counter)
    defaults: dict[str, Any] = {
        "family_name": "Nguyễn",
        "middle_name": "Văn",
        "given_name": f"An{n}",
        "is_party_member": True,
    }
    defaults.update(fields)
    return Person.objects.create(unit=unit, **defaults)


@dataclass
class World:
    committee: Unit
    board: Unit
    grassroots: Unit  # đảng bộ cơ sở with two subordinate cells
    cell: Unit  # chi bộ trực thuộc of ``grassroots``
    other_cell: Unit
    sibling: Unit  # chi bộ cơ sở beside ``grassroots``
    admin: User
    officer: User  # committee staff
    leader: User  # committee leader (reads only)
    secretary: User  # unit staff of ``grassroots``
    cell_secretary: User  # unit staff of ``cell``
    sibling_officer: User  # unit staff of ``sibling``: must see nothing of ``grassroots``
    member: User
    stranger: User  # logged in, no role anywhere


def build_world() -> World:
    committee = make_unit(
        name="Đảng ủy Khối các cơ quan tỉnh",
        kind=UnitKind.COMMITTEE,
        issuer_code="ĐUK",
        superior_name="ĐẢNG BỘ TỈNH QUẢNG NAM",
        header_name="ĐẢNG ỦY KHỐI CÁC CƠ QUAN",
        place="Quảng Nam",
    )
    board = make_unit(parent=committee, name="Ban Tuyên giáo Đảng ủy Khối", kind=UnitKind.BOARD)
    grassroots = make_unit(
        parent=committee, name="Đảng bộ Sở Tài chính", kind=UnitKind.GRASSROOTS_COMMITTEE
    )
    cell = make_unit(
        parent=grassroots, name="Chi bộ Phòng Ngân sách", kind=UnitKind.SUBORDINATE_CELL
    )
    other_cell = make_unit(
        parent=grassroots, name="Chi bộ Phòng Tin học", kind=UnitKind.SUBORDINATE_CELL
    )
    sibling = make_unit(parent=committee, name="Chi bộ Sở Tư pháp", kind=UnitKind.GRASSROOTS_CELL)
    admin = make_user("quantri")
    officer = make_user("canbo.btg", first_name="Lan", last_name="Trần Thị", email="btg@example.vn")
    leader = make_user("thuongtruc")
    secretary = make_user("bithu.taichinh", email="taichinh@example.vn")
    cell_secretary = make_user("bithu.ngansach")
    sibling_officer = make_user("bithu.tuphap")
    member = make_user("dangvien")
    stranger = make_user("nguoila")
    grant(admin, committee, Role.ADMINISTRATOR)
    grant(officer, committee, Role.COMMITTEE_STAFF)
    grant(leader, committee, Role.COMMITTEE_LEADER)
    grant(secretary, grassroots, Role.UNIT_STAFF)
    grant(cell_secretary, cell, Role.UNIT_STAFF)
    grant(sibling_officer, sibling, Role.UNIT_STAFF)
    grant(member, cell, Role.MEMBER)
    return World(
        committee=committee,
        board=board,
        grassroots=grassroots,
        cell=cell,
        other_cell=other_cell,
        sibling=sibling,
        admin=admin,
        officer=officer,
        leader=leader,
        secretary=secretary,
        cell_secretary=cell_secretary,
        sibling_officer=sibling_officer,
        member=member,
        stranger=stranger,
    )


def make_round(
    *,
    committee: Unit,
    by: User,
    targets: list[Unit],
    headings: tuple[str, ...] = ("ĐẶC ĐIỂM TÌNH HÌNH", "KẾT QUẢ ĐẠT ĐƯỢC"),
    open: bool = True,
    **fields: Any,
) -> Any:
    """A reporting round with one outline section per heading (I-, II-, …), opened by default."""
    import datetime as dt

    from lamtheobac.reporting.actions import rounds
    from lamtheobac.reporting.models import Outline, OutlineSection, ReportingRound, RoundTarget

    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    outline = Outline.objects.create(title="ĐỀ CƯƠNG")
    for i, heading in enumerate(headings):
        OutlineSection.objects.create(
            outline=outline, number=romans[i], heading=heading, depth=1, position=i + 1
        )
    defaults: dict[str, Any] = {
        "title": "Sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW",
        "deadline": dt.date(2030, 4, 30),
        "deadline_exclusive": True,
    }
    defaults.update(fields)
    round = ReportingRound.objects.create(
        committee=committee, outline=outline, created_by=by, **defaults
    )
    RoundTarget.objects.bulk_create(
        [
            RoundTarget(round=round, unit=u, unit_name=u.name, position=i)
            for i, u in enumerate(targets)
        ]
    )
    if open:
        round = rounds.open_reporting_round(round, by=by)
    return round


def draft_report(round: Any, unit: Unit, by: User, *, submit: bool = False) -> Any:
    """``unit``'s report in ``round`` with its first section answered ("Báo cáo của …"),
    saved as a draft, and submitted with ``submit``."""
    from lamtheobac.reporting.actions import reports

    first = round.outline.sections.order_by("position").first()
    assert first is not None
    report = reports.save_report_draft(
        round,
        unit=unit,
        answers={first.pk: f"Báo cáo của {unit.name}."},
        values={},
        version=None,
        by=by,
    )
    if submit:
        report = reports.submit_unit_report(round, unit=unit, version=None, by=by)
    return report


QUARTER_TOPICS = {
    1: ("Về ý chí tự lực, tự cường", "liên hệ tinh thần dám nghĩ, dám làm"),
    2: ("Về xây dựng đạo đức cách mạng", ""),
    3: ("Về độc lập dân tộc gắn liền với chủ nghĩa xã hội", ""),
    4: ("Đánh giá kết quả sinh hoạt theo chủ điểm quý I, II và III", ""),
}


def make_programme(world: World, *, year: int, publish: bool = True, **settings: Any) -> Any:
    """The committee's programme (``programme.Theme``) of ``year`` over its whole tree, with
    the four quarter topics; published by default. ``settings``: fields of
    ``programme.actions.themes.SETTINGS`` (pledge deadline, lock, exemplar quotas …)."""
    from lamtheobac.programme.actions import themes

    theme = themes.create_theme(
        committee=world.committee,
        scope=world.committee,
        year=year,
        by=world.officer,
        settings={"title": "Chuyên đề năm về đội ngũ cán bộ gương mẫu", **settings},
        topics=QUARTER_TOPICS,
    )
    if publish:
        theme = themes.publish_theme(theme, by=world.officer, version=theme.version)
    return theme


def race(*calls: Callable[[], Any], timeout: float = 30.0) -> list[Any]:
    """Run ``calls`` in threads released together by a barrier; each returns its result or
    the exception it raised, in the order given.

    Each thread uses its own database connections and closes them when done, so the calls
    race as separate requests would. Needs ``django_db(transaction=True)``: the threads
    only see what the test has committed.
    """
    barrier = threading.Barrier(len(calls))
    outcomes: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout)
            outcomes[i] = call()
        except BaseException as exc:  # handed back to the test to assert on
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c), daemon=True) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    if any(t.is_alive() for t in threads):
        raise TimeoutError(f"a racing call did not finish within {timeout} s")
    return outcomes


@contextmanager
def sqlite_on_disk(directory: Path) -> Iterator[None]:
    """Inside the block, an in-memory SQLite test database is swapped for a copy on disk.

    pytest-django's SQLite test database lives in memory with a shared cache: there a second
    writer gets "database table is locked" at once, whatever the busy timeout, and WAL does not
    apply. Production runs a file in WAL with ``BEGIN IMMEDIATE`` and a timeout (settings.py),
    where the second writer waits its turn; races must be run against that. Does nothing on
    PostgreSQL or when the test database is already a file (``SQLITE_TEST_NAME``).
    """
    connection = connections["default"]
    if not isinstance(connection, SQLiteWrapper) or not connection.is_in_memory_db():
        yield
        return
    settings_dict = connection.settings_dict  # shared with the connections threads open
    memory_name = settings_dict["NAME"]
    path = directory / "race.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as disk:
        connection.connection.backup(disk)  # the migrated schema, as the suite made it
    # A shared-cache memory database ends with its last connection: hold one while away.
    with closing(sqlite3.connect(memory_name, uri=True)):
        settings_dict["NAME"] = str(path)
        connection.close()  # really closes now the name is a file; reopens on the copy
        try:
            yield
        finally:
            connection.close()
            settings_dict["NAME"] = memory_name
            connection.ensure_connection()
