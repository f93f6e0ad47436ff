from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML, assertRedirects

from lamtheobac.audit.models import AuditEvent
from lamtheobac.documents.models import Document
from lamtheobac.reading import read_bytes

SEEDS = ["000", "001", "002", "003", "004"]
UPLOAD = reverse("documents:upload")


def _post(client, name: str, data: bytes, *, follow: bool = False, **fields):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), **fields}, follow=follow)


@pytest.mark.parametrize("prefix", SEEDS)
def test_uploading_a_seed_stores_what_the_reader_read_and_shows_it(
    client, world, seed_path, prefix
):
    path = seed_path(prefix)
    expected = read_bytes(path.read_bytes(), filename=path.name).to_json()
    client.force_login(world.officer)

    response = _post(client, path.name, path.read_bytes())

    document = Document.objects.get()
    assertRedirects(response, reverse("documents:detail", args=[document.pk]), status_code=303)
    assert document.owner == world.committee
    assert document.number == ((expected["number"] or {}).get("value") or "")
    expected_date = (expected["date"] or {}).get("value")
    assert (document.date.isoformat() if document.date else None) == expected_date
    page = client.get(response.url)
    assert page.status_code == 200
    assertContains(page, '<div class="source-text">', count=1)
    assertInHTML('<dt id="field-number">Số, ký hiệu</dt>', page.content.decode())
    if document.number:
        assertContains(page, f'<a href="#span-number">{document.number}</a>', html=True)


def test_the_seeds_numbers_and_dates_are_the_ones_printed_on_them(client, world, seed_path):
    client.force_login(world.officer)
    for prefix in SEEDS:
        path = seed_path(prefix)
        _post(client, path.name, path.read_bytes())
    found = {
        d.source_name[:3]: (d.number, d.date and d.date.isoformat()) for d in Document.objects.all()
    }
    assert found["001"] == ("545-CV/ĐUK", "2022-02-28")
    assert found["003"] == ("59-KH/ĐUK", "2020-03-06")
    assert found["000"] == ("70-KH/ĐUK", None)
    assert found["004"] == ("45-KH/TU", None)


def test_a_corrupt_docx_shows_a_vietnamese_error_and_stores_nothing(client, world):
    client.force_login(world.officer)

    response = _post(client, "ke-hoach.docx", b"PK\x03\x04" + b"\x00garbage" * 64)

    assert Document.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert response.status_code == 303
    page = client.get(response.url)
    assertContains(
        page,
        '<li class="error">Tệp .docx bị hỏng hoặc không đầy đủ, không đọc được.</li>',
        html=True,
    )


def test_the_same_file_twice_is_refused_and_one_document_is_stored(client, world, seed_path):
    path = seed_path("001")
    client.force_login(world.officer)
    _post(client, path.name, path.read_bytes())

    response = _post(client, "ban-sao.txt", path.read_bytes(), follow=True)

    assert Document.objects.count() == 1
    (error,) = [m for m in response.context["messages"] if m.level_tag == "error"]
    assert "đã được nhập trước đó" in error.message
    assertContains(response, f'<li class="error">{error.message}</li>', html=True)


def test_a_file_over_the_size_limit_is_refused_with_the_limit_in_the_message(
    client, world, settings
):
    settings.MAX_UPLOAD_SIZE = 1024 * 1024
    client.force_login(world.officer)

    response = _post(client, "lon.txt", b"a" * (1024 * 1024 + 1))

    assert response.status_code == 400
    assertContains(
        response, "<li>Tệp quá lớn (1,1 MB): tối đa 1 MB.</li>", html=True, status_code=400
    )
    assert Document.objects.count() == 0


def test_a_file_of_another_type_is_refused(client, world):
    client.force_login(world.officer)

    response = _post(client, "chuong-trinh.exe", b"MZ\x90\x00")

    assertContains(
        response, "Chỉ nhận tệp .docx, .doc, .odt, .rtf, .pdf, .txt, .html", status_code=400
    )
    assert Document.objects.count() == 0


def test_the_owner_defaults_to_the_first_committee_and_may_be_a_board(client, world, seed_path):
    client.force_login(world.officer)
    form = client.get(UPLOAD).context["form"]
    assert form["owner"].value() == world.committee.pk
    assert list(form.fields["owner"].queryset) == [world.committee, world.board]

    path = seed_path("003")
    _post(client, path.name, path.read_bytes(), owner=world.board.pk)

    assert Document.objects.get().owner == world.board


def test_a_unit_that_is_not_a_committee_or_board_cannot_own_an_import(client, world, seed_path):
    client.force_login(world.officer)
    path = seed_path("003")

    response = _post(client, path.name, path.read_bytes(), owner=world.grassroots.pk)

    assert response.status_code == 400
    assert Document.objects.count() == 0


@pytest.mark.parametrize("persona", ["stranger", "sibling_officer", "secretary", "leader", "admin"])
def test_a_user_who_cannot_manage_a_committee_may_not_upload(client, world, seed_path, persona):
    client.force_login(getattr(world, persona))
    path = seed_path("001")

    assert client.get(UPLOAD).status_code == 403
    assert _post(client, path.name, path.read_bytes()).status_code == 403
    assert Document.objects.count() == 0


def test_an_anonymous_visitor_is_sent_to_the_login_page_to_upload(client, db):
    response = client.get(UPLOAD)

    assertRedirects(response, f"{reverse('login')}?next={UPLOAD}", fetch_redirect_response=False)
