"""General rules found through the corpus, each shown on its phrase form."""

from __future__ import annotations

from lamtheobac.reading import read_text
from lamtheobac.reading.dates import fold
from lamtheobac.reading.deadlines import find_deadlines


def _due(text: str, year: int = 2023) -> list[tuple[str, bool]]:
    return [(d.due, d.exclusive) for d in find_deadlines(text, 0, len(text), year)]


def test_fold_drops_marks_and_keeps_the_length():
    assert fold("chậm nhất ngày Đảng") == "cham nhat ngay Dang"
    assert len(fold("Kính gửi")) == len("Kính gửi")


def test_a_deadline_typed_without_diacritics_is_read():
    assert _due("gui ve Dang uy cham nhat ngay 10/12/2023.") == [("2023-12-10", False)]


def test_the_end_of_a_from_to_period_is_not_a_deadline():
    assert _due("Treo cờ từ ngày 15/5/2023 đến ngày 20/5/2023.") == []
    assert _due(
        "Số liệu tính từ ngày 15/12/2022 đến ngày 15/8/2023, gửi trước ngày 20/8/2023."
    ) == [("2023-08-20", True)]


def test_a_plain_until_date_is_still_a_deadline():
    assert _due("Gửi danh sách về Huyện ủy đến ngày 06/10/2023.") == [("2023-10-06", False)]


def test_a_deadline_wrapped_onto_the_next_line_is_read():
    text = "- các tổ chức cơ sở đảng hoàn thành chậm nhất ngày \n30/9/2023.\n- Vòng sau"
    assert _due(text) == [("2023-09-30", False)]


def test_a_new_list_item_still_ends_the_clause():
    assert _due("1. Gửi báo cáo trước\n- 15/3/2023 là ngày kỷ niệm.") == []


_HEADER = "HUYỆN ỦY X\n*\nSố 12-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n{date}\nKẾ HOẠCH\nvề việc y\n"


def test_a_date_line_wrapped_in_a_narrow_cell_is_read():
    ex = read_text(_HEADER.format(date="Phù Cát, ngày 15 tháng 3\nnăm 2024"))
    assert ex.date.value == "2024-03-15"


def test_a_header_without_diacritics_is_read():
    text = "DANG UY XA Y\n*\nSo 702-CV/DUK\nĐẢNG CỘNG SẢN VIỆT NAM\nGia Lai, ngay 20 thang 11 nam 2023\n"
    ex = read_text(text)
    assert (ex.number.value, ex.date.value) == ("702-CV/DUK", "2023-11-20")


def test_two_columns_on_one_header_line_are_read_apart():
    text = (
        "ĐẢNG BỘ TỈNH Q        ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY KHỐI\n*\n"
        "Số 83  - KH /ĐUK          Quảng Nam, ngày 14 tháng 02 năm 2024\nKẾ HOẠCH\nvề z\n"
    )
    ex = read_text(text)
    assert (ex.number.value, ex.date.value, ex.issuer.value) == (
        "83-KH/ĐUK",
        "2024-02-14",
        "ĐẢNG ỦY KHỐI",
    )


def test_the_enacting_authority_line_is_not_taken_for_the_signers_title():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ P\nSố: 45/QĐ-UBND\nP, ngày 14 tháng 5 năm 2024\n\nQUYẾT ĐỊNH\n"
        "Về việc a\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN XÃ P\n\nĐiều 1. Hoạt động đến ngày 31/5/2024.\n\n"
        "Nơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn Tám\n"
    )
    ex = read_text(text)
    assert ex.signer.name.value == "Nguyễn Văn Tám"
    assert [d.due for d in ex.deadlines] == ["2024-05-31"]
