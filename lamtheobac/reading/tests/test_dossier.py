"""Dossier items: the list after "Hồ sơ … gồm:"."""

from __future__ import annotations

from lamtheobac.reading.dossier import find_dossier_items

from .conftest import read_seed


def _items(text: str) -> list[str]:
    return [item.text for item in find_dossier_items(text, 0, len(text))]


def test_seed_003_asks_for_three_items_and_keeps_the_collective_and_individual_together():
    assert [item.text for item in read_seed("003").dossier_items] == [
        "tờ trình của cấp ủy",
        "trích biên bản họp xét",
        "báo cáo tóm tắt thành tích (có xác nhận của cấp ủy) của tập thể, cá nhân",
    ]


def test_seed_001_asks_for_four_items_split_on_semicolons_and_stops_before_sending():
    assert [item.text for item in read_seed("001").dossier_items] == [
        "Tờ trình của chi ủy, đảng ủy cơ sở (kèm theo danh sách tập thể, cá nhân được đề "
        "nghị khen thưởng)",
        "biên bản họp chi ủy, đảng ủy cơ sở xét đề nghị khen thưởng",
        "báo cáo thành tích của tập thể, cá nhân (có xác nhận của cấp ủy)",
        "bản photo Giấy chứng nhận (quyết định) hoàn thành xuất sắc nhiệm vụ năm 2021 của "
        "cá nhân, tập thể",
    ]


def test_seeds_without_a_dossier_list_have_no_items():
    for prefix in ("000", "002", "004"):
        assert read_seed(prefix).dossier_items == []


def test_dossier_spans_hold_the_item_as_written(seed):
    for item in seed.dossier_items:
        assert seed.text[item.span[0] : item.span[1]] == item.text


def test_commas_split_when_there_are_no_semicolons_and_va_joins_the_last():
    assert _items("Hồ sơ gồm: tờ trình, biên bản họp xét và báo cáo thành tích.") == [
        "tờ trình",
        "biên bản họp xét",
        "báo cáo thành tích",
    ]


def test_commas_inside_parentheses_do_not_split():
    assert _items("Hồ sơ gồm: tờ trình (kèm danh sách, số liệu), biên bản.") == [
        "tờ trình (kèm danh sách, số liệu)",
        "biên bản",
    ]


def test_a_list_set_out_one_item_a_line_is_read_line_by_line():
    text = (
        "Hồ sơ đề nghị khen thưởng gồm có:\n- Tờ trình của cấp ủy;\n\n- Biên bản họp xét;\n"
        "- Báo cáo thành tích (có xác nhận).\n\nThời gian: trước ngày 05/5/2020."
    )
    assert _items(text) == [
        "Tờ trình của cấp ủy",
        "Biên bản họp xét",
        "Báo cáo thành tích (có xác nhận)",
    ]


def test_the_list_ends_where_the_text_turns_to_a_deadline():
    assert _items("Hồ sơ gồm: tờ trình; biên bản trước ngày 04/3/2022.") == ["tờ trình", "biên bản"]
