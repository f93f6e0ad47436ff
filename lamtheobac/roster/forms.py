"""The upload form of both imports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lamtheobac.units.models import Unit


class ImportForm(forms.Form):
    scope = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị nhập"),
        queryset=Unit.objects.all(),
        empty_label=None,
        help_text=gettext_lazy("Chỉ đối chiếu với đơn vị này và các đơn vị trực thuộc."),
    )
    file = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx)"))

    def __init__(self, *args: Any, scopes: Iterable[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any unit pk validates here; the view then asks the policy (404 outside the scope).
        self.fields["scope"].widget.choices = [(u.pk, u.name) for u in scopes]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise ValidationError(
                _("Tệp quá lớn: tối đa %(limit)s MB."),
                params={"limit": settings.MAX_UPLOAD_SIZE // (1024 * 1024)},
            )
        return upload  # the type is checked by content when the file is read
