"""Going through the drafting step with Django's test client, as every download now does
(issue 12 §1): read the form's initial values, change some, post, follow to the file."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse


def form_data(client: Any, url: str, **changes: str) -> dict[str, str]:
    """The drafting form's initial values as a POST body, with ``changes``."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    data: dict[str, str] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    data.update(changes)
    return data


def drafted(client: Any, kind: str, round_pk: int, **changes: str) -> HttpResponse:
    """The file of ``kind`` for round ``round_pk``, drafted with the form's values + ``changes``
    (a signer's name is needed by every .docx kind; give it in ``changes``)."""
    url = reverse("drafting:draft", args=[kind, round_pk])
    saved = client.post(url, form_data(client, url, **changes))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    download: HttpResponse = client.get(saved["Location"])
    assert download.status_code == 200
    return download
