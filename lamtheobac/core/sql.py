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
from django.db.models import Func, QuerySet, TextField

from lamtheobac.core.vietnamese import FOLD_FROM, FOLD_TO, fold


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


class Folded(Func):
    """``fold(expression)`` in SQL (``core.vietnamese.fold``): lower case without diacritics,
    for searches that ignore accents. PostgreSQL: ``translate`` with the letter table;
    SQLite: the ``lt_fold`` function every connection registers (``register_functions``).
    Stored text is NFC with single spaces, so it folds as Python folds it."""

    output_field = TextField()
    arity = 1

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="lt_fold", **extra)

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"translate({sql}, %s, %s)", (*params, FOLD_FROM, FOLD_TO)


def register_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: give SQLite connections ``lt_fold`` (see ``Folded``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("lt_fold", 1, _fold_or_null, deterministic=True)


def _fold_or_null(value: str | None) -> str | None:
    return None if value is None else fold(value)
