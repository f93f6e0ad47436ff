"""The year's theme and the quarterly topics (seed 004 §II.1–§II.2), in the forms plans use.

Kept apart from the corpus gold: the gold files' field set is fixed by the eval schema
(``test_corpus.test_every_gold_file_has_every_field``), so seed 004's topics are checked here.
"""

from __future__ import annotations

from pathlib import Path

from lamtheobac.reading import read_text
from lamtheobac.reading.themes import find_quarter_topics, find_themes

from .conftest import read_seed

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_seed_004_gives_the_four_quarterly_topics_of_2022_with_their_guidance():
    themes = read_seed("004").themes
    assert themes is not None
    assert [(t.quarter, t.year) for t in themes.topics] == [
        (1, 2022),
        (2, 2022),
        (3, 2022),
        (4, 2022),
    ]
    first, second, third, fourth = themes.topics
    assert first.title == "Tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường"
    assert first.guidance.startswith("liên hệ phát huy tinh thần chủ động, sáng tạo")
    assert second.title.endswith("về xây dựng đạo đức cách mạng")
    assert third.title.endswith("con đường tất yếu đi tới phồn vinh, hạnh phúc")
    assert fourth.title == (
        "Đánh giá kết quả việc tổ chức sinh hoạt theo chủ điểm quý I, II và III "
        "tại chi bộ, cơ quan, đơn vị"
    )
    assert fourth.guidance.startswith("liên hệ đánh giá kết quả đăng ký")


def test_seed_004_topic_spans_point_at_their_lines():
    ex = read_seed("004")
    for topic in ex.themes.topics:
        start, end = topic.span
        assert ex.text[start:end] == topic.text
        assert topic.title.split()[0] in ex.text[start:end]


def test_seed_004_gives_the_year_theme_and_the_term_theme():
    themes = read_seed("004").themes
    assert themes.year_theme.value.endswith(
        "về xây dựng đội ngũ cán bộ, đảng viên gương mẫu, có đạo đức cách mạng trong sáng, "
        "đủ năng lực, đáp ứng yêu cầu nhiệm vụ"
    )
    assert themes.term_theme.value.endswith(
        "về ý chí tự lực, tự cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc"
    )


def test_plain_unquoted_topics_without_year_are_read_up_to_the_first_semicolon():
    text = (
        "Các chi bộ sinh hoạt chuyên đề theo chủ điểm sau:\n"
        "Quý I: Tư tưởng Hồ Chí Minh về đoàn kết; liên hệ xây dựng khối đoàn kết\n"
        "Quý II: Tư tưởng Hồ Chí Minh về dân chủ\n"
    )
    topics = find_quarter_topics(text)
    assert [(t.quarter, t.year, t.title, t.guidance) for t in topics] == [
        (1, None, "Tư tưởng Hồ Chí Minh về đoàn kết", "liên hệ xây dựng khối đoàn kết"),
        (2, None, "Tư tưởng Hồ Chí Minh về dân chủ", ""),
    ]


def test_numbered_and_chu_diem_forms_with_arabic_quarters_and_month_notes():
    text = (
        "1. Chủ điểm quý 3 năm 2025: “Phong cách Hồ Chí Minh về nêu gương”\n\n"
        "2. Quý 4 (tháng 10 - 12): Đánh giá kết quả cả năm\n"
    )
    topics = find_quarter_topics(text)
    assert [(t.quarter, t.year, t.title) for t in topics] == [
        (3, 2025, "Phong cách Hồ Chí Minh về nêu gương"),
        (4, None, "Đánh giá kết quả cả năm"),
    ]


def test_a_single_quarter_given_as_a_task_time_is_not_a_topic():
    text = (
        "1. Ban Tuyên giáo tổ chức học tập chuyên môn.\n"
        "- Quý II: hoàn thành việc rà soát hồ sơ đảng viên.\n"
        "Thời gian thực hiện: Quý III/2024.\n"
    )
    assert find_quarter_topics(text) == []


def test_a_quarter_written_twice_keeps_its_first_topic():
    text = "Chủ điểm hằng quý:\n- Quý I: Về đoàn kết\n- Quý II: Về dân chủ\n- Quý I: Về kỷ luật\n"
    assert [t.title for t in find_quarter_topics(text)] == ["Về đoàn kết", "Về dân chủ"]


def test_no_other_document_of_the_corpus_has_quarterly_topics():
    for path in sorted(CORPUS.glob("*.txt")):
        if path.name == "seed_004.txt":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # legacy-encoded renderings of texts already covered
        assert find_themes(text).topics == [], path.name


def test_the_reader_result_carries_the_themes():
    ex = read_text(
        "Số 12-KH/ĐU\n\nKẾ HOẠCH\nsinh hoạt chuyên đề năm 2030\n\n"
        "Các chi bộ sinh hoạt theo chủ điểm:\n"
        "- Quý I/2030: “Về tự lực”\n- Quý II/2030: “Về tự cường”\n"
    )
    assert ex.themes is not None
    assert [t.quarter for t in ex.themes.topics] == [1, 2]
