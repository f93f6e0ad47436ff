"""The formats offices have, duplicates by content, long texts paged, and the archive
(issue 14 §5)."""

from __future__ import annotations

import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import DomainError, StateError
from lamtheobac.core.tests.office_files import converted
from lamtheobac.documents import queries
from lamtheobac.documents.actions.documents import (
    archive_document,
    import_document,
    text_digest,
    unarchive_document,
)
from lamtheobac.documents.models import Document
from lamtheobac.jobs.models import Job

UPLOAD = reverse("documents:upload")

pytestmark = pytest.mark.django_db


def _post(client, name: str, data: bytes, *, follow: bool = True):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)}, follow=follow)


@pytest.mark.parametrize("kind", ["doc", "odt", "rtf", "html"])
def test_legacy_formats_are_imported_through_the_page_and_libreoffice(
    client, world, kind: str
) -> None:
    client.force_login(world.officer)
    response = _post(client, f"ke-hoach.{kind}", converted("docx", kind))
    document = Document.objects.get()
    assert response.redirect_chain[-1][0] == reverse("documents:detail", args=[document.pk])
    assert document.number == "59-KH/ĐUK"
    assert "chậm nhất ngày 30/4/2020" in document.text
    assert document.source_name == f"ke-hoach.{kind}"
    assert Job.objects.get().file_name == f"ke-hoach.{kind}"  # read in the background job


def test_the_upload_form_names_the_legacy_formats(client, world) -> None:
    client.force_login(world.officer)
    page = client.get(UPLOAD)
    assertContains(page, "Word cũ .doc, OpenDocument .odt, .rtf, trang web .html")


def test_a_text_file_renamed_pdf_is_refused_with_a_message_and_nothing_is_stored(
    client, world, seed_path
) -> None:
    client.force_login(world.officer)
    response = _post(client, "ke-hoach.pdf", seed_path("003").read_bytes(), follow=False)
    assert response.status_code == 400
    assertContains(
        response,
        "Tệp “ke-hoach.pdf” mang đuôi .pdf nhưng nội dung là văn bản thuần. Không nhập; hãy "
        "mở tệp kiểm tra rồi lưu lại đúng định dạng.",
        status_code=400,
    )
    assert not Document.objects.exists() and not Job.objects.exists()


def test_the_import_itself_refuses_a_mismatched_file_whatever_calls_it(world, seed_path) -> None:
    with pytest.raises(DomainError, match=r"mang đuôi \.docx nhưng nội dung là văn bản thuần"):
        import_document(
            owner=world.committee,
            data=seed_path("001").read_bytes(),
            filename="cong-van.docx",
            by=world.officer,
        )
    assert not Document.objects.exists()


def test_a_utf16_copy_of_an_imported_plan_is_recognised_as_a_duplicate(world, seed_path) -> None:
    text = seed_path("003").read_text(encoding="utf-8")
    first = import_document(
        owner=world.committee, data=text.encode("utf-8"), filename="a.txt", by=world.officer
    )
    with pytest.raises(DomainError) as refused:
        import_document(
            owner=world.committee,
            data=text.encode("utf-16"),
            filename="a-utf16.txt",
            by=world.officer,
        )
    assert refused.value.message == (
        "Văn bản có cùng nội dung (có thể ở định dạng khác) đã được nhập trước đó: "
        f"{first.display_name}. Không nhập lại."
    )
    assert Document.objects.count() == 1


def test_the_same_words_in_another_format_or_spacing_are_a_duplicate(world, seed_path) -> None:
    import unicodedata

    text = seed_path("003").read_text(encoding="utf-8")
    import_document(owner=world.committee, data=text.encode(), filename="a.txt", by=world.officer)
    decomposed = unicodedata.normalize("NFD", text).replace("\n", "\r\n  ")
    with pytest.raises(DomainError, match="cùng nội dung"):
        import_document(
            owner=world.committee,
            data=decomposed.encode("utf-8-sig"),
            filename="b.txt",
            by=world.officer,
        )
    assert text_digest("Kế  hoạch\n số 1") == text_digest(
        unicodedata.normalize("NFD", "\ufeffKế hoạch số 1 ")
    )
    assert text_digest("Kế hoạch số 1") != text_digest("Kế hoạch số 2")


def test_a_duplicate_of_an_archived_document_says_where_it_is(world, seed_path) -> None:
    data = seed_path("001").read_bytes()
    first = import_document(owner=world.committee, data=data, filename="a.txt", by=world.officer)
    archive_document(document=first, by=world.officer)
    with pytest.raises(DomainError, match="đang ở mục lưu trữ"):
        import_document(owner=world.committee, data=data, filename="a.txt", by=world.officer)


# --- long texts ---------------------------------------------------------------------------


def test_a_long_documents_page_shows_its_text_a_page_at_a_time_and_stays_small(
    client, world, seed_path
) -> None:
    body = seed_path("003").read_text(encoding="utf-8")
    data = (body + "\n" + "\n".join(["Phụ lục: " + body] * 150)).encode()  # 2.1 MB
    assert len(data) > 2_000_000
    document = import_document(
        owner=world.committee, data=data, filename="dai.txt", by=world.officer
    )
    client.force_login(world.officer)
    url = reverse("documents:detail", args=[document.pk])
    first = client.get(url)
    html = first.content.decode()
    assert len(first.content) < 250_000  # the whole text would be > 2 MB
    pages = queries.reading(document).pages
    assert pages == len(queries.text_pages(document.text)) > 20
    assert f"Nguyên văn dài: trang 1/{pages}." in html
    assert f'<a href="#span-number">{document.number}</a>' in html
    second = client.get(url, {"trang": "2"}).content.decode()
    assert len(second) < 250_000
    assert f"Nguyên văn dài: trang 2/{pages}." in second
    # values whose words are on page 1 link there from page 2
    assert f'<a href="?trang=1#span-number">{document.number}</a>' in second
    assert client.get(url, {"trang": "99999"}).status_code == 200  # clamped to the last


def test_text_pages_cover_the_text_exactly_and_cut_at_line_ends() -> None:
    text = "\n".join(f"dòng {i} " + "x" * 50 for i in range(5000))
    bounds = queries.text_pages(text, size=10_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(text[end - 1] == "\n" for _start, end in bounds[:-1])
    assert queries.text_pages("") == [(0, 0)]


# --- archive ------------------------------------------------------------------------------


def test_archiving_hides_a_document_from_the_list_keeps_it_readable_and_is_audited(
    client, world, import_text
) -> None:
    document = import_text("Số 12-KH/ĐUK\nKẾ HOẠCH học tập chuyên đề năm 2026")
    client.force_login(world.officer)
    detail = reverse("documents:detail", args=[document.pk])
    response = client.post(reverse("documents:archive", args=[document.pk]))
    assert response.status_code == 303 and response["Location"] == detail
    document.refresh_from_db()
    assert document.is_archived and document.archived_by == world.officer
    event = AuditEvent.objects.get(action="document.archived")
    assert event.actor == world.officer
    listing = client.get(reverse("documents:list"))
    assertNotContains(listing, detail)
    assertContains(listing, "Xem văn bản đã lưu trữ")
    archived = client.get(reverse("documents:list"), {"luu-tru": "1"})
    assertContains(archived, detail)
    assertContains(archived, "Văn bản đã lưu trữ")
    page = client.get(detail)
    assertContains(page, "Văn bản đã được chuyển vào mục lưu trữ")
    client.post(reverse("documents:unarchive", args=[document.pk]))
    document.refresh_from_db()
    assert not document.is_archived
    assert AuditEvent.objects.filter(action="document.unarchived").count() == 1
    assertContains(client.get(reverse("documents:list")), detail)


def test_archiving_twice_is_refused_and_changes_nothing(world, import_text) -> None:
    document = import_text("Số 13-KH/ĐUK\nKẾ HOẠCH")
    archive_document(document=document, by=world.officer)
    with pytest.raises(StateError, match="đã ở mục lưu trữ"):
        archive_document(document=document, by=world.officer)
    unarchive_document(document=document, by=world.officer)
    with pytest.raises(StateError, match="không ở mục lưu trữ"):
        unarchive_document(document=document, by=world.officer)
    assert AuditEvent.objects.filter(action="document.archived").count() == 1


@pytest.mark.parametrize(
    ("persona", "status"), [("leader", 403), ("sibling_officer", 404), ("secretary", 404)]
)
def test_only_the_owners_staff_may_archive(
    client, world, import_text, persona: str, status: int
) -> None:
    document = import_text("Số 14-KH/ĐUK\nKẾ HOẠCH")
    client.force_login(getattr(world, persona))
    for name in ("documents:archive", "documents:unarchive"):
        assert client.post(reverse(name, args=[document.pk])).status_code == status
    document.refresh_from_db()
    assert not document.is_archived


def test_the_archive_buttons_are_post_only(client, world, import_text) -> None:
    document = import_text("Số 15-KH/ĐUK\nKẾ HOẠCH")
    client.force_login(world.officer)
    assert client.get(reverse("documents:archive", args=[document.pk])).status_code == 405
