from __future__ import annotations

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from lamtheobac.documents.models import Citation, Document


def _detail(client, user, document):
    client.force_login(user)
    return client.get(reverse("documents:detail", args=[document.pk]))


def _warnings(document: Document, field: str) -> list[str]:
    return [w["message"] for w in document.extraction["warnings"] if w["field"] == field]


def test_the_detail_page_shows_the_fields_linked_to_their_words(client, world, imported):
    document = imported("003")

    response = _detail(client, world.leader, document)

    html = response.content.decode()
    assertInHTML('<a href="#span-number">59-KH/ĐUK</a>', html)
    assertInHTML('<a href="#span-date">ngày 06 tháng 3 năm 2020</a>', html)
    start, end = document.extraction["number"]["span"]
    assertInHTML(f'<mark id="span-number">{document.text[start:end]}</mark>', html)
    assertInHTML(f'<a href="#span-issuer">{document.issuer}</a>', html)
    assertInHTML(f'<a href="#span-signer_name">{document.signer_name}</a>', html)


def test_a_missing_date_says_so_with_the_readers_reason(client, world, imported):
    document = imported("000")

    response = _detail(client, world.leader, document)

    reasons = "".join(
        f'<span class="helptext reason">{m}</span>' for m in _warnings(document, "date")
    )
    assertInHTML(
        f'<dd><span class="missing">Không có trong văn bản</span>{reasons}</dd>',
        response.content.decode(),
    )
    assertContains(
        response,
        '<span class="helptext reason">Văn bản không có dòng địa danh, ngày tháng.</span>',
        html=True,
    )


def test_a_missing_issuer_says_so_with_the_readers_reason(client, world, imported):
    document = imported("004")

    response = _detail(client, world.leader, document)

    (reason,) = _warnings(document, "issuer")
    assertInHTML(
        f'<dd><span class="missing">Không có trong văn bản</span>'
        f'<span class="helptext reason">{reason}</span></dd>',
        response.content.decode(),
    )


def test_deadlines_show_the_words_and_their_meaning(client, world, imported):
    document = imported("001")
    deadline = document.deadlines.exclude(due=None).first()

    response = _detail(client, world.leader, document)

    assertContains(
        response, f'<a href="#span-deadline-{deadline.pk}">{deadline.text}</a>', html=True
    )
    assertContains(response, deadline.meaning)


def test_the_attached_outline_is_shown_as_headings_with_guidance(client, world, imported):
    document = imported("003")
    first = document.outline["sections"][0]

    response = _detail(client, world.leader, document)

    assertContains(
        response, f'<a href="#span-section-1">{first["number"]}. {first["heading"]}</a>', html=True
    )


def test_the_officer_gets_a_button_to_open_a_round_from_a_document_with_an_outline(
    client, world, imported
):
    document = imported("001")

    response = _detail(client, world.officer, document)

    assertContains(
        response,
        f'<a class="button" href="{reverse("reporting:round_create", args=[document.pk])}">'
        "Mở đợt báo cáo từ văn bản này</a>",
        html=True,
    )


def test_no_round_button_without_an_outline_or_for_the_leader(client, world, imported):
    without_outline = imported("000")
    with_outline = imported("001")

    assertNotContains(_detail(client, world.officer, without_outline), "Mở đợt báo cáo")
    assertNotContains(_detail(client, world.leader, with_outline), "Mở đợt báo cáo")


def test_the_leader_sees_no_correction_forms(client, world, imported):
    document = imported("001")

    assertNotContains(_detail(client, world.leader, document), '<details class="correct">')
    assertContains(
        _detail(client, world.officer, document),
        f'action="{reverse("documents:correct", args=[document.pk])}"',
        count=11,
    )


def test_the_text_is_escaped(client, world, import_text):
    document = import_text("ĐẢNG ỦY KHỐI\nSố 12-KH/ĐUK\nKẾ HOẠCH\n<script>alert(1)</script>\n")

    response = _detail(client, world.officer, document)

    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


def test_a_citation_links_to_the_cited_document_once_imported(client, world, import_text, imported):
    cited = import_text(
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN\n*\nSố 859-CV/ĐUK\nQuảng Nam, ngày 16 tháng 3 năm 2023\n"
        "CÔNG VĂN\nvề việc báo cáo sơ kết\n"
    )
    document = imported("000")
    assert Citation.objects.get(document=document, number="859-CV/ĐUK").cited_document == cited

    response = _detail(client, world.leader, document)

    assertContains(
        response,
        f'<a class="cited" href="{reverse("documents:detail", args=[cited.pk])}">Xem văn bản đã nhập</a>',
        html=True,
    )


def test_the_page_makes_as_many_queries_with_many_citations_as_with_few(
    client, world, imported, django_assert_max_num_queries
):
    few = imported("001")  # 5 citations
    many = imported("004")  # 13 citations
    assert many.citations.count() > few.citations.count()
    client.force_login(world.officer)
    client.get(reverse("documents:detail", args=[few.pk]))

    # 13: one more for the plans implementing this one (issue 9 §3)
    with django_assert_max_num_queries(13) as few_queries:
        client.get(reverse("documents:detail", args=[few.pk]))
    with django_assert_max_num_queries(len(few_queries)):
        client.get(reverse("documents:detail", args=[many.pk]))


def test_the_history_fragment_lists_the_import(client, world, imported):
    document = imported("001")
    client.force_login(world.leader)

    response = client.get(reverse("documents:history", args=[document.pk]))

    assertContains(response, "nhập văn bản")
    assertNotContains(response, "<html")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_link_to_the_text_lands_on_a_mark(client, world, imported, prefix):
    document = imported(prefix)

    html = _detail(client, world.officer, document).content.decode()

    links = set(re.findall(r'href="#(span-[^"]+)"', html))
    marks = set(re.findall(r'<mark id="(span-[^"]+)"', html))
    assert links
    assert links <= marks
