"""Write functions for reporting rounds (DESIGN.md §4.2–§4.3): prefill a round from a
document, edit its settings and targets, open it, grant lock exceptions, edit its outline
before opening, and remind units that have not reported.

Each is atomic, checks the current state and the domain rules, writes the audit record and
returns what it changed. Views never save these models directly. Unit reports (drafts,
submission, review, attachments) are written in ``services.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.core.dates import today
from lamtheobac.core.errors import DomainError, StaleEdit, StateError
from lamtheobac.documents.models import Document
from lamtheobac.notifications.services import notify_users
from lamtheobac.reporting.models import (
    Indicator,
    Outline,
    OutlineSection,
    ReportingRound,
    ReportState,
    RoundState,
    RoundTarget,
)
from lamtheobac.units.models import Role, RoleGrant, Unit

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
    """The grassroots organisations under ``committee``, in tree order (DESIGN.md §4.2)."""
    return list(Unit.objects.subtree(committee).grassroots().filter(is_active=True).in_tree_order())


@transaction.atomic
def create_round_from_document(*, document: Document, by: Any) -> ReportingRound:
    """Prefill a draft ReportingRound from a plan: outline → sections (guidance as help text),
    the report deadline, targets = the grassroots organisations of the document's owner.

    Raises DomainError when the document has no deadline that could be the report deadline
    and no outline (there is nothing to prefill).
    """
    due, exclusive, words = _pick_report_deadline(document)
    if due is None and not document.outline:
        raise DomainError(
            "Văn bản không có đề cương và không có thời hạn gửi báo cáo; "
            "hãy sửa kết quả trích xuất hoặc tạo đợt báo cáo thủ công."
        )
    outline = _outline_from_tree(document.outline, document)
    title = document.title or document.display_name
    round = ReportingRound.objects.create(
        committee=document.owner,
        document=document,
        outline=outline,
        title=title[:1].upper() + title[1:],
        report_title=f"tổng hợp kết quả {title[:1].lower() + title[1:]}"[:500],
        deadline=due or today() + dt.timedelta(days=14),
        deadline_exclusive=exclusive,
        deadline_text=words,
        created_by=by,
    )
    _set_targets(round, default_targets(document.owner))
    record(
        actor=by,
        action="round.created",
        target=round,
        unit=round.committee,
        after={
            "document": document.number,
            "deadline": round.deadline,
            "targets": round.targets.count(),
        },
    )
    return round


def _set_targets(round: ReportingRound, units: Iterable[Unit]) -> None:
    round.targets.all().delete()
    RoundTarget.objects.bulk_create(
        [
            RoundTarget(round=round, unit=u, unit_name=u.name, position=i)
            for i, u in enumerate(units, start=1)
        ]
    )


def _lock_round(round: ReportingRound, version: int | None = None) -> ReportingRound:
    locked = ReportingRound.objects.select_for_update().get(pk=round.pk)
    if version is not None and locked.version != version:
        raise StaleEdit()
    return locked


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
    by: Any,
) -> ReportingRound:
    """Edit a round's settings. Targets change only before the round opens (they are fixed
    at opening so later tree changes do not rewrite who was late). Raises StaleEdit when
    ``version`` is not the current one, DomainError for a lock date before the deadline."""
    round = _lock_round(round, version)
    if round.state == RoundState.CLOSED:
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
            if round.state != RoundState.DRAFT:
                raise StateError(
                    "Danh sách đơn vị phải báo cáo đã cố định khi mở đợt; không thay đổi được."
                )
            outside = [u for u in units if not u.is_within(round.committee)]
            if outside:
                raise DomainError(f"Đơn vị “{outside[0].name}” không thuộc cấp ủy mở đợt.")
            _set_targets(round, units)
            after["targets"] = len(units)
    record(
        actor=by,
        action="round.updated",
        target=round,
        unit=round.committee,
        before=before,
        after=after,
    )
    return round


@transaction.atomic
def open_reporting_round(round: ReportingRound, *, by: Any) -> ReportingRound:
    """DRAFT → OPEN: fixes the target list (names as of now) and lets units report."""
    round = _lock_round(round)
    if round.state != RoundState.DRAFT:
        raise StateError("Đợt báo cáo đã được mở.")
    targets = list(round.targets.select_related("unit"))
    if not targets:
        raise DomainError("Chưa chọn đơn vị nào phải báo cáo.")
    if not round.outline.sections.exists():
        raise DomainError("Đề cương chưa có mục nào; hãy thêm ít nhất một mục.")
    for t in targets:
        t.unit_name = t.unit.name
    RoundTarget.objects.bulk_update(targets, ["unit_name"])
    round.state = RoundState.OPEN
    round.opened_at = timezone.now()
    round.version += 1
    round.save()
    record(
        actor=by,
        action="round.opened",
        target=round,
        unit=round.committee,
        before={"state": RoundState.DRAFT},
        after={"state": RoundState.OPEN, "targets": len(targets)},
    )
    return round


@transaction.atomic
def set_lock_exception(
    round: ReportingRound, *, unit: Unit, until: dt.date | None, by: Any
) -> RoundTarget:
    """Let one unit enter data until ``until`` despite the round's lock date (None removes it)."""
    target = RoundTarget.objects.select_for_update().filter(round=round, unit=unit).first()
    if target is None:
        raise DomainError("Đơn vị này không thuộc danh sách phải báo cáo.")
    before = target.lock_exception_until
    target.lock_exception_until = until
    target.save(update_fields=["lock_exception_until"])
    record(
        actor=by,
        action="round.lock_exception",
        target=round,
        unit=unit,
        before={"until": before},
        after={"until": until},
    )
    return target


# --- outline editing (before opening) --------------------------------------------------


def _require_draft(round: ReportingRound) -> None:
    if round.state != RoundState.DRAFT:
        raise StateError("Đề cương chỉ sửa được trước khi mở đợt báo cáo.")


@transaction.atomic
def save_section(
    round: ReportingRound,
    *,
    section: OutlineSection | None,
    number: str,
    heading: str,
    guidance: str,
    depth: int,
    by: Any,
) -> OutlineSection:
    """Add (``section`` None, appended at the end) or edit one outline section of a draft round."""
    round = _lock_round(round)
    _require_draft(round)
    if not heading.strip():
        raise DomainError("Đề mục không được để trống.")
    if section is None:
        last = round.outline.sections.aggregate(m=Max("position"))["m"] or 0
        section = OutlineSection(outline=round.outline, position=last + 1)
    elif section.outline_id != round.outline_id:
        raise DomainError("Mục này không thuộc đợt báo cáo.")
    before = {"number": section.number, "heading": section.heading, "guidance": section.guidance}
    section.number = number.strip()[:16]
    section.heading = heading.strip()
    section.guidance = guidance.strip()
    section.depth = max(1, min(depth, 3))
    section.save()
    record(
        actor=by,
        action="round.section_saved",
        target=round,
        unit=round.committee,
        before=before,
        after={"number": section.number, "heading": section.heading},
    )
    return section


@transaction.atomic
def remove_section(round: ReportingRound, *, section: OutlineSection, by: Any) -> None:
    round = _lock_round(round)
    _require_draft(round)
    if section.outline_id != round.outline_id:
        raise DomainError("Mục này không thuộc đợt báo cáo.")
    record(
        actor=by,
        action="round.section_removed",
        target=round,
        unit=round.committee,
        before={"number": section.number, "heading": section.heading},
    )
    section.delete()


@transaction.atomic
def add_indicator(
    round: ReportingRound, *, section: OutlineSection, name: str, unit_label: str, by: Any
) -> Indicator:
    """Add a numeric indicator (chỉ tiêu) to a section of a draft round."""
    round = _lock_round(round)
    _require_draft(round)
    if section.outline_id != round.outline_id:
        raise DomainError("Mục này không thuộc đợt báo cáo.")
    if not name.strip():
        raise DomainError("Tên chỉ tiêu không được để trống.")
    last = section.indicators.aggregate(m=Max("position"))["m"] or 0
    indicator = Indicator.objects.create(
        section=section, name=name.strip(), unit_label=unit_label.strip(), position=last + 1
    )
    record(
        actor=by,
        action="round.indicator_added",
        target=round,
        unit=round.committee,
        after={"name": indicator.name},
    )
    return indicator


@transaction.atomic
def remove_indicator(round: ReportingRound, *, indicator: Indicator, by: Any) -> None:
    round = _lock_round(round)
    _require_draft(round)
    if indicator.section.outline_id != round.outline_id:
        raise DomainError("Chỉ tiêu này không thuộc đợt báo cáo.")
    record(
        actor=by,
        action="round.indicator_removed",
        target=round,
        unit=round.committee,
        before={"name": indicator.name},
    )
    indicator.delete()


# --- reminders ------------------------------------------------------------------------


@transaction.atomic
def send_reminders(round: ReportingRound, *, by: Any) -> int:
    """Notify (and e-mail) the staff of every target unit that has not submitted yet.
    Returns the number of units reminded."""
    submitted = set(
        round.reports.filter(state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED]).values_list(
            "unit_id", flat=True
        )
    )
    pending = [t for t in round.targets.select_related("unit") if t.unit_id not in submitted]
    grants = RoleGrant.objects.filter(
        unit_id__in=[t.unit_id for t in pending], role=Role.UNIT_STAFF
    ).select_related("user")
    users_by_unit: dict[int, list[Any]] = {}
    for g in grants:
        users_by_unit.setdefault(g.unit_id, []).append(g.user)
    for t in pending:
        notify_users(
            users_by_unit.get(t.unit_id, []),
            message=(
                f"Đề nghị {t.unit_name} gửi báo cáo “{round.title}” {round.deadline_display}."
            ),
            url=reverse("reporting:report_edit", args=[round.pk, t.unit_id]),
            subject="Đôn đốc gửi báo cáo",
        )
    record(
        actor=by,
        action="round.reminded",
        target=round,
        unit=round.committee,
        after={"units": len(pending)},
    )
    return len(pending)
