"""Plain-text inputs: every Unicode form, Windows-1258, and whole files in TCVN3 or VNI."""

from __future__ import annotations

import pytest

from lamtheobac.reading import ReadError, read_bytes, read_text
from lamtheobac.reading.legacy import unicode_to_tcvn3, unicode_to_vni_bytes
from lamtheobac.reading.loading import bytes_to_text

from .builders import to_cp1258
from .conftest import seed_path
from .test_loading import _key_fields

SEED_003 = seed_path("003").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
        lambda s: b"\xff\xfe" + s.encode("utf-16-le"),
        lambda s: b"\xfe\xff" + s.encode("utf-16-be"),
        lambda s: s.encode("utf-16-le"),
        to_cp1258,
        unicode_to_vni_bytes,
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "cp1258", "vni"],
)
def test_seed_003_reads_the_same_in_every_encoding(encode):
    ex = read_bytes(encode(SEED_003))
    assert ex.text == read_text(SEED_003).text
    assert ex.number.value == "59-KH/ĐUK"
    assert ex.date.value == "2020-03-06"


def test_seed_003_saved_in_tcvn3_gives_its_number_date_and_fields():
    data = unicode_to_tcvn3(SEED_003)
    assert b"S\xe8 59" in data  # "Số" is S + ố (0xE8)
    _text, kind = bytes_to_text(data)
    assert kind == "text"
    ex = read_bytes(data)
    assert ex.number.value == "59-KH/ĐUK"
    assert ex.date.value == "2020-03-06"
    assert _key_fields(ex) == _key_fields(read_text(SEED_003))


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_other_seeds_in_tcvn3_and_vni_keep_their_number(prefix):
    source = seed_path(prefix).read_text(encoding="utf-8")
    expected = read_text(source)
    for data in (unicode_to_tcvn3(source), unicode_to_vni_bytes(source)):
        ex = read_bytes(data)
        assert ex.number.value == expected.number.value
        assert [d.due for d in ex.deadlines] == [d.due for d in expected.deadlines]


def test_tcvn3_text_pasted_into_a_utf8_file_is_converted():
    # an old file opened as Windows-1252 and saved again as UTF-8
    data = unicode_to_tcvn3(SEED_003).decode("cp1252").encode("utf-8")
    ex = read_bytes(data)
    assert ex.number.value == "59-KH/ĐUK"
    assert "Ban Thường vụ Đảng ủy Khối" in ex.text


def test_windows_1258_text_comes_out_composed():
    ex = read_bytes(to_cp1258("Quảng Nam, ngày 06 tháng 3 năm 2020\nĐẢNG ỦY KHỐI"))
    assert ex.text == "Quảng Nam, ngày 06 tháng 3 năm 2020\nĐẢNG ỦY KHỐI"


def test_latin_text_in_windows_1252_is_not_mistaken_for_legacy_vietnamese():
    text, _ = bytes_to_text("Café, résumé, naïve: déjà vu à Paris.".encode("cp1252"))
    assert text.startswith("Caf")
    assert "ộ" not in text


def test_binary_data_is_refused_with_a_vietnamese_message():
    with pytest.raises(ReadError) as error:
        read_bytes(bytes(range(256)) * 8)
    assert error.value.message.startswith("Tệp không đọc được")
