"""Reading grouped aggregates without Django's per-value converters.

A ``values_list`` queryset passes every value of every row through its field's converter
(``int(value)`` for a ``Count`` or ``Sum``, ``bool(value)`` for a boolean on SQLite): at the
year page's 15,000 aggregate rows that costs more than the queries. ``plain_rows`` runs the
same SQL and hands back the driver's tuples as they come.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def plain_rows(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of ``qs`` (a ``values_list`` queryset) as the database driver returns them.

    Only for integer, text and boolean columns and aggregates, whose driver values are already
    the Python values: ``int`` for counts and sums (``None`` for a sum over no row; but
    PostgreSQL sums a ``bigint``, e.g. a sum of counts, as ``numeric``: ``Decimal``), ``str``
    for text, and for booleans ``0``/``1`` on SQLite but ``bool`` on PostgreSQL — compare them
    by truth, never with ``is``. Dates, decimals and JSON would come back unconverted.
    A query that can match nothing (e.g. ``pk__in=[]``) returns ``[]`` without running.
    """
    try:
        sql, params = qs.query.get_compiler(using=qs.db).as_sql()
    except EmptyResultSet:
        return []
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
