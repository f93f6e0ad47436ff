"""Rounds that cascade (issue 9 §4): a grassroots committee (đảng bộ cơ sở) forwards a round of
its superior to its subordinate cells (chi bộ trực thuộc) with the same outline, consolidates
their reports into its own in one click, edits, and submits upward; an outline section may be
given to another unit (the youth section to the Đoàn Khối), which fills that section only.

Each write is atomic, checks the acting user's right through the one policy (``by=None`` is
the system), the states and the rules, writes the audit record and returns what it changed.
A returned report goes back one level only: returning the grassroots committee's report in
the superior's round changes nothing in its cells' round (``reports.return_unit_report``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.core.dates import short_date, today
from lamtheobac.core.errors import AccessDenied, DomainError, StateError
from lamtheobac.core.transitions import lock
from lamtheobac.reporting.access import authorize_runner
from lamtheobac.reporting.actions import ReportingAction
from lamtheobac.reporting.actions.reports import _bump, _editable_report
from lamtheobac.reporting.actions.rounds import _set_targets, open_reporting_round
from lamtheobac.reporting.models import (
    SUBMITTED_STATES,
    Indicator,
    IndicatorValue,
    Outline,
    OutlineSection,
    ReportingRound,
    ReportingRoundState,
    RoundTarget,
    SectionAnswer,
    UnitReport,
)
from lamtheobac.units.models import Unit, UnitKind
from lamtheobac.units.policy import Action, policy_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def cells_of(unit: Unit) -> list[Unit]:
    """The active subordinate cells (chi bộ trực thuộc) in ``unit``'s subtree, in tree order."""
    return list(
        Unit.objects.subtree(unit)
        .filter(kind=UnitKind.SUBORDINATE_CELL, is_active=True)
        .in_tree_order()
    )


def _authorize_unit(by: User | None, unit: Unit) -> None:
    """The unit's own staff (REPORT) or a committee above it (MANAGE) act for it."""
    if by is None:
        return
    policy = policy_of(by)
    if not (policy.can(Action.REPORT, unit) or policy.can(Action.MANAGE, unit)):
        raise AccessDenied()


def child_round_of(parent: ReportingRound, unit: Unit) -> ReportingRound | None:
    """The round ``unit`` opened for its cells from ``parent``, or None."""
    return ReportingRound.objects.filter(parent=parent, committee=unit).first()


def _copy_outline(parent: ReportingRound) -> Outline:
    """A copy of ``parent``'s outline (sections and indicators, each pointing at its source),
    without the sections given to another unit (those are not the cells' to write)."""
    source = parent.outline
    outline = Outline.objects.create(title=source.title, source_document=source.source_document)
    sections = list(source.sections.filter(assigned_unit__isnull=True).order_by("position", "pk"))
    copies: dict[int, OutlineSection] = {}
    for s in sections:  # parents come before their children in outline order
        copies[s.pk] = OutlineSection.objects.create(
            outline=outline,
            parent=copies.get(s.parent_id) if s.parent_id else None,
            number=s.number,
            heading=s.heading,
            guidance=s.guidance,
            depth=s.depth,
            position=s.position,
            source=s,
        )
    Indicator.objects.bulk_create(
        [
            Indicator(
                section=copies[i.section_id],
                name=i.name,
                unit_label=i.unit_label,
                position=i.position,
                source=i,
            )
            for i in Indicator.objects.filter(section__in=sections).order_by("position", "pk")
        ]
    )
    return outline


@transaction.atomic
def open_child_round(
    parent: ReportingRound, *, unit: Unit, deadline: dt.date, by: User | None
) -> ReportingRound:
    """Forward ``parent`` to ``unit``'s subordinate cells: a new round of ``unit`` with a copy of
    the outline, its cells as targets, opened at once (the cells' staff are notified).

    ``unit`` must be a grassroots committee expected to report in ``parent``, which must be
    open; ``deadline`` (the cells' deadline) lies between today and ``parent``'s deadline.
    Needs REPORT (its own staff) or MANAGE on ``unit``. Raises DomainError / StateError with
    the rule; nothing is created then. Returns the opened child round.
    """
    _authorize_unit(by, unit)
    parent = lock(parent)
    if parent.state != ReportingRoundState.OPEN:
        raise StateError("Đợt báo cáo cấp trên chưa mở hoặc đã kết thúc; không chuyển tiếp được.")
    if unit.kind != UnitKind.GRASSROOTS_COMMITTEE:
        raise DomainError(
            "Chỉ đảng bộ cơ sở mới chuyển tiếp đợt báo cáo xuống các chi bộ trực thuộc."
        )
    if not RoundTarget.objects.filter(round=parent, unit=unit).exists():
        raise DomainError("Đơn vị không thuộc danh sách phải báo cáo của đợt này.")
    if child_round_of(parent, unit) is not None:
        raise DomainError("Đợt này đã được chuyển tiếp xuống các chi bộ trực thuộc.")
    cells = cells_of(unit)
    if not cells:
        raise DomainError(f"{unit.name} chưa có chi bộ trực thuộc nào để chuyển tiếp.")
    if deadline < today():
        raise DomainError("Hạn nộp của các chi bộ đã qua; hãy chọn một ngày từ hôm nay.")
    if parent.deadline and deadline > parent.deadline:
        raise DomainError(
            f"Hạn nộp của các chi bộ phải trước hạn nộp lên cấp trên ({short_date(parent.deadline)})."
        )
    round = ReportingRound.objects.create(
        committee=unit,
        document=parent.document,
        parent=parent,
        outline=_copy_outline(parent),
        title=parent.title,
        report_title=parent.report_title,
        deadline=deadline,
        deadline_text=f"chậm nhất ngày {short_date(deadline)}",
        created_by=by or parent.created_by,
    )
    _set_targets(round, cells)
    record(
        actor=by,
        action=ReportingAction.ROUND_CASCADED,
        target=round,
        unit=unit,
        after={"parent": parent.pk, "cells": len(cells), "deadline": deadline},
    )
    return open_reporting_round(round, by=by)


def _block(entries: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"{name}: {text}" for name, text in entries)


@transaction.atomic
def consolidate_from_cells(
    parent: ReportingRound, *, unit: Unit, version: int | None, by: User | None
) -> UnitReport:
    """Prefill ``unit``'s report in ``parent`` from its cells' submitted (or accepted) reports
    in its child round, in one step the unit then edits (issue 9 §4):

    - each section gets the cells' texts, attributed ("Chi bộ …: …"), in target order: an
      empty section takes them; a written one keeps its text and gets them appended, unless
      they are already there (consolidating twice adds nothing);
    - each indicator becomes own + cells': ``cells_value`` is the cells' sum and ``value`` the
      unit's own figure (what it had typed, minus any earlier cells' part) plus that sum.

    Needs REPORT or MANAGE on ``unit``; the report must be editable (draft or returned) and
    ``version`` current (StaleEdit). Raises DomainError without a child round or without any
    submitted cell report. Returns the report with its new version.
    """
    _authorize_unit(by, unit)
    child = child_round_of(parent, unit)
    if child is None:
        raise DomainError("Đợt này chưa được chuyển tiếp xuống các chi bộ trực thuộc.")
    report = _editable_report(parent, unit, version)
    order = {t.unit_id: t.position for t in child.targets.all()}
    cell_reports = {
        r.pk: r
        for r in UnitReport.objects.filter(round=child, state__in=SUBMITTED_STATES).select_related(
            "unit"
        )
    }
    if not cell_reports:
        raise DomainError("Chưa có chi bộ nào nộp báo cáo; chưa có gì để tổng hợp.")
    by_section: dict[int, list[tuple[int, str, str]]] = {}
    for section_id, report_id, text in (
        SectionAnswer.objects.filter(report_id__in=cell_reports, section__source__isnull=False)
        .exclude(text="")
        .values_list("section__source_id", "report_id", "text")
    ):
        if section_id is None:  # filtered out above; for the type checker
            continue
        cell = cell_reports[report_id].unit
        by_section.setdefault(section_id, []).append((order.get(cell.pk, 0), cell.name, text))
    own = {a.section_id: a for a in report.answers.all()}
    to_create, to_update = [], []
    for section_id, rows in by_section.items():
        block = _block([(name, text) for _pos, name, text in sorted(rows)])
        answer = own.get(section_id)
        if answer is None:
            to_create.append(SectionAnswer(report=report, section_id=section_id, text=block))
        elif not answer.text.strip():
            answer.text = block
            to_update.append(answer)
        elif block not in answer.text:
            answer.text = f"{answer.text.rstrip()}\n\n{block}"
            to_update.append(answer)
    SectionAnswer.objects.bulk_create(to_create)
    SectionAnswer.objects.bulk_update(to_update, ["text"])
    sums: dict[int, Decimal] = {
        source_id: total
        for source_id, total in IndicatorValue.objects.filter(
            report_id__in=cell_reports, indicator__source__isnull=False
        )
        .order_by()
        .values("indicator__source_id")
        .annotate(total=Sum("value"))
        .values_list("indicator__source_id", "total")
        if source_id is not None
    }
    stored = {v.indicator_id: v for v in report.indicator_values.all()}
    new_values, changed = [], []
    for indicator_id, total in sums.items():
        value = stored.get(indicator_id)
        if value is None:
            new_values.append(
                IndicatorValue(
                    report=report, indicator_id=indicator_id, value=total, cells_value=total
                )
            )
        else:
            value.value = value.own_value + total
            value.cells_value = total
            changed.append(value)
    IndicatorValue.objects.bulk_create(new_values)
    IndicatorValue.objects.bulk_update(changed, ["value", "cells_value"])
    report.consolidated_at = timezone.now()
    report.save(update_fields=["consolidated_at"])
    _bump(report)
    record(
        actor=by,
        action=ReportingAction.REPORT_CONSOLIDATED,
        target=report,
        unit=unit,
        after={
            "child_round": child.pk,
            "cell_reports": len(cell_reports),
            "sections": len(to_create) + len(to_update),
            "indicators": {str(k): str(v) for k, v in sums.items()},
        },
    )
    return report


@transaction.atomic
def assign_section(
    round: ReportingRound, *, section: OutlineSection, unit: Unit | None, by: User | None
) -> OutlineSection:
    """Give one section of a draft round's outline to ``unit`` (None takes it back): that unit
    fills that section only, and is added to the round's targets; the other targets no longer
    see it (e.g. the youth section to the Đoàn Khối). ``unit`` must lie under the round's
    committee. Needs the right to run the round; refused once the round is open."""
    authorize_runner(by, round)
    round = lock(round)
    if not round.is_draft:
        raise StateError("Chỉ giao mục đề cương được trước khi mở đợt báo cáo.")
    if section.outline_id != round.outline_id:
        raise DomainError("Mục này không thuộc đợt báo cáo.")
    if unit is not None and not unit.is_within(round.committee):
        raise DomainError(f"Đơn vị “{unit.name}” không thuộc cấp ủy mở đợt.")
    before = section.assigned_unit.name if section.assigned_unit else None
    section.assigned_unit = unit
    section.save(update_fields=["assigned_unit"])
    if unit is not None and not round.targets.filter(unit=unit).exists():
        last = max(round.targets.values_list("position", flat=True), default=0)
        RoundTarget.objects.create(round=round, unit=unit, unit_name=unit.name, position=last + 1)
    record(
        actor=by,
        action=ReportingAction.SECTION_ASSIGNED,
        target=round,
        unit=round.committee,
        before={"section": section.label, "unit": before},
        after={"section": section.label, "unit": unit.name if unit else None},
    )
    return section
