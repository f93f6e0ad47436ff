"""Reads kept between requests (``core.readcache``) are never older than the database: a change
committed by this process, by another connection or by another process is seen on the next
request, and a kept page is never shown to someone else (issue 13 §5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.utils import timezone

from lamtheobac.core import readcache
from lamtheobac.core.readcache import cached_read, database_stamp
from lamtheobac.notifications.models import Notification
from lamtheobac.notifications.queries import unread_count
from lamtheobac.testing import build_world, draft_report, make_round
from lamtheobac.units.models import RoleGrant, Unit


@pytest.fixture(autouse=True)
def _empty_cache():
    caches[readcache.CACHE_ALIAS].clear()
    yield
    caches[readcache.CACHE_ALIAS].clear()


def _sqlite_file(path: Path, alias: str) -> SQLiteWrapper:
    """A connection of our own to the SQLite file ``path``, in WAL as in production."""
    settings = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;"},
    }
    return SQLiteWrapper(settings, alias=alias)


# --- the stamp --------------------------------------------------------------------------------


def test_a_sqlite_stamp_moves_on_every_commit_and_never_on_a_read(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        mine, theirs = (
            _sqlite_file(tmp_path / "db", "mine"),
            _sqlite_file(tmp_path / "db", "theirs"),
        )
        connections["mine"] = mine
        try:
            with mine.cursor() as cursor:
                cursor.execute("CREATE TABLE t (x INTEGER)")
            theirs.ensure_connection()
            first = database_stamp(mine)
            with mine.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM t")
            assert database_stamp(mine) == first  # a read changes nothing

            with theirs.cursor() as cursor:  # another connection commits
                cursor.execute("INSERT INTO t VALUES (1)")
            second = database_stamp(mine)
            assert second != first

            with mine.cursor() as cursor:  # this connection writes
                cursor.execute("UPDATE t SET x = 2")
            third = database_stamp(mine)
            assert third not in (first, second)

            # Two connections never share a stamp: each counts its own writes.
            assert database_stamp(theirs) != database_stamp(mine)
            with transaction.atomic(using="mine"):
                assert database_stamp(mine) is None  # nothing is kept inside a transaction
        finally:
            del connections["mine"]
            mine.close()
            theirs.close()


@pytest.mark.django_db(transaction=True)
def test_the_default_database_gives_a_stamp_outside_a_transaction_only():
    stamp = database_stamp(connection)
    assert stamp
    with transaction.atomic():
        assert database_stamp(connection) is None


# --- cached_read ------------------------------------------------------------------------------


@pytest.fixture
def stamp(monkeypatch):
    """The database stamp, set by the test."""
    value = {"now": "one"}
    monkeypatch.setattr(readcache, "database_stamp", lambda _connection: value["now"])
    return value


def test_a_read_is_computed_once_while_the_stamp_stays(stamp):
    calls = []

    def compute():
        calls.append(1)
        return ["Chi bộ A", "Chi bộ B"]

    first = cached_read(("units",), compute)
    first.append("changed by the caller")
    again = cached_read(("units",), compute)
    assert again == ["Chi bộ A", "Chi bộ B"]  # a copy: the caller's change is not kept
    assert len(calls) == 1
    assert cached_read(("units", 2), compute) == again and len(calls) == 2  # another key

    stamp["now"] = "two"
    cached_read(("units",), compute)
    assert len(calls) == 3


def test_a_failed_read_is_not_kept(stamp):
    def refuse():
        raise PermissionError("Không có quyền")

    with pytest.raises(PermissionError):
        cached_read(("page", 1), refuse)
    assert cached_read(("page", 1), lambda: "trang") == "trang"


def test_without_a_stamp_every_read_is_computed(stamp):
    stamp["now"] = None
    calls = []
    cached_read(("x",), lambda: calls.append(1))
    cached_read(("x",), lambda: calls.append(1))
    assert len(calls) == 2


# --- on the real database, outside a test transaction ----------------------------------------


@pytest.fixture
def committed_world(transactional_db):
    return build_world()


def test_a_change_committed_by_another_connection_is_read_next_time(
    committed_world, django_db_blocker
):
    user = committed_world.secretary
    assert unread_count(user) == 0
    assert unread_count(user) == 0  # kept
    other = connections.create_connection("default")  # as another worker process would
    try:
        with other.cursor() as cursor:
            table = Notification._meta.db_table
            cursor.execute(
                f"INSERT INTO {table} (user_id, created_at, message, url, digest_pending) "  # noqa: S608
                "VALUES (%s, %s, %s, '', %s)",
                [user.pk, timezone.now(), "Nhắc nộp báo cáo", False],
            )
    finally:
        other.close()
    assert unread_count(user) == 1


def test_a_change_made_by_this_process_is_read_next_time(committed_world):
    unit = committed_world.sibling
    name = lambda: Unit.objects.get(pk=unit.pk).name  # noqa: E731
    assert cached_read(("name", unit.pk), name) == "Chi bộ Sở Tư pháp"
    Unit.objects.filter(pk=unit.pk).update(name="Chi bộ Sở Tư pháp tỉnh")
    assert cached_read(("name", unit.pk), name) == "Chi bộ Sở Tư pháp tỉnh"


def test_a_change_rolled_back_is_never_read(committed_world):
    unit = committed_world.sibling
    name = lambda: Unit.objects.get(pk=unit.pk).name  # noqa: E731
    with pytest.raises(RuntimeError), transaction.atomic():
        Unit.objects.filter(pk=unit.pk).update(name="Tên chưa lưu")
        assert cached_read(("name", unit.pk), name) == "Tên chưa lưu"
        raise RuntimeError
    assert cached_read(("name", unit.pk), name) == "Chi bộ Sở Tư pháp"


# --- pages ------------------------------------------------------------------------------------


def test_a_kept_matrix_is_never_shown_to_a_stranger_and_a_revoked_grant_counts_at_once(
    client, committed_world
):
    world = committed_world
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    url = f"/bao-cao/dot/{round.pk}/"
    client.force_login(world.officer)
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # kept
    for outsider in (world.stranger, world.secretary, world.sibling_officer):
        client.force_login(outsider)
        assert client.get(url).status_code in (403, 404)
    client.force_login(world.officer)
    RoleGrant.objects.filter(user=world.officer).delete()
    assert client.get(url).status_code in (403, 404)


def test_a_kept_report_form_is_never_shown_to_another_unit(client, committed_world):
    world = committed_world
    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots, world.sibling]
    )
    url = f"/bao-cao/dot/{round.pk}/don-vi/{world.grassroots.pk}/"
    client.force_login(world.secretary)
    assert client.get(url).status_code == 200
    client.force_login(world.sibling_officer)
    assert client.get(url).status_code in (403, 404)
    client.force_login(world.stranger)
    assert client.get(url).status_code in (403, 404)


def test_the_matrix_and_the_form_show_a_submission_at_once(client, committed_world):
    world = committed_world
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    matrix = f"/bao-cao/dot/{round.pk}/"
    form = f"/bao-cao/dot/{round.pk}/don-vi/{world.grassroots.pk}/"
    client.force_login(world.officer)
    assert "Báo cáo của" not in client.get(matrix).content.decode()
    before = client.get(matrix).content.decode()
    client.force_login(world.secretary)
    assert "Báo cáo của Đảng bộ Sở Tài chính" not in client.get(form).content.decode()

    draft_report(round, world.grassroots, world.secretary, submit=True)

    assert "Báo cáo của Đảng bộ Sở Tài chính" in client.get(form).content.decode()
    client.force_login(world.officer)
    assert client.get(matrix).content.decode() != before


def test_signing_out_or_losing_the_account_ends_the_kept_session(client, committed_world):
    world = committed_world
    client.force_login(world.secretary)
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200  # the session and the account are kept
    client.logout()
    assert client.get("/").status_code == 302

    client.force_login(world.secretary)
    assert client.get("/").status_code == 200
    type(world.secretary).objects.filter(pk=world.secretary.pk).update(is_active=False)
    assert client.get("/").status_code == 302


def test_an_expired_session_is_refused_though_it_was_kept(client, committed_world, monkeypatch):
    from django.conf import settings

    from lamtheobac.accounts import sessions

    client.force_login(committed_world.secretary)
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200  # kept, with its expiry time
    later = timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    monkeypatch.setattr(sessions.timezone, "now", lambda: later)
    assert client.get("/").status_code == 302  # the clock alone ends it


def test_the_committee_dashboard_shows_a_round_opened_meanwhile(client, committed_world):
    world = committed_world
    client.force_login(world.officer)
    assert "Đợt báo cáo mới mở" not in client.get("/").content.decode()
    assert "Đợt báo cáo mới mở" not in client.get("/").content.decode()  # kept
    make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots],
        title="Đợt báo cáo mới mở",
    )
    assert "Đợt báo cáo mới mở" in client.get("/").content.decode()
