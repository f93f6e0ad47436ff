"""Where a view hands large work to the worker (issue 13 §2): bulk reminders, the
consolidated .docx and the matrix .xlsx of a large round.

Each function returns a redirect to the new job's page when the work is large — more target
units than ``settings.JOBS_BACKGROUND_UNITS`` (default 200; 0 sends everything to the
worker) — and None when the view should do it at once, as before. The caller has checked the
user's right; the handler checks it again when it runs.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from lamtheobac.drafting.models import DocumentDraft, DocumentKind
from lamtheobac.jobs import runner
from lamtheobac.jobs.models import JobKind
from lamtheobac.reporting.models import ReportingRound


def _large(round: ReportingRound, units: int | None = None) -> bool:
    limit = settings.JOBS_BACKGROUND_UNITS
    count = units if units is not None else round.targets.count()
    return count > limit


def _to_job_page(request: HttpRequest, **start: Any) -> HttpResponse:
    job = runner.start(by=request.user, **start)
    return HttpResponseRedirect(reverse("jobs:detail", args=[job.pk]), status=303)


def reminders(
    request: HttpRequest, round: ReportingRound, units: Collection[int] | None
) -> HttpResponse | None:
    """Remind ``units`` (None: every unit not submitted) of ``round`` in the worker."""
    if not _large(round, len(units) if units is not None else None):
        return None
    return _to_job_page(
        request,
        kind=JobKind.REMINDERS,
        unit=round.committee,
        params={"round": round.pk, "units": sorted(units) if units is not None else None},
    )


def matrix_export(request: HttpRequest, round: ReportingRound) -> HttpResponse | None:
    """The matrix .xlsx of ``round`` with the page's filter (the query string) in the worker."""
    if not _large(round):
        return None
    query = {k: request.GET.get(k, "") for k in request.GET}
    return _to_job_page(
        request,
        kind=JobKind.EXPORT,
        unit=round.committee,
        params={"export": "matrix", "round": round.pk, "query": query},
    )


def draft_export(request: HttpRequest, draft: DocumentDraft) -> HttpResponse | None:
    """A saved draft's consolidated .docx or matrix .xlsx, built in the worker."""
    round = draft.reporting_round
    if draft.kind not in (DocumentKind.CONSOLIDATED, DocumentKind.MATRIX) or round is None:
        return None
    if not _large(round):
        return None
    return _to_job_page(
        request,
        kind=JobKind.EXPORT,
        unit=round.committee,
        params={"export": "draft", "draft": draft.pk},
    )
