"""Tasks pages: the plan's review step, a plan's work, the lists, a task and its progress.

Every view: check access through the policy, parse input, call one write function, respond;
a DomainError is shown by ``core.middleware``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import formset_factory
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lamtheobac.audit.models import history
from lamtheobac.documents.access import document_for
from lamtheobac.tasks import queries
from lamtheobac.tasks.actions.tasks import (
    TaskDraft,
    create_task,
    create_tasks_from_plan,
    update_progress,
)
from lamtheobac.tasks.forms import ManualTaskForm, ProgressForm, ReviewRowForm
from lamtheobac.tasks.models import Recurrence
from lamtheobac.tasks.proposals import Proposal, issuing_unit, merge, proposals_for
from lamtheobac.units.models import Unit, UnitKind, UnitQuerySet
from lamtheobac.units.policy import Action, policy_for

ReviewFormSet = formset_factory(ReviewRowForm, extra=2)


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


@require_http_methods(["GET"])
def task_list(request: HttpRequest) -> HttpResponse:
    """The tasks the user's units lead, support, and (for committees) all in their tree."""
    policy = policy_for(request)
    visible = queries.visible_tasks(policy)
    show = request.GET.get("xem", "")
    if show == "qua-han":
        rows = visible.overdue()  # type: ignore[attr-defined]
    elif show == "chu-tri":
        rows = queries.led_tasks(policy)
    elif show == "phoi-hop":
        rows = queries.supported_tasks(policy)
    else:
        rows = visible
    return render(
        request,
        "tasks/list.html",
        {
            "tasks": queries.with_supports(rows).order_by("due", "pk")[:500],
            "show": show,
            "progress": queries.progress(visible),
            "can_create": policy.has_any(Action.MANAGE),
        },
    )


@require_http_methods(["GET"])
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = policy_for(request)
    task = queries.task_for(policy, pk)
    return render(
        request,
        "tasks/detail.html",
        {
            "task": task,
            "supports": task.supports.all(),
            "files": task.files.present(),
            "events": history(task)[:50],
            "can_report": queries.may_report(policy, task),
            "form": ProgressForm(
                initial={"state": task.state, "result": task.result, "version": task.version}
            ),
        },
    )


@require_http_methods(["POST"])
def task_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead unit (or its committee) records progress, a short result and files."""
    policy = policy_for(request)
    task = queries.task_for(policy, pk)
    if not queries.may_report(policy, task):
        raise PermissionDenied("Chỉ đơn vị chủ trì cập nhật tiến độ nhiệm vụ này.")
    form = ProgressForm(request.POST)
    back = reverse("tasks:detail", args=[task.pk])
    if not form.is_valid():
        messages.error(request, "Tiến độ không hợp lệ.")
        return _see_other(back)
    update_progress(
        task=task,
        state=form.cleaned_data["state"],
        result=form.cleaned_data["result"],
        by=request.user,
        version=form.cleaned_data["version"],
        files=request.FILES.getlist("files"),
    )
    messages.success(request, "Đã cập nhật tiến độ.")
    return _see_other(back)


@require_http_methods(["GET"])
def task_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    policy = policy_for(request)
    task = queries.task_for(policy, pk)
    stored = get_object_or_404(task.files.present(), pk=file_pk)
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.original_name)


def _committees(request: HttpRequest) -> UnitQuerySet:
    return (
        policy_for(request)
        .units(Action.MANAGE)
        .filter(kind__in=[UnitKind.COMMITTEE, UnitKind.GRASSROOTS_COMMITTEE])
    )


@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest) -> HttpResponse:
    """Assign a task by hand in a committee the user manages."""
    policy = policy_for(request)
    committees = _committees(request)
    if not committees.exists():
        raise PermissionDenied("Bạn không có quyền giao nhiệm vụ.")
    units = policy.units(Action.MANAGE).filter(is_active=True)
    form = ManualTaskForm(request.POST or None, committees=committees, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        policy.require(Action.MANAGE, data["committee"])
        created = create_task(
            committee=data["committee"],
            draft=TaskDraft(
                title=data["title"],
                lead=data["lead"],
                supports=list(data["supports"]),
                due=data["due"],
                due_exclusive=data["due_exclusive"],
                recurrence=data["recurrence"],
            ),
            by=request.user,
        )
        messages.success(request, f"Đã giao {len(created)} nhiệm vụ.")
        return _see_other(reverse("tasks:detail", args=[created[0].pk]))
    return render(request, "tasks/create.html", {"form": form}, status=400 if form.errors else 200)


def _initial(row: Proposal) -> dict[str, object]:
    return {
        "keep": row.lead is not None,
        "title": row.text,
        "lead": row.lead,
        "supports": row.supports,
        "due": row.due,
        "due_exclusive": row.due_exclusive,
        "due_text": row.due_text,
        "recurrence": row.recurrence,
    }


@require_http_methods(["GET", "POST"])
def plan_review(request: HttpRequest, document_pk: int) -> HttpResponse:
    """One review step: the plan's proposed tasks, edited, merged or dropped, then tracked."""
    policy = policy_for(request)
    document = document_for(policy, document_pk, Action.MANAGE)
    units = Unit.objects.subtree(issuing_unit(document)).filter(is_active=True)
    proposals = proposals_for(document)
    if request.method == "POST":
        formset = ReviewFormSet(request.POST, form_kwargs={"units": units})
        if formset.is_valid():
            rows = [
                Proposal(
                    key=str(i),
                    text=f.cleaned_data.get("title", ""),
                    lead_name="",
                    lead=f.cleaned_data.get("lead"),
                    support_names=[],
                    supports=list(f.cleaned_data.get("supports") or []),
                    due=f.cleaned_data.get("due"),
                    due_exclusive=bool(f.cleaned_data.get("due_exclusive")),
                    due_text=f.cleaned_data.get("due_text", ""),
                    recurrence=f.cleaned_data.get("recurrence") or Recurrence.ONCE,
                    merge_into=f.cleaned_data.get("merge_into"),
                    keep=bool(f.cleaned_data.get("keep")),
                )
                for i, f in enumerate(formset.forms)
                if f.has_changed() or f.cleaned_data.get("keep")
            ]
            drafts = [
                TaskDraft(
                    title=r.text,
                    lead=r.lead,
                    supports=r.supports,
                    due=r.due,
                    due_exclusive=r.due_exclusive,
                    due_text=r.due_text,
                    recurrence=r.recurrence,
                )
                for r in merge(rows)
                if r.keep and r.lead is not None
            ]
            created = create_tasks_from_plan(document=document, drafts=drafts, by=request.user)
            messages.success(request, f"Đã tạo {len(created)} nhiệm vụ từ {document.display_name}.")
            return _see_other(reverse("tasks:plan", args=[document.pk]))
        status = 400
    else:
        formset = ReviewFormSet(
            initial=[_initial(p) for p in proposals], form_kwargs={"units": units}
        )
        status = 200
    return render(
        request,
        "tasks/review.html",
        {
            "document": document,
            "rows": list(zip(formset.forms, [*proposals, *[None] * 2], strict=False)),
            "formset": formset,
            "existing": document.tasks.count(),
        },
        status=status,
    )


@require_http_methods(["GET"])
def plan_page(request: HttpRequest, document_pk: int) -> HttpResponse:
    """A plan's work: its tasks with progress, and the rounds opened from it."""
    from lamtheobac.tasks.plan_links import rounds_from

    policy = policy_for(request)
    document = document_for(policy, document_pk, Action.READ_REPORTS)
    tasks = queries.plan_tasks(document)
    return render(
        request,
        "tasks/plan.html",
        {
            "document": document,
            "tasks": tasks,
            "progress": queries.progress(document.tasks.all()),
            "rounds": rounds_from(document),
            "can_review": policy.can(Action.MANAGE, document.owner),
        },
    )
