"""Documents pages: import a plan or letter, see what was read beside the text, correct it.

Every view: check access through the policy, parse input, call one write function, respond.
A DomainError raised by a write function is shown by ``core.middleware``.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.forms import Form
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lamtheobac.core.errors import DomainError
from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.documents import access, queries
from lamtheobac.documents.actions import documents
from lamtheobac.documents.forms import (
    DeadlineCorrectionForm,
    FieldCorrectionForm,
    ImplementingPlanForm,
    RecipientsForm,
    UploadForm,
)
from lamtheobac.documents.models import Document
from lamtheobac.jobs import runner as jobs
from lamtheobac.jobs.models import JobKind, JobStatus
from lamtheobac.units.models import GRASSROOTS_KINDS
from lamtheobac.units.policy import Action, Policy, policy_for

PAGE_SIZE = 50


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


def _form_errors(request: AuthenticatedRequest, form: Form) -> None:
    for errors in form.errors.values():
        for error in errors:
            # Iterating an ErrorList yields message strings (its __getitem__ unwraps each
            # ValidationError); the stubs type the items as the stored ValidationError | str.
            messages.error(request, error)  # type: ignore[arg-type]


@require_http_methods(["GET"])
def document_list(request: AuthenticatedRequest) -> HttpResponse:
    """Documents of the committees the user manages or reads, newest first."""
    policy = policy_for(request)
    if not (policy.can_read_reports_any or policy.can_manage_any or policy.can_report_any):
        raise PermissionDenied(_("Bạn không có quyền xem văn bản."))
    # A list never loads full texts (issue 13 §7): a 277 MB text must not slow this page.
    documents_page = access.readable_documents(policy).defer("text", "extraction", "outline")
    # Archived documents are hidden unless asked for (issue 14 §5).
    show_archived = request.GET.get("luu-tru") == "1"
    documents_page = documents_page.filter(archived_at__isnull=not show_archived)
    page = Paginator(documents_page, PAGE_SIZE).get_page(request.GET.get("p"))
    return render(
        request,
        "documents/list.html",
        {
            "page": page,
            "can_upload": queries.owner_choices(policy).exists(),
            "show_archived": show_archived,
        },
    )


@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedRequest) -> HttpResponse:
    """Import a file read by the reader; a DomainError (bad or repeated file) stores nothing."""
    policy = policy_for(request)
    owners = queries.owner_choices(policy)
    if not owners.exists():
        raise PermissionDenied(_("Bạn không có quyền nhập văn bản."))
    if request.method == "GET":
        return render(request, "documents/upload.html", {"form": UploadForm(owners=owners)})
    form = UploadForm(request.POST, request.FILES, owners=owners)
    if not form.is_valid():
        return render(request, "documents/upload.html", {"form": form}, status=400)
    owner = form.cleaned_data["owner"]
    policy.require(Action.MANAGE, owner)
    # Read in the background worker (issue 13 §2); the job page shows progress and result.
    job = jobs.start(
        kind=JobKind.DOCUMENT_IMPORT,
        by=request.user,
        unit=owner,
        upload=form.cleaned_data["file"],
        params={"owner": owner.pk},
    )
    if not job.finished:
        return _see_other(reverse("jobs:detail", args=[job.pk]))
    if job.status == JobStatus.FAILED:
        raise DomainError(job.error)
    document = Document.objects.get(pk=job.result["document"])
    messages.success(request, _("Đã nhập %(name)s.") % {"name": document.display_name})
    return _see_other(reverse("documents:detail", args=[document.pk]))


def _page_number(value: str | None) -> int:
    """``?trang=3`` → 3; anything else → 1."""
    return int(value) if value and value.isdigit() and len(value) < 7 else 1


@require_http_methods(["GET"])
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The extraction beside the text, each value linked to the words it came from."""
    policy = policy_for(request)
    document = access.document_for(policy, pk, Action.READ_REPORTS)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "reading": queries.reading(document, page=_page_number(request.GET.get("trang"))),
            "events": queries.document_history(document),
            "can_correct": policy.can(Action.MANAGE, document.owner),
            "recipients_form": RecipientsForm(
                initial={"recipients": "\n".join(document.recipients)}
            ),
            **_reach(policy, document),
        },
    )


def _reach(policy: Policy, document: Document) -> dict[str, Any]:
    """What the page shows of the plan's reach (issue 9 §3): the tasks it gives the user's
    units, the plan it implements, the units' own plans implementing it, and whether the
    user may upload one."""
    from lamtheobac.tasks.queries import visible_tasks

    units = list(access.addressed_to_user(policy, document))
    own_tasks = (
        visible_tasks(policy)
        .filter(plan=document)
        .filter(Q(lead__in=units) | Q(supports__in=units))
        .distinct()
        .order_by("due", "pk")
        if units
        else []
    )
    implementations = [
        d
        for d in document.implementations.select_related("owner").order_by("owner__path")
        if access.may_read(policy, d)
    ]
    implements = document.implements
    if implements is not None and not access.may_read(policy, implements):
        implements = None
    return {
        "my_units": units,
        "my_tasks": own_tasks,
        "implementations": implementations,
        "implements": implements,
        "can_implement": any(u.is_grassroots for u in units),
    }


@require_http_methods(["GET", "POST"])
def implement(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A grassroots organisation uploads its own plan implementing this one (issue 9 §3)."""
    policy = policy_for(request)
    plan = access.document_for(policy, pk, Action.READ_REPORTS)
    owners = access.addressed_to_user(policy, plan).filter(kind__in=GRASSROOTS_KINDS)
    if not owners.exists():
        raise PermissionDenied(_("Đơn vị của bạn không phải là nơi nhận kế hoạch này."))
    if request.method == "GET":
        form = ImplementingPlanForm(owners=owners, initial={"owner": owners.first()})
        return render(request, "documents/implement.html", {"plan": plan, "form": form})
    form = ImplementingPlanForm(request.POST, request.FILES, owners=owners)
    if not form.is_valid():
        return render(request, "documents/implement.html", {"plan": plan, "form": form}, status=400)
    upload = form.cleaned_data["file"]
    document = documents.import_implementing_plan(
        plan=plan,
        owner=form.cleaned_data["owner"],
        data=upload.read(),
        filename=upload.name or "ke-hoach.txt",
        by=request.user,
    )
    messages.success(
        request,
        _("Đã tải lên %(name)s, thực hiện %(plan)s.")
        % {"name": document.display_name, "plan": plan.display_name},
    )
    return _see_other(reverse("documents:detail", args=[document.pk]))


@require_http_methods(["POST"])
def correct(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Correct one scalar field (number, date, signer…)."""
    policy = policy_for(request)
    document = access.document_for(policy, pk, Action.MANAGE)
    form = FieldCorrectionForm(request.POST)
    back = reverse("documents:detail", args=[document.pk])
    if not form.is_valid():
        _form_errors(request, form)
        return _see_other(back)
    field = form.cleaned_data["field"]
    documents.correct_document_field(
        document=document, field=field, value=form.cleaned_data["value"], by=request.user
    )
    messages.success(request, _("Đã lưu: %(label)s.") % {"label": queries.FIELD_LABELS[field]})
    return _see_other(f"{back}#field-{field}")


@require_http_methods(["POST"])
def correct_deadline(request: AuthenticatedRequest, pk: int, deadline_pk: int) -> HttpResponse:
    """Correct the meaning of one deadline: its date, "trước ngày", "dự kiến"."""
    policy = policy_for(request)
    document = access.document_for(policy, pk, Action.MANAGE)
    deadline = access.deadline_for(document, deadline_pk)
    form = DeadlineCorrectionForm(request.POST)
    back = reverse("documents:detail", args=[document.pk])
    if not form.is_valid():
        _form_errors(request, form)
        return _see_other(back)
    documents.correct_deadline(deadline=deadline, by=request.user, **form.cleaned_data)
    messages.success(request, _("Đã lưu thời hạn “%(text)s”.") % {"text": deadline.text})
    return _see_other(f"{back}#deadline-{deadline.pk}")


@require_http_methods(["POST"])
def correct_recipients(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Replace the recipient list (one line each)."""
    policy = policy_for(request)
    document = access.document_for(policy, pk, Action.MANAGE)
    form = RecipientsForm(request.POST)
    back = reverse("documents:detail", args=[document.pk])
    if not form.is_valid():
        _form_errors(request, form)
        return _see_other(back)
    documents.correct_recipients(document=document, recipients=form.lines(), by=request.user)
    messages.success(request, _("Đã lưu nơi nhận."))
    return _see_other(f"{back}#recipients")


@require_http_methods(["GET"])
def source(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """The original uploaded file, as an attachment, after the permission check."""
    policy = policy_for(request)
    document = access.document_for(policy, pk, Action.READ_REPORTS)
    content_type = mimetypes.guess_type(document.source_name)[0] or "application/octet-stream"
    return FileResponse(
        document.source.open("rb"),
        as_attachment=True,
        filename=document.source_name,
        content_type=content_type,
    )


@require_http_methods(["GET"])
def history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The audit events of this document (a fragment, also included in the detail page)."""
    policy = policy_for(request)
    document = access.document_for(policy, pk, Action.READ_REPORTS)
    return render(
        request,
        "documents/_history.html",
        {"document": document, "events": queries.document_history(document)},
    )


@require_http_methods(["POST"])
def archive(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Move the document to the archive (hidden from the list; still readable)."""
    policy = policy_for(request)
    document = access.document_for(policy, pk, Action.MANAGE)
    documents.archive_document(document=document, by=request.user)
    messages.success(
        request,
        _("Đã chuyển %(name)s vào mục lưu trữ. Văn bản vẫn xem được; các đợt đã mở không đổi.")
        % {"name": document.display_name},
    )
    return _see_other(reverse("documents:detail", args=[document.pk]))


@require_http_methods(["POST"])
def unarchive(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Bring the document back from the archive into the list."""
    policy = policy_for(request)
    document = access.document_for(policy, pk, Action.MANAGE)
    documents.unarchive_document(document=document, by=request.user)
    messages.success(
        request, _("Đã đưa %(name)s ra khỏi mục lưu trữ.") % {"name": document.display_name}
    )
    return _see_other(reverse("documents:detail", args=[document.pk]))
