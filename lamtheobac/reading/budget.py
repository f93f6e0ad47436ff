"""Checkpoints inside the reader's long loops for the per-document CPU budget (issue 10 §4).

``api`` checks the budget between steps; a step over a text of a pathological shape can
itself run for long, so its loops call ``checkpoint`` every ``EVERY`` items: a document
over ``api.TIME_BUDGET`` is then stopped within a fraction of a second, whatever its shape.
"""

from __future__ import annotations

EVERY = 512  # items between two checks: a check costs a clock read


def checkpoint() -> None:
    """Raise ``ReadError`` (TOO_SLOW) when the document being read is over its budget."""
    from .api import _check_budget  # the budget and its clock live with the entry points

    _check_budget()
