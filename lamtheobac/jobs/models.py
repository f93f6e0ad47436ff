"""One row per background job a user waits for: its input file, status, progress and result.

The queue itself is django-tasks' database backend (``django_tasks_db``); a Job is what the
user sees (ADR 0008): a bar that moves, then a link to the result or a Vietnamese error.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang xử lý"
    SUCCEEDED = "succeeded", "Đã xong"
    FAILED = "failed", "Không thành công"


class JobKind(models.TextChoices):
    DOCUMENT_IMPORT = "document_import", "Nhập văn bản"
    RATINGS_IMPORT = "ratings_import", "Nhập xếp loại"
    UNITS_IMPORT = "units_import", "Nhập danh sách tổ chức"
    MEMBERS_IMPORT = "members_import", "Nhập danh sách đảng viên"
    REMINDERS = "reminders", "Gửi nhắc nhở"
    DIGESTS = "digests", "Gửi bản tin"
    EXPORT = "export", "Xuất tệp"


class Job(models.Model):
    """A background job started by ``created_by`` for ``unit``.

    ``file`` is the uploaded input, kept through the storage API so a retry (or an auditor)
    reads the same bytes. ``progress`` is 0–100; ``result`` is JSON for the handler's page;
    ``error`` a Vietnamese message. ``worker`` is "host:pid" of the process running it, so a
    dead worker's job can be recognised and marked failed (``runner.fail_abandoned``).
    """

    kind = models.CharField(max_length=32, choices=JobKind.choices)
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    params = models.JSONField(default=dict, blank=True)
    file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    # An export's output (the .docx / .xlsx), kept through the storage API; its download is
    # ``jobs:download``, for the same people who may see the job.
    result_file = models.FileField(upload_to="jobs/ket-qua/%Y/%m/", blank=True)
    result_name = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # None: started by a command (the daily digests), not by a user.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=100, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}
