"""What each kind of job does in the worker: the document, ratings, unit-tree and roster
imports; bulk reminders, the e-mail digests and large exports (issue 13 §2).

Each handler re-checks the starter's right (it may have changed while the job waited), runs
the app's own write function in one transaction, and returns (result JSON, result URL).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import reverse

from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.jobs.models import Job, JobKind
from lamtheobac.jobs.runner import JobRefused, Step, checkpoint, handler
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, policy_of

logger = logging.getLogger(__name__)

# Row errors kept on the job for its page; the count says how many there were in all.
MAX_ERRORS_SHOWN = 1000


def _starter(job: Job) -> Any:
    """The user who started ``job`` (jobs a command starts have none, and need none)."""
    if job.created_by is None:
        raise DomainError("Công việc này cần người thực hiện nhưng không có.")
    return job.created_by


def _unit_managed_by(job: Job, pk: int) -> Unit:
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None or not policy_of(_starter(job)).can(Action.MANAGE, unit):
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
            owner=owner, data=data, filename=job.file_name, by=_starter(job)
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
            by=_starter(job),
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


def _roster_import(job: Job, data: bytes, step: Step, *, tree: bool) -> tuple[dict[str, Any], str]:
    from lamtheobac.roster.actions import members, units

    scope = Unit.objects.filter(pk=int(job.params["scope"])).first()
    if scope is None:
        raise DomainError("Đơn vị đã chọn không còn tồn tại.")
    run = units.import_units if tree else members.import_members
    # The write function checks the starter's right again (it may have changed meanwhile).
    try:
        report = run(
            scope=scope,
            data=data,
            filename=job.file_name,
            by=_starter(job),
            stored_file=job.file.name or "",
            progress=step,
        )
    except AccessDenied as exc:
        raise DomainError("Bạn không còn quyền thực hiện việc này trên đơn vị đã chọn.") from exc
    if not report.ok:
        sheet = "Tổ chức" if tree else "Đảng viên"
        raise JobRefused(
            f"Chưa nhập: tệp {job.file_name} có {len(report.errors)} lỗi. Không có gì được "
            "thay đổi; sửa các dòng được liệt kê rồi nhập lại.",
            {
                "errors": [
                    {"sheet": sheet, **e.as_dict()} for e in report.errors[:MAX_ERRORS_SHOWN]
                ],
                "error_count": len(report.errors),
            },
        )
    assert report.event is not None
    return (
        {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "event": report.event.pk,
        },
        reverse("roster:import_result", args=[report.event.pk]),
    )


@handler(JobKind.UNITS_IMPORT)
def import_units(job: Job, data: bytes, step: Step) -> tuple[dict[str, Any], str]:
    """Import a unit-tree workbook, all rows or none (roster.actions.units.import_units)."""
    return _roster_import(job, data, step, tree=True)


@handler(JobKind.MEMBERS_IMPORT)
def import_members(job: Job, data: bytes, step: Step) -> tuple[dict[str, Any], str]:
    """Import a roster workbook, all rows or none (roster.actions.members.import_members)."""
    return _roster_import(job, data, step, tree=False)


NO_LONGER_ALLOWED = "Bạn không còn quyền thực hiện việc này trên đợt báo cáo đã chọn."


def _reporting_round(job: Job, action: Action) -> Any:
    """The job's reporting round, if its starter still has ``action`` on it."""
    from lamtheobac.reporting import access
    from lamtheobac.reporting.models import ReportingRound

    if not ReportingRound.objects.filter(pk=int(job.params["round"])).exists():
        raise DomainError("Đợt báo cáo đã chọn không còn tồn tại.")
    try:
        return access.round_for(policy_of(_starter(job)), int(job.params["round"]), action)
    except (PermissionDenied, Http404) as exc:
        raise DomainError(NO_LONGER_ALLOWED) from exc


@handler(JobKind.REMINDERS)
def send_reminders(job: Job, data: bytes, step: Step) -> tuple[dict[str, Any], str]:
    """Remind the round's pending units (reporting.actions.rounds.send_reminders).

    The notifications, the audit event and the list of reminded units (kept in the job's
    ``params["reminded"]``) are one transaction; e-mails leave after its commit. So a worker
    killed before the commit has sent nothing, and a retry after it reminds nobody again.
    Result: {"reminded": n, "unit_ids": [...]}; URL: the round's matrix."""
    from lamtheobac.audit.models import AuditEvent
    from lamtheobac.reporting.actions import ReportingAction, rounds

    round = _reporting_round(job, Action.MANAGE)
    url = reverse("reporting:round_detail", args=[round.pk])
    done = job.params.get("reminded")
    if done is not None:  # an earlier attempt committed: never remind twice
        return {"reminded": len(done), "unit_ids": done}, url
    step(10, "Đang gửi nhắc nhở tới các đơn vị chưa nộp")
    with transaction.atomic():
        try:
            rounds.send_reminders(round, by=_starter(job), units=job.params.get("units"))
        except AccessDenied as exc:
            raise DomainError(NO_LONGER_ALLOWED) from exc
        event = (
            AuditEvent.objects.filter(
                action=ReportingAction.REMINDED,
                target_type=round._meta.label_lower,
                target_id=str(round.pk),
            )
            .order_by("-pk")
            .first()
        )
        assert event is not None and event.after is not None
        ids = [int(i) for i in event.after["unit_ids"]]
        Job.objects.filter(pk=job.pk).update(params={**job.params, "reminded": ids})
        checkpoint()
    return {"reminded": len(ids), "unit_ids": ids}, url


@handler(JobKind.DIGESTS)
def send_digest_mails(job: Job, data: bytes, step: Step) -> tuple[dict[str, Any], str]:
    """Send the day's due e-mail digests (agenda.digest.send_digests): one transaction per
    user, each marked sent with its mail, so a retry sends only the ones still due.
    Params: {"day": "YYYY-MM-DD" or absent: today, "base_url": str}. Result: {"sent": n}."""
    from lamtheobac.agenda.digest import send_digests
    from lamtheobac.agenda.models import DigestPreference
    from lamtheobac.core.dates import today

    day = dt.date.fromisoformat(job.params["day"]) if job.params.get("day") else today()
    done = DigestPreference.objects.filter(last_sent_on=day)
    before = done.count()
    step(10, "Đang gửi bản tin")
    try:
        sent = send_digests(on=day, base_url=job.params.get("base_url", ""))
    except Exception as exc:  # e.g. the mail server went away midway
        logger.exception("digest job %s stopped", job.pk)
        raise DomainError(
            f"Đã xử lý bản tin của {done.count() - before} người thì gặp lỗi khi gửi thư. "
            "Người đã nhận sẽ không nhận lại; hãy bấm “Thử lại” để gửi phần còn lại."
        ) from exc
    return {"sent": sent}, ""


@handler(JobKind.EXPORT)
def export(job: Job, data: bytes, step: Step) -> tuple[dict[str, Any], str]:
    """Build a large file in the worker and keep it through the storage API.

    Params: {"export": "matrix", "round": pk, "query": the matrix page's filter} → the
    matrix .xlsx (reporting.outputs.matrix_workbook); {"export": "draft", "draft": pk} → the
    saved draft's file (drafting.generate.build: the consolidated .docx, the matrix .xlsx).
    Result: {"name": file name, "size": bytes}; URL: ``jobs:download``."""
    step(5, "Đang tạo tệp")
    if job.params["export"] == "matrix":
        from lamtheobac.reporting import outputs, queries
        from lamtheobac.reporting.matrix import MatrixFilter

        round = _reporting_round(job, Action.READ_REPORTS)
        rows, counts = queries.matrix(round, MatrixFilter.from_query(job.params.get("query", {})))
        step(40, f"Đang ghi {len(rows)} dòng vào bảng tính")
        content = outputs.matrix_workbook(round, rows, counts)
        name = f"tinh-hinh-bao-cao-{round.pk}.xlsx"
    else:
        from lamtheobac.drafting import access as drafting_access
        from lamtheobac.drafting import generate

        try:
            draft = drafting_access.draft_for(policy_of(_starter(job)), int(job.params["draft"]))
        except (PermissionDenied, Http404) as exc:
            raise DomainError(NO_LONGER_ALLOWED) from exc
        step(20, "Đang soạn văn bản")
        content, name = generate.build(draft)
    step(90, "Đang lưu tệp")
    stored = keep_whole(job, name, content)
    Job.objects.filter(pk=job.pk).update(result_file=stored, result_name=name)
    return {"name": name, "size": len(content)}, reverse("jobs:download", args=[job.pk])


def keep_whole(job: Job, name: str, content: bytes) -> str:
    """Store an export's ``content`` under ``Job.result_file``'s folder whole or not at all;
    return the stored name.

    On the local disk the bytes go to a hidden ``.jobPK-….part`` file beside their place (a
    name of its own, so two exports never share one), are flushed to disk, and only then
    linked to the final name (``os.link``: atomic, and refused if the name was taken
    meanwhile). A worker killed while writing leaves no file under a name anyone could
    download — at most its hidden part, which the job's next attempt removes. Other storages
    (S3-compatible) get one ``save``, itself all or nothing. The job row points at the file
    only after this returns (issue 13 §2)."""
    from django.core.files.base import ContentFile

    storage = job.result_file.storage
    wanted = job.result_file.field.generate_filename(job, name)
    try:
        storage.path(wanted)
    except NotImplementedError:
        return storage.save(wanted, ContentFile(content))
    prefix = f".job{job.pk}-"
    for _ in range(5):
        final = storage.get_available_name(wanted)
        target = Path(storage.path(final))
        target.parent.mkdir(parents=True, exist_ok=True)
        for left in target.parent.glob(f"{prefix}*.part"):  # an earlier, killed attempt's
            left.unlink(missing_ok=True)
        part = target.parent / f"{prefix}{secrets.token_hex(8)}.part"
        # 0o666 less the umask, as the storage's own save creates files
        handle = os.open(
            part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        checkpoint()  # crash tests stop the worker here: written, not yet in place
        try:
            os.link(part, target)
        except FileExistsError:
            continue  # another export took the name between the two steps: take the next
        finally:
            part.unlink(missing_ok=True)
        mode = getattr(storage, "file_permissions_mode", None)
        if mode is not None:
            os.chmod(target, mode)
        return final
    raise DomainError("Không lưu được tệp kết quả; hãy thử lại.")
