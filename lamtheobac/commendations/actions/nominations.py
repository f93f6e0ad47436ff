"""Write functions of nominations on the unit side (docs/domain.md §4.6, §5; issue 4): nominate,
edit the summary, attach and remove dossier files, submit, withdraw.

Each is atomic, checks the caller's right through the one policy (its unit's staff, or the
committee's staff acting for the unit; ``by=None`` is the system), the current state (submit
and withdraw are transitions of ``Nomination.workflow``) and the domain rules, writes the
audit record and the nomination's state log and returns what it changed. ``version``
arguments make a double post change nothing twice (StaleEdit). The committee's review
(return, shortlist, decide, override) is ``review.py``. ``lock_nomination``,
``log_nomination`` and ``log_step`` are shared with ``review.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.commendations import queries, rules
from lamtheobac.commendations.actions import CommendationAction, NominationStep
from lamtheobac.commendations.models import (
    CommendationRound,
    CommendationRoundState,
    DossierItem,
    DossierRequirement,
    Nomination,
    NominationEvent,
    NominationState,
)
from lamtheobac.commendations.scope import nominating_scope
from lamtheobac.core.errors import AccessDenied, DomainError, StaleEdit, StateError
from lamtheobac.core.transitions import lock, perform
from lamtheobac.core.uploads import check_upload
from lamtheobac.notifications import moments
from lamtheobac.units.models import CELL_KINDS, Person, Unit, UnitKind
from lamtheobac.units.policy import Action, policy_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NOMINATING_KINDS = (
    UnitKind.GRASSROOTS_COMMITTEE,
    UnitKind.GRASSROOTS_CELL,
    UnitKind.MASS_ORGANISATION,
)


def _require_unit_side(by: User | None, unit: Unit, round: CommendationRound) -> None:
    """Unit staff of ``unit`` (or committee staff acting for it) may write its nominations
    (the same rights as the ``submit`` and ``withdraw`` transitions)."""
    if by is None:
        return
    policy = policy_of(by)
    if not (policy.can(Action.REPORT, unit) or policy.can(Action.MANAGE, round.committee)):
        raise AccessDenied()


def nominate_forwarded(
    round: CommendationRound, *, pick: Nomination, by: User | None
) -> Nomination:
    """``nominate`` for a pick of a grassroots committee's own round, put forward by it to
    ``round`` (its parent): the same checks and quotas, the summary carried over, the pick
    linked (``forwarded_from``). Call inside the caller's transaction."""
    nomination = nominate(
        round,
        unit=pick.round.committee,
        collective=pick.nominee_unit,
        person=pick.nominee_person,
        summary=pick.summary,
        by=by or pick.created_by,
    )
    nomination.forwarded_from = pick
    nomination.save(update_fields=["forwarded_from"])
    return nomination


def lock_nomination(nomination: Nomination, version: int | None) -> Nomination:
    locked = (
        # Lock the nomination row only: PostgreSQL refuses FOR UPDATE on the nullable side
        # of the outer joins to the nominee.
        Nomination.objects.select_for_update(of=("self",))
        .select_related("round", "unit", "nominee_unit", "nominee_person")
        .get(pk=nomination.pk)
    )
    if version is not None and locked.version != version:
        raise StaleEdit()
    return locked


def log_step(
    nomination: Nomination,
    *,
    by: User | None,
    step: NominationStep,
    from_state: str = "",
    comment: str = "",
) -> None:
    """One entry of the nomination's own state log (shown on its page), in the caller's
    transaction. Transitions are audited by ``perform``; they call only this."""
    NominationEvent.objects.create(
        nomination=nomination,
        actor=by if getattr(by, "is_authenticated", False) else None,
        action=step,
        from_state=from_state,
        to_state=nomination.state,
        comment=comment,
    )


def log_nomination(
    nomination: Nomination,
    *,
    by: User | None,
    step: NominationStep,
    action: CommendationAction,
    comment: str = "",
    before: Any = None,
    after: Any = None,
) -> None:
    """The state log entry and the audit event of a write that is not a transition."""
    log_step(nomination, by=by, step=step, comment=comment)
    record(
        actor=by,
        action=action,
        target=nomination,
        unit=nomination.unit,
        before=before,
        after=after if after is not None else {"state": nomination.state},
        reason=comment,
    )


def _refuse_late(round: CommendationRound) -> None:
    if round.is_past_deadline() and not round.accept_late:
        raise DomainError(
            f"Đã quá hạn gửi hồ sơ đề nghị khen thưởng ({round.deadline_display}). "
            "Liên hệ Ban Tuyên giáo nếu cần được nhận sau hạn."
        )


# --- nominating (unit side) -------------------------------------------------------------


def _check_nominee(
    round: CommendationRound, *, unit: Unit, collective: Unit | None, person: Person | None
) -> None:
    """The nominee lies in ``unit``'s scope on the round's reference date
    (``scope.nominating_scope``, the rule the candidate list is drawn from;
    ``CommendationRound.reference_date``, ngày chốt số liệu; issue 11 §2: the tree and the
    memberships as they were that day): a collective of its subtree in the tree of that
    day, a person it answered for that day. Raises DomainError (Vietnamese) otherwise: a
    cell moved in, or someone who joined, after that day is nominated by the unit it or they
    belonged to then."""
    day = round.reference_date
    scope = nominating_scope(unit, day)
    when = f" vào ngày chốt số liệu của đợt ({day:%d/%m/%Y})" if day is not None else ""
    if collective is not None:
        if not scope.holds_unit(collective):
            raise DomainError(
                f"Tập thể “{collective.name}” không thuộc {unit.name}{when}"
                + ("; đơn vị cấp trên của tập thể ngày đó mới đề nghị được." if when else ".")
            )
        return
    assert person is not None
    if not scope.holds_person(person):
        raise DomainError(
            f"Đồng chí {person.full_name} không thuộc {unit.name}{when}"
            + ("; đơn vị nơi đồng chí sinh hoạt ngày đó mới đề nghị được." if when else ".")
        )


@transaction.atomic
def nominate(
    round: CommendationRound,
    *,
    unit: Unit,
    collective: Unit | None = None,
    person: Person | None = None,
    summary: str = "",
    by: User,
) -> Nomination:
    """Put forward one collective (a unit of ``unit``'s subtree) or one individual (a person
    of it) as a DRAFT nomination of ``unit``, both as they stood on the round's reference
    date (``_check_nominee``: the rule the candidate list shows).

    Refused: a round not open; a nominee outside the subtree of that day; both or neither
    nominee; one already nominated in the round; after the deadline unless staff accept late
    ones; a unit whose member count no quota covers (the 200 gap); over quota, quoting the
    rule.
    Counts against ``unit``'s party members (``queries.quota_member_counts``).
    """
    _require_unit_side(by, unit, round)
    round = lock(round)  # serialises nominations of the round: no quota race
    if round.state != CommendationRoundState.OPEN:
        raise StateError("Đợt khen thưởng chưa mở hoặc đã hết nhận đề nghị.")
    if unit.pk == round.committee_id or not unit.is_within(round.committee):
        raise DomainError("Đơn vị không thuộc cấp ủy mở đợt khen thưởng.")
    # in a grassroots committee's own round its cells nominate (issue 9 §4)
    cell_in_own_round = round.parent_id is not None and unit.kind in CELL_KINDS
    if unit.kind not in NOMINATING_KINDS and not cell_in_own_round:
        raise DomainError(
            "Chỉ cấp ủy cơ sở (hoặc đoàn thể Khối) gửi đề nghị khen thưởng; "
            "chi bộ trực thuộc đề nghị qua đảng ủy cơ sở."
        )
    if (collective is None) == (person is None):
        raise DomainError("Hãy chọn đúng một tập thể hoặc một cá nhân được đề nghị.")
    _check_nominee(round, unit=unit, collective=collective, person=person)
    if collective is not None:
        kind, name = rules.COLLECTIVE, collective.name
        same = Nomination.objects.counted().filter(round=round, nominee_unit=collective)
    else:
        assert person is not None
        kind, name = rules.INDIVIDUAL, person.full_name
        same = Nomination.objects.counted().filter(round=round, nominee_person=person)
    earlier = same.select_related("unit").first()
    if earlier is not None:
        raise DomainError(f"“{name}” đã được {earlier.unit.name} đề nghị trong đợt này.")
    _refuse_late(round)

    counts = queries.quota_counts(Nomination.objects.counted().filter(round=round, unit=unit))
    members = queries.quota_member_counts(round, [unit])[unit.pk]
    applicable, gap = rules.quota_for(list(round.quota_rules.all()), members)
    if gap is not None:
        raise DomainError(gap, code="quota_gap")
    for rule in applicable:
        refusal = rules.check_quota(rule, counts, kind)
        if refusal is not None:
            raise DomainError(refusal, code="over_quota")

    nomination = Nomination.objects.create(
        round=round,
        unit=unit,
        nominee_unit=collective,
        nominee_person=person,
        nominee_name=name[:255],
        summary=summary.strip(),
        created_by=by,
    )
    log_nomination(
        nomination,
        by=by,
        step=NominationStep.NOMINATED,
        action=CommendationAction.NOMINATED,
        after={"state": nomination.state, "nominee": name},
    )
    return nomination


@transaction.atomic
def update_nomination(
    nomination: Nomination, *, summary: str, version: int | None, by: User | None
) -> Nomination:
    """Rewrite the achievement summary of a draft or returned nomination."""
    nomination = lock_nomination(nomination, version)
    _require_unit_side(by, nomination.unit, nomination.round)
    if not nomination.is_editable:
        raise StateError("Đề nghị đã gửi, không sửa được.")
    if nomination.summary == summary.strip():
        return nomination
    before = {"summary": nomination.summary}
    nomination.summary = summary.strip()
    nomination.version += 1
    nomination.save()
    record(
        actor=by,
        action=CommendationAction.NOMINATION_UPDATED,
        target=nomination,
        unit=nomination.unit,
        before=before,
        after={"summary": nomination.summary},
    )
    return nomination


@transaction.atomic
def withdraw_nomination(
    nomination: Nomination, *, reason: str = "", version: int | None = None, by: User | None
) -> Nomination:
    """DRAFT/RETURNED → WITHDRAWN (``nomination.withdraw``): the unit takes its nomination
    back; its quota place is freed and the committee's staff are told."""
    previous = nomination.state
    nomination = perform(nomination, "withdraw", by=by, version=version, reason=reason.strip())
    log_step(
        nomination,
        by=by,
        step=NominationStep.WITHDRAWN,
        from_state=previous,
        comment=reason.strip(),
    )
    moments.nomination_withdrawn(nomination)  # the committee's staff hear of it (issue 14 §6)
    return nomination


@transaction.atomic
def upload_dossier_item(
    nomination: Nomination,
    *,
    requirement: DossierRequirement | None,
    upload: UploadedFile,
    version: int | None = None,
    by: User | None,
) -> DossierItem:
    """Attach one file to a draft or returned nomination, for ``requirement`` (None = other).
    Type by content (pdf, docx, xlsx, jpg, png), at most 20 MB (``check_upload``)."""
    checked = check_upload(upload)
    nomination = lock_nomination(nomination, version)
    _require_unit_side(by, nomination.unit, nomination.round)
    if not nomination.is_editable:
        raise StateError("Đề nghị đã gửi; hồ sơ không thay đổi được.")
    if requirement is not None and requirement.round_id != nomination.round_id:
        raise DomainError("Thành phần hồ sơ này không thuộc đợt khen thưởng.")
    item = DossierItem.store(
        upload,
        checked,
        by=by,
        prefix=str(nomination.pk),
        nomination=nomination,
        requirement=requirement,
    )
    nomination.version += 1
    nomination.save(update_fields=["version", "updated_at"])
    what = requirement.text if requirement else "tài liệu khác"
    log_nomination(
        nomination,
        by=by,
        step=NominationStep.DOSSIER_ITEM_ADDED,
        action=CommendationAction.DOSSIER_ITEM_ADDED,
        comment=f"{what}: {item.original_name}",
        after={"requirement": what, "name": item.original_name, "size": item.size},
    )
    return item


@transaction.atomic
def remove_dossier_item(item: DossierItem, *, by: User | None) -> DossierItem:
    """Mark a file of a draft or returned nomination removed (the file and row are kept)."""
    nomination = lock_nomination(item.nomination, None)
    _require_unit_side(by, nomination.unit, nomination.round)
    if not nomination.is_editable:
        raise StateError("Đề nghị đã gửi; hồ sơ không thay đổi được.")
    item = DossierItem.objects.select_for_update().get(pk=item.pk)
    if item.is_removed:
        return item
    item.mark_removed()
    item.save(update_fields=["removed_at"])
    nomination.version += 1
    nomination.save(update_fields=["version", "updated_at"])
    log_nomination(
        nomination,
        by=by,
        step=NominationStep.DOSSIER_ITEM_REMOVED,
        action=CommendationAction.DOSSIER_ITEM_REMOVED,
        comment=item.original_name,
        before={"name": item.original_name},
        after={"removed": item.original_name},
    )
    return item


@transaction.atomic
def submit_nomination(
    nomination: Nomination,
    *,
    reason: str | None = None,
    version: int | None = None,
    by: User | None,
) -> Nomination:
    """DRAFT/RETURNED → SUBMITTED. With a failed criterion or a missing dossier item it needs
    a written ``reason`` (kept with the issues as they stood). A first submission after the
    deadline is refused unless staff accept late ones (then marked late); a returned one may
    be resubmitted while the committee reviews."""
    nomination = lock_nomination(nomination, version)
    _require_unit_side(by, nomination.unit, nomination.round)
    round = nomination.round
    if not nomination.is_editable:
        raise StateError("Đề nghị đã được gửi.")
    resubmission = nomination.state == NominationState.RETURNED
    if not nomination.round_takes_it:
        raise StateError("Đợt khen thưởng không còn nhận đề nghị.")
    if not nomination.summary.strip():
        raise DomainError("Hãy viết tóm tắt thành tích trước khi gửi.")
    if not resubmission:
        _refuse_late(round)
    issues = queries.nomination_row(nomination).issues()
    reason = (reason or "").strip()
    if issues and not reason:
        raise DomainError(
            "Đề nghị chưa đạt tiêu chuẩn hoặc thiếu hồ sơ; muốn gửi, hãy ghi rõ lý do. "
            + " ".join(issues),
            code="needs_reason",
        )
    previous = nomination.state
    is_late = nomination.is_late if resubmission else round.is_past_deadline()
    submit_reason = reason if issues else ""
    nomination = perform(
        nomination,
        "submit",
        by=by,
        changes={
            "submitted_at": timezone.now(),
            "is_late": is_late,
            "submit_reason": submit_reason,
            "submit_issues": issues,
        },
        reason=submit_reason,
        audit_after={"is_late": is_late, "issues": issues},
    )
    log_step(
        nomination,
        by=by,
        step=NominationStep.SUBMITTED,
        from_state=previous,
        comment=nomination.submit_reason,
    )
    moments.nomination_submitted(nomination)  # the committee's staff hear of it (issue 14 §6)
    return nomination
