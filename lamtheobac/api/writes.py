"""The API's write endpoints (issue 13 §3): the same access helpers, forms, write functions
and policy (``units.policy``) as the pages, so a change through the API is the change a
user makes on screen.

Answers: 200/201 with the changed object; 202 with a job for work done in the worker (a
document's reading, a ratings import: follow ``GET /cong-viec/{id}/``); 400 with a Vietnamese
``detail`` for bad input; 409 for a state that refuses the change (submitted, locked,
closed) or a stale ``version`` (someone saved in between, or the same request posted
twice); 403/404 as the pages. Nothing is changed by a refused request. Writes are throttled
more tightly than reads (``API_WRITE_RATE``, default 60 per minute per token).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from ninja.throttling import AuthRateThrottle, BaseThrottle

from lamtheobac.api.endpoints import UnitOut, api
from lamtheobac.core.errors import DomainError, Locked, StaleEdit, StateError
from lamtheobac.jobs import runner
from lamtheobac.jobs.models import Job, JobKind
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, policy_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User

WRITE_THROTTLE: list[BaseThrottle] = [AuthRateThrottle(settings.API_WRITE_RATE)]
STALE = (
    "Báo cáo đã được lưu ở nơi khác (hoặc yêu cầu này được gửi hai lần) kể từ phiên bản bạn "
    "gửi lên; không có gì được lưu. Hãy đọc lại báo cáo rồi gửi với phiên bản mới."
)


class Refused(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


@api.exception_handler(DomainError)
def _refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
    if isinstance(exc, StaleEdit):
        return api.create_response(request, {"detail": STALE}, status=409)
    status = 409 if isinstance(exc, (StateError, Locked)) else 400
    body: dict[str, Any] = {"detail": exc.message}
    if details := getattr(exc, "details", None):  # a form's errors, field by field
        body["errors"] = details
    return api.create_response(request, body, status=status)


def _user(request: HttpRequest) -> User:
    """The token's user (``TokenAuth`` refused every request without one)."""
    return cast("User", request.user)


def _bad_form(form: Any) -> DomainError:
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    first = next(iter(errors.values()), ["Dữ liệu không hợp lệ."])[0]
    error = DomainError(first)
    error.details = errors  # type: ignore[attr-defined]
    return error


# --- background jobs -------------------------------------------------------------------------


class JobOut(Schema):
    id: int
    kind: str
    status: str
    progress: int
    stage: str
    error: str
    result: dict[str, Any]
    result_url: str
    created_at: dt.datetime
    finished_at: dt.datetime | None


@api.get("/cong-viec/{pk}/", response=JobOut, tags=["công việc nền"])
def job_status(request: HttpRequest, pk: int) -> Any:
    """A background job the user started (or whose unit they manage): status (queued,
    running, succeeded, failed), progress 0–100, then the result or a Vietnamese error."""
    job = get_object_or_404(Job.objects.select_related("unit"), pk=pk)
    if job.created_by_id != request.user.pk and not (
        job.unit is not None and policy_of(request.user).can(Action.MANAGE, job.unit)
    ):
        raise Http404
    if job.status == "running":
        runner.fail_abandoned()
        job.refresh_from_db()
    return job


def _started(job: Job) -> Status[Job]:
    return Status(202, job)


@api.post(
    "/van-ban/",
    response={202: JobOut, 400: Refused},
    tags=["văn bản"],
    throttle=WRITE_THROTTLE,
)
def document_upload(request: HttpRequest, file: File[UploadedFile], owner: Form[int]) -> Any:
    """Upload a plan or letter for ``owner`` (a committee or board the user manages); it is
    read in the worker (202 with the job; its result holds the document id)."""
    from lamtheobac.documents import queries as documents
    from lamtheobac.documents.forms import UploadForm

    policy = policy_of(request.user)
    unit = get_object_or_404(Unit, pk=owner)
    policy.require(Action.MANAGE, unit)
    form = UploadForm({"owner": owner}, {"file": file}, owners=documents.owner_choices(policy))
    if not form.is_valid():
        raise _bad_form(form)
    return _started(
        runner.start(
            kind=JobKind.DOCUMENT_IMPORT,
            by=_user(request),
            unit=unit,
            upload=form.cleaned_data["file"],
            params={"owner": unit.pk},
        )
    )


@api.post(
    "/xep-loai/nhap/",
    response={202: JobOut, 400: Refused},
    tags=["xếp loại"],
    throttle=WRITE_THROTTLE,
)
def ratings_import(request: HttpRequest, file: File[UploadedFile], scope: Form[int]) -> Any:
    """Import a ratings workbook (the template's sheets) for ``scope``'s subtree in the
    worker: all rows or none; a refused file's job lists each bad row."""
    from lamtheobac.ratings import queries as ratings
    from lamtheobac.ratings.forms import ImportForm

    policy = policy_of(request.user)
    unit = get_object_or_404(Unit, pk=scope)
    policy.require(Action.MANAGE, unit)
    form = ImportForm({"scope": scope}, {"file": file}, scopes=ratings.import_scopes(policy))
    if not form.is_valid():
        raise _bad_form(form)
    return _started(
        runner.start(
            kind=JobKind.RATINGS_IMPORT,
            by=_user(request),
            unit=unit,
            upload=form.cleaned_data["file"],
            params={"scope": unit.pk},
        )
    )


# --- unit reports ----------------------------------------------------------------------------


class DraftIn(Schema):
    version: int
    answers: dict[int, str] = {}
    values: dict[int, Decimal | None] = {}


class SubmitIn(Schema):
    version: int


class ReportStateOut(Schema):
    id: int
    unit: UnitOut
    state: str
    version: int
    submitted_at: dt.datetime | None
    is_late: bool


@api.put(
    "/dot-bao-cao/{pk}/don-vi/{unit_pk}/nhap/",
    response={200: ReportStateOut, 400: Refused, 409: Refused},
    tags=["báo cáo"],
    throttle=WRITE_THROTTLE,
)
def report_save_draft(request: HttpRequest, pk: int, unit_pk: int, payload: DraftIn) -> Any:
    """Save sections (section id → text) and indicators (id → number, null clears) of the
    unit's report as a draft. ``version`` is the report's version you read (0 before the
    first save); another save in between answers 409 and changes nothing."""
    from lamtheobac.reporting import access
    from lamtheobac.reporting.actions import reports

    round, unit, _ = access.reporting_target(policy_of(request.user), pk, unit_pk)
    return reports.save_report_draft(
        round,
        unit=unit,
        answers=payload.answers,
        values=payload.values,
        version=payload.version,
        by=_user(request),
    )


@api.post(
    "/dot-bao-cao/{pk}/don-vi/{unit_pk}/nop/",
    response={200: ReportStateOut, 400: Refused, 409: Refused},
    tags=["báo cáo"],
    throttle=WRITE_THROTTLE,
)
def report_submit(request: HttpRequest, pk: int, unit_pk: int, payload: SubmitIn) -> Any:
    """Submit the unit's report at ``version``; it is locked afterwards (a second submit
    answers 409)."""
    from lamtheobac.reporting import access
    from lamtheobac.reporting.actions import reports

    round, unit, _ = access.reporting_target(policy_of(request.user), pk, unit_pk)
    return reports.submit_unit_report(round, unit=unit, version=payload.version, by=_user(request))


# --- nominations -----------------------------------------------------------------------------


class NominateIn(Schema):
    collective: int | None = None
    person: int | None = None
    summary: str = ""


class NominationStateOut(Schema):
    id: int
    unit: UnitOut
    nominee_name: str
    state: str
    version: int
    is_late: bool


class NominationSubmitIn(Schema):
    version: int
    reason: str = ""


class WithdrawIn(Schema):
    reason: str = ""


@api.post(
    "/khen-thuong/{pk}/don-vi/{unit_pk}/de-nghi/",
    response={201: NominationStateOut, 400: Refused, 409: Refused},
    tags=["khen thưởng"],
    throttle=WRITE_THROTTLE,
)
def nomination_create(request: HttpRequest, pk: int, unit_pk: int, payload: NominateIn) -> Any:
    """Nominate one collective (a unit of the unit's subtree) or one person of it, as a draft
    of the unit; quotas and the round's rules as on the page."""
    from lamtheobac.commendations import access
    from lamtheobac.commendations.actions import nominations
    from lamtheobac.commendations.forms import NominateForm

    round, unit = access.nominating_unit(policy_of(request.user), pk, unit_pk)
    form = NominateForm(
        {
            "collective": payload.collective or "",
            "person": payload.person or "",
            "summary": payload.summary,
        },
        unit=unit,
        on=round.reference_date,
    )
    if not form.is_valid():
        raise _bad_form(form)
    nomination = nominations.nominate(
        round,
        unit=unit,
        collective=form.cleaned_data["collective"],
        person=form.cleaned_data["person"],
        summary=form.cleaned_data["summary"],
        by=_user(request),
    )
    return Status(201, nomination)


@api.post(
    "/de-nghi/{pk}/gui/",
    response={200: NominationStateOut, 400: Refused, 409: Refused},
    tags=["khen thưởng"],
    throttle=WRITE_THROTTLE,
)
def nomination_send(request: HttpRequest, pk: int, payload: NominationSubmitIn) -> Any:
    """Send the nomination to the committee (a failed criterion or a missing dossier item
    needs a written ``reason``)."""
    from lamtheobac.commendations import access
    from lamtheobac.commendations.actions import nominations

    nomination = access.unit_nomination(policy_of(request.user), pk)
    return nominations.submit_nomination(
        nomination, reason=payload.reason or None, version=payload.version, by=_user(request)
    )


@api.post(
    "/de-nghi/{pk}/rut/",
    response={200: NominationStateOut, 400: Refused, 409: Refused},
    tags=["khen thưởng"],
    throttle=WRITE_THROTTLE,
)
def nomination_withdraw(request: HttpRequest, pk: int, payload: WithdrawIn) -> Any:
    """Take a draft or returned nomination back; its quota place is freed."""
    from lamtheobac.commendations import access
    from lamtheobac.commendations.actions import nominations

    nomination = access.unit_nomination(policy_of(request.user), pk)
    return nominations.withdraw_nomination(nomination, reason=payload.reason, by=_user(request))
