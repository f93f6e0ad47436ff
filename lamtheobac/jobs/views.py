"""A job's page: a progress bar that htmx polls, then the result link or a Vietnamese error."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lamtheobac.jobs import runner
from lamtheobac.jobs.models import Job, JobStatus
from lamtheobac.units.policy import Action, policy_for


def _job_for(request: HttpRequest, pk: int) -> Job:
    """The job if the user started it or manages its unit; 404 otherwise (it tells nothing)."""
    job = get_object_or_404(Job.objects.select_related("unit"), pk=pk)
    if job.created_by_id == request.user.pk:
        return job
    if job.unit is not None and policy_for(request).can(Action.MANAGE, job.unit):
        return job
    raise Http404


def _context(job: Job) -> dict[str, object]:
    return {"job": job, "errors": job.result.get("errors", []) if job.result else []}


@require_http_methods(["GET"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    return render(request, "jobs/detail.html", _context(job))


@require_http_methods(["GET"])
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The bar alone (htmx polls it every second while the job is not finished)."""
    job = _job_for(request, pk)
    if job.status == JobStatus.RUNNING and runner.fail_abandoned():
        job.refresh_from_db()
    return render(request, "jobs/_progress.html", _context(job))


@require_http_methods(["POST"])
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed job again with the same file (only its starter may)."""
    job = _job_for(request, pk)
    if job.created_by_id != request.user.pk:
        raise Http404
    runner.retry(job)
    return HttpResponseRedirect(reverse("jobs:detail", args=[job.pk]), status=303)


@require_http_methods(["GET"])
def download(request: HttpRequest, pk: int) -> FileResponse:
    """An export job's file (read through the storage API), for whoever may see the job; 404
    while it has none."""
    job = _job_for(request, pk)
    if job.status != JobStatus.SUCCEEDED or not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=job.result_name or "tep"
    )
