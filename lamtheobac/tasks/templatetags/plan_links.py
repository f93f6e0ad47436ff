"""``{% document_links document %}``: the documents a document cites and those citing it,
in the documents detail page (an additive include; it reuses the citations the page loaded
and adds one query). The plan's work (tasks, rounds) is on its own page, linked from here."""

from __future__ import annotations

from typing import Any

from django import template

from lamtheobac.documents.access import readable_documents
from lamtheobac.documents.models import Document
from lamtheobac.tasks import plan_links
from lamtheobac.units.policy import policy_for

register = template.Library()


@register.inclusion_tag("tasks/_document_links.html", takes_context=True)
def document_links(context: Any, document: Document) -> dict[str, Any]:
    reading = context.get("reading")
    citations = [row.item for row in reading.citations] if reading is not None else None
    found = plan_links.links(
        document, readable_documents(policy_for(context["request"])), citations
    )
    return {"document": document, "cites": found.cites, "cited_by": found.cited_by}
