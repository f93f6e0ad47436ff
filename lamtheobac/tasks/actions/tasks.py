"""Creating tasks (from a plan's review step, by hand, from an inspection), reporting
progress, reminding the overdue (issue 9 §1; docs/domain.md §5)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lamtheobac.audit.models import AuditEvent, record, unsaved_event
from lamtheobac.core.dates import short_date, today
from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.core.transitions import lock, perform
from lamtheobac.core.uploads import check_upload
from lamtheobac.core.vietnamese import nfc
from lamtheobac.documents.models import Document
from lamtheobac.tasks.actions import TaskAction
from lamtheobac.tasks.models import Origin, Recurrence, Task, TaskFile, TaskReminder, TaskState
from lamtheobac.tasks.proposals import issuing_unit
from lamtheobac.tasks.recurrence import occurrences, plan_year
from lamtheobac.units.models import Role, RoleGrant, Unit, UnitKind
from lamtheobac.units.policy import Action, policy_of

REMIND_EVERY_DAYS = 7


@dataclass
class TaskDraft:
    """What staff confirmed for one task: words, lead, supports, due date or recurrence."""

    title: str
    lead: Unit
    supports: list[Unit] = field(default_factory=list)
    due: dt.date | None = None
    due_exclusive: bool = False
    due_text: str = ""
    recurrence: str = Recurrence.ONCE


def may_assign(by: Any, committee: Unit) -> bool:
    """Committee staff (MANAGE) assign tasks; a grassroots committee's own staff (REPORT on
    it) assign tasks in their organisation. ``by=None`` is the system."""
    if by is None:
        return True
    policy = policy_of(by)
    if policy.can(Action.MANAGE, committee):
        return True
    return committee.kind == UnitKind.GRASSROOTS_COMMITTEE and policy.can(Action.REPORT, committee)


def _check_manage(by: Any, committee: Unit) -> None:
    if not may_assign(by, committee):
        raise AccessDenied()


def _expand(draft: TaskDraft, *, year: int) -> list[tuple[str, dt.date | None, bool]]:
    """(occurrence label, due, exclusive) per concrete task of ``draft``."""
    if draft.recurrence == Recurrence.ONCE:
        return [("", draft.due, draft.due_exclusive)]
    return [(o.label, o.due, False) for o in occurrences(draft.recurrence, year)]


def _create(
    drafts: Sequence[TaskDraft],
    *,
    committee: Unit,
    by: Any,
    plan: Document | None,
    origin: str,
    year: int,
    action: TaskAction,
) -> list[Task]:
    created: list[Task] = []
    events: list[AuditEvent] = []
    for draft in drafts:
        title = nfc(draft.title).strip()
        if not title:
            raise DomainError("Nội dung nhiệm vụ không được để trống.")
        for unit in (draft.lead, *draft.supports):
            if not unit.is_within(committee):
                raise DomainError(f"“{unit.name}” không thuộc {committee.name}.")
        if draft.recurrence == Recurrence.ONCE and draft.due is None and origin != Origin.PLAN:
            raise DomainError(
                "Nhiệm vụ làm một lần cần có hạn; việc thường xuyên chọn “Thường xuyên”."
            )
        series = uuid.uuid4().hex if draft.recurrence != Recurrence.ONCE else ""
        for label, due, exclusive in _expand(draft, year=year):
            task = Task.objects.create(
                committee=committee,
                plan=plan,
                origin=origin,
                title=title,
                lead=draft.lead,
                due=due,
                due_exclusive=exclusive,
                due_text=draft.due_text[:255],
                recurrence=draft.recurrence,
                occurrence=label,
                series=series,
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
            if draft.supports:
                task.supports.set(draft.supports)
            created.append(task)
            events.append(
                unsaved_event(
                    actor=by,
                    action=action,
                    target=task,
                    unit=committee,
                    after={
                        "title": title,
                        "lead": draft.lead.name,
                        "supports": [u.name for u in draft.supports],
                        "due": due.isoformat() if due else None,
                        "recurrence": draft.recurrence,
                        "occurrence": label,
                        "plan": plan.pk if plan else None,
                    },
                )
            )
    AuditEvent.objects.bulk_create(events)
    return created


@transaction.atomic
def create_tasks_from_plan(
    *, document: Document, drafts: Sequence[TaskDraft], by: Any
) -> list[Task]:
    """Turn the reviewed rows of a plan into tasks of the plan's committee, in one write.

    Recurring rows become one task per occurrence in the plan's year (docs/domain.md §5);
    "thường xuyên" one task without a due date. Raises AccessDenied without MANAGE on the
    plan's owner, DomainError for an empty text or a unit outside the committee's tree
    (nothing is stored then). Returns the tasks created, in row order.
    """
    committee = issuing_unit(document)
    _check_manage(by, document.owner)
    if not drafts:
        raise DomainError("Chưa chọn nhiệm vụ nào để theo dõi.")
    year = plan_year(
        date=document.date,
        dues=[d.due for d in document.deadlines.all()],
        title=document.title,
        fallback=today().year,
    )
    return _create(
        drafts,
        committee=committee,
        by=by,
        plan=document,
        origin=Origin.PLAN,
        year=year,
        action=TaskAction.CREATED_FROM_PLAN,
    )


@transaction.atomic
def create_task(
    *,
    committee: Unit,
    draft: TaskDraft,
    by: Any,
    plan: Document | None = None,
    origin: str = Origin.MANUAL,
    year: int | None = None,
) -> list[Task]:
    """Assign one task by hand (or from an inspection's recommendation) in ``committee``'s
    tree; a recurring one becomes its occurrences in ``year`` (default: this year, or the
    due date's). Raises AccessDenied without MANAGE on ``committee``, DomainError for bad
    input. Returns the tasks created."""
    _check_manage(by, committee)
    year = year or (draft.due.year if draft.due else today().year)
    return _create(
        [draft],
        committee=committee,
        by=by,
        plan=plan,
        origin=origin,
        year=year,
        action=TaskAction.CREATED,
    )


def _path(current: str, target: str) -> list[str]:
    if current == target:
        return []
    if target == TaskState.DONE:
        return ["finish"]
    if target == TaskState.IN_PROGRESS:
        return ["start"] if current == TaskState.NOT_STARTED else ["reopen"]
    raise DomainError("Không thể đưa nhiệm vụ về trạng thái “Chưa thực hiện”.")


@transaction.atomic
def update_progress(
    *,
    task: Task,
    state: str,
    result: str,
    by: Any,
    version: int | None,
    files: Iterable[UploadedFile] = (),
) -> Task:
    """The lead unit reports progress: state (in progress / done), a short result, files.

    The lead's staff act with REPORT on the lead; the committee's staff may record it for
    the lead (MANAGE on the committee). Each state change is a declared transition
    (audited ``task.<name>``); a result without a state change is ``task.progress_noted``.
    Raises StaleEdit when ``version`` is not the current one, StateError, AccessDenied,
    DomainError for a bad file (nothing is stored then). Returns the updated task.
    """
    policy = policy_of(by) if by is not None else None
    if policy is None or policy.can(Action.REPORT, task.lead):
        suffix = ""
    elif policy.can(Action.MANAGE, task.committee):
        suffix = "_for_lead"
    else:
        raise AccessDenied()
    checked = [(f, check_upload(f)) for f in files]
    result = nfc(result).strip()
    locked = lock(task, version)
    steps = _path(locked.state, state)
    now = timezone.now()
    if not steps:
        if result == locked.result and not checked:
            return locked
        before = locked.result
        locked.result, locked.progress_at = result, now
        locked.version += 1
        locked.save(update_fields=["result", "progress_at", "version", "updated_at"])
        record(
            actor=by,
            action=TaskAction.PROGRESS_NOTED,
            target=locked,
            unit=locked.lead,
            before={"result": before},
            after={"result": result},
        )
    for name in steps:
        locked = perform(
            locked,
            f"{name}{suffix}",
            by=by,
            changes={"result": result, "progress_at": now},
            unit=locked.lead,
            audit_after={"result": result},
        )
    for upload, info in checked:
        stored = TaskFile(
            task=locked,
            original_name=upload.name or "tep",
            content_type=info.content_type,
            size=info.size,
            sha256=info.sha256,
            uploaded_by=by,
        )
        stored.file.save(upload.name or f"tep.{info.extension}", upload, save=False)
        stored.save()
        record(
            actor=by,
            action=TaskAction.FILE_ATTACHED,
            target=locked,
            unit=locked.lead,
            after={"file": stored.original_name, "sha256": info.sha256},
        )
    return locked


def recipients_for(task: Task) -> list[Any]:
    """Who hears about a task: the lead unit's staff, else the committee's staff."""
    grants = RoleGrant.objects.filter(unit=task.lead, role=Role.UNIT_STAFF).select_related("user")
    users = [g.user for g in grants]
    if not users:
        grants = RoleGrant.objects.filter(
            unit=task.committee, role=Role.COMMITTEE_STAFF
        ).select_related("user")
        users = [g.user for g in grants]
    return list({u.pk: u for u in users}.values())


def remind_overdue(*, on: dt.date | None = None) -> int:
    """Remind the lead of every overdue open task (a notification and an e-mail), at most
    once every 7 days per task; running it twice on a day sends nothing more. Returns the
    number of tasks reminded. Scheduled daily (``remind_overdue_tasks``)."""
    from lamtheobac.notifications.services import notify_users

    day = on or today()
    since = day - dt.timedelta(days=REMIND_EVERY_DAYS - 1)
    recent = TaskReminder.objects.filter(day__gte=since, day__lte=day).values("task_id")
    count = 0
    for task in (
        Task.objects.overdue(day).exclude(pk__in=recent).select_related("lead", "committee")
    ):
        with transaction.atomic():
            _, created = TaskReminder.objects.get_or_create(task=task, day=day)
            if not created:
                continue
            url = reverse("tasks:detail", args=[task.pk])
            notify_users(
                recipients_for(task),
                message=f"Nhiệm vụ quá hạn ({task.due_display}): {task.title[:200]}",
                url=url,
                subject="Nhiệm vụ quá hạn",
            )
            record(
                actor=None,
                action=TaskAction.REMINDED,
                target=task,
                unit=task.lead,
                after={"day": day.isoformat(), "due": short_date(task.due)},
            )
            count += 1
    return count
