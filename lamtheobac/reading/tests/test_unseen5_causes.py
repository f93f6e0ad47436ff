"""General causes found by the fifth, blind split (issue 10), each shown on invented text.

No text here comes from the split: every example is written for the test, in the layouts its
misses revealed — a Word header or closing built as a two-column table one line per row, a
header line copied from Word whose number has a blank serial before the tab, a degree before
the signer's name, a name typed loosely under an e-office copy's signature, and quotas
that count people by their trade ("nhà giáo", "công nhân", "người"), models of a
collective, households or "điển hình", or both kinds with one number; a number glued onto
the issuer's cell and broken at its hyphen, an office in brackets after the body that leads a
task, a lead followed by "cụ thể hóa", and the days of a recurrence in brackets after "định kỳ".
"""

from __future__ import annotations

import io

import pytest

from lamtheobac.reading import read_bytes, read_text
from lamtheobac.reading.quotas import find_quotas

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


def _quotas(text: str) -> list[tuple]:
    return [
        tuple((q[k]["min"], q[k]["max"]) for k in ("collectives", "individuals", "total"))
        for q in (quota.to_json() for quota in find_quotas(text, 0, len(text)))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # people named by their trade or as "người" are individuals under a cap
        (
            "Mỗi trường mầm non chọn không quá 02 giáo viên dạy giỏi.",
            ((None, None), (None, 2), (None, 2)),
        ),
        (
            "Mỗi phân xưởng giới thiệu tối đa 03 công nhân lao động giỏi.",
            ((None, None), (None, 3), (None, 3)),
        ),
        ("Chi bộ xét, đề nghị biểu dương tối đa 02 người.", ((None, None), (None, 2), (None, 2))),
        (
            "Mỗi chi đoàn giới thiệu 01 gương đoàn viên tiêu biểu.",
            ((None, None), (None, 1), (None, 1)),
        ),
        # a collective named as a model of one
        (
            "Mỗi xã lựa chọn 02 mô hình tập thể và không quá 03 cá nhân.",
            ((None, 2), (None, 3), (None, 5)),
        ),
        # neither kind: the total carries the count
        (
            "Mỗi khu phố giới thiệu không quá 02 hộ gia đình.",
            ((None, None), (None, None), (None, 2)),
        ),
        (
            "Mỗi phòng lựa chọn từ 01 đến 02 điển hình tiêu biểu.",
            ((None, None), (None, None), (1, 2)),
        ),
        # one count naming both kinds: either kind, that many in all
        (
            "Mỗi phường giới thiệu tối đa 04 tập thể, cá nhân tiêu biểu.",
            ((None, 4), (None, 4), (None, 4)),
        ),
        # members joined to the count before them by "hoặc"
        (
            "Mỗi chi bộ chọn 01 tập thể hoặc 01 đảng viên tiêu biểu.",
            ((None, 1), (None, 1), (None, 1)),
        ),
    ],
)
def test_quotas_counting_people_and_models_named_otherwise(sentence: str, expected: tuple):
    assert _quotas(sentence) == [expected]


def test_a_unit_sized_by_its_households_or_staff_does_not_join_two_quotas_into_one():
    """ "trên 500 hộ", "có trên 40 cán bộ" size a unit (no cap, no word of choosing before
    them): the ";" still parts two quotas."""
    text = (
        "Số lượng: mỗi tổ dân phố lựa chọn 01 tập thể hoặc 01 cá nhân; riêng tổ có trên 500 hộ "
        "được lựa chọn không quá 02 cá nhân."
    )
    assert _quotas(text) == [
        ((None, 1), (None, 1), (None, 1)),
        ((None, None), (None, 2), (None, 2)),
    ]
    assert _quotas("Đơn vị có trên 40 cán bộ và giúp đỡ 05 hộ nghèo mỗi năm.") == []


def test_an_indented_issuer_in_capitals_is_not_taken_for_a_name():
    """Only a name in capital-then-small letters moves to the signature column; an issuer
    line typed in capitals with a small indent stays in the header's left column."""
    text = (
        "ĐẢNG BỘ HUYỆN ĐIỆN BIÊN          ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "  ĐẢNG ỦY XÃ THANH NƯA\n"
        "          *                   Thanh Nưa, ngày 8 tháng 02 năm 2025\n"
        "  Số: 21-NQ/ĐU\n\n"
        "                     NGHỊ QUYẾT\n"
        "   về học tập và làm theo Bác năm 2025\n\n"
        "I. NHIỆM VỤ\nĐảng ủy chỉ đạo học tập chuyên đề.\n"
    )
    ex = read_text(text)
    assert ex.issuer is not None and ex.issuer.value == "ĐẢNG ỦY XÃ THANH NƯA"
    assert ex.number is not None and ex.number.value == "21-NQ/ĐU"


_PLAN_HEAD = (
    "ĐẢNG BỘ HUYỆN ĐÔNG SƠN\nĐẢNG ỦY XÃ ĐÔNG THANH\n*\nSố 23-KH/ĐU\n"
    "Đông Thanh, ngày 11 tháng 3 năm 2024\n\nKẾ HOẠCH\nbồi dưỡng đoàn viên năm 2024\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng sinh hoạt.\n"
)
_PLAN_CLOSE = "Nơi nhận:\n- Các chi bộ,\n- Lưu VP.\n\nT/M ĐẢNG ỦY\nBÍ THƯ\nĐinh Văn Khiêm\n"


def _with_top(top: str) -> str:
    return (
        top + "\n*\n\nĐẢNG CỘNG SẢN VIỆT NAM\nTân Phú, ngày 07 tháng 5 năm 2024\n\n"
        "KẾ HOẠCH\nsơ kết chuyên đề năm 2024\n\nI. MỤC ĐÍCH, YÊU CẦU\nNắm tình hình.\n"
        + _PLAN_CLOSE
    )


@pytest.mark.parametrize(
    "top",
    [
        "ĐẢNG BỘ TỈNH LONG AN\nHUYỆN ỦY TÂN PHÚSố 31-KH/HU",
        "ĐẢNG BỘ TỈNH LONG AN\nHUYỆN ỦY TÂN PHÚSố 31-\nKH/HU",
    ],
)
def test_a_number_glued_onto_the_issuer_and_broken_at_its_hyphen_is_the_number(top):
    ex = read_text(_with_top(top))
    assert ex.number is not None and ex.number.value == "31-KH/HU"
    assert ex.issuer is not None and ex.issuer.value == "HUYỆN ỦY TÂN PHÚ"
    assert [c.number for c in ex.citations] == []


def test_a_small_word_before_so_is_no_glued_number():
    ex = read_text(
        _PLAN_HEAD
        + "II. NỘI DUNG\nThực hiện theo hướng dẫnSố 14-HD/BTGTU của Ban Tuyên giáo.\n"
        + _PLAN_CLOSE
    )
    assert ex.number is not None and ex.number.value == "23-KH/ĐU"


@pytest.mark.parametrize(
    ("item", "lead"),
    [
        (
            "Sở Y tế (Phòng Nghiệp vụ) chủ trì, phối hợp với các xã theo dõi.",
            "Sở Y tế (Phòng Nghiệp vụ)",
        ),
        (
            "Ban Tổ chức (Phòng Thi đua) có trách nhiệm tổng hợp danh sách.",
            "Ban Tổ chức (Phòng Thi đua)",
        ),
        ("Văn phòng Đảng ủy (qua bộ phận một cửa) tiếp nhận hồ sơ.", "Văn phòng Đảng ủy"),
        (
            "Chi ủy cụ thể hóa kế hoạch thành chỉ tiêu của từng đảng viên.",
            "Chi ủy",
        ),
    ],
)
def test_the_office_in_brackets_belongs_to_the_lead_and_cụ_thể_hóa_ends_it(item, lead):
    ex = read_text(_PLAN_HEAD + f"III. TỔ CHỨC THỰC HIỆN\n1. {item}\n" + _PLAN_CLOSE)
    assert [t.lead for t in ex.tasks] == [lead]


def test_the_days_of_a_recurrence_in_brackets_are_no_deadline():
    ex = read_text(
        _PLAN_HEAD + "III. TỔ CHỨC THỰC HIỆN\n1. Các chi bộ báo cáo kết quả về Văn phòng Đảng ủy "
        "định kỳ hằng quý (trước ngày 20/3, 20/6, 20/9 và 20/12).\n"
        "2. Văn phòng Đảng ủy tổng hợp, báo cáo trước ngày 28/12/2024.\n" + _PLAN_CLOSE
    )
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [("2024-12-28", True)]


def test_a_day_without_a_year_in_brackets_without_a_recurrence_is_a_deadline():
    ex = read_text(
        _PLAN_HEAD + "III. TỔ CHỨC THỰC HIỆN\n1. Các chi bộ gửi danh sách về Văn phòng Đảng ủy "
        "(trước ngày 15/4).\n" + _PLAN_CLOSE
    )
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [("2024-04-15", True)]


@pytest.mark.parametrize(
    ("item", "lead"),
    [
        ("Công an xã: Rà soát, giới thiệu các tổ tự quản tiêu biểu.", "Công an xã"),
        ("Các đội sản xuất bình chọn người lao động giỏi, gửi về Chi ủy.", "Các đội sản xuất"),
    ],
)
def test_the_police_and_production_teams_are_bodies_that_lead_items(item, lead):
    ex = read_text(_PLAN_HEAD + f"III. TỔ CHỨC THỰC HIỆN\n1. {item}\n" + _PLAN_CLOSE)
    assert [t.lead for t in ex.tasks] == [lead]


def test_a_team_of_people_is_no_body():
    ex = read_text(
        _PLAN_HEAD
        + "III. TỔ CHỨC THỰC HIỆN\n1. Đội ngũ cán bộ cơ sở được bồi dưỡng thường xuyên.\n"
        + _PLAN_CLOSE
    )
    assert ex.tasks == []


def test_a_place_and_date_run_on_after_the_motto_is_the_date():
    ex = read_text(
        "UBND TỈNH BẾN TRE SỞ NỘI VỤ Số: 118/TB-SNV\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "Bến Tre, ngày 09 tháng 6 năm 2022\n\nTHÔNG BÁO\nKết luận của Giám đốc Sở\n\n"
        "Giao Phòng Công chức chủ trì tổng hợp, báo cáo trước ngày 30/6/2022.\n\n"
        "Nơi nhận:\n- Các phòng thuộc Sở;\n- Lưu: VT.\n\nGIÁM ĐỐC\nHuỳnh Thanh Sang\n"
    )
    assert ex.date is not None and ex.date.value == "2022-06-09"
    assert ex.number is not None and ex.number.value == "118/TB-SNV"


def test_a_short_line_without_a_dash_between_two_recipients_goes_on_with_the_first():
    ex = read_text(
        _PLAN_HEAD + "II. NỘI DUNG\nTổ chức học tập.\n\nNơi nhận:              T/M ĐẢNG ỦY\n"
        "- Ban Tổ chức Huyện ủy (b/c),        BÍ THƯ\n"
        "- Các chi bộ, tổ đảng, đoàn thể,\n   Trường Tiểu học xã,\n- Lưu VP.\n\n"
        "                               Đinh Văn Khiêm\n"
    )
    assert [r.value for r in ex.recipients] == [
        "Ban Tổ chức Huyện ủy (b/c)",
        "Các chi bộ, tổ đảng, đoàn thể, Trường Tiểu học xã",
        "Lưu VP",
    ]
    assert ex.signer.name is not None and ex.signer.name.value == "Đinh Văn Khiêm"


def test_a_line_without_a_dash_after_the_last_recipient_ends_the_list():
    ex = read_text(
        _PLAN_HEAD + "II. NỘI DUNG\nTổ chức học tập.\n\nNơi nhận:\n- Các chi bộ,\n- Lưu VP.\n"
        "Tài liệu kèm theo\n\nT/M ĐẢNG ỦY\nBÍ THƯ\nĐinh Văn Khiêm\n"
    )
    assert [r.value for r in ex.recipients] == ["Các chi bộ", "Lưu VP"]


def test_a_closing_table_copied_with_no_separator_between_its_cells():
    ex = read_text(
        _PLAN_HEAD + "II. NỘI DUNG\nTổ chức học tập.\n\nNơi nhận:T/M ĐẢNG ỦY\n"
        "- Ban Thường vụ Huyện ủy (b/c),PHÓ BÍ THƯ\n- Các chi bộ,\n- Lưu VP.Mai Thị Hoa\n"
    )
    assert [r.value for r in ex.recipients] == [
        "Ban Thường vụ Huyện ủy (b/c)",
        "Các chi bộ",
        "Lưu VP",
    ]
    assert ex.signer.name is not None and ex.signer.name.value == "Mai Thị Hoa"
    assert ex.signer.title is not None and ex.signer.title.value == "PHÓ BÍ THƯ"


def test_items_ending_in_a_capitalised_word_stay_whole_when_the_cells_are_apart():
    ex = read_text(
        _PLAN_HEAD + "II. NỘI DUNG\nTổ chức học tập.\n\nNơi nhận:\n- Các chi bộ,Tổ Đảng số 2,\n"
        "- Lưu VP.\n\nT/M ĐẢNG ỦY\nBÍ THƯ\nMai Thị Hoa\n"
    )
    assert [r.value for r in ex.recipients] == ["Các chi bộ,Tổ Đảng số 2", "Lưu VP"]


def test_a_draft_date_with_a_blank_day_is_one_line_not_three_columns():
    ex = read_text(
        "UBND HUYỆN CHỢ GẠO\nỦY BAN NHÂN DÂN XÃ BÌNH PHAN\nSố:        /UBND-VP\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Bình Phan, ngày      tháng      năm 2025\n\n"
        "V/v cử cán bộ dự tập huấn\n\n\nKính gửi:\n- Các ấp;\n- Trường Tiểu học xã.\n"
        "Ủy ban nhân dân xã đề nghị các đơn vị cử cán bộ dự tập huấn.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\nLê Văn Tâm\n"
    )
    assert ex.kind is not None and ex.kind.value == "CV"
    assert ex.title is not None and ex.title.value == "cử cán bộ dự tập huấn"
    assert ex.date is None
