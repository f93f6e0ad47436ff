"""Exemplars (mẫu 03) and exemplary models: register, approve, evaluate, nominate.

Seed 002 §II.2.3: each grassroots organisation builds 01–02 exemplary collectives and
02–03 individuals a year; "Việc lựa chọn, xây dựng mô hình tiêu biểu phải được cấp ủy xét
duyệt, thông qua trước khi tổ chức thực hiện và tổng hợp báo cáo cấp trên" — a model counts
only once the organisation's committee approved it. Seed 004 §II.5: models evaluated at
year end (effective / replicated / stopped).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.core.errors import DomainError, StateError
from lamtheobac.core.transitions import lock, perform
from lamtheobac.core.uploads import check_upload
from lamtheobac.core.vietnamese import nfc
from lamtheobac.pledges.actions import AuditAction
from lamtheobac.pledges.models import (
    Exemplar,
    ExemplarState,
    ExemplaryModel,
    ModelFile,
    ModelOutcome,
    ModelState,
    NomineeKind,
)
from lamtheobac.pledges.queries import exemplar_quota
from lamtheobac.units.models import GRASSROOTS_KINDS, Person, Unit, UnitKind
from lamtheobac.units.policy import Action, authorize

ORGANISATION_KINDS = (*GRASSROOTS_KINDS, UnitKind.MASS_ORGANISATION)


def organisation_of(unit: Unit) -> Unit:
    """The grassroots organisation (đảng bộ / chi bộ cơ sở, or a mass organisation) that
    ``unit`` belongs to: the nearest such ancestor or itself. DomainError if none."""
    step = Unit.steplen
    paths = [unit.path[:end] for end in range(step, len(unit.path) + 1, step)]
    found = Unit.objects.filter(path__in=paths, kind__in=ORGANISATION_KINDS).order_by("-depth")
    first = found.first()
    if first is None:
        raise DomainError(f"{unit.name} không thuộc tổ chức cơ sở đảng nào.")
    return first


# -- exemplars --------------------------------------------------------------------------


@transaction.atomic
def propose_exemplar(
    *,
    organisation: Unit,
    year: int,
    by: Any,
    collective: Unit | None = None,
    person: Person | None = None,
    achievements: str = "",
) -> Exemplar:
    """Register a collective (a unit of the organisation's subtree) or an individual (a
    person of it) as an exemplar of ``year``; needs REPORT on ``organisation``.

    Refused (DomainError): not a grassroots organisation; both or neither nominee; a
    nominee outside the subtree or already registered; over the year's quota, quoting it.
    """
    authorize(by, Action.REPORT, organisation)
    if organisation.kind not in ORGANISATION_KINDS:
        raise DomainError("Gương điển hình do tổ chức cơ sở đảng đăng ký.")
    if (collective is None) == (person is None):
        raise DomainError("Hãy chọn đúng một tập thể hoặc một cá nhân.")
    Unit.objects.select_for_update().filter(pk=organisation.pk).first()  # serialise the quota
    kind = NomineeKind.COLLECTIVE if collective else NomineeKind.INDIVIDUAL
    active = Exemplar.objects.filter(organisation=organisation, year=year, kind=kind).exclude(
        state=ExemplarState.WITHDRAWN
    )
    if collective is not None:
        if not collective.is_within(organisation):
            raise DomainError(f"Tập thể “{collective.name}” không thuộc {organisation.name}.")
        if active.filter(collective=collective).exists():
            raise DomainError(f"“{collective.name}” đã được đăng ký năm {year}.")
    else:
        assert person is not None
        if not Unit.objects.get(pk=person.unit_id).is_within(organisation):
            raise DomainError(f"Đồng chí {person.full_name} không thuộc {organisation.name}.")
        if active.filter(person=person).exists():
            raise DomainError(f"Đồng chí {person.full_name} đã được đăng ký năm {year}.")
    low, high = exemplar_quota(organisation, year)[kind]
    if active.count() >= high:
        label = "tập thể" if kind == NomineeKind.COLLECTIVE else "cá nhân"
        raise DomainError(
            f"Đã đủ {high} {label} điển hình năm {year} (chỉ tiêu {low:02d} - {high:02d} "
            f"{label}, Kế hoạch thực hiện Kết luận 01-KL/TW, mục II.3)."
        )
    exemplar = Exemplar.objects.create(
        organisation=organisation,
        year=year,
        kind=kind,
        collective=collective,
        person=person,
        achievements=nfc(achievements).strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record(
        actor=by,
        action=AuditAction.EXEMPLAR_PROPOSED,
        target=exemplar,
        unit=organisation,
        after={"kind": kind, "name": exemplar.nominee_name},
    )
    return exemplar


def approve_exemplar(*, exemplar: Exemplar, by: Any, version: int | None) -> Exemplar:
    """PROPOSED → APPROVED by the organisation's committee (its unit staff)."""
    return perform(exemplar, "approve", by=by, version=version)


def withdraw_exemplar(
    *, exemplar: Exemplar, by: Any, version: int | None, reason: str = ""
) -> Exemplar:
    """PROPOSED/APPROVED → WITHDRAWN; frees its quota place."""
    return perform(exemplar, "withdraw", by=by, version=version, reason=nfc(reason).strip())


@transaction.atomic
def nominate_exemplars(*, round: Any, exemplars: Sequence[Exemplar], by: Any) -> list[Any]:
    """Put approved exemplars into commendation round ``round`` as DRAFT nominations of their
    organisation, through ``commendations.actions.nominations.nominate`` (its quota, deadline and
    eligibility rules apply). All or nothing. Refused: an exemplar not approved or already
    nominated (DomainError), any refusal of ``nominate``.
    """
    from lamtheobac.commendations.actions.nominations import nominate

    nominations = []
    for exemplar in exemplars:
        exemplar = lock(exemplar)
        if exemplar.state != ExemplarState.APPROVED:
            raise StateError(f"“{exemplar.nominee_name}” chưa được cấp ủy thông qua.")
        if exemplar.nomination_id is not None:
            raise DomainError(f"“{exemplar.nominee_name}” đã được đề nghị khen thưởng.")
        organisation = Unit.objects.get(pk=exemplar.organisation_id)
        nomination = nominate(
            round,
            unit=organisation,
            collective=exemplar.collective,
            person=exemplar.person,
            summary=exemplar.achievements,
            by=by,
        )
        exemplar.nomination = nomination
        exemplar.version += 1
        exemplar.save(update_fields=["nomination", "version"])
        record(
            actor=by,
            action=AuditAction.EXEMPLAR_NOMINATED,
            target=exemplar,
            unit=organisation,
            after={"round": round.pk, "nomination": nomination.pk},
        )
        nominations.append(nomination)
    return nominations


# -- exemplary models -------------------------------------------------------------------

_MODEL_FIELDS = ("name", "field", "started_on", "description", "results")


def _clean_model_fields(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {
        k: (nfc(v).strip() if isinstance(v, str) else v)
        for k, v in values.items()
        if k in _MODEL_FIELDS
    }
    if "name" in cleaned and not cleaned["name"]:
        raise DomainError("Hãy ghi tên mô hình.")
    return cleaned


@transaction.atomic
def register_model(
    *,
    unit: Unit,
    year: int,
    by: Any,
    name: str,
    field: str = "",
    started_on: dt.date | None = None,
    description: str = "",
    results: str = "",
) -> ExemplaryModel:
    """A DRAFT model of ``unit`` (REPORT on it), under its grassroots organisation."""
    authorize(by, Action.REPORT, unit)
    values = _clean_model_fields(
        {
            "name": name,
            "field": field,
            "started_on": started_on,
            "description": description,
            "results": results,
        }
    )
    model = ExemplaryModel.objects.create(
        organisation=organisation_of(unit),
        unit=unit,
        year=year,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **values,
    )
    record(
        actor=by,
        action=AuditAction.MODEL_REGISTERED,
        target=model,
        unit=unit,
        after={"name": model.name},
    )
    return model


@transaction.atomic
def update_model(
    *, model: ExemplaryModel, by: Any, version: int | None, **values: Any
) -> ExemplaryModel:
    """Edit name, field, start date, description or results; drafts and returned models by
    the unit, approved ones' results too (figures grow during the year)."""
    model = lock(model, version)
    authorize(by, Action.REPORT, Unit.objects.get(pk=model.unit_id))
    cleaned = _clean_model_fields(values)
    if model.state == ModelState.APPROVED:
        cleaned = {k: v for k, v in cleaned.items() if k == "results"}
    elif model.state not in (ModelState.DRAFT, ModelState.RETURNED):
        raise StateError("Mô hình đang chờ duyệt hoặc đã đánh giá; không sửa được.")
    before = {k: str(getattr(model, k)) for k in cleaned}
    for k, v in cleaned.items():
        setattr(model, k, v)
    model.version += 1
    model.save(update_fields=[*cleaned, "version", "updated_at"])
    record(
        actor=by,
        action=AuditAction.MODEL_EDITED,
        target=model,
        unit=model.unit,
        before=before,
        after={k: str(v) for k, v in cleaned.items()},
    )
    return model


def submit_model(*, model: ExemplaryModel, by: Any, version: int | None) -> ExemplaryModel:
    """DRAFT/RETURNED → SUBMITTED: sent to the organisation's committee for approval."""
    return perform(model, "submit", by=by, version=version, changes={"return_comment": ""})


def approve_model(*, model: ExemplaryModel, by: Any, version: int | None) -> ExemplaryModel:
    """SUBMITTED → APPROVED by the organisation's committee; from now on it counts."""
    return perform(
        model, "approve", by=by, version=version, changes={"approved_at": timezone.now()}
    )


def return_model(
    *, model: ExemplaryModel, by: Any, version: int | None, comment: str
) -> ExemplaryModel:
    """SUBMITTED → RETURNED with the committee's comment (required)."""
    comment = nfc(comment).strip()
    if not comment:
        raise DomainError("Hãy ghi lý do trả lại.")
    return perform(
        model, "return", by=by, version=version, changes={"return_comment": comment}, reason=comment
    )


def evaluate_model(
    *, model: ExemplaryModel, by: Any, version: int | None, outcome: str, note: str = ""
) -> ExemplaryModel:
    """APPROVED → EVALUATED by committee staff at year end: effective / replicated / stopped
    (seed 004 §II.5). An unapproved model cannot be evaluated (StateError)."""
    if outcome not in ModelOutcome.values:
        raise DomainError("Hãy chọn: hiệu quả, đã nhân rộng hoặc dừng thực hiện.")
    return perform(
        model,
        "evaluate",
        by=by,
        version=version,
        changes={"outcome": outcome, "evaluation_note": nfc(note).strip()},
        audit_after={"outcome": outcome},
    )


@transaction.atomic
def add_model_file(*, model: ExemplaryModel, upload: UploadedFile, by: Any) -> ModelFile:
    """Attach a file or photo (checked by content and size, core.uploads) to a model not yet
    evaluated; REPORT on the model's unit."""
    checked = check_upload(upload)
    model = lock(model)
    authorize(by, Action.REPORT, Unit.objects.get(pk=model.unit_id))
    if model.state == ModelState.EVALUATED:
        raise StateError("Mô hình đã được đánh giá; không thêm tệp.")
    stored = ModelFile.store(upload, checked, by=by, prefix=f"mo-hinh-{model.pk}", model=model)
    record(
        actor=by,
        action=AuditAction.MODEL_FILE_ADDED,
        target=model,
        unit=model.unit,
        after={"file": stored.original_name, "sha256": checked.sha256},
    )
    return stored


@transaction.atomic
def remove_model_file(*, stored: ModelFile, by: Any) -> ModelFile:
    """Mark a file removed (kept on record, no longer listed or served)."""
    stored = ModelFile.objects.select_for_update().get(pk=stored.pk)
    model = ExemplaryModel.objects.get(pk=stored.model_id)
    authorize(by, Action.REPORT, Unit.objects.get(pk=model.unit_id))
    if stored.is_removed:
        return stored
    stored.mark_removed()
    stored.save(update_fields=["removed_at"])
    record(
        actor=by,
        action=AuditAction.MODEL_FILE_REMOVED,
        target=model,
        unit=model.unit,
        after={"file": stored.original_name},
    )
    return stored
