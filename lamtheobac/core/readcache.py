"""Reads kept between requests for as long as the database has not changed (issue 13 §5).

Most of a page's cost is not the database but Django building the same SQL again and turning
rows into objects: on the unit staff's home page, 14 queries cost about two thirds of the
request while SQLite spent under a tenth of it answering. The pages people open again and
again (home, report form, matrix, and the signed-in user's identity on every page) read
their data through :func:`cached_read`, which keeps the result in this process's memory under
a key that holds a **database stamp**: a value that changes whenever anything was committed
to the database, by any process, through any path (views, the worker, imports, the admin,
raw SQL, ``bulk_update``), with no list of tables or signals to keep up to date.

- **PostgreSQL**: the text of ``pg_current_snapshot()`` (``xmin:xmax:xip``). Two statements
  with the same snapshot see the same rows; a transaction that ends, committed or rolled
  back, changes it (its id leaves the in-progress list or raises ``xmax``).
- **SQLite**: ``PRAGMA data_version``, which changes when another
  connection commits, with ``total_changes()``, which counts this connection's own writes,
  and a token naming this connection in this process.

The stamp is read first, the data after it, so a result may be newer than its stamp (a
commit landed in between: the stamp it is stored under is already past) but never older.
Nothing is cached inside a transaction (``atomic``), where a read could see writes that are
later rolled back, nor on another database vendor: there the function simply computes. Each cached value is pickled (Django's local-memory cache), so a
caller may change what it receives without changing what the next request gets.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.dispatch import receiver

T = TypeVar("T")

CACHE_ALIAS = "reads"
_MISSING = object()
_connection_numbers = itertools.count(1)


@receiver(connection_created)
def _name_connection(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Give each new database connection a name unique in this machine's processes: SQLite's
    ``data_version`` and ``total_changes()`` only mean something on one connection."""
    connection.read_cache_token = f"{os.getpid()}.{next(_connection_numbers)}"  # type: ignore[attr-defined]


def database_stamp(connection: BaseDatabaseWrapper) -> str | None:
    """A text that changes whenever anything is committed to ``connection``'s database, or None
    when reads must not be kept: inside a transaction, on a vendor other than PostgreSQL
    and SQLite, or when the setting ``READ_CACHE`` is off (``LAMTHEOBAC_READ_CACHE=0``). (An in-memory SQLite database shared between connections, as in tests, counts
    other connections' commits in ``data_version`` too.) One query (no ORM: a few tens of µs)."""
    if connection.in_atomic_block or not settings.READ_CACHE:
        return None
    vendor = connection.vendor
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_snapshot()::text")
            (snapshot,) = cursor.fetchone()
        return f"pg:{connection.settings_dict['NAME']}:{snapshot}"
    if vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT data_version, total_changes() FROM pragma_data_version")
            version, changes = cursor.fetchone()
        token = getattr(connection, "read_cache_token", "")
        return f"sqlite:{token}:{version}:{changes}"
    return None


def cached_read(
    key: tuple[Hashable, ...],
    compute: Callable[[], T],
    *,
    using: str = "default",
    timeout: int = 300,
) -> T:
    """``compute()``, or the value it returned for the same ``key`` while the database was
    as it is now (same :func:`database_stamp`).

    ``key`` names the read and everything it depends on besides the database: ids, the
    year, the minute for a page that shows what is late (``now_minute()``). Values are
    pickled; they must not hold querysets still to be evaluated or open files. Kept at
    most ``timeout`` seconds and, in each process, at most the cache's ``MAX_ENTRIES``
    (settings ``CACHES["reads"]``), the least recently used going first. Whatever
    ``compute`` raises is raised and nothing is kept.
    """
    stamp = database_stamp(connections[using])
    if stamp is None:
        return compute()
    digest = hashlib.blake2b(repr((stamp, key)).encode(), digest_size=16).hexdigest()
    cache = caches[CACHE_ALIAS]
    found = cache.get(digest, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    cache.set(digest, value, timeout)
    return value


def now_minute() -> int:
    """The current minute since the epoch (UTC): in a key, what depends on the clock (a
    deadline passed, "today") is at most a minute late."""
    from django.utils import timezone

    return int(timezone.now().timestamp() // 60)
