"""The read-only JSON API (ADR 0010): django-ninja, OpenAPI at /api/v1/openapi.json.

Every endpoint authenticates a per-user token (``Authorization: Bearer ltb_…``), builds the
user's policy (``units.policy``) and answers exactly what the same user's pages show: 404
outside their scope, 403 without the right. Throttled per token (``API_RATE``, default
600 requests per minute). Dates are ISO 8601; datetimes in UTC.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle

from lamtheobac.api.models import ApiToken, digest
from lamtheobac.commendations.models import CommendationRound
from lamtheobac.commendations.queries import visible_nominations
from lamtheobac.documents import access as documents
from lamtheobac.ratings import access as ratings
from lamtheobac.ratings.models import Rating
from lamtheobac.reporting import matrix as matrix_reads
from lamtheobac.reporting import queries as reporting
from lamtheobac.reporting.matrix import MatrixFilter
from lamtheobac.reporting.models import ReportingRound, ReportState, UnitReport
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, Policy, policy_of


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = (
            ApiToken.objects.live().select_related("user").filter(key_digest=digest(token)).first()
        )
        if row is None:
            return None
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at > dt.timedelta(minutes=1):
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user


api = NinjaAPI(
    title="lamtheobac API",
    version="1",
    description="Đọc văn bản, đợt báo cáo, ma trận, báo cáo đơn vị, đề nghị khen thưởng, xếp loại.",
    auth=TokenAuth(),
    throttle=[AuthRateThrottle(getattr(settings, "API_RATE", "600/m"))],
    urls_namespace="api",
    docs_url=None,  # the Swagger page needs inline scripts (CSP); the OpenAPI file is served
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Không có quyền."}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


def _policy(request: HttpRequest) -> Policy:
    return policy_of(request.user)


class UnitOut(Schema):
    id: int
    name: str


class DocumentOut(Schema):
    id: int
    number: str
    kind: str
    kind_name: str
    date: dt.date | None
    title: str
    owner: UnitOut


class DocumentDetailOut(DocumentOut):
    issuer: str
    place: str
    signer_name: str
    signer_title: str
    recipients: list[str]
    text: str


@api.get("/van-ban/", response=list[DocumentOut], tags=["văn bản"])
def document_list(request: HttpRequest, limit: int = 50, offset: int = 0) -> Any:
    """Documents of the committees the user manages or reads, newest first (no full text)."""
    policy = _policy(request)
    limit = max(1, min(limit, 200))
    return documents.readable_documents(policy).defer("text", "extraction", "outline")[
        offset : offset + limit
    ]


@api.get("/van-ban/{pk}/", response=DocumentDetailOut, tags=["văn bản"])
def document_detail(request: HttpRequest, pk: int) -> Any:
    return documents.document_for(_policy(request), pk, Action.READ_REPORTS)


class RoundOut(Schema):
    id: int
    title: str
    state: str
    deadline: dt.date
    committee: UnitOut


@api.get("/dot-bao-cao/", response=list[RoundOut], tags=["báo cáo"])
def round_list(request: HttpRequest) -> Any:
    """Rounds the user follows (committee) or reports in (open or closed), newest first."""
    return reporting.visible_rounds(_policy(request)).order_by("-created_at", "-pk")[:200]


class MatrixRowOut(Schema):
    unit: UnitOut
    state: str
    report_id: int | None
    submitted_at: dt.datetime | None
    is_late: bool


class MatrixOut(Schema):
    round: RoundOut
    counts: dict[str, int]
    rows: list[MatrixRowOut]


@api.get("/dot-bao-cao/{pk}/ma-tran/", response=MatrixOut, tags=["báo cáo"])
def round_matrix(
    request: HttpRequest,
    pk: int,
    state: str | None = None,
    parent: int | None = None,
    q: str = "",
    limit: int = 0,
    offset: int = 0,
) -> Any:
    """The completeness matrix of a round (committee readers): a row per target unit, in
    target order. Filters as on the page: ``state`` (a MatrixState value), ``parent`` (a unit
    id: its subtree), ``q`` (words of the unit name, without diacritics); ``limit`` rows
    (0: all) from ``offset``. ``counts`` cover what ``parent`` and ``q`` keep."""
    round = get_object_or_404(ReportingRound.objects.select_related("committee"), pk=pk)
    _policy(request).require(Action.READ_REPORTS, round.committee)
    flt = MatrixFilter.from_query(
        {"trang-thai": state or "", "dang-bo": str(parent or ""), "tim": q}
    )
    counts = matrix_reads.counts(round, flt)
    rows = matrix_reads.rows(round, flt, max(0, offset), limit if limit > 0 else None)
    return {
        "round": round,
        "counts": dict(counts),
        "rows": [
            {
                "unit": {"id": r.unit_id, "name": r.unit_name},
                "state": r.state.value,
                "report_id": r.report_id,
                "submitted_at": r.submitted_at,
                "is_late": r.is_late,
            }
            for r in rows
        ],
    }


class AnswerOut(Schema):
    section_id: int
    number: str
    heading: str
    text: str


class ReportOut(Schema):
    id: int
    round_id: int
    unit: UnitOut
    state: str
    version: int
    submitted_at: dt.datetime | None
    answers: list[AnswerOut]


@api.get("/bao-cao/{pk}/", response=ReportOut, tags=["báo cáo"])
def unit_report(request: HttpRequest, pk: int) -> Any:
    """A unit report: its own unit's staff read it in any state; the committee only once
    submitted (a draft is never shown above the unit, docs/domain.md §2)."""
    report = get_object_or_404(UnitReport.objects.select_related("round__committee", "unit"), pk=pk)
    policy = _policy(request)
    if not policy.can(Action.REPORT, report.unit):
        policy.require(Action.READ_REPORTS, report.round.committee)
        if report.state == ReportState.DRAFT:
            raise Http404
    answers, _, _ = reporting.report_content(report)
    return {
        "id": report.pk,
        "round_id": report.round_id,
        "unit": report.unit,
        "state": report.state,
        "version": report.version,
        "submitted_at": report.submitted_at,
        "answers": [
            {
                "section_id": s.pk,
                "number": s.number,
                "heading": s.heading,
                "text": answers.get(s.pk, ""),
            }
            for s in reporting.sections_of(report.round)
        ],
    }


class NominationOut(Schema):
    id: int
    unit: UnitOut
    nominee_name: str
    state: str
    is_late: bool
    submitted_at: dt.datetime | None


@api.get("/khen-thuong/{pk}/de-nghi/", response=list[NominationOut], tags=["khen thưởng"])
def nominations(request: HttpRequest, pk: int) -> Any:
    """Nominations of a commendation round the user may see: their own units' in any state;
    for committee readers, everything submitted."""
    round = get_object_or_404(CommendationRound.objects.select_related("committee"), pk=pk)
    policy = _policy(request)
    if not policy.can(Action.READ_REPORTS, round.committee):
        reporting = policy.units(Action.REPORT).filter(path__startswith=round.committee.path)
        if not reporting.exists():
            raise Http404
    return visible_nominations(policy, round).select_related("unit").order_by("pk")


class RatingOut(Schema):
    year: int
    level: str
    person_id: int | None
    unit_id: int | None
    name: str


@api.get("/xep-loai/", response=list[RatingOut], tags=["xếp loại"])
def rating_list(request: HttpRequest, unit: int, year: int) -> Any:
    """Ratings of ``unit``'s subtree (people and collectives) for ``year``."""
    policy = _policy(request)
    scope = get_object_or_404(Unit, pk=unit)
    ratings.require_read(policy, scope)
    rows = Rating.objects.filter(year=year).select_related("person", "unit")
    people = rows.filter(person__unit__path__startswith=scope.path)
    units = rows.filter(unit__path__startswith=scope.path)
    return [
        {
            "year": r.year,
            "level": r.level,
            "person_id": r.person_id,
            "unit_id": r.unit_id,
            "name": str(r.person or r.unit),
        }
        for r in [*people.order_by("pk")[:5000], *units.order_by("pk")[:5000]]
    ]
