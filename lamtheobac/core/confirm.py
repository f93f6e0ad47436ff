"""Ask before an irreversible or broadcast action (issue 14 §2), with or without JavaScript.

A button that locks, fixes, broadcasts or removes something posts as usual; its view calls
:func:`ask_first` and, unless the post carries ``confirmed=1``, answers with a page that says
what will happen and re-posts the same fields with ``confirmed=1`` when the user agrees. With
JavaScript, ``static/js/forms.js`` asks the same question in a dialog (the form's
``data-confirm`` text) and adds ``confirmed=1`` itself, so the page is skipped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED = "confirmed"


def is_confirmed(request: HttpRequest) -> bool:
    """True when the post says the user agreed (``confirmed=1``)."""
    return request.POST.get(CONFIRMED) == "1"


def ask_first(
    request: HttpRequest,
    *,
    title: str,
    message: str,
    confirm_label: str,
    back_url: str,
    details: Sequence[str] = (),
    extra: Mapping[str, str] | None = None,
) -> HttpResponse | None:
    """None when the post is confirmed (go on); otherwise the confirmation page (status 200):
    ``title`` as heading, ``message`` (what will happen, in Vietnamese), an optional list of
    ``details`` (e.g. the empty sections), a button ``confirm_label`` re-posting the same
    fields (plus ``extra``, e.g. the version the page was built from) to the same address with
    ``confirmed=1``, and a way back to ``back_url``. Works for a GET too (nothing posted yet)."""
    if is_confirmed(request):
        return None
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRMED)
        for value in values
        if name not in (extra or {})
    ]
    fields += list((extra or {}).items())
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "message": message,
            "details": list(details),
            "confirm_label": confirm_label,
            "back_url": back_url,
            "action": request.get_full_path(),
            "fields": fields,
        },
    )
