"""What each kind of job does in the worker: the document import and the ratings import.

Each handler re-checks the starter's right (it may have changed while the job waited), runs
the app's own write function in one transaction, and returns (result JSON, result URL).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse

from lamtheobac.core.errors import DomainError
from lamtheobac.jobs.models import Job, JobKind
from lamtheobac.jobs.runner import JobRefused, Step, checkpoint, handler
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, policy_of

# Row errors kept on the job for its page; the count says how many there were in all.
MAX_ERRORS_SHOWN = 1000


def _unit_managed_by(job: Job, pk: int) -> Unit:
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None or not policy_of(job.created_by).can(Action.MANAGE, unit):
        raise DomainError("Bạn không còn quyền thực hiện việc này trên đơn vị đã chọn.")
    return unit


@handler(JobKind.DOCUMENT_IMPORT)
def import_document(job: Job, data: bytes, step: Step) -> tuple[dict[str, Any], str]:
    """Read the uploaded plan or letter and store it (documents.actions.documents.import_document)."""
    from lamtheobac.documents.actions import documents as services
    from lamtheobac.reading.loading import sniff

    owner = _unit_managed_by(job, int(job.params["owner"]))
    if sniff(data[:65536]) in ("ole", "rtf") or job.file_name.lower().endswith(".odt"):
        # .doc/.rtf/.odt go through LibreOffice first (up to a minute): say so (issue 14 §5)
        step(5, "Đang chuyển tệp sang .docx bằng LibreOffice (có thể mất đến 1 phút)")
    step(10, "Đang đọc và trích xuất văn bản")
    with transaction.atomic():
        document = services.import_document(
            owner=owner, data=data, filename=job.file_name, by=job.created_by
        )
        checkpoint()
    return (
        {"document": document.pk, "name": document.display_name},
        reverse("documents:detail", args=[document.pk]),
    )


@handler(JobKind.RATINGS_IMPORT)
def import_ratings(job: Job, data: bytes, step: Step) -> tuple[dict[str, Any], str]:
    """Import a ratings workbook, all rows or none (ratings.actions.ratings.import_ratings)."""
    from lamtheobac.ratings.actions import ratings as services

    scope = _unit_managed_by(job, int(job.params["scope"]))
    step(10, "Đang đọc bảng tính")
    with transaction.atomic():
        report = services.import_ratings(
            scope=scope,
            data=data,
            filename=job.file_name,
            by=job.created_by,
            stored_file=job.file.name or "",
        )
        if report.ok:
            checkpoint()
    if not report.ok:
        errors = [
            {"sheet": e.sheet, "line": e.line, "message": e.message}
            for e in report.errors[:MAX_ERRORS_SHOWN]
        ]
        raise JobRefused(
            f"Chưa nhập: tệp {job.file_name} có {len(report.errors)} lỗi. Không có xếp loại "
            "nào được thay đổi; sửa các dòng được liệt kê rồi nhập lại.",
            {"errors": errors, "error_count": len(report.errors)},
        )
    assert report.event is not None
    return (
        {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "event": report.event.pk,
        },
        reverse("ratings:import_result", args=[report.event.pk]),
    )
