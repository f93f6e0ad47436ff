"""``{% document_links document %}``: the citations both ways and the plan's work, included
in the documents detail page (an additive include; the query runs here, not in its view)."""

from __future__ import annotations

from typing import Any

from django import template

from lamtheobac.documents.models import Document
from lamtheobac.documents.queries import readable_documents
from lamtheobac.tasks import plan_links, queries
from lamtheobac.units.policy import policy_for

register = template.Library()


@register.inclusion_tag("tasks/_document_links.html", takes_context=True)
def document_links(context: Any, document: Document) -> dict[str, Any]:
    request = context["request"]
    readable = readable_documents(policy_for(request))
    return {
        "document": document,
        "cites": plan_links.cites(document, readable),
        "cited_by": plan_links.cited_by(document, readable),
        "rounds": plan_links.rounds_from(document),
        "task_progress": queries.progress(document.tasks.all()),
    }
