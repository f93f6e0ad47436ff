"""A scanned page uploaded on the web is read by OCR and its page says so (issue 10 §3)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains

from lamtheobac.documents.models import Document
from lamtheobac.reading.tests.conftest import seed_path
from lamtheobac.reading.tests.scans import scan_png


def test_a_scanned_png_is_imported_and_its_page_shows_it_came_from_ocr(client, world):
    text = seed_path("001").read_text(encoding="utf-8")
    client.force_login(world.officer)

    response = client.post(
        reverse("documents:upload"),
        {"file": SimpleUploadedFile("cong-van-quet.png", scan_png(text))},
    )

    document = Document.objects.get()
    assert response.status_code == 303
    assert document.number == "545-CV/ĐUK"
    assert document.extraction["source"] == "ocr"
    page = client.get(reverse("documents:detail", args=[document.pk]))
    assertContains(page, 'id="ocr-note"')
    assertContains(page, "nhận dạng chữ (OCR) từ bản quét 1 trang")
