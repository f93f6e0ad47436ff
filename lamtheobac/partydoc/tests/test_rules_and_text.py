import dataclasses
import datetime
import unicodedata

import pytest

from lamtheobac.partydoc import RULES, FormatRules, Header, format_number, respell, rules_for_date
from lamtheobac.partydoc.text import list_item


def test_both_rule_sets_keep_the_a4_page_and_margins_of_the_party_format():
    for rules in RULES.values():
        assert (rules.page_width_mm, rules.page_height_mm) == (210, 297)
        margins = (rules.margin_top_mm, rules.margin_bottom_mm)
        assert (*margins, rules.margin_left_mm, rules.margin_right_mm) == (20, 20, 30, 15)
        assert rules.text_width_mm == 165
        assert rules.font_name == "Times New Roman"
        assert rules.separator == "-----"
        assert rules.signer_title_bold is False


def test_rules_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        RULES["hd36_2018"].body_size_pt = 13  # type: ignore[misc]
    assert isinstance(RULES["hd05_2026"], FormatRules)


def test_the_2026_guideline_applies_from_27_may_2026():
    assert rules_for_date(datetime.date(2026, 5, 26)).key == "hd36_2018"
    assert rules_for_date(datetime.date(2026, 5, 27)).key == "hd05_2026"
    assert rules_for_date(datetime.date(2020, 3, 6)) is RULES["hd36_2018"]


def test_the_2026_rules_address_a_to_trinh_with_kinh_trinh():
    assert RULES["hd36_2018"].petition_label == "Kính gửi"
    assert RULES["hd05_2026"].petition_label == "Kính trình"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("59-BC/ĐUK", "Số 59-BC/ĐUK"),
        ("-BC/ĐUK", "Số     -BC/ĐUK"),
        ("5-CV/ĐUK", "Số 05-CV/ĐUK"),
        ("Số: 36-HD/VPTW", "Số 36-HD/VPTW"),
        ("59 - KH/ĐUK", "Số 59-KH/ĐUK"),
        ("05-QC/BTCTU-BDVTU", "Số 05-QC/BTCTU-BDVTU"),
        ("08-QĐi/TW", "Số 08-QĐi/TW"),
    ],
)
def test_numbers_are_written_without_a_colon_and_with_two_digit_serials(raw, expected):
    assert format_number(raw) == expected


def test_a_state_style_number_is_refused():
    with pytest.raises(ValueError, match="59-BC/ĐUK"):
        Header(None, "TỈNH ỦY BẾN TRE", "123/UBND-VP", "Bến Tre", None)


def test_modern_spelling_moves_the_tone_mark_to_the_first_vowel():
    text = "Đảng uỷ Khối, hoà giải, khoẻ mạnh, UỶ BAN, thuỷ lợi, quý, của, hoặc, thuyền"
    expected = "Đảng ủy Khối, hòa giải, khỏe mạnh, ỦY BAN, thủy lợi, quý, của, hoặc, thuyền"
    assert respell(text, "modern") == expected


def test_traditional_spelling_moves_the_tone_mark_to_the_second_vowel():
    text = "Đảng ủy Khối, hòa giải, khỏe mạnh, ỦY BAN, quý, của, mùa, thủy"
    expected = "Đảng uỷ Khối, hoà giải, khoẻ mạnh, UỶ BAN, quý, của, mùa, thuỷ"
    assert respell(text, "traditional") == expected


def test_respelling_returns_nfc_text():
    decomposed = unicodedata.normalize("NFD", "Đảng ủy Khối")
    for spelling in ("as_written", "modern", "traditional"):
        assert unicodedata.is_normalized("NFC", respell(decomposed, spelling))


def test_list_items_get_one_dash_and_the_requested_ending():
    assert list_item("Các chi, đảng bộ cơ sở", ",") == "- Các chi, đảng bộ cơ sở,"
    assert list_item("- Lưu VP, BTG.", ".") == "- Lưu VP, BTG."
    assert list_item("Như trên;", ",") == "- Như trên,"
