"""General causes found by the fifth, blind split (issue 10), each shown on invented text.

No text here comes from the split: every example is written for the test, in the layouts its
misses revealed — a Word header or closing built as a two-column table one line per row, a
header line copied from Word whose number has a blank serial before the tab, a degree before
the signer's name, and a name typed loosely under an e-office copy's signature.
"""

from __future__ import annotations

import io

from lamtheobac.reading import read_bytes, read_text

_HEAD_ROWS = [
    ("ĐẢNG BỘ HUYỆN PHÚ LƯƠNG", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("ĐẢNG ỦY XÃ YÊN TRẠCH", ""),
    ("*", "Yên Trạch, ngày 06 tháng 5 năm 2024"),
    ("Số 33-KH/ĐU", ""),
]
_BODY = [
    "KẾ HOẠCH",
    "tổ chức hội nghị điển hình tiên tiến năm 2024",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Biểu dương tập thể, cá nhân tiêu biểu.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Văn phòng Đảng ủy chủ trì tổng hợp, báo cáo trước ngày 30/6/2024.",
]
_CLOSE_ROWS = [
    ("Nơi nhận:", "T/M ĐẢNG ỦY"),
    ("- Ban Tuyên giáo và Dân vận Tỉnh ủy (b/c),", "BÍ THƯ"),
    ("- Các chi bộ trực thuộc,", ""),
    ("- Các đồng chí Đảng ủy viên,", ""),
    ("- Lưu VP.", "Hoàng Thị Mai Xuân"),
]


def _docx_one_line_per_row() -> bytes:
    import docx

    document = docx.Document()

    def layout_table(rows: list[tuple[str, str]]) -> None:
        table = document.add_table(rows=len(rows), cols=2)
        for r, (left, right) in enumerate(rows):
            table.cell(r, 0).text = left
            table.cell(r, 1).text = right

    layout_table(_HEAD_ROWS)
    for line in _BODY:
        document.add_paragraph(line)
    layout_table(_CLOSE_ROWS)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_closing_table_built_one_line_per_row_keeps_recipients_and_signer_apart():
    """Read down cell by cell, such a table interleaves "- Các chi bộ trực thuộc," with "BÍ
    THƯ"; read as Word copies it (a row a line, cells split by a tab), both columns stay
    whole."""
    ex = read_bytes(_docx_one_line_per_row())
    assert ex.number is not None and ex.number.value == "33-KH/ĐU"
    assert ex.date is not None and ex.date.value == "2024-05-06"
    assert ex.signer is not None and ex.signer.name is not None
    assert ex.signer.name.value == "Hoàng Thị Mai Xuân"
    assert [r.value for r in ex.recipients] == [
        "Ban Tuyên giáo và Dân vận Tỉnh ủy (b/c)",
        "Các chi bộ trực thuộc",
        "Các đồng chí Đảng ủy viên",
        "Lưu VP",
    ]


def test_a_blank_serial_before_the_tab_does_not_hide_the_date_beside_it():
    """ "Số:       /KH-UBND<TAB>place, date": the spaces of the serial not yet given are part of
    the number's cell; the tab is the column gap."""
    text = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "XÃ TÂN CƯƠNG\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số:        /KH-UBND\tTân Cương, ngày 19 tháng 8 năm 2025\n\n"
        "KẾ HOẠCH\nTuyên truyền gương người tốt, việc tốt năm 2025\n\n"
        "I. MỤC ĐÍCH\nLan tỏa việc làm tốt.\n"
    )
    ex = read_text(text)
    assert ex.number is None
    assert ex.date is not None and ex.date.value == "2025-08-19"
    assert ex.place is not None and ex.place.value == "Tân Cương"
    assert ex.issuer is not None and ex.issuer.value == "ỦY BAN NHÂN DÂN XÃ TÂN CƯƠNG"


def test_a_degree_before_the_signers_name_is_not_part_of_the_name():
    text = (
        "ĐẢNG BỘ TỈNH THÁI NGUYÊN\tĐẢNG CỘNG SẢN VIỆT NAM\n"
        "ĐẢNG ỦY TRƯỜNG CAO ĐẲNG Y TẾ\n*\n"
        "Số 12-KH/ĐU\tThái Nguyên, ngày 03 tháng 3 năm 2025\n\n"
        "KẾ HOẠCH\nhọc tập chuyên đề năm 2025\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "Nơi nhận:\tT/M ĐẢNG ỦY\n"
        "- Các chi bộ,\tBÍ THƯ\n"
        "- Lưu VP.\t\tTS.BS. Vi Thị Hồng Nhung\n"
    )
    ex = read_text(text)
    assert ex.signer is not None and ex.signer.name is not None
    assert ex.signer.name.value == "Vi Thị Hồng Nhung"
    assert ex.text[slice(*ex.signer.name.span)] == "Vi Thị Hồng Nhung"


def test_a_name_typed_loosely_under_the_signature_of_an_e_office_copy_is_the_signer():
    """In an e-mail or e-office copy the name sits indented, but left of the signature
    column; it is still the signer's name, not a recipient."""
    text = (
        "HUYỆN ỦY ĐẠI TỪ          ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "BAN TUYÊN GIÁO\n"
        "Số 88-CV/BTGHU          Đại Từ, ngày 14 tháng 11 năm 2024\n\n"
        "V/v tổng hợp gương điển hình\n\n"
        "Kính gửi: Các chi bộ, đảng bộ cơ sở.\n\n"
        "Đề nghị các chi bộ gửi danh sách trước ngày 25/11/2024.\n\n"
        "Nơi nhận:          K/T TRƯỞNG BAN\n"
        "- Như trên,          PHÓ TRƯỞNG BAN\n"
        "- Lưu BTG.          (Đã ký)\n"
        "          Đặng Quốc Khánh\n"
    )
    ex = read_text(text)
    assert ex.signer is not None and ex.signer.name is not None
    assert ex.signer.name.value == "Đặng Quốc Khánh"
    assert [r.value for r in ex.recipients][-1] == "Lưu BTG"
    assert not any("Khánh" in r.value for r in ex.recipients)
