"""Attachments: the formats offices use are accepted, checked by their bytes (issue 14 §5)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lamtheobac.core.errors import DomainError
from lamtheobac.core.tests.office_files import converted, docx_bytes, xlsx_bytes
from lamtheobac.core.uploads import check_upload


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("source", "target", "mime"),
    [
        ("docx", "doc", "application/msword"),
        ("xlsx", "xls", "application/vnd.ms-excel"),
        ("docx", "odt", "application/vnd.oasis.opendocument.text"),
        ("xlsx", "ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
def test_old_office_and_opendocument_files_are_accepted_by_their_content(
    source: str, target: str, mime: str
) -> None:
    checked = check_upload(_upload(f"bao-cao.{target}", converted(source, target)))
    assert (checked.extension, checked.content_type) == (target, mime)


def test_a_word_file_named_xls_is_still_stored_as_what_it_is() -> None:
    checked = check_upload(_upload("bang.xls", converted("docx", "doc")))
    assert checked.extension == "doc"


def test_docx_and_xlsx_are_still_accepted() -> None:
    assert check_upload(_upload("a.docx", docx_bytes())).extension == "docx"
    assert check_upload(_upload("a.xlsx", xlsx_bytes())).extension == "xlsx"


def test_a_text_file_renamed_pdf_is_refused_with_a_message_saying_so() -> None:
    with pytest.raises(DomainError) as refused:
        check_upload(_upload("bao-cao.pdf", "Báo cáo sơ kết của chi bộ.".encode()))
    assert refused.value.message == (
        "Tệp “bao-cao.pdf” không phải loại được nhận: tên mang đuôi .pdf nhưng nội dung là "
        "văn bản thuần. Hệ thống kiểm tra theo nội dung tệp; hãy mở tệp kiểm tra rồi lưu lại "
        "đúng định dạng."
    )


def test_an_ole_file_that_is_neither_word_nor_excel_is_refused() -> None:
    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000
    with pytest.raises(DomainError, match="không phải loại được nhận"):
        check_upload(_upload("trinh-chieu.ppt", fake))


def test_an_rtf_is_not_an_attachment_kind() -> None:
    with pytest.raises(DomainError, match="không phải loại được nhận"):
        check_upload(_upload("a.rtf", converted("docx", "rtf")))
