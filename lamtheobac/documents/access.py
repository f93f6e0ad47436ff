"""Who may reach which document (issue 7, ADR 0005): the one place the documents pages
fetch a document or one of its deadlines, on top of the one policy ("which documents may
this user read" and "may they do A on this one").

A plan reaches the units it was sent to (issue 9 §3): besides the committee that owns it, a
document is readable by the staff (REPORT) of the units it addresses — the targets of the
rounds opened from it (at any level of a cascade), the lead and support units of its tasks,
and its recipients (by name, or "các đảng bộ, chi bộ cơ sở" for all grassroots organisations
under its owner) — and by the staff of its owner (a grassroots organisation's own plan).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from lamtheobac.core.vietnamese import nfc
from lamtheobac.documents.models import Addressee, Deadline, Document
from lamtheobac.units.models import CELL_KINDS, GRASSROOTS_KINDS, Unit, UnitQuerySet
from lamtheobac.units.policy import Action, Policy


def recipient_condition(document: Document) -> Q:
    """Units named in the document's recipient list (exact name, NFC, without the list's
    dash and end punctuation), and the groups a line names ("các đảng bộ, chi bộ cơ sở",
    "các chi bộ trực thuộc") under the document's owner."""
    names: set[str] = set()
    condition = Q(pk__in=[])
    owner_path = document.owner.path
    for line in document.recipients or []:
        name = nfc(str(line)).strip().lstrip("-–•+ ").rstrip(",;.: ").strip()
        if not name:
            continue
        names.add(name)
        low = name.lower()
        if low.startswith("các") and "cơ sở" in low:
            condition |= Q(kind__in=GRASSROOTS_KINDS, path__startswith=owner_path)
        if low.startswith("các") and "chi bộ" in low and "trực thuộc" in low:
            condition |= Q(kind__in=CELL_KINDS, path__startswith=owner_path)
    if names:
        condition |= Q(name__in=names, path__startswith=owner_path)
    return condition


def addressed_units(document: Document) -> UnitQuerySet:
    """The units ``document`` addresses (see the module docstring), as one queryset."""
    from lamtheobac.reporting.models import RoundTarget
    from lamtheobac.tasks.models import Task

    targets = RoundTarget.objects.filter(round__document=document).values("unit_id")
    leads = Task.objects.filter(plan=document).values("lead_id")
    supports = Task.supports.through.objects.filter(task__plan=document).values("unit_id")
    return Unit.objects.filter(
        Q(pk__in=targets)
        | Q(pk__in=leads)
        | Q(pk__in=supports)
        | Q(pk__in=document.addressees.values("unit_id"))  # matched then, kept after a rename
        | recipient_condition(document)
    )


def addressed_to_user(policy: Policy, document: Document) -> UnitQuerySet:
    """The addressed units the user reports for (their staff), in tree order."""
    if not policy.has_any(Action.REPORT):
        return Unit.objects.none()
    return (
        addressed_units(document)
        .filter(pk__in=policy.units(Action.REPORT).values("pk"))
        .in_tree_order()
    )


def may_read(policy: Policy, document: Document) -> bool:
    """The committee (READ_REPORTS or MANAGE on the owner), the owner's own staff (REPORT),
    or the staff of a unit the document addresses."""
    owner = document.owner
    if any(policy.can(a, owner) for a in (Action.READ_REPORTS, Action.MANAGE, Action.REPORT)):
        return True
    return addressed_to_user(policy, document).exists()


def readable_documents(policy: Policy) -> QuerySet[Document]:
    """Documents owned by units on which the user may read reports, manage or report (their
    own plans), and those addressed to their units through rounds, tasks and the recipient
    list (``Addressee``); owners loaded."""
    from lamtheobac.reporting.models import RoundTarget
    from lamtheobac.tasks.models import Task

    scope = (
        policy.unit_filter(Action.READ_REPORTS, "owner")
        | policy.unit_filter(Action.MANAGE, "owner")
        | policy.unit_filter(Action.REPORT, "owner")
    )
    if policy.has_any(Action.REPORT):
        targeted = RoundTarget.objects.filter(policy.unit_filter(Action.REPORT, "unit"))
        led = Task.objects.filter(policy.unit_filter(Action.REPORT, "lead"))
        supported = Task.supports.through.objects.filter(policy.unit_filter(Action.REPORT, "unit"))
        named = Addressee.objects.filter(policy.unit_filter(Action.REPORT, "unit"))
        scope |= (
            Q(pk__in=targeted.values("round__document_id"))
            | Q(pk__in=led.values("plan_id"))
            | Q(pk__in=supported.values("task__plan_id"))
            | Q(pk__in=named.values("document_id"))
        )
    return Document.objects.filter(scope).select_related("owner")


def document_for(policy: Policy, pk: int, action: Action) -> Document:
    """The document ``pk`` if the user may do ``action`` on its owner: 404 outside the user's
    scope, 403 without the right. ``Action.READ_REPORTS`` is also satisfied by MANAGE and by
    ``may_read`` (the owner's staff, the staff of the units it addresses)."""
    document = get_object_or_404(Document.objects.select_related("owner"), pk=pk)
    if action is Action.READ_REPORTS and may_read(policy, document):
        return document
    policy.require(action, document.owner)
    return document


def deadline_for(document: Document, deadline_pk: int) -> Deadline:
    """One deadline of ``document`` (404 for a deadline of another document)."""
    try:
        return document.deadlines.get(pk=deadline_pk)
    except Deadline.DoesNotExist as exc:
        raise Http404(_("Không tìm thấy thời hạn.")) from exc
