"""General causes found by the second unseen split (issue 10), each shown on invented text.

No text here comes from the split: each example is written for the test, in the layouts
and phrasings the misses revealed (a header pasted on one line, an office under its
superior's line, a broken motto, a table of tasks, deadline words, quota wording, text
without diacritics).
"""

from __future__ import annotations

import io

import docx
import pytest

from lamtheobac.reading import read_bytes, read_text

_RUN_ON = (
    "Cổng thông tin » Văn bản » Thông báo\n"
    "ĐẢNG BỘ TỈNH AN GIANG HUYỆN ỦY PHÚ TÂN * Số 77-TB/HU ĐẢNG CỘNG SẢN VIỆT NAM "
    "Phú Tân, ngày 03 tháng 4 năm 2024 THÔNG BÁO kết luận của Thường trực Huyện ủy về "
    "việc chuẩn bị hội nghị điển hình ---------- Ngày 01/4/2024, Thường trực Huyện ủy "
    "nghe báo cáo công tác chuẩn bị hội nghị. Thường trực Huyện ủy kết luận: 1. Giao Ban "
    "Dân vận Huyện ủy chủ trì, phối hợp với Văn phòng Huyện ủy chuẩn bị hội nghị, báo cáo "
    "trước ngày 25/4/2024. 2. Giao Ủy ban nhân dân huyện chỉ đạo các xã tổ chức biểu dương, "
    "hoàn thành trong tháng 5/2024. Nơi nhận: - Ban Tuyên giáo Tỉnh ủy (b/c); - Các đồng chí "
    "Huyện ủy viên; - Lưu VP. T/L BAN THƯỜNG VỤ CHÁNH VĂN PHÒNG (đã ký) Trần Minh Khoa\n"
)


def test_a_whole_document_pasted_on_one_line_is_read_part_by_part():
    ex = read_text(_RUN_ON)
    assert ex.number is not None and ex.number.value == "77-TB/HU"
    assert ex.kind is not None and ex.kind.value == "TB"
    assert ex.date is not None and ex.date.value == "2024-04-03"
    assert ex.issuer is not None and ex.issuer.value == "HUYỆN ỦY PHÚ TÂN"
    assert ex.superior is not None and ex.superior.value == "ĐẢNG BỘ TỈNH AN GIANG"
    assert ex.signer.name is not None and ex.signer.name.value == "Trần Minh Khoa"
    assert [r.value for r in ex.recipients] == [
        "Ban Tuyên giáo Tỉnh ủy (b/c)",
        "Các đồng chí Huyện ủy viên",
        "Lưu VP",
    ]
    assert [t.lead for t in ex.tasks] == ["Ban Dân vận Huyện ủy", "Ủy ban nhân dân huyện"]
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [
        ("2024-04-25", True),
        ("2024-05-31", False),
    ]
    assert "77-TB/HU" not in {c.number for c in ex.citations}


def test_a_header_with_its_columns_apart_is_not_broken_as_a_run_on_line():
    text = (
        "HUYỆN ỦY PHÚ TÂN        ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Số 78-KH/HU             Phú Tân, ngày 05 tháng 4 năm 2024\n\nKẾ HOẠCH\nvề việc x\n"
    )
    ex = read_text(text)
    assert ex.issuer is not None and ex.issuer.value == "HUYỆN ỦY PHÚ TÂN"
    assert ex.date is not None and ex.date.value == "2024-04-05"


@pytest.mark.parametrize(
    ("superior", "issuer"),
    [
        ("UBND HUYỆN TAM NÔNG", "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG"),
        ("HỘI NÔNG DÂN TỈNH ĐỒNG THÁP", "BCH HỘI NÔNG DÂN HUYỆN TAM NÔNG"),
        ("LIÊN ĐOÀN LAO ĐỘNG HUYỆN TAM NÔNG", "CĐCS TRƯỜNG THCS TAM NÔNG"),
    ],
)
def test_an_office_under_its_superiors_line_is_the_issuer(superior, issuer):
    text = (
        f"{superior}\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        f"{issuer}\tĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 15/KH-TN\tTam Nông, ngày 02 tháng 3 năm 2023\n\nKẾ HOẠCH\nvề việc x\n"
    )
    ex = read_text(text)
    assert ex.issuer is not None and ex.issuer.value == issuer
    assert ex.superior is not None and ex.superior.value == superior


def test_a_motto_broken_over_lines_stays_out_of_the_issuer():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n|\nSố: 31/TB-UBND\nAn Bình, ngày 09 tháng 9 năm 2025\n"
        "THÔNG BÁO\nvề việc x\n"
    )
    ex = read_text(text)
    assert ex.issuer is not None and ex.issuer.value == "ỦY BAN NHÂN DÂN XÃ AN BÌNH"
    assert ex.number is not None and ex.number.value == "31/TB-UBND"


def test_a_number_line_without_a_kind_segment_is_still_the_number():
    text = (
        "UBND HUYỆN TAM NÔNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG\tĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 15/TNMT\tTam Nông, ngày 02 tháng 3 năm 2023\nV/v rà soát số liệu\n\n"
        "Kính gửi: Ủy ban nhân dân các xã.\n"
    )
    ex = read_text(text)
    assert ex.number is not None and ex.number.value == "15/TNMT"
    assert ex.kind is not None and ex.kind.value == "CV"  # no kind code: a V/v letter
    assert ex.kind_name is not None and ex.kind_name.value == "CÔNG VĂN"


_PLAN = (
    "ĐẢNG ỦY XÃ AN BÌNH\tĐẢNG CỘNG SẢN VIỆT NAM\n*\n"
    "Số 20-KH/ĐU\tAn Bình, ngày 02 tháng 8 năm 2024\n\nKẾ HOẠCH\nvề việc x\n\n"
    "I. NỘI DUNG\n{line}\n"
)


@pytest.mark.parametrize(
    ("line", "due", "exclusive"),
    [
        ("1. Các chi bộ gửi báo cáo về Đảng ủy, hạn cuối ngày 15/8/2024.", "2024-08-15", False),
        ("1. Hội nghị điển hình dự kiến khai mạc ngày 02/9/2024.", "2024-09-02", False),
        ("1. Gửi danh sách qua thư điện tử trước 16 giờ 30 ngày 10/10/2024.", "2024-10-10", False),
        ("1. Các chi bộ quán triệt trong kỳ sinh hoạt chi bộ tháng 11/2024.", "2024-11-30", False),
        ("1. Hội thi cấp xã. Thời gian: ngày 20/11/2024, tại hội trường.", "2024-11-20", False),
        ("1. Tổ chức hội thi cấp xã: Quý IV/2024.", "2024-12-31", False),
    ],
)
def test_deadline_words_found_on_unseen_documents(line, due, exclusive):
    ex = read_text(_PLAN.format(line=line))
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [(due, exclusive)]


def test_a_session_month_yields_to_the_day_named_in_its_sentence():
    line = "1. Kiểm điểm trong kỳ sinh hoạt tháng 9/2024, dự kiến vào ngày 06/9/2024."
    ex = read_text(_PLAN.format(line=line))
    assert [d.due for d in ex.deadlines] == ["2024-09-06"]


def test_a_colon_before_a_period_is_a_deadline_only_when_the_period_ends_the_item():
    line = "1. Kết quả: Quý IV/2024 có 12 chi bộ hoàn thành."
    ex = read_text(_PLAN.format(line=line))
    assert ex.deadlines == []


_TABLE = [
    ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn"],
    ["1", "Tập huấn báo cáo viên cơ sở", "Ban Dân vận", "Trung tâm Chính trị", "Tháng 9/2024"],
    ["2", "Biểu dương gương người tốt", "Ủy ban MTTQ xã", "Các thôn", "Trước ngày 15/10/2024"],
    ["3", "Theo dõi dư luận", "Văn phòng Đảng ủy", "Các chi bộ", "Thường xuyên"],
]
_TABLE_HEAD = "ĐẢNG ỦY XÃ AN BÌNH\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 21-CTr/ĐU\tAn Bình, ngày 05 tháng 8 năm 2024\n\nCHƯƠNG TRÌNH\nvề việc x\n\nII. NỘI DUNG VÀ PHÂN CÔNG\n"


def _table_docx() -> bytes:
    document = docx.Document()
    for line in _TABLE_HEAD.splitlines():
        document.add_paragraph(line.replace("\t", "   "))
    table = document.add_table(rows=len(_TABLE), cols=len(_TABLE[0]))
    for row, values in zip(table.rows, _TABLE, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("form", ["txt", "docx"])
def test_a_table_of_tasks_gives_a_task_per_row_with_its_lead_support_and_due_date(form):
    if form == "txt":
        body = "\n".join("\t".join(row) for row in _TABLE)
        ex = read_text(_TABLE_HEAD + body + "\n")
    else:
        ex = read_bytes(_table_docx())
    tasks = [(t.lead, t.support, t.due) for t in ex.tasks]
    assert tasks == [
        ("Ban Dân vận", ("Trung tâm Chính trị",), "2024-09-30"),
        ("Ủy ban MTTQ xã", ("Các thôn",), "2024-10-15"),
        ("Văn phòng Đảng ủy", ("Các chi bộ",), None),
    ]
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [
        ("2024-09-30", False),
        ("2024-10-15", True),
    ]


@pytest.mark.parametrize(
    ("line", "lead"),
    [
        ("1. Các khu phố treo cờ, băng rôn tại khu dân cư.", "Các khu phố"),
        ("2. Chi hội Cựu chiến binh vận động hội viên tham gia.", "Chi hội Cựu chiến binh"),
        ("3. Các cơ sở Hội tổ chức bình chọn hội viên tiêu biểu.", "Các cơ sở Hội"),
        ("4. Giao Văn phòng - Tổng hợp niêm yết danh sách tại trụ sở.", "Văn phòng - Tổng hợp"),
        ("5. Các huyện, thị đoàn xây dựng kế hoạch tại đơn vị.", "Các huyện, thị đoàn"),
    ],
)
def test_bodies_and_actions_of_village_and_mass_organisation_units(line, lead):
    text = _PLAN.replace("I. NỘI DUNG", "II. TỔ CHỨC THỰC HIỆN").format(line=line)
    assert [t.lead for t in read_text(text).tasks] == [lead]


def test_tasks_are_read_from_text_without_diacritics():
    text = (
        "DANG UY XA AN BINH\tDANG CONG SAN VIET NAM\nSo 22-KH/DU\tAn Binh, ngay 05 thang 8 "
        "nam 2024\n\nKE HOACH\nve viec x\n\nII. TO CHUC THUC HIEN\n"
        "1. Giao Chi doan thanh nien phoi hop voi Chi hoi Phu nu van dong ho gia dinh.\n"
        "2. Ban dieu hanh cac ap trang tri khu dan cu.\n"
    )
    ex = read_text(text)
    assert [(t.lead, t.support) for t in ex.tasks] == [
        ("Chi doan thanh nien", ("Chi hoi Phu nu",)),
        ("Ban dieu hanh cac ap", ()),
    ]


def test_a_range_of_members_after_a_selection_word_is_a_quota():
    line = "1. Mỗi chi bộ giới thiệu từ 02 đến 03\nđảng viên tiêu biểu."
    (quota,) = read_text(_PLAN.format(line=line)).quotas
    assert (quota.individuals.min, quota.individuals.max) == (2, 3)


def test_the_size_of_a_list_is_not_a_quota():
    line = "1. Ủy ban công khai danh sách đề nghị biểu dương gồm 04 tập thể và 06 cá nhân."
    assert read_text(_PLAN.format(line=line)).quotas == []


@pytest.mark.parametrize(
    ("sentence", "issuer"),
    [
        (
            "Thực hiện Công văn số 12-CV/BTGHU ngày 03/4/2024, Ủy ban nhân dân xã Hòa Lợi có ý "
            "kiến như sau:",
            "Ủy ban nhân dân xã Hòa Lợi",
        ),
        (
            "Thực hiện Kế hoạch số 7-KH/ĐU ngày 10/9/2025, Văn phòng Đảng ủy phường Bình Minh "
            "đề nghị các chi bộ:",
            "Văn phòng Đảng ủy phường Bình Minh",
        ),
    ],
)
def test_a_letter_without_a_header_takes_its_issuer_from_the_body(sentence, issuer):
    text = (
        "Người gửi: hộp thư công vụ\nTiêu đề: góp ý dự thảo\n-----\n"
        f"Kính gửi: Ban Tuyên giáo Huyện ủy.\n\n{sentence}\n\n1. Thống nhất với dự thảo.\n"
    )
    ex = read_text(text)
    assert ex.issuer is not None and ex.issuer.value == issuer
    assert ex.text[slice(*ex.issuer.span)] == issuer


def test_a_letter_with_a_header_keeps_its_header_issuer():
    text = (
        "ĐẢNG ỦY XÃ AN BÌNH\tĐẢNG CỘNG SẢN VIỆT NAM\nSố 9-CV/ĐU\tAn Bình, ngày 02 tháng 8 năm 2024\n"
        "V/v góp ý\n\nKính gửi: Các chi bộ.\n\nThực hiện Kế hoạch, Văn phòng Đảng ủy đề nghị "
        "các chi bộ góp ý.\n"
    )
    ex = read_text(text)
    assert ex.issuer is not None and ex.issuer.value == "ĐẢNG ỦY XÃ AN BÌNH"


def test_a_heading_run_on_after_the_left_column_with_one_space_is_set_apart():
    text = (
        "Trang 1 / 2\nPHÒNG GD&ĐT HUYỆN TAM NÔNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TRƯỜNG THCS AN LONG Độc lập - Tự do - Hạnh phúc\n"
        "Số: 14/BC-THCS An Long, ngày 20 tháng 12 năm 2022\nBÁO CÁO\nKết quả học kỳ I\n"
    )
    ex = read_text(text)
    assert ex.issuer is not None and ex.issuer.value == "TRƯỜNG THCS AN LONG"
    assert ex.superior is not None and ex.superior.value == "PHÒNG GD&ĐT HUYỆN TAM NÔNG"


def test_a_motto_cut_before_viet_nam_by_a_narrow_pdf_column_stays_out_of_the_issuer():
    text = (
        "CÔNG ĐOÀN NGÀNH Y TẾ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA\n"
        "    ĐỒNG THÁP                            VIỆT NAM\n"
        "CĐCS BỆNH VIỆN HUYỆN          Độc lập - Tự do - Hạnh phúc\n"
        "    TAM NÔNG                  Tam Nông, ngày 02 tháng 10 năm 2023\n"
        "Số: 08/HD-CĐCS\n\nHƯỚNG DẪN\nĐăng ký thi đua\n"
    )
    ex = read_text(text)
    assert ex.issuer is not None and ex.issuer.value == "CĐCS BỆNH VIỆN HUYỆN TAM NÔNG"


def test_a_date_line_in_emphasis_marks_is_read():
    text = (
        "| **ĐẢNG ỦY XÃ AN BÌNH** | **ĐẢNG CỘNG SẢN VIỆT NAM** |\n| --- | --- |\n"
        "| * | *An Bình, ngày 11 tháng 7 năm 2024* |\n| Số 15-TB/ĐU | |\n**THÔNG BÁO**\n"
        "**kết luận hội nghị**\n"
    )
    ex = read_text(text)
    assert ex.date is not None and ex.date.value == "2024-07-11"
    assert ex.place is not None and ex.place.value == "An Bình"


def test_a_pdf_line_wrapped_before_a_capitalised_name_continues_its_item():
    line = (
        "4. Tổ chức thực hiện: Ban Dân vận Huyện ủy chủ trì, phối hợp với Ban Tổ chức\n"
        "Huyện ủy hướng dẫn, kiểm tra; tham mưu Ban Thường vụ tổng kết."
    )
    text = _PLAN.format(line=line)
    ex = read_text(text)
    assert [(t.lead, t.support) for t in ex.tasks] == [
        ("Ban Dân vận Huyện ủy", ("Ban Tổ chức Huyện ủy",))
    ]
    apart = read_text(text.replace("Ban Tổ chức\nHuyện", "Ban Tổ chức.\n\nHuyện"))
    assert [t.lead for t in apart.tasks] == ["Ban Dân vận Huyện ủy", "Huyện ủy"]


def test_a_closing_flattened_into_one_table_row_keeps_its_signer_name():
    text = _PLAN.format(line="1. Các chi bộ quán triệt kế hoạch.") + (
        "| Nơi nhận: - Như trên; - Lưu VP. | T/M ĐẢNG ỦY PHÓ BÍ THƯ  Đoàn  Văn Hậu |\n"
    )
    ex = read_text(text)
    assert ex.signer.name is not None and ex.signer.name.value == "Đoàn Văn Hậu"
    assert ex.text[slice(*ex.signer.name.span)] == "Đoàn  Văn Hậu"


def test_a_recipient_wrapped_before_a_capitalised_word_in_a_pdf_closing_is_kept_whole():
    text = _PLAN.format(line="1. Các chi bộ quán triệt kế hoạch.") + (
        "Nơi nhận:                                        T/M BAN THƯỜNG VỤ\n"
        "- Các chi bộ trực thuộc,                                BÍ THƯ\n"
        "- Đài Phát thanh - Truyền hình Cần\n"
        "Thơ,                                                Lê Văn Tám\n"
        "- Lưu VP.\n"
    )
    ex = read_text(text)
    assert [r.value for r in ex.recipients] == [
        "Các chi bộ trực thuộc",
        "Đài Phát thanh - Truyền hình Cần Thơ",
        "Lưu VP",
    ]
    assert ex.signer.name is not None and ex.signer.name.value == "Lê Văn Tám"
