"""Every value points at the words it came from."""

from __future__ import annotations

import datetime as dt
import json

from lamtheobac.reading import read_text
from lamtheobac.reading.dates import parse_date
from lamtheobac.reading.header import kind_name_of
from lamtheobac.reading.numbers import PARTY_KINDS

from .conftest import contains_words

_SCALARS = ["number", "serial", "kind", "issuer_code", "issuer", "superior", "place", "title"]


def _located(data: dict) -> list[tuple[str, dict]]:
    items = [(name, data[name]) for name in _SCALARS if data[name]]
    items += [(f"signer.{k}", v) for k, v in data["signer"].items() if v]
    items += [("recipients", r) for r in data["recipients"]]
    return items


def test_every_scalar_span_contains_the_words_of_its_value(seed):
    data = seed.to_json()
    text = data["text"]
    for name, item in _located(data):
        start, end = item["span"]
        if name == "kind" and not contains_words(text[start:end], item["value"]):
            # a kind read from the kind name ("KẾ HOẠCH" → KH) points at the kind name
            assert PARTY_KINDS[item["value"]] == kind_name_of(text[start:end]), name
            continue
        assert contains_words(text[start:end], item["value"]), name


def test_the_date_span_reads_back_as_the_date(seed):
    data = seed.to_json()
    if data["date"]:
        start, end = data["date"]["span"]
        assert parse_date(data["text"][start:end]) == dt.date.fromisoformat(data["date"]["value"])


def test_the_kind_name_span_points_at_the_kind_name_or_at_the_kind_code(seed):
    data = seed.to_json()
    if data["kind_name"]:
        start, end = data["kind_name"]["span"]
        allowed = [data["kind_name"]["value"]]
        if data["kind"]:
            allowed.append(data["kind"]["value"])
        assert data["text"][start:end] in allowed


def test_deadline_citation_and_recurring_spans_hold_their_words(seed):
    data = seed.to_json()
    text = data["text"]
    for deadline in data["deadlines"]:
        start, end = deadline["span"]
        assert contains_words(text[start:end], deadline["text"])
    for citation in data["citations"]:
        start, end = citation["span"]
        assert contains_words(text[start:end], citation["text"])
    for recurring in data["recurring"]:
        start, end = recurring["span"]
        assert contains_words(text[start:end], recurring["text"])


def test_outline_section_spans_start_at_their_heading(seed):
    data = seed.to_json()
    if data["outline"] is None:
        return
    text = data["text"]
    for section in data["outline"]["sections"]:
        start, end = section["span"]
        assert contains_words(text[start:end], section["heading"])
        for child in section["children"]:
            assert start <= child["span"][0] <= child["span"][1] <= end


def test_the_json_is_serialisable_and_keeps_the_fixed_keys(seed):
    data = json.loads(json.dumps(seed.to_json(), ensure_ascii=False))
    assert set(data) == {
        "text",
        "format",
        "number",
        "serial",
        "kind",
        "issuer_code",
        "kind_name",
        "issuer",
        "superior",
        "place",
        "date",
        "title",
        "signer",
        "citations",
        "deadlines",
        "recurring",
        "recipients",
        "outline",
        "outline_headings",
        "tasks",
        "quotas",
        "criteria",
        "dossier_items",
        "periods",
        "warnings",
        "source",
    }


def test_text_is_nfc_with_unix_line_ends_and_no_tabs():
    ex = read_text("Số 05-KH/ĐU\r\n\tHa\u0300 Nội,\u00a0ngày 01 tháng 02 năm 2024\r\n")
    assert "\r" not in ex.text and "\t" not in ex.text and "\u00a0" not in ex.text
    assert "Hà Nội" in ex.text
    assert ex.date.value == "2024-02-01"
    assert ex.place.value == "Hà Nội"


def test_a_blank_serial_is_no_number_with_a_warning():
    ex = read_text("ĐẢNG ỦY KHỐI\n*\nSố      -KH/ĐUK\nKẾ HOẠCH\nsơ kết\n")
    assert ex.number is None and ex.serial is None
    assert ex.kind is not None and ex.kind.value == "KH"  # the kind name says it
    assert ex.warning_codes("number") == ["blank_serial"]
    warning = next(w for w in ex.warnings if w.code == "blank_serial")
    assert "-KH/ĐUK" in warning.message and warning.span is not None


def test_a_state_header_is_told_apart_from_a_party_one():
    ex = read_text(
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 1654/UBND-NC\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Bình Định, ngày 01 tháng 4 năm 2022\nV/v hướng dẫn khen thưởng\n\nKính gửi: Các sở\n"
    )
    assert ex.format == "state"
    assert ex.number.value == "1654/UBND-NC"
    assert ex.kind is not None and ex.kind.value == "CV"  # a V/v letter is a công văn
    assert ex.title.value == "hướng dẫn khen thưởng"


def test_a_title_closes_the_spaces_typed_inside_a_cited_number():
    from lamtheobac.reading import read_text

    text = (
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN\n*\nSố 59-KH/ĐUK\nQuảng Nam, ngày 06 tháng 3 năm 2020\n\n"
        "KẾ HOẠCH\nSơ kết 04 năm thực hiện Chỉ thị số 05 - CT/TW, ngày 15/5/2016\n-----\n"
    )
    title = read_text(text).to_json()["title"]
    assert title["value"] == "Sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016"
    assert "05 - CT/TW" in text[title["span"][0] : title["span"][1]]
