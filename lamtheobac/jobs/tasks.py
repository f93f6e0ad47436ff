"""The one queued task: run a Job by its id (django-tasks; Django 6's ``django.tasks`` API)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    from lamtheobac.jobs import handlers  # noqa: F401  (registers the handlers)
    from lamtheobac.jobs.runner import execute

    execute(job_id)
