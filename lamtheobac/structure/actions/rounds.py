"""Reporting rounds that are still running follow a merge, a split or a dissolution (issue 11
§2: "this year's counts must follow the new tree"; acceptance: after a merge the matrix of an
open round shows the merged unit).

A round fixes its target units when it opens (docs/domain.md §4.2), so without this a round
opened before a merge would keep asking two cells that no longer exist, and one opened before
a split or a dissolution a cell that no longer exists. Closed rounds are history and are never
touched: their targets keep the names they had (ADR 0011).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from lamtheobac.reporting.actions.rounds import unassign_sections
from lamtheobac.reporting.models import (
    SUBMITTED_STATES,
    ReportingRoundState,
    RoundTarget,
    UnitReport,
)
from lamtheobac.units.models import Unit

RUNNING = (ReportingRoundState.DRAFT, ReportingRoundState.OPEN)


def retarget_running_rounds(sources: Sequence[Unit], into: Sequence[Unit]) -> list[int]:
    """In every DRAFT or OPEN reporting round that targets one of ``sources``, the units
    ``into`` take the sources' place: the merged unit C of a merge (``[C]``), the new units
    of a split (``[B, C …]``), nobody for a dissolution (``[]``). Returns the ids of the
    rounds changed, ascending.

    For each source target of such a round:

    - a source that has already **submitted** (or had accepted) its report keeps its target:
      that report was made by the unit as it was and stays its own, under its old name, and
      the matrix keeps showing it as reported — nothing of it is moved to the new units;
    - any other source target (not started, a draft, a report returned for correction) is
      **removed** from the round. A draft or returned report stays stored under the old unit
      but is not carried over: two cells' unfinished drafts cannot be merged mechanically,
      one cell's cannot be divided between its parts, and a returned report was judged not
      acceptable. The new units write their own reports. An outline section assigned to
      the removed unit passes to the merged unit after a merge, and goes back to every
      target after a split or a dissolution, where no one unit takes over
      (``reporting.actions.rounds.unassign_sections``).

    When at least one source target was removed, each unit of ``into`` becomes a target
    (unless it already is) at the first removed target's place in the matrix order (in the
    order given, one after the other), under its present name, with the latest data-entry
    exception (``lock_exception_until``) the removed targets had. When every source had
    submitted, nobody is asked again. Queries: a fixed few whatever the number of rounds.
    """
    ids = [u.pk for u in sources]
    targets = list(
        RoundTarget.objects.filter(unit_id__in=ids, round__state__in=RUNNING).order_by(
            "round_id", "position", "pk"
        )
    )
    if not targets:
        return []
    round_ids = {t.round_id for t in targets}
    submitted = set(
        UnitReport.objects.filter(
            round_id__in=round_ids, unit_id__in=ids, state__in=SUBMITTED_STATES
        ).values_list("round_id", "unit_id")
    )
    already = set(
        RoundTarget.objects.filter(
            round_id__in=round_ids, unit_id__in=[u.pk for u in into]
        ).values_list("round_id", "unit_id")
    )
    removed: list[RoundTarget] = []
    first_removed: dict[int, RoundTarget] = {}
    latest_exception: dict[int, dt.date] = {}
    for target in targets:
        if (target.round_id, target.unit_id) in submitted:
            continue
        removed.append(target)
        first_removed.setdefault(target.round_id, target)
        exception = target.lock_exception_until
        if exception is not None:
            previous = latest_exception.get(target.round_id)
            if previous is None or exception > previous:
                latest_exception[target.round_id] = exception
    if not removed:
        return []
    RoundTarget.objects.filter(pk__in=[t.pk for t in removed]).delete()
    RoundTarget.objects.bulk_create(
        [
            RoundTarget(
                round_id=round_id,
                unit=unit,
                unit_name=unit.name,
                position=target.position,
                lock_exception_until=latest_exception.get(round_id),
            )
            for round_id, target in first_removed.items()
            for unit in into
            if (round_id, unit.pk) not in already
        ]
    )
    unassign_sections(
        ((t.round_id, t.unit_id) for t in removed), heir=into[0] if len(into) == 1 else None
    )
    return sorted(first_removed)
