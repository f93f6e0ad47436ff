"""Each date and deadline form of DESIGN.md §5 on small strings."""

from __future__ import annotations

import datetime as dt

import pytest

from lamtheobac.reading import read_text
from lamtheobac.reading.dates import find_dates, parse_date, quarter_end
from lamtheobac.reading.deadlines import find_deadlines, find_recurring


def deadlines(sentence: str, year: int | None = 2022):
    return [
        (d.due, d.exclusive, d.tentative) for d in find_deadlines(sentence, 0, len(sentence), year)
    ]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("ngày 06 tháng 3 năm 2020", dt.date(2020, 3, 6)),
        ("06/3/2020", dt.date(2020, 3, 6)),
        ("06-3-2020", dt.date(2020, 3, 6)),
        ("06.3.2020", dt.date(2020, 3, 6)),
        ("05-5-2020", dt.date(2020, 5, 5)),
        ("Ngày 28 tháng 02 năm 2022", dt.date(2022, 2, 28)),
    ],
)
def test_it_reads_each_written_form_of_a_day(phrase, expected):
    assert parse_date(phrase) == expected


def test_it_takes_the_year_from_context_when_a_day_omits_it():
    assert parse_date("trước ngày 15/3", default_year=2022) == dt.date(2022, 3, 15)
    assert parse_date("trước ngày 15/3") is None


def test_it_does_not_read_heading_numbers_as_dates():
    assert find_dates("2.1- Đối với cơ sở") == []
    assert find_dates("Số 1654/UBND-NC") == []


def test_a_quarter_ends_on_its_last_day():
    assert quarter_end(2022, 2) == dt.date(2022, 6, 30)
    assert quarter_end(2024, 1) == dt.date(2024, 3, 31)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gửi báo cáo chậm nhất ngày 04/3/2022.", [("2022-03-04", False, False)]),
        ("Gửi báo cáo đến ngày 04/3/2022.", [("2022-03-04", False, False)]),
        ("Gửi báo cáo trong ngày 04/3/2022.", [("2022-03-04", False, False)]),
        ("Hoàn thành ngày 04/3/2022.", [("2022-03-04", False, False)]),
        ("Gửi hồ sơ trước ngày 05-5-2020.", [("2020-05-05", True, False)]),
        ("Thời gian: hoàn thành trước ngày 30/4/2020.", [("2020-04-30", True, False)]),
        ("Thời gian thực hiện **Quý II/2022**.", [("2022-06-30", False, False)]),
        ("tổ chức hội nghị vào quý II năm 2023.", [("2023-06-30", False, False)]),
        ("Hoàn thành trong quý I/2022.", [("2022-03-31", False, False)]),
        ("Thời gian thực hiện: tháng 5/2023.", [("2023-05-31", False, False)]),
        ("Hoàn thành trong tháng 9/2022.", [("2022-09-30", False, False)]),
        ("Thời gian thực hiện: Dự kiến tháng 5/2023.", [("2023-05-31", False, True)]),
        ("Hội nghị dự kiến vào ngày 15/5/2023.", [("2023-05-15", False, True)]),
        ("Gửi kế hoạch trước ngày 15/3 để tổng hợp.", [("2022-03-15", True, False)]),
        ("Hoàn thành trong tháng 9 năm 2022.", [("2022-09-30", False, False)]),
    ],
)
def test_each_deadline_form_gives_its_due_date_and_meaning(sentence, expected):
    assert deadlines(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị.",
        "Thành tích tính từ tháng 5/2021 - 5/2022.",
        "Tuyên dương vào dịp 19/5.",
        "Kỷ niệm 130 năm Ngày sinh (19/5/1890 - 19/5/2020).",
        "- Quý I/2022: Tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Có thể kết hợp sơ kết quý I/2022.",
        "Số liệu tính đến ngày 31/12/2022.",
        "Hoàn thành trong quý I hằng năm, bắt đầu từ năm 2022.",
    ],
)
def test_citations_ranges_occasions_and_topics_are_not_deadlines(sentence):
    assert deadlines(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "frequency", "text"),
    [
        ("2.4. Thời gian thực hiện: Hằng quý.", "quarterly", "Hằng quý"),
        ("Thời gian thực hiện: Thường xuyên.", "continuous", "Thường xuyên"),
        ("(Quý IV hằng năm hoàn thành kế hoạch năm sau).", "yearly", "Quý IV hằng năm"),
        ("hoàn thành trong quý I hằng năm, bắt đầu từ năm 2022", "yearly", "quý I hằng năm"),
        ("định kỳ hằng năm báo cáo kết quả", "yearly", "định kỳ hằng năm"),
        ("Hằng tháng, chi bộ sinh hoạt.", "monthly", "Hằng tháng"),
    ],
)
def test_recurring_times_are_recurring_entries(sentence, frequency, text):
    found = find_recurring(sentence, 0, len(sentence))
    assert [(r.frequency, r.text) for r in found] == [(frequency, text)]
    assert deadlines(sentence) == []


def test_a_noun_phrase_with_hang_nam_is_not_a_recurring_time():
    sentence = "Tổ chức học tập chuyên đề hằng năm cho cán bộ."
    assert find_recurring(sentence, 0, len(sentence)) == []


def test_a_deadline_names_who_is_responsible_when_the_clause_says():
    sentence = "- Ban Tuyên giáo Thị ủy theo dõi, tổng hợp báo cáo. Hoàn thành trong tháng 9/2022."
    found = find_deadlines(sentence, 0, len(sentence), 2022)
    assert found[0].who == "Ban Tuyên giáo Thị ủy"
    assert found[0].what == "Hoàn thành trong tháng 9/2022."


def test_the_year_of_a_year_less_deadline_comes_from_the_document_date():
    text = (
        "Số 12-KH/ĐU\nHà Nội, ngày 02 tháng 3 năm 2023\nKẾ HOẠCH\nsơ kết\n\n"
        "Các chi bộ gửi báo cáo trước ngày 15/3.\n"
    )
    ex = read_text(text)
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [("2023-03-15", True)]


def test_a_deadline_before_the_document_date_is_flagged():
    text = (
        "Số 12-KH/ĐU\nHà Nội, ngày 02 tháng 3 năm 2023\nKẾ HOẠCH\nsơ kết\n\n"
        "Các chi bộ gửi báo cáo trước ngày 15/02/2023.\n"
    )
    assert "deadline_before_document" in read_text(text).warning_codes("deadlines")


def test_a_numbered_clause_names_its_subject_as_who():
    sentence = "1. Các huyện ủy, thành ủy báo cáo kết quả trước ngày 30/6/2024."
    found = find_deadlines(sentence, 0, len(sentence), 2024)
    assert found[0].who == "Các huyện ủy, thành ủy"
