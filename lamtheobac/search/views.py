"""The search page (issue 14 §7): one box over documents, persons and units the caller may see."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lamtheobac.core.http import AuthenticatedRequest
from lamtheobac.search import queries
from lamtheobac.units.policy import policy_for

PREVIEW = 10  # rows of each kind on the page with all kinds
PAGE_SIZE = 25  # rows a page when one kind is chosen
KINDS = {"van-ban": "Văn bản", "nguoi": "Người", "don-vi": "Tổ chức, đơn vị"}


@require_GET
def search(request: AuthenticatedRequest) -> HttpResponse:
    """``?q=`` the words; ``loai=`` one kind (van-ban, nguoi, don-vi) paginated by ``trang=``.

    Queries are constant: a count and a page per kind, one for the units' parents."""
    policy = policy_for(request)
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("loai", "")
    if kind not in KINDS:
        kind = ""
    sections: list[dict[str, Any]] = []
    if query:
        size = PAGE_SIZE if kind else PREVIEW
        found: dict[str, QuerySet[Any]] = {
            "van-ban": queries.documents(policy, query),
            "nguoi": queries.persons(policy, query),
            "don-vi": queries.units(policy, query),
        }
        for code, label in KINDS.items():
            if kind and code != kind:
                continue
            page = Paginator(found[code], size).get_page(request.GET.get("trang") if kind else 1)
            rows: list[Any] = list(page.object_list)
            if code == "nguoi":
                rows = queries.labelled_persons(rows)
            elif code == "don-vi":
                rows = queries.labelled_units(rows)
            sections.append({"code": code, "label": label, "page": page, "rows": rows})
    return render(
        request,
        "search/search.html",
        {"query": query, "kind": kind, "kinds": KINDS, "sections": sections},
    )
