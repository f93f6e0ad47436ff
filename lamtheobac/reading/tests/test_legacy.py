"""TCVN3 (ABC) and VNI to Unicode: every letter round-trips, and the encodings are told apart."""

from __future__ import annotations

import unicodedata

import pytest

from lamtheobac.reading.legacy import (
    TCVN3_TO_UNICODE,
    capitals_font,
    convert_runs,
    font_encoding,
    is_vietnamese_syllable,
    tcvn3_bytes_to_unicode,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_tcvn3_runs,
    unicode_to_vni,
    unicode_to_vni_bytes,
    vni_bytes_to_unicode,
    vni_to_unicode,
)
from lamtheobac.reading.legacy_detect import decode_8bit, fix_legacy_text, guess_legacy

from .builders import to_cp1258

_TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
LOWER = [
    unicodedata.normalize("NFC", vowel + tone) for vowel in "aăâeêioôơuưy" for tone in _TONES
] + ["đ"]
UPPER = [letter.upper() for letter in LOWER]
ALL_LETTERS = LOWER + UPPER

SENTENCES = [
    "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH QUẢNG NAM",
    "Số 59-KH/ĐUK",
    "Quảng Nam, ngày 06 tháng 3 năm 2020",
    "Các chi bộ gửi báo cáo về Ban Thường vụ Đảng ủy Khối trước ngày 15/3/2020.",
    "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Người đứng đầu cấp ủy chịu trách nhiệm; mỗi đảng viên nêu gương, khiêm tốn, giữ gìn.",
]


def test_there_are_134_vietnamese_letters_with_marks_upper_and_lower_case():
    assert len(set(ALL_LETTERS)) == 146
    assert len({letter for letter in ALL_LETTERS if not letter.isascii()}) == 134
    assert all(len(letter) == 1 for letter in ALL_LETTERS)


def test_the_tcvn3_table_has_the_75_codes_of_tcvn_5712_part_3():
    # 60 toned small vowels, 7 small and 7 capital base letters, and the no-break space
    assert len(TCVN3_TO_UNICODE) == 75
    assert all(0xA0 <= code <= 0xFE for code in TCVN3_TO_UNICODE)
    assert len(set(TCVN3_TO_UNICODE.values())) == 75


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_every_letter_round_trips_through_tcvn3_runs(letter):
    runs = unicode_to_tcvn3_runs(letter)
    back = "".join(tcvn3_to_unicode(text, capitals=capitals) for text, capitals in runs)
    assert back == letter


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_every_letter_round_trips_through_vni(letter):
    assert vni_to_unicode(unicode_to_vni(letter)) == letter
    assert vni_bytes_to_unicode(unicode_to_vni_bytes(letter)) == letter


def test_a_whole_alphabet_string_round_trips_in_both_encodings():
    text = " ".join(ALL_LETTERS)
    runs = unicode_to_tcvn3_runs(text)
    assert "".join(tcvn3_to_unicode(t, capitals=c) for t, c in runs) == text
    assert vni_to_unicode(unicode_to_vni(text)) == text


def test_tcvn3_capitals_with_a_tone_need_the_capitals_font():
    runs = unicode_to_tcvn3_runs("Ủy ban")
    assert runs == [("ñ", True), ("y ban", False)]
    assert unicode_to_tcvn3_runs("Ăn") == [("¡n", False)]  # Ă has its own code


def test_known_tcvn3_and_vni_spellings_are_read():
    assert (
        tcvn3_bytes_to_unicode(b"\xa7\xb6ng C\xe9ng s\xb6n Vi\xd6t Nam") == "Đảng Cộng sản Việt Nam"
    )
    assert tcvn3_to_unicode("ng\xadêi") == "người"
    assert tcvn3_to_unicode("ñy ban") == "ủy ban"  # in a .VnTime run the font tells: small
    assert vni_to_unicode("Ñaûng Coäng saûn Vieät Nam") == "Đảng Cộng sản Việt Nam"
    assert vni_to_unicode("ngöôøi") == "người"
    assert vni_to_unicode("Hoà Chí Minh") == "Hồ Chí Minh"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_plain_tcvn3_text_round_trips_when_capitals_can_be_told(sentence):
    assert tcvn3_bytes_to_unicode(unicode_to_tcvn3(sentence)) == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_plain_vni_text_round_trips(sentence):
    assert vni_bytes_to_unicode(unicode_to_vni_bytes(sentence)) == sentence


def test_plain_tcvn3_capitals_follow_their_word_and_line():
    for text in ["ĐỀ CƯƠNG", "KẾ HOẠCH", "TỔ CHỨC Ở CƠ SỞ", "V- KIẾN NGHỊ, ĐỀ XUẤT (nếu có)"]:
        assert tcvn3_bytes_to_unicode(unicode_to_tcvn3(text)) == text
    # a line or sentence starts with a capital; a capital mid-sentence cannot be told
    assert tcvn3_bytes_to_unicode(unicode_to_tcvn3("Ủy ban. Ấn Độ")) == "Ủy ban. Ấn Độ"
    assert tcvn3_bytes_to_unicode(unicode_to_tcvn3("do Ủy ban")) == "do ủy ban"


def test_an_all_capitals_tcvn3_run_is_upper_case():
    assert tcvn3_to_unicode("§¶ng bé", capitals=True) == "ĐẢNG BỘ"


def test_fonts_name_their_encoding():
    assert font_encoding(".VnTime") == "tcvn3"
    assert font_encoding(".VnArial Narrow") == "tcvn3"
    assert font_encoding("VNI-Times") == "vni"
    assert font_encoding("Times New Roman") is None
    assert font_encoding(None) is None
    assert capitals_font(".VnTimeH")
    assert not capitals_font(".VnTime")
    assert not capitals_font("VNI-Helve")


def test_runs_in_one_legacy_font_are_joined_before_converting():
    # Word may split a VNI letter's base and mark into two runs
    runs = [("Vie", "VNI-Times"), ("ät Nam, ", "VNI-Times"), ("Sè", ".VnTime"), ("¶", ".VnTimeH")]
    assert convert_runs(runs) == "Việt Nam, SốẢ"
    assert convert_runs([("Vieät", None)]) == "Vieät"


def test_vietnamese_syllables_are_recognised():
    for word in ["người", "Nghiêng", "khuyến", "quả", "giữ", "Đảng", "tháng", "học", "tập", "gì"]:
        assert is_vietnamese_syllable(word), word
    for word in ["café", "résumé", "§¶ng", "aàá", "Quaỷng", "ngaứy", "hoc", "tàp"]:
        assert not is_vietnamese_syllable(word), word


@pytest.mark.parametrize("sentence", SENTENCES[2:])
def test_eight_bit_text_is_told_apart_by_its_vietnamese(sentence):
    assert decode_8bit(unicode_to_tcvn3(sentence)) == sentence
    assert decode_8bit(unicode_to_vni_bytes(sentence)) == sentence
    assert decode_8bit(to_cp1258(sentence)) == sentence


def test_text_that_is_not_legacy_is_left_alone():
    for text in [
        "Hà Nội, ngày 03 tháng 4 năm 2018",
        "Café, résumé, naïve and Ångström.",
        "Cà Mau",
        "plain ASCII only",
        "Giá: 50.000 ₫ — “trích”",
    ]:
        assert fix_legacy_text(text) == text
        assert guess_legacy(text) is None


def test_only_the_legacy_lines_of_a_mixed_text_are_converted():
    legacy = unicode_to_tcvn3(SENTENCES[3]).decode("cp1252")
    text = f"Hà Nội, ngày 03 tháng 4 năm 2018\n{legacy}\n{unicode_to_tcvn3(SENTENCES[4]).decode('cp1252')}"
    assert fix_legacy_text(text).split("\n") == [
        "Hà Nội, ngày 03 tháng 4 năm 2018",
        SENTENCES[3],
        SENTENCES[4],
    ]
