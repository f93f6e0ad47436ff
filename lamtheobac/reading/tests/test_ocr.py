"""Scans are read through OCR (issue 10 §3): seed pages drawn on images and read back."""

from __future__ import annotations

import unicodedata

import pytest

from lamtheobac.reading import ReadError, read_bytes
from lamtheobac.reading import ocr as ocr_module

from .conftest import seed_path
from .scans import scan_pdf, scan_png


def _letter() -> str:
    """Seed 001 (545-CV/ĐUK) up to its attached outline: two pages once drawn."""
    text = seed_path("001").read_text(encoding="utf-8")
    return text[: text.index("ĐỀ CƯƠNG")]


@pytest.fixture(scope="module")
def scanned_letter():
    return read_bytes(scan_pdf(_letter()), filename="cong-van-scan.pdf")


def test_an_image_only_pdf_of_a_seed_reads_back_its_number_kind_date_and_signer(scanned_letter):
    assert scanned_letter.number.value == "545-CV/ĐUK"
    assert scanned_letter.kind.value == "CV"
    assert scanned_letter.date.value == "2022-02-28"
    assert scanned_letter.signer.name.value == "Phạm Hữu Dự"


def test_the_scanned_seed_keeps_its_deadlines_by_due_date(scanned_letter):
    assert {d.due for d in scanned_letter.deadlines} == {"2022-03-04"}


def test_a_scan_says_it_came_from_ocr_with_a_confidence_and_each_value_its_page(scanned_letter):
    data = scanned_letter.to_json()
    assert data["source"] == "ocr"
    assert data["ocr"]["pages"] == 2
    assert 50 < data["ocr"]["confidence"] <= 100
    assert data["number"]["page"] == 1
    left, top, right, bottom = data["number"]["box"]
    assert 0 <= left < right <= 2480 and 0 <= top < bottom <= 3508
    assert data["signer"]["name"]["page"] == 2
    assert scanned_letter.text == unicodedata.normalize("NFC", scanned_letter.text)


def test_a_png_photo_of_the_first_page_is_read_too():
    result = read_bytes(scan_png(_letter()), filename="trang-1.png")
    assert result.source == "ocr"
    assert result.number.value == "545-CV/ĐUK"
    assert result.date.value == "2022-02-28"


def test_without_tesseract_a_scan_is_refused_naming_the_debian_packages(monkeypatch):
    monkeypatch.setattr(ocr_module, "engine", lambda: None)
    with pytest.raises(ReadError) as refused:
        read_bytes(scan_png("Số 12-KH/ĐUK"), filename="scan.png")
    assert "tesseract-ocr tesseract-ocr-vie" in refused.value.message
    assert "apt-get install" in refused.value.message


def test_a_text_pdf_is_not_sent_to_ocr():
    from .builders import make_pdf

    assert read_bytes(make_pdf(_letter().splitlines()[:12])).source == "pdf"
