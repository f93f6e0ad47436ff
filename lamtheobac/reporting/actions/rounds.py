"""Write functions of reporting rounds (docs/domain.md §4.2–§4.3): prefill a round from a
document, edit its settings and targets, open and close it, grant lock exceptions, and remind
units that have not reported. A draft round's outline is edited in ``outline.py``; unit
reports are written in ``reports.py``.

Each is atomic, needs MANAGE on the round's committee (``by=None`` is the system), checks the
current state (opening and closing are the transitions of ``ReportingRound.workflow``) and
the domain rules, writes the audit record and returns what it changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone

from lamtheobac.audit.models import AuditEvent, record
from lamtheobac.core.dates import VN_TZ, short_date, today
from lamtheobac.core.errors import DomainError, StateError
from lamtheobac.core.transitions import check_allowed, lock, perform
from lamtheobac.core.vietnamese import fold
from lamtheobac.documents.models import Document
from lamtheobac.notifications import moments
from lamtheobac.notifications.services import notify_users
from lamtheobac.reporting.access import authorize_runner
from lamtheobac.reporting.actions import ReportingAction
from lamtheobac.reporting.models import (
    Outline,
    OutlineSection,
    ReportingRound,
    ReportingRoundState,
    RoundTarget,
    UnitReport,
)
from lamtheobac.units.models import Unit, unit_staff
from lamtheobac.units.policy import Action, authorize

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# --- rounds -----------------------------------------------------------------------------


def _pick_report_deadline(document: Document) -> tuple[dt.date | None, bool, str]:
    """The deadline for unit reports: among one-off deadlines (firm ones first), the one whose
    words mention a report, else the earliest. Returns (date, exclusive, words as written)."""
    dated = [d for d in document.deadlines.all() if d.due and not d.frequency]
    # A firm date beats an occasion or a "dự kiến" one.
    dated = [d for d in dated if not d.tentative] or dated
    if not dated:
        return None, False, ""
    about_report = [d for d in dated if "báo cáo" in f"{d.what} {d.text}".lower()]
    chosen = min(about_report or dated, key=lambda d: (d.due, d.position))
    return chosen.due, chosen.exclusive, chosen.text


DEFAULT_LEAD = dt.timedelta(days=30)


def proposed_deadline(document: Document, *, on: dt.date | None = None) -> tuple[dt.date, str]:
    """The deadline to prefill a round from ``document`` with, and a note ("" if none).

    The plan's report deadline when it is still ahead; when it has passed (a round prefilled
    from an old plan, issue 14 §3), today plus the plan's own lead time (its deadline minus its
    date, when that is between 1 and 365 days) or plus 30 days, with a note naming the plan's
    date. Without any deadline in the plan: today + 30 days. Dates in Asia/Ho_Chi_Minh."""
    now = on or today()
    due, _exclusive, _words = _pick_report_deadline(document)
    if due is None:
        return (
            now + DEFAULT_LEAD,
            "Văn bản không nêu hạn gửi báo cáo; đề xuất hạn 30 ngày từ hôm nay.",
        )
    if due >= now:
        return due, ""
    lead = due - document.date if document.date else None
    if lead is None or not dt.timedelta(days=1) <= lead <= dt.timedelta(days=365):
        lead = DEFAULT_LEAD
    proposed = now + lead
    return proposed, (
        f"Hạn trong văn bản ({short_date(due)}) đã qua; đề xuất hạn mới {short_date(proposed)} "
        f"(hôm nay cộng {lead.days} ngày"
        + (" như thời gian văn bản dành cho đơn vị" if lead != DEFAULT_LEAD else "")
        + "). Hãy kiểm tra lại trước khi mở đợt."
    )


def _outline_from_tree(tree: Mapping[str, Any] | None, document: Document | None) -> Outline:
    outline = Outline.objects.create(
        title=(tree or {}).get("title", "") if tree else "", source_document=document
    )
    position = 0

    def add(nodes: Iterable[Mapping[str, Any]], parent: OutlineSection | None, depth: int) -> None:
        nonlocal position
        for node in nodes:
            position += 1
            section = OutlineSection.objects.create(
                outline=outline,
                parent=parent,
                number=str(node.get("number") or "")[:16],
                heading=node.get("heading") or "",
                guidance=node.get("guidance") or "",
                depth=min(depth, 3),
                position=position,
            )
            add(node.get("children") or [], section, depth + 1)

    if tree:
        add(tree.get("sections") or [], None, 1)
    return outline


def default_targets(committee: Unit) -> list[Unit]:
    """The grassroots organisations under ``committee``, in tree order (docs/domain.md §4.2)."""
    return list(Unit.objects.subtree(committee).grassroots().filter(is_active=True).in_tree_order())


@transaction.atomic
def create_round_from_document(*, document: Document, by: User) -> ReportingRound:
    """Prefill a draft ReportingRound from a plan: outline → sections (guidance as help text),
    the report deadline, targets = the grassroots organisations of the document's owner.

    A plan deadline that has passed is replaced by ``proposed_deadline`` (today + the plan's
    lead time; the round-edit page shows why, ``stale_plan_deadline``). Needs MANAGE on the
    document's owner. Raises DomainError when the document has no deadline that could be the
    report deadline and no outline (there is nothing to prefill).
    """
    authorize(by, Action.MANAGE, document.owner)
    due, exclusive, words = _pick_report_deadline(document)
    if due is None and not document.outline:
        raise DomainError(
            "Văn bản không có đề cương và không có thời hạn gửi báo cáo; "
            "hãy sửa kết quả trích xuất hoặc tạo đợt báo cáo thủ công."
        )
    outline = _outline_from_tree(document.outline, document)
    deadline, _note = proposed_deadline(document)  # the plan's words ("trước ngày") are kept
    title = document.title or document.display_name
    round = ReportingRound.objects.create(
        committee=document.owner,
        document=document,
        outline=outline,
        title=title[:1].upper() + title[1:],
        report_title=f"tổng hợp kết quả {title[:1].lower() + title[1:]}"[:500],
        deadline=deadline,
        deadline_exclusive=exclusive,
        deadline_text=words,
        created_by=by,
    )
    _set_targets(round, default_targets(document.owner))
    record(
        actor=by,
        action=ReportingAction.ROUND_CREATED,
        target=round,
        unit=round.committee,
        after={
            "document": document.number,
            "deadline": round.deadline,
            "plan_deadline": due,
            "targets": round.targets.count(),
        },
    )
    return round


def stale_plan_deadline(round: ReportingRound) -> str:
    """The note to show on a draft round prefilled from a plan whose deadline had passed ("" when
    the round's deadline is the plan's own, or the round is no longer a draft)."""
    if not round.is_draft or round.document is None:
        return ""
    due, _exclusive, _words = _pick_report_deadline(round.document)
    if due is None or due >= today() or round.deadline == due:
        return ""
    return (
        f"Hạn trong văn bản ({short_date(due)}) đã qua; hạn nộp của đợt được đề xuất tính từ "
        "hôm nay. Hãy kiểm tra lại trước khi mở đợt."
    )


def unassign_sections(removed: Iterable[tuple[int, int]], *, heir: Unit | None = None) -> list[str]:
    """Give back every outline section assigned (``OutlineSection.assigned_unit``) to a unit
    that is no longer a target of the round: ``removed`` is (round id, unit id) pairs of
    targets just removed, by staff editing a draft round's targets or by a merge, split or
    dissolution (``structure.actions.rounds.retarget_running_rounds``). The section then
    goes back to every target, as one never assigned — or, with ``heir`` (the unit a merge
    made, which the caller has made a target of those rounds), to that unit, which takes
    over the merged units' duties (domain §4.2). Call inside the caller's transaction;
    returns the labels of the sections given back or handed over. No query when nothing was
    removed, one when none of those rounds assigns a section, two otherwise, however many
    pairs."""
    pairs = set(removed)
    if not pairs:
        return []
    assigned = (
        OutlineSection.objects.filter(
            outline__round__id__in={round_id for round_id, _ in pairs},
            assigned_unit__isnull=False,
        )
        .annotate(round_id=F("outline__round__id"))
        .order_by("outline_id", "position")
    )
    sections = [s for s in assigned if (s.round_id, s.assigned_unit_id) in pairs]
    if sections:
        OutlineSection.objects.filter(pk__in=[s.pk for s in sections]).update(assigned_unit=heir)
    return [s.label for s in sections]


def _set_targets(round: ReportingRound, units: Iterable[Unit]) -> list[str]:
    """Replace the targets of a draft round by ``units`` (in that order); the sections
    assigned to a unit no longer asked are given back (``unassign_sections``), their labels
    returned."""
    units = list(units)
    kept = {u.pk for u in units}
    gone = [(round.pk, pk) for pk in round.targets.values_list("unit_id", flat=True)]
    released = unassign_sections((r, pk) for r, pk in gone if pk not in kept)
    round.targets.all().delete()
    RoundTarget.objects.bulk_create(
        [
            RoundTarget(round=round, unit=u, unit_name=u.name, position=i)
            for i, u in enumerate(units, start=1)
        ]
    )
    return released


@transaction.atomic
def update_round(
    round: ReportingRound,
    *,
    title: str,
    report_title: str,
    deadline: dt.date,
    deadline_exclusive: bool,
    lock_date: dt.date | None,
    target_units: Iterable[Unit] | None,
    version: int,
    by: User | None,
) -> ReportingRound:
    """Edit a round's settings. Targets change only before the round opens (they are fixed
    at opening so later tree changes do not rewrite who was late). Raises StaleEdit when
    ``version`` is not the current one, DomainError for a lock date before the deadline."""
    authorize_runner(by, round)
    round = lock(round, version)
    if round.state == ReportingRoundState.CLOSED:
        raise StateError("Đợt báo cáo đã kết thúc, không sửa được.")
    if lock_date and lock_date < deadline:
        raise DomainError("Ngày khóa nhập liệu không được trước hạn nộp.")
    before = {
        "title": round.title,
        "deadline": round.deadline,
        "deadline_exclusive": round.deadline_exclusive,
        "lock_date": round.lock_date,
    }
    round.title = title.strip()
    round.report_title = report_title.strip()
    round.deadline = deadline
    round.deadline_exclusive = deadline_exclusive
    round.lock_date = lock_date
    round.version += 1
    round.save()
    after: dict[str, Any] = {
        "title": round.title,
        "deadline": round.deadline,
        "deadline_exclusive": round.deadline_exclusive,
        "lock_date": round.lock_date,
    }
    if target_units is not None:
        units = list(target_units)
        current = set(round.targets.values_list("unit_id", flat=True))
        if {u.pk for u in units} != current:
            if round.state != ReportingRoundState.DRAFT:
                raise StateError(
                    "Danh sách đơn vị phải báo cáo đã cố định khi mở đợt; không thay đổi được."
                )
            outside = [u for u in units if not u.is_within(round.committee)]
            if outside:
                raise DomainError(f"Đơn vị “{outside[0].name}” không thuộc cấp ủy mở đợt.")
            released = _set_targets(round, units)
            after["targets"] = len(units)
            if released:
                after["sections_unassigned"] = released
    record(
        actor=by,
        action=ReportingAction.ROUND_UPDATED,
        target=round,
        unit=round.committee,
        before=before,
        after=after,
    )
    return round


@transaction.atomic
def open_reporting_round(round: ReportingRound, *, by: User | None) -> ReportingRound:
    """DRAFT → OPEN (transition ``reporting_round.open``): fixes the target list (names as of
    now) and lets units report. Refused without targets or without an outline section."""
    round = lock(round)
    check_allowed(round, "open", by=by)
    targets = list(round.targets.select_related("unit"))
    if not targets:
        raise DomainError("Chưa chọn đơn vị nào phải báo cáo.")
    if not round.outline.sections.exists():
        raise DomainError("Đề cương chưa có mục nào; hãy thêm ít nhất một mục.")
    for t in targets:
        t.unit_name = t.unit.name
        t.search_name = fold(t.unit_name)
    RoundTarget.objects.bulk_update(targets, ["unit_name", "search_name"], batch_size=1000)
    round = perform(
        round,
        "open",
        by=by,
        changes={"opened_at": timezone.now()},
        audit_after={"targets": len(targets)},
    )
    moments.reporting_round_opened(round)  # the target units' staff hear of it (issue 14 §6)
    return round


@transaction.atomic
def close_reporting_round(
    round: ReportingRound, *, version: int | None = None, by: User | None
) -> ReportingRound:
    """OPEN → CLOSED (transition ``reporting_round.close``): the committee ends the round.
    Units can no longer save or submit; what was submitted stays readable and consolidated.
    Drafts never submitted stay drafts (the matrix shows them as not reported)."""
    return perform(
        round,
        "close",
        by=by,
        version=version,
        changes={"closed_at": timezone.now()},
        audit_after={
            "submitted": UnitReport.objects.filter(round=round).submitted_or_later().count()
        },
    )


@transaction.atomic
def set_lock_exception(
    round: ReportingRound, *, unit: Unit, until: dt.date | None, by: User | None
) -> RoundTarget:
    """Let one unit enter data until ``until`` despite the round's lock date (None removes it)."""
    authorize_runner(by, round)
    target = RoundTarget.objects.select_for_update().filter(round=round, unit=unit).first()
    if target is None:
        raise DomainError("Đơn vị này không thuộc danh sách phải báo cáo.")
    before = target.lock_exception_until
    target.lock_exception_until = until
    target.save(update_fields=["lock_exception_until"])
    record(
        actor=by,
        action=ReportingAction.LOCK_EXCEPTION,
        target=round,
        unit=unit,
        before={"until": before},
        after={"until": until},
    )
    return target


# --- reminders ------------------------------------------------------------------------


def _pending_targets(
    round: ReportingRound, units: Collection[int] | None = None
) -> list[RoundTarget]:
    """Targets that have not submitted, among ``units`` (unit ids) when given."""
    submitted = set(
        UnitReport.objects.filter(round=round)
        .submitted_or_later()
        .values_list("unit_id", flat=True)
    )
    wanted = set(units) if units is not None else None
    return [
        t
        for t in round.targets.select_related("unit")
        if t.unit_id not in submitted and (wanted is None or t.unit_id in wanted)
    ]


def reminder_events(round: ReportingRound) -> QuerySet[AuditEvent]:
    """The audit events of the reminders sent in ``round`` within the last
    ``settings.REMINDER_REPEAT_HOURS`` hours (each names its units: ``after["unit_ids"]``)."""
    since = timezone.now() - dt.timedelta(hours=settings.REMINDER_REPEAT_HOURS)
    return AuditEvent.objects.filter(
        action=ReportingAction.REMINDED,
        target_type=round._meta.label_lower,
        target_id=str(round.pk),
        at__gte=since,
    )


def recently_reminded(round: ReportingRound) -> dict[int, dt.datetime]:
    """Unit id → when it was last reminded in ``round``, within the last
    ``settings.REMINDER_REPEAT_HOURS`` hours (read from the audit trail, one query)."""
    events = reminder_events(round).order_by("at")
    last: dict[int, dt.datetime] = {}
    for event in events.only("at", "after"):
        for unit_id in (event.after or {}).get("unit_ids", []):
            last[int(unit_id)] = event.at
    return last


def units_to_remind(
    round: ReportingRound, units: Collection[int] | None = None
) -> list[RoundTarget]:
    """Target units (among ``units``, unit ids, when given) that have not submitted and were
    not reminded within the repeat window: whom ``send_reminders`` would remind now (the
    confirmation counts them)."""
    recent = recently_reminded(round)
    return [t for t in _pending_targets(round, units) if t.unit_id not in recent]


@transaction.atomic
def send_reminders(
    round: ReportingRound, *, by: User | None, units: Collection[int] | None = None
) -> int:
    """Notify (and e-mail) the staff of every target unit that has not submitted yet and was
    not reminded in the last ``settings.REMINDER_REPEAT_HOURS`` hours (default 6; issue 14 §2:
    a double click must not remind twice); only those among ``units`` (unit ids; the matrix's
    selection or filter) when given. Returns the number of units reminded; the audit
    event keeps their ids. Raises DomainError when every pending unit was reminded within the
    window (or none is pending); nothing is sent then. Needs MANAGE on the round's committee."""
    authorize_runner(by, round)
    lock(round)  # two clicks at once: the second waits and then sees the first's audit event
    pending = _pending_targets(round, units)
    if not pending:
        raise DomainError("Tất cả đơn vị đã nộp báo cáo; không có ai cần nhắc nhở.")
    recent = recently_reminded(round)
    to_remind = [t for t in pending if t.unit_id not in recent]
    if not to_remind:
        last = timezone.localtime(max(recent[t.unit_id] for t in pending), VN_TZ)
        again = last + dt.timedelta(hours=settings.REMINDER_REPEAT_HOURS)
        raise DomainError(
            f"Đã gửi nhắc nhở tới {len(pending)} đơn vị chưa nộp lúc {last:%H:%M} ngày "
            f"{short_date(last.date())}; chỉ gửi lại sau {settings.REMINDER_REPEAT_HOURS} giờ "
            f"(từ {again:%H:%M} ngày {short_date(again.date())})."
        )
    staff = unit_staff(t.unit for t in to_remind)
    for t in to_remind:
        notify_users(
            staff[t.unit_id],
            message=(
                f"Đề nghị {t.unit_name} gửi báo cáo “{round.title}” {round.deadline_display}."
            ),
            url=reverse("reporting:report_edit", args=[round.pk, t.unit_id]),
            subject="Đôn đốc gửi báo cáo",
        )
    record(
        actor=by,
        action=ReportingAction.REMINDED,
        target=round,
        unit=round.committee,
        after={"units": len(to_remind), "unit_ids": [t.unit_id for t in to_remind]},
    )
    return len(to_remind)
