"""Diacritics-insensitive patterns (no database): the same regular expression both databases run."""

from __future__ import annotations

import re

from lamtheobac.search import folding


def test_folding_drops_tones_modifiers_case_and_the_stroke_of_d() -> None:
    assert folding.fold("Đảng ủy Khối Ân") == "dang uy khoi an"


def test_a_plain_word_matches_every_accented_spelling_of_it() -> None:
    pattern = re.compile(folding.loose("an"))
    for text in ("An", "Ân", "ấn", "ĂN", "ẩn"):
        assert pattern.fullmatch(text), text
    assert not pattern.fullmatch("em")


def test_an_accented_query_matches_the_plain_text_too() -> None:
    assert re.search(folding.loose("khánh"), "Khanh")


def test_a_word_start_pattern_finds_a_name_word_not_the_middle_of_one() -> None:
    pattern = re.compile(folding.word_start("an"))
    assert pattern.search("Khánh Ân")
    assert pattern.search("Anh")
    assert not pattern.search("Lan")


def test_regex_characters_in_a_query_are_literal() -> None:
    assert re.search(folding.loose("59-kh/đuk"), "Số 59-KH/ĐUK ngày")
    assert not re.search(folding.loose("a.b"), "axb")


def test_a_pasted_paragraph_is_cut_to_a_few_short_words() -> None:
    found = folding.words("x" * 500 + " " + "từ " * 50)
    assert len(found) == folding.MAX_WORDS
    assert len(found[0]) == folding.MAX_WORD_LENGTH
