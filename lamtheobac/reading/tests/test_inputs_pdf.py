"""PDF inputs: password-protected files and scans without a text layer."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from lamtheobac.reading import ReadError, read_bytes
from lamtheobac.reading.ocr import OCR_NO_TEXT

from .builders import make_pdf, pdf_from_objects

LINES = [
    "ĐẢNG ỦY KHỐI CÁC CƠ QUAN",
    "*",
    "Số 59-KH/ĐUK",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Quảng Nam, ngày 06 tháng 3 năm 2020",
    "KẾ HOẠCH",
    "Các chi bộ gửi báo cáo trước ngày 20/3/2020.",
]


def _encrypted(user_password: str, owner_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(LINES))))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_with_a_user_password_is_refused_with_a_message():
    data = _encrypted("bí-mật", "chủ")
    assert PdfReader(io.BytesIO(data)).is_encrypted
    with pytest.raises(ReadError) as error:
        read_bytes(data)
    assert error.value.message.startswith("Tệp PDF được đặt mật khẩu")


def test_a_pdf_that_only_restricts_printing_is_read_with_the_empty_password():
    ex = read_bytes(_encrypted("", "chủ-sở-hữu"))
    assert ex.number.value == "59-KH/ĐUK"
    assert ex.date.value == "2020-03-06"


def _image_only_pdf() -> bytes:
    image = b"\x00\xff" * 8
    content = b"q 200 0 0 200 100 500 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(image) + image + b"\nendstream",
    ]
    return pdf_from_objects(objects)


def test_an_image_only_pdf_with_no_letters_in_its_image_says_ocr_found_no_text():
    with pytest.raises(ReadError) as error:
        read_bytes(_image_only_pdf())
    assert error.value.message == OCR_NO_TEXT


def test_a_pdf_whose_text_layer_is_tcvn3_is_converted():
    from lamtheobac.reading.legacy import unicode_to_tcvn3

    legacy = [unicode_to_tcvn3(line).decode("cp1252") for line in LINES]
    ex = read_bytes(make_pdf(legacy))
    assert ex.number.value == "59-KH/ĐUK"
    assert ex.date.value == "2020-03-06"
