"""Attachment checks: type by content, not by name; size limit (issue: at most 20 MB each).

Accepted: PDF, Word (.docx and the older .doc), Excel (.xlsx and the older .xls),
OpenDocument text and spreadsheets (.odt, .ods), JPG and PNG pictures — the formats Party
offices use every day (issue 14 §5). The kind is read from the bytes: a zip package is told
apart by its part names or its ``mimetype`` entry, an old Office (OLE2) file by the name of
its main stream (``WordDocument`` or ``Workbook``), anything else by ``filetype``. A file
whose name says one kind but whose bytes are another (a text file renamed ``.pdf``) is refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from lamtheobac.core.errors import DomainError

# Accepted kinds: extension → MIME type, as detected from the file's bytes.
ALLOWED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
ALLOWED_LABEL = (
    "PDF, Word (.docx, .doc), Excel (.xlsx, .xls), OpenDocument (.odt, .ods), ảnh JPG hoặc PNG"
)
# Names a file may carry for each detected kind (a .jpeg is a jpg).
_NAMES = {
    "pdf": {".pdf"},
    "docx": {".docx"},
    "xlsx": {".xlsx"},
    "doc": {".doc"},
    "xls": {".xls"},
    "odt": {".odt"},
    "ods": {".ods"},
    "jpg": {".jpg", ".jpeg"},
    "png": {".png"},
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_STREAMS = {
    "doc": "WordDocument".encode("utf-16-le"),
    "xls": "Workbook".encode("utf-16-le"),
    "xls5": "Book\x00".encode("utf-16-le"),  # Excel 5/95 workbooks
}
_OPEN_DOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# What a file's bytes look like when they are none of the accepted kinds, for the message.
_LOOKS_LIKE = {
    "text": "văn bản thuần",
    "zip": "tệp nén",
}


@dataclass(frozen=True)
class CheckedUpload:
    extension: str
    content_type: str
    size: int
    sha256: str


def _zip_office_kind(head: bytes, data_sample: bytes) -> str | None:
    """Word, Excel and OpenDocument files are zip packages; tell them apart by their
    ``mimetype`` entry (OpenDocument stores it first, uncompressed) or their part names."""
    if not head.startswith(b"PK\x03\x04"):
        return None
    for mime, kind in _OPEN_DOCUMENT.items():
        if head[30:38] == b"mimetype" and mime in head[:200]:
            return kind
    if b"word/" in data_sample:
        return "docx"
    if b"xl/" in data_sample:
        return "xlsx"
    return None


def _describe(kind: str | None, head: bytes) -> str:
    if kind:
        return f"tệp .{kind}"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "một loại tệp khác"
    return _LOOKS_LIKE["text"]


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Check one uploaded file and return its detected type, size (bytes) and SHA-256.

    Raises DomainError (Vietnamese) when it is empty, larger than ``settings.MAX_UPLOAD_SIZE``
    (20 MB), not one of ALLOWED by its content — whatever its name says — or named as one
    accepted kind while its bytes are another (``bao-cao.pdf`` holding plain text).
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
    streams: set[str] = set()
    tail = b""
    upload.seek(0)
    for chunk in upload.chunks():
        if len(head) < 8192:
            head += chunk[: 8192 - len(head)]
        if len(sample) < 1_048_576:
            sample += chunk[: 1_048_576 - len(sample)]
        if head.startswith(_OLE):
            # an OLE2 directory may sit anywhere in the file: look through all of it
            window = tail + chunk
            streams.update(k for k, name in _OLE_STREAMS.items() if name in window)
            tail = chunk[-32:]
        digest.update(chunk)
    upload.seek(0)
    extension: str | None
    if head.startswith(_OLE):
        extension = "doc" if "doc" in streams else "xls" if streams & {"xls", "xls5"} else None
    else:
        kind = filetype.guess(head)
        extension = kind.extension if kind else None
        if extension in {"docx", "xlsx", "odt", "ods", "zip", None}:
            extension = _zip_office_kind(head, sample) or extension
        if extension == "jpeg":
            extension = "jpg"
    suffix = PurePath(upload.name or "").suffix.lower()
    if extension not in ALLOWED:
        named = next((k for k, names in _NAMES.items() if suffix in names), None)
        if named is not None:
            raise DomainError(
                f"Tệp “{upload.name}” không phải loại được nhận: tên mang đuôi {suffix} nhưng "
                f"nội dung là {_describe(extension, head)}. Hệ thống kiểm tra theo nội dung "
                "tệp; hãy mở tệp kiểm tra rồi lưu lại đúng định dạng."
            )
        raise DomainError(
            f"Tệp “{upload.name}” không phải loại được nhận ({ALLOWED_LABEL}); "
            "hệ thống kiểm tra theo nội dung tệp, không theo tên tệp."
        )
    return CheckedUpload(extension, ALLOWED[extension], size, digest.hexdigest())
