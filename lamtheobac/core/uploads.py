"""Attachment checks: type by content, not by name; size limit (issue: at most 20 MB each)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from lamtheobac.core.errors import DomainError

# Accepted kinds: extension → MIME type, as detected from the file's bytes.
ALLOWED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
ALLOWED_LABEL = "PDF, Word (.docx), Excel (.xlsx), ảnh JPG hoặc PNG"


@dataclass(frozen=True)
class CheckedUpload:
    extension: str
    content_type: str
    size: int
    sha256: str


def _zip_office_kind(head: bytes, data_sample: bytes) -> str | None:
    """Word and Excel files are zip packages; tell them apart by their part names."""
    if not head.startswith(b"PK\x03\x04"):
        return None
    if b"word/" in data_sample:
        return "docx"
    if b"xl/" in data_sample:
        return "xlsx"
    return None


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Check one uploaded file and return its detected type, size (bytes) and SHA-256.

    Raises DomainError (Vietnamese) when it is empty, larger than ``settings.MAX_UPLOAD_SIZE``
    (20 MB) or not one of ALLOWED by its content — whatever its name says.
    """
    size = upload.size or 0
    if size == 0:
        raise DomainError(f"Tệp “{upload.name}” rỗng.")
    if size > settings.MAX_UPLOAD_SIZE:
        limit = settings.MAX_UPLOAD_SIZE // (1024 * 1024)
        raise DomainError(f"Tệp “{upload.name}” quá lớn: tối đa {limit} MB mỗi tệp.")
    digest = hashlib.sha256()
    head = b""
    sample = b""
    upload.seek(0)
    for chunk in upload.chunks():
        if len(head) < 8192:
            head += chunk[: 8192 - len(head)]
        if len(sample) < 1_048_576:
            sample += chunk[: 1_048_576 - len(sample)]
        digest.update(chunk)
    upload.seek(0)
    kind = filetype.guess(head)
    extension = kind.extension if kind else None
    if extension in {"docx", "xlsx", "zip", None}:
        extension = _zip_office_kind(head, sample) or extension
    if extension == "jpeg":
        extension = "jpg"
    if extension not in ALLOWED:
        raise DomainError(
            f"Tệp “{upload.name}” không phải loại được nhận ({ALLOWED_LABEL}); "
            "hệ thống kiểm tra theo nội dung tệp, không theo tên tệp."
        )
    return CheckedUpload(extension, ALLOWED[extension], size, digest.hexdigest())
