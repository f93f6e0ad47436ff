"""Who may reach which document (issue 7, ADR 0005): the one place the documents pages
fetch a document or one of its deadlines, on top of the one policy ("which documents may
this user read" and "may they do A on this one")."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from lamtheobac.documents.models import Deadline, Document
from lamtheobac.units.policy import Action, Policy


def readable_documents(policy: Policy) -> QuerySet[Document]:
    """Documents owned by units on which the user may read reports or manage, owners loaded."""
    scope = policy.unit_filter(Action.READ_REPORTS, "owner") | policy.unit_filter(
        Action.MANAGE, "owner"
    )
    return Document.objects.filter(scope).select_related("owner")


def document_for(policy: Policy, pk: int, action: Action) -> Document:
    """The document ``pk`` if the user may do ``action`` on its owner: 404 outside the user's
    scope, 403 without the right. ``Action.READ_REPORTS`` is also satisfied by MANAGE."""
    document = get_object_or_404(Document.objects.select_related("owner"), pk=pk)
    if action is Action.READ_REPORTS and policy.can(Action.MANAGE, document.owner):
        return document
    policy.require(action, document.owner)
    return document


def deadline_for(document: Document, deadline_pk: int) -> Deadline:
    """One deadline of ``document`` (404 for a deadline of another document)."""
    try:
        return document.deadlines.get(pk=deadline_pk)
    except Deadline.DoesNotExist as exc:
        raise Http404(_("Không tìm thấy thời hạn.")) from exc
