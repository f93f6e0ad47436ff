"""Vietnamese order: given name, then middle, then family; a < ă < â … d < đ; tones last."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from lamtheobac.core.vietnamese import nfc, sort_key, split_full_name


def _key(full: str) -> str:
    family, middle, given_ = split_full_name(full)
    return sort_key(given_, middle, family)


def test_people_are_listed_by_given_name_first():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Minh Cường"]
    assert sorted(names, key=_key) == ["Nguyễn Thị An", "Trần Văn Bình", "Lê Minh Cường"]


def test_same_given_name_falls_back_to_middle_then_family_name():
    names = ["Trần Văn An", "Nguyễn Văn An", "Lê Thị An"]
    assert sorted(names, key=_key) == ["Lê Thị An", "Nguyễn Văn An", "Trần Văn An"]


def test_the_vietnamese_letters_follow_the_alphabet_not_unicode_order():
    given_names = ["Đức", "Dũng", "Ân", "Ánh", "An", "Ăn", "Ơn", "Ông", "Ưng", "Uyên", "Yến"]
    ordered = sorted(given_names, key=lambda g: sort_key(g))
    assert ordered == ["An", "Ánh", "Ăn", "Ân", "Dũng", "Đức", "Ông", "Ơn", "Uyên", "Ưng", "Yến"]


def test_tones_break_ties_in_the_traditional_order():
    words = ["Hạ", "Há", "Hà", "Hả", "Ha", "Hã"]
    assert sorted(words, key=lambda g: sort_key(g)) == ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]


def test_a_shorter_name_sorts_before_its_extension():
    assert sort_key("An") < sort_key("Anh")


@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệ ", min_size=1, max_size=20
    )
)
def test_the_key_is_digits_only_and_the_same_for_composed_and_decomposed_text(name):
    key = sort_key(name)
    assert key.replace("9", "").isdigit() or key == "9"
    assert sort_key(unicodedata.normalize("NFD", name)) == key == sort_key(nfc(name))
