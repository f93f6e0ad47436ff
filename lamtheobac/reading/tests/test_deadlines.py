"""Each date and deadline form of docs/domain.md §5 on small strings."""

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
        "Kỷ niệm 130 năm Ngày sinh (19/5/1890 - 19/5/2020).",
        "- Quý I/2022: Tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Có thể kết hợp sơ kết quý I/2022.",
        "Số liệu tính đến ngày 31/12/2022.",
        "Hoàn thành trong quý I hằng năm, bắt đầu từ năm 2022.",
    ],
)
def test_citations_ranges_anniversaries_without_an_occasion_word_and_topics_are_not_deadlines(
    sentence,
):
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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hoàn thành trong 6 tháng đầu năm 2022.", [("2022-06-30", False, False)]),
        ("Hoàn thành trong sáu tháng đầu năm năm 2023.", [("2023-06-30", False, False)]),
        ("Hoàn thành trong 6 tháng đầu năm.", [("2022-06-30", False, False)]),
        ("Thời gian thực hiện: 6 tháng cuối năm.", [("2022-12-31", False, False)]),
        ("Thời gian thực hiện: dự kiến 06 tháng cuối năm 2022.", [("2022-12-31", False, True)]),
        ("Hoan thanh trong 6 thang dau nam 2022.", [("2022-06-30", False, False)]),
    ],
)
def test_a_half_year_led_by_a_deadline_word_is_due_on_its_last_day(sentence, expected):
    assert deadlines(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Báo cáo sơ kết 6 tháng đầu năm 2022 của Ban Thường vụ.",
        "III. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM",
        "Thời gian: hoàn thành trong 6 tháng đầu năm học 2022 - 2023.",
    ],
)
def test_a_half_year_named_as_a_subject_or_a_school_half_year_is_not_a_deadline(sentence):
    assert [d for d in deadlines(sentence) if d[0] in ("2022-06-30", "2022-12-31")] == []


def test_an_explicit_date_wins_over_the_half_year_that_is_the_subject_of_the_report():
    sentence = "Các chi bộ báo cáo sơ kết 6 tháng đầu năm trước ngày 15/6/2022."
    assert deadlines(sentence) == [("2022-06-15", True, False)]


def test_a_half_year_takes_the_year_of_the_document_date_when_omitted():
    text = (
        "Số 12-KH/ĐU\nHà Nội, ngày 10 tháng 01 năm 2022\nKẾ HOẠCH\nsơ kết\n\n"
        "Các chi bộ hoàn thành sơ kết trong 6 tháng đầu năm.\n"
    )
    assert [(d.due, d.text) for d in read_text(text).deadlines] == [
        ("2022-06-30", "trong 6 tháng đầu năm")
    ]


def test_a_half_year_already_under_way_in_a_report_is_the_period_reported_on():
    head = "Số 27-BC/ĐU\nAn Ninh Đông, ngày 27 tháng 6 năm 2023\nBÁO CÁO\nkết quả\n\n"
    past = (
        head + "1. Trong 6 tháng đầu năm, Ủy ban nhân dân thị xã tặng Giấy khen cho 42 tập thể.\n"
    )
    ahead = head + "2. Trong 6 tháng cuối năm, các chi bộ hoàn thành sơ kết.\n"
    assert read_text(past).deadlines == []
    assert [d.due for d in read_text(ahead).deadlines] == ["2023-12-31"]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        (
            "Hằng năm, các chi bộ báo cáo sơ kết 6 tháng đầu năm.",
            "Hằng năm, các chi bộ báo cáo sơ kết 6 tháng đầu năm",
        ),
        ("Các chi bộ báo cáo trong 6 tháng đầu năm hằng năm.", "6 tháng đầu năm hằng năm"),
    ],
)
def test_a_half_year_every_year_is_recurring_yearly_not_a_deadline(sentence, text):
    found = find_recurring(sentence, 0, len(sentence))
    assert [(r.frequency, r.text) for r in found] == [("yearly", text)]
    assert deadlines(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected", "text"),
    [
        ("Tuyên dương vào dịp 19/5.", ("2022-05-19", False, True), "vào dịp 19/5"),
        ("Tổ chức gặp mặt nhân dịp 3/2.", ("2022-02-03", False, True), "nhân dịp 3/2"),
        ("- Dịp 2/9/2023: tổ chức hội thi.", ("2023-09-02", False, True), "Dịp 2/9/2023"),
        ("Gửi hồ sơ trước dịp 19/5.", ("2022-05-19", True, False), "trước dịp 19/5"),
        (
            "Tuyên dương vào dịp kỷ niệm 130 năm Ngày sinh của Chủ tịch Hồ Chí Minh"
            " (19/5/1890 - 19/5/2020).",
            ("2020-05-19", False, True),
            "vào dịp kỷ niệm 130 năm Ngày sinh của Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2020)",
        ),
    ],
)
def test_an_occasion_with_a_date_is_a_tentative_deadline_on_that_day(sentence, expected, text):
    found = find_deadlines(sentence, 0, len(sentence), 2022)
    assert [((d.due, d.exclusive, d.tentative), d.text) for d in found] == [(expected, text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tuyên dương vào dịp kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2020).",
        "Hằng năm, tuyên dương vào dịp 19/5.",
        "Nhân dịp 3/2, Đảng ủy đã tuyên dương 9 điển hình.",
        "Tuyên dương vào dịp sinh nhật Bác.",
        "Tổng kết phong trào vào dịp cuối năm.",
    ],
)
def test_an_occasion_in_an_unclear_range_every_year_in_the_past_or_undated_is_not_a_deadline(
    sentence,
):
    assert deadlines(sentence) == []


def test_an_occasion_already_past_at_the_document_date_falls_in_the_next_year():
    text = (
        "Số 27-BC/ĐU\nAn Ninh Đông, ngày 28 tháng 11 năm 2023\nBÁO CÁO\nkết quả\n\n"
        "III- PHƯƠNG HƯỚNG NĂM 2024\n\nTiếp tục biểu dương kịp thời điển hình vào dịp 19/5.\n"
    )
    assert [(d.due, d.tentative) for d in read_text(text).deadlines] == [("2024-05-19", True)]


def test_an_occasion_on_the_document_year_when_the_day_is_still_ahead():
    text = (
        "Số 12-KH/ĐU\nHà Nội, ngày 10 tháng 01 năm 2022\nKẾ HOẠCH\nsơ kết\n\n"
        "Các chi bộ tuyên dương điển hình vào dịp 19/5.\n"
    )
    assert [(d.due, d.tentative) for d in read_text(text).deadlines] == [("2022-05-19", True)]
