"""The yearly inspection programme: plan, notify (numbered notice), start, conclude with
recommendations that become tasks of the inspected unit, close once they are done
(issue 9 §5; seed 002 §5, seed 004 §II.7)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.urls import reverse

from lamtheobac.audit.models import record
from lamtheobac.core.errors import AccessDenied, DomainError, StateError
from lamtheobac.core.transitions import perform
from lamtheobac.core.vietnamese import nfc
from lamtheobac.inspections.actions import InspectionAction
from lamtheobac.inspections.models import Inspection, InspectionProgramme, Recommendation
from lamtheobac.registers.actions.registers import register_document
from lamtheobac.tasks.actions.tasks import TaskDraft, create_task, may_assign
from lamtheobac.tasks.models import Origin
from lamtheobac.units.models import Unit, UnitKind

PROGRAMME_KINDS = (UnitKind.COMMITTEE, UnitKind.GRASSROOTS_COMMITTEE)


def _check(by: Any, committee: Unit) -> None:
    if not may_assign(by, committee):
        raise AccessDenied()


def _transition(inspection: Inspection, name: str) -> str:
    """The committee's or the grassroots committee's variant of transition ``name``."""
    committee = inspection.programme.committee
    return name if committee.kind == UnitKind.COMMITTEE else f"{name}_grassroots"


@transaction.atomic
def create_programme(
    *, committee: Unit, year: int, by: Any, title: str = ""
) -> InspectionProgramme:
    """The committee's programme for ``year`` (returned as is when it exists)."""
    if committee.kind not in PROGRAMME_KINDS:
        raise DomainError("Chỉ cấp ủy và đảng ủy cơ sở có chương trình kiểm tra, giám sát.")
    _check(by, committee)
    programme, created = InspectionProgramme.objects.get_or_create(
        committee=committee,
        year=year,
        defaults={"title": nfc(title) or f"Chương trình kiểm tra, giám sát năm {year}"},
    )
    if created:
        record(
            actor=by,
            action=InspectionAction.PROGRAMME_CREATED,
            target=programme,
            unit=committee,
            after={"year": year},
        )
    return programme


@transaction.atomic
def plan_inspection(
    *,
    programme: InspectionProgramme,
    target: Unit,
    subject: str,
    start: dt.date,
    end: dt.date,
    by: Any,
    team: str = "",
    kind: str = "inspection",
) -> Inspection:
    """Add an inspection to the programme. The target must lie under the committee and the
    dates inside the programme's year, start ≤ end (DomainError otherwise)."""
    committee = programme.committee
    _check(by, committee)
    if not target.is_within(committee) or target.pk == committee.pk:
        raise DomainError(f"“{target.name}” không thuộc {committee.name}.")
    if not nfc(subject).strip():
        raise DomainError("Nội dung kiểm tra không được để trống.")
    if end < start:
        raise DomainError("Ngày kết thúc phải sau ngày bắt đầu.")
    if start.year != programme.year:
        raise DomainError(f"Cuộc kiểm tra phải bắt đầu trong năm {programme.year}.")
    inspection = Inspection.objects.create(
        programme=programme,
        kind=kind,
        target=target,
        subject=nfc(subject).strip(),
        team=nfc(team).strip(),
        start=start,
        end=end,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record(
        actor=by,
        action=InspectionAction.PLANNED,
        target=inspection,
        unit=committee,
        after={
            "target": target.name,
            "subject": inspection.subject,
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
    )
    return inspection


@transaction.atomic
def notify(
    *, inspection: Inspection, by: Any, version: int | None, on: dt.date | None = None
) -> Inspection:
    """Send the notice: it takes the next TB number in the committee's register."""
    committee = inspection.programme.committee
    _check(by, committee)
    entry = None
    if committee.issuer_code:
        entry = register_document(
            unit=committee,
            kind="TB",
            by=by,
            on=on,
            title=f"Thông báo {inspection.get_kind_display().lower()} {inspection.target.name} "
            f"về {inspection.subject}",
            link=reverse("inspections:detail", args=[inspection.pk]),
            recipients=inspection.target.name,
        )
    return perform(
        inspection,
        _transition(inspection, "notify"),
        by=by,
        version=version,
        changes={"notice": entry},
        audit_after={"notice": entry.number if entry else None},
    )


@transaction.atomic
def start(*, inspection: Inspection, by: Any, version: int | None) -> Inspection:
    return perform(inspection, _transition(inspection, "start"), by=by, version=version)


@transaction.atomic
def conclude(
    *,
    inspection: Inspection,
    findings: str,
    conclusions: str,
    recommendations: Sequence[tuple[str, dt.date]],
    by: Any,
    version: int | None,
) -> Inspection:
    """Record findings and conclusions; each (text, due) recommendation becomes a task led
    by the inspected unit, due that day. DomainError without conclusions."""
    if not nfc(conclusions).strip():
        raise DomainError("Cần ghi kết luận của cuộc kiểm tra.")
    committee = inspection.programme.committee
    done = perform(
        inspection,
        _transition(inspection, "conclude"),
        by=by,
        version=version,
        changes={"findings": nfc(findings).strip(), "conclusions": nfc(conclusions).strip()},
        audit_after={"recommendations": len(recommendations)},
    )
    for i, (text, due) in enumerate(recommendations):
        if not nfc(text).strip():
            continue
        (task,) = create_task(
            committee=committee,
            draft=TaskDraft(
                title=f"Khắc phục theo kiến nghị kiểm tra: {nfc(text).strip()}",
                lead=inspection.target,
                due=due,
            ),
            by=by,
            origin=Origin.INSPECTION,
        )
        Recommendation.objects.create(
            inspection=done, text=nfc(text).strip(), due=due, task=task, position=i
        )
    return done


@transaction.atomic
def close(*, inspection: Inspection, by: Any, version: int | None) -> Inspection:
    """Close the inspection once every recommendation's task is done (StateError else)."""
    open_ = inspection.recommendations.filter(
        task__state__in=["not_started", "in_progress"]
    ).count()
    if open_:
        raise StateError(f"Còn {open_} kiến nghị chưa khắc phục xong.")
    return perform(inspection, _transition(inspection, "close"), by=by, version=version)
