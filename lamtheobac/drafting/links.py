"""Where the old direct download addresses of committee documents now lead (issue 12 §1).

Every document the committee sends is drafted first (signer, issuing body, signing date); the
addresses that used to serve it undrafted answer ``303 See Other`` to the drafting page of the
same kind and round, after their own permission check.
"""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.urls import reverse

from lamtheobac.drafting.models import DocumentKind


def to_drafting(kind: DocumentKind, round_pk: int) -> HttpResponseRedirect:
    """``303`` to ``drafting:draft`` of ``kind`` for the round ``round_pk``."""
    return HttpResponseRedirect(reverse("drafting:draft", args=[kind.value, round_pk]), status=303)
