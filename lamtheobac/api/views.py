"""The user's own API tokens: create (the key is shown once), list, revoke."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lamtheobac.api.models import ApiToken
from lamtheobac.audit.models import record


class TokenForm(forms.Form):
    name = forms.CharField(label="Tên gợi nhớ (dùng cho chương trình nào)", max_length=100)


@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        key, token = ApiToken.issue(user=request.user, name=form.cleaned_data["name"])
        record(
            actor=request.user, action="api.token_issued", target=token, after={"name": token.name}
        )
        form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {"form": form, "key": key, "tokens": ApiToken.objects.filter(user=request.user.pk)},
    )


@require_http_methods(["POST"])
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user.pk, revoked_at__isnull=True)
    token.revoke()
    record(actor=request.user, action="api.token_revoked", target=token, after={"name": token.name})
    messages.success(request, f"Đã thu hồi khóa {token}.")
    return HttpResponseRedirect(reverse("api_tokens"), status=303)
