import dataclasses
import datetime
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lamtheobac.partydoc import RULES, FormatRules, Header, format_number, respell, rules_for_date
from lamtheobac.partydoc.text import _OTHER_SPACE, list_item, one_line


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


# The rule as first written, on decomposed text (tone marks as separate characters): the
# oracle for the one-pass NFC version the writer uses.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OPEN_END = r"(?![\w\u0300-\u036f])"
_TRADITIONAL_NFD = re.compile(rf"(?<![qQ])([oO]|[uU])([{_TONES}])([aAeEyY]){_OPEN_END}")
_MODERN_NFD = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}]){_OPEN_END}")


def _pair(first: str, second: str) -> bool:
    return (first + second).lower() in {"oa", "oe", "uy"}


def _respell_decomposed(text: str, spelling: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    if spelling == "modern":
        decomposed = _MODERN_NFD.sub(
            lambda m: m[1] + m[3] + m[2] if _pair(m[1], m[2]) else m[0], decomposed
        )
    else:
        decomposed = _TRADITIONAL_NFD.sub(
            lambda m: m[1] + m[3] + m[2] if _pair(m[1], m[3]) else m[0], decomposed
        )
    return unicodedata.normalize("NFC", decomposed)


_VOWELS = [
    *"oOuUaAeEyY",
    *"ôơưâăêặậệốờừ",
    *(unicodedata.normalize("NFC", v + t) for v in "oOuUaAeEyY" for t in _TONES),
]
_SYLLABLE = st.tuples(
    st.sampled_from(["", "q", "Q", "h", "th", "Kh", "gi"]),
    st.sampled_from(_VOWELS),
    st.sampled_from(_VOWELS),
    # what follows: nothing, a letter, a loose tone, hat, breve or horn, punctuation
    st.sampled_from(["", "n", "c", "ng", *_TONES, "\u0302", "\u0306", "\u031b", ",", "."]),
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(_SYLLABLE, max_size=6).map(" ".join),
    st.sampled_from(["modern", "traditional"]),
)
def test_respelling_on_nfc_text_moves_the_same_marks_as_on_decomposed_text(text, spelling):
    assert respell(text, spelling) == _respell_decomposed(text, spelling)


def test_list_items_get_one_dash_and_the_requested_ending():
    assert list_item("Các chi, đảng bộ cơ sở", ",") == "- Các chi, đảng bộ cơ sở,"
    assert list_item("- Lưu VP, BTG.", ".") == "- Lưu VP, BTG."
    assert list_item("Như trên;", ",") == "- Như trên,"


def test_the_spaces_one_line_folds_are_every_whitespace_but_the_plain_space():
    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()} - {" "}
    assert {c for c in spaces if _OTHER_SPACE.fullmatch(c)} == spaces
    assert _OTHER_SPACE.search("Chi bộ số 5: đã báo cáo, đạt 100%.") is None


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab đ", "\t", "\n", "\xa0", "\u3000", "\u2028"])))
def test_one_line_folds_whitespace_as_split_and_join_do(text):
    assert one_line(text) == " ".join(text.split())
