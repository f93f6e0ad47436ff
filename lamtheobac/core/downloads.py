"""Generated files sent as downloads (.docx, .xlsx), one way for every app."""

from __future__ import annotations

from django.http import HttpResponse

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TYPES = {".docx": DOCX, ".xlsx": XLSX}


def file_download(data: bytes, filename: str) -> HttpResponse:
    """An attachment response for ``data`` named ``filename`` (ASCII, e.g. "bao-cao-12.docx");
    the content type follows the extension. Raises ValueError for an unknown extension."""
    extension = filename[filename.rfind(".") :].lower()
    if extension not in _TYPES:
        raise ValueError(f"unknown download type: {filename}")
    response = HttpResponse(data, content_type=_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
