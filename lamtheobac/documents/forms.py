"""Forms for importing a document and correcting what the reader extracted."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lamtheobac.core.errors import DomainError
from lamtheobac.documents.actions.documents import CORRECTABLE_FIELDS, check_kind
from lamtheobac.units.models import Unit, UnitQuerySet

ACCEPTED_SUFFIXES = (
    ".txt",
    ".docx",
    ".pdf",
    ".doc",
    ".odt",
    ".rtf",
    ".html",
    ".htm",
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
)


def parse_vn_date(value: str) -> dt.date | None:
    """``2020-03-06``, ``06/3/2020`` or ``6-3-2020`` → a date; empty → None; else ValidationError."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    parts = value.replace("-", "/").replace(".", "/").split("/")
    try:
        day, month, year = (int(p) for p in parts)
        return dt.date(year, month, day)
    except (ValueError, TypeError) as exc:
        raise ValidationError(
            _("Ngày không hợp lệ: “%(value)s”. Nhập theo dạng ngày/tháng/năm, ví dụ 06/3/2020."),
            params={"value": value},
        ) from exc


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp văn bản"),
        help_text=gettext_lazy(
            "Tệp .docx, .pdf, .txt; Word cũ .doc, OpenDocument .odt, .rtf, trang web .html "
            "(chuyển đổi bằng LibreOffice); hoặc ảnh quét (.png, .jpg, .tiff: nhận dạng chữ)."
        ),
    )
    owner: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị quản lý văn bản"),
        queryset=None,
        empty_label=None,
        required=False,
        help_text=gettext_lazy("Mặc định: đơn vị đầu tiên bạn quản lý."),
    )

    def __init__(self, *args: Any, owners: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first_owner = owners.first()
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        if self.first_owner is not None:
            self.fields["owner"].initial = self.first_owner.pk

    def clean_owner(self) -> Unit | None:
        """The chosen committee or board; the first one when none was posted."""
        return self.cleaned_data.get("owner") or self.first_owner

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_SIZE
        if upload.size > limit:
            raise ValidationError(
                _("Tệp quá lớn (%(size)s MB): tối đa %(limit)s MB."),
                params={"size": _megabytes(upload.size), "limit": _megabytes(limit)},
            )
        if PurePath(upload.name or "").suffix.lower() not in ACCEPTED_SUFFIXES:
            raise ValidationError(
                _(
                    "Chỉ nhận tệp .docx, .doc, .odt, .rtf, .pdf, .txt, .html hoặc ảnh quét "
                    ".png, .jpg, .tiff."
                )
            )
        upload.seek(0)
        head = upload.read(65536)
        upload.seek(0)
        try:
            check_kind(upload.name or "", head)
        except DomainError as exc:
            raise ValidationError(exc.message) from exc
        return upload


def _megabytes(size: int) -> str:
    """Megabytes with a decimal comma, rounded up to a tenth: 1 MB + 1 byte → "1,1"."""
    tenths = math.ceil(size * 10 / (1024 * 1024))
    whole, tenth = divmod(tenths, 10)
    return f"{whole},{tenth}" if tenth else str(whole)


class FieldCorrectionForm(forms.Form):
    field = forms.ChoiceField(choices=[(name, name) for name in CORRECTABLE_FIELDS])
    value = forms.CharField(required=False, max_length=2000, strip=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("field") == "date":
            try:
                data["value"] = parse_vn_date(data.get("value") or "")
            except ValidationError as exc:
                self.add_error("value", exc)
        return data


class DeadlineCorrectionForm(forms.Form):
    due = forms.CharField(label=gettext_lazy("Hạn"), required=False)
    exclusive = forms.BooleanField(
        label=gettext_lazy("Trước ngày (không tính ngày hạn)"), required=False
    )
    tentative = forms.BooleanField(label=gettext_lazy("Dự kiến"), required=False)

    def clean_due(self) -> dt.date | None:
        return parse_vn_date(self.cleaned_data.get("due") or "")


class RecipientsForm(forms.Form):
    recipients = forms.CharField(
        label=gettext_lazy("Nơi nhận (mỗi dòng một nơi)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def lines(self) -> list[str]:
        return (self.cleaned_data.get("recipients") or "").splitlines()


class ImplementingPlanForm(forms.Form):
    """A grassroots organisation's own plan implementing the committee's (issue 9 §3)."""

    file = forms.FileField(
        label=gettext_lazy("Kế hoạch thực hiện của đơn vị"),
        help_text=gettext_lazy("Tệp .docx, .pdf hoặc .txt."),
    )
    owner: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị ban hành"), queryset=None, empty_label=None
    )

    def __init__(self, *args: Any, owners: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
