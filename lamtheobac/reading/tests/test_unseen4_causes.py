"""General causes found by the fourth, blind split (issue 10), each shown on invented text.

No text here comes from the split: every example is written for the test, in the layouts and
phrasings its misses revealed — a table of tasks laid out by position (typed with spaces, or
a PDF's text layer with cells wrapped onto the lines below), bodies named in lower case, an
hour and a comma before the day, "Hạn hoàn thành:", a day without a year in a yearly clause,
a past occasion in a report, names with an apostrophe, a name centred under the signer's
title, "Kính gửi:" with its addressees in a second column, a member quota after "giới
thiệu", and a quota typed without diacritics.
"""

from __future__ import annotations

import pytest

from lamtheobac.reading import read_bytes, read_text
from lamtheobac.reading.layout import aligned_tables_as_cells
from lamtheobac.reading.signature import looks_like_name

from .builders import make_placed_pdf

_HEAD = (
    "ĐẢNG BỘ QUẬN HẢI CHÂU\nĐẢNG ỦY PHƯỜNG THẠCH THANG\n*\nSố 41-KH/ĐU\n"
    "Thạch Thang, ngày 04 tháng 3 năm 2024\n\nKẾ HOẠCH\nbồi dưỡng đảng viên năm 2024\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng đảng viên.\n"
)
_CLOSE = "Nơi nhận:\n- Các chi bộ,\n- Lưu VP.\n\nT/M ĐẢNG ỦY\nBÍ THƯ\nPhan Văn Toàn\n"

#: (number, work, lead, support, when) of the invented table below.
_ROWS = [
    (
        "1",
        "Mở lớp bồi dưỡng đảng viên mới",
        "Ban Tổ chức Đảng ủy",
        "Trung tâm học tập",
        "Tháng 6/2024",
    ),
    (
        "2",
        "Hội thi tìm hiểu lịch sử Đảng bộ",
        "Đoàn Thanh niên phường",
        "Hội Cựu chiến binh",
        "Trước ngày 20/8/2024",
    ),
    ("3", "Rà soát hồ sơ đảng viên", "Văn phòng Đảng ủy", "-", "Quý III/2024"),
    ("4", "Giao ban công tác đảng viên", "Ban Tổ chức Đảng ủy", "Các chi bộ", "Hằng quý"),
]
_LEADS = [
    "Ban Tổ chức Đảng ủy",
    "Đoàn Thanh niên phường",
    "Văn phòng Đảng ủy",
    "Ban Tổ chức Đảng ủy",
]
_DUES = [("2024-06-30", False), ("2024-08-20", True), ("2024-09-30", False)]


def _typed_table(gap: str = "   ") -> str:
    widths = (5, 36, 26, 24)
    head = ("STT", "Công việc", "Chủ trì", "Phối hợp", "Thời gian")

    def line(cells: tuple[str, ...]) -> str:
        padded = [
            c.ljust(w) if len(c) < w else c + gap for c, w in zip(cells, widths, strict=False)
        ]
        return " " + "".join(padded) + cells[-1]

    return "\n".join([line(head), *(line(row) for row in _ROWS)]) + "\n"


def test_a_table_of_tasks_typed_with_spaces_gives_a_task_and_a_deadline_a_row():
    text = _HEAD + "II. PHÂN CÔNG THỰC HIỆN\n" + _typed_table() + "III. TỔ CHỨC THỰC HIỆN\n"
    text += "Các chi bộ triển khai kế hoạch.\n" + _CLOSE
    ex = read_text(text)
    assert [t.lead for t in ex.tasks][:4] == _LEADS
    assert [t.support for t in ex.tasks][:4] == [
        ("Trung tâm học tập",),
        ("Hội Cựu chiến binh",),
        (),  # "-": no one
        ("Các chi bộ",),
    ]
    assert [(d.due, d.exclusive) for d in ex.deadlines] == _DUES
    assert [t.due for t in ex.tasks][:3] == [due for due, _ in _DUES]


def test_a_table_typed_with_spaces_keeps_a_cell_two_spaces_from_the_next():
    # "Đoàn Thanh niên phường" is as wide as its column: two spaces part it from the next cell
    table = aligned_tables_as_cells(_typed_table(gap="  "))
    cells = [c for c in table.split("\n") if c]
    assert cells[:5] == ["STT", "Công việc", "Chủ trì", "Phối hợp", "Thời gian"]
    assert cells[10:15] == list(_ROWS[1])


def _wrapped(words: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in words.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def _printed_plan() -> bytes:
    """The plan as Word prints it: a bordered table whose cells wrap in narrow columns."""
    items: list[tuple[int, int, str]] = []
    y = 1000

    def put(x: int, text: str) -> None:
        items.append((x, y, text))

    for line in _HEAD.splitlines():
        if line:
            put(40, line)
        y -= 14
    put(60, "II. PHÂN CÔNG THỰC HIỆN")
    y -= 14
    columns = (40, 80, 230, 350, 470)
    widths = (3, 24, 18, 18, 14)
    head = ("TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian")
    for rows in ([head], [row for row in _ROWS]):
        for row in rows:
            cells = [_wrapped(cell, width) for cell, width in zip(row, widths, strict=True)]
            for k in range(max(len(c) for c in cells)):
                for x, cell in zip(columns, cells, strict=True):
                    if k < len(cell):
                        put(x, cell[k])
                y -= 14
    put(300, "1")  # the page number under the table
    y -= 14
    put(60, "III. TỔ CHỨC THỰC HIỆN")
    y -= 14
    put(60, "Các chi bộ triển khai kế hoạch.")
    y -= 14
    for line in _CLOSE.splitlines():
        if line:
            put(40, line)
        y -= 14
    return make_placed_pdf(items, width=700, height=1040)


def test_a_printed_table_with_cells_wrapped_over_lines_reads_as_its_rows():
    ex = read_bytes(_printed_plan())
    assert [t.lead for t in ex.tasks][:4] == _LEADS
    assert [t.text for t in ex.tasks][:2] == [_ROWS[0][1], _ROWS[1][1]]
    assert [(d.due, d.exclusive) for d in ex.deadlines] == _DUES


def test_a_heading_after_a_typed_table_ends_it():
    table = _typed_table().replace("STT  ", "TT   ")
    text = table + "     III. TỔ CHỨC THỰC HIỆN\n     Các chi bộ thực hiện.\n"
    out = aligned_tables_as_cells(text)
    assert out.endswith("\n     III. TỔ CHỨC THỰC HIỆN\n     Các chi bộ thực hiện.\n")


def test_a_table_without_a_lead_column_is_left_as_it_is():
    text = " TT   Chỉ tiêu           Kết quả    Tỷ lệ\n 1    Đảng viên mới      25         104%\n"
    assert aligned_tables_as_cells(text) == text


@pytest.mark.parametrize(
    ("item", "lead"),
    [
        (
            "Giao Đài truyền thanh phường chủ trì, phối hợp với các tổ dân phố thông tin.",
            "Đài truyền thanh phường",
        ),
        ("Các tổ đảng tổ chức cho đảng viên đăng ký việc làm theo Bác.", "Các tổ đảng"),
        (
            "Các phòng chuyên môn, các trường trực thuộc báo cáo kết quả về Phòng Nội vụ.",
            "Các phòng chuyên môn, các trường trực thuộc",
        ),
    ],
)
def test_bodies_named_in_lower_case_lead_their_items(item, lead):
    ex = read_text(
        _HEAD + f"III. TỔ CHỨC THỰC HIỆN\n1. Chi ủy triển khai kế hoạch.\n2. {item}\n" + _CLOSE
    )
    assert [t.lead for t in ex.tasks] == ["Chi ủy", lead]


def test_a_body_in_a_lower_case_item_is_not_a_case_or_a_situation():
    ex = read_text(
        _HEAD
        + "III. TỔ CHỨC THỰC HIỆN\n1. Các trường hợp vướng mắc báo cáo về Văn phòng.\n"
        + _CLOSE
    )
    assert ex.tasks == []


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        (
            "Các chi bộ gửi danh sách về Văn phòng trước 17 giờ 30, ngày 05/6/2024.",
            ("2024-06-05", False),
        ),
        ("Hạn hoàn thành: ngày 12/7/2024.", ("2024-07-12", False)),
        ("Nộp bài chậm nhất vào lúc 16 giờ 30 phút ngày 09/7/2024.", ("2024-07-09", False)),
        ("Hạn gửi: ngày 15/7/2024.", ("2024-07-15", False)),
    ],
)
def test_an_hour_with_a_comma_and_a_label_of_hạn_lead_to_the_day(sentence, due):
    ex = read_text(_HEAD + "II. NỘI DUNG\n" + sentence + "\n" + _CLOSE)
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [due]


def test_a_day_without_a_year_in_a_yearly_clause_is_no_deadline():
    ex = read_text(
        _HEAD
        + "II. NỘI DUNG\nGhi chú: định kỳ hằng năm, các chi bộ gửi báo cáo trước ngày 10/12.\n"
        "Năm nay, các chi bộ gửi báo cáo trước ngày 10/12/2024.\n" + _CLOSE
    )
    assert [d.due for d in ex.deadlines] == ["2024-12-10"]


_REPORT = (
    "ĐẢNG BỘ HUYỆN NAM ĐÔNG\nĐẢNG ỦY XÃ HƯƠNG PHÚ\n*\nSố 22-BC/ĐU\n"
    "Hương Phú, ngày 20 tháng 10 năm 2024\n\nBÁO CÁO\nkết quả 9 tháng năm 2024\n\n"
)


def test_an_occasion_dated_before_a_report_is_the_past():
    ex = read_text(
        _REPORT + "1. Nhân dịp 2/9/2024, Đảng ủy khen thưởng 04 tập thể.\n"
        "2. Đảng ủy tổ chức gặp mặt vào dịp 22/12/2024.\n" + _CLOSE
    )
    assert [(d.due, d.tentative) for d in ex.deadlines] == [("2024-12-22", True)]


@pytest.mark.parametrize("name", ["H' Lan Niê", "Ksor H'Liên", "Rơ Mah Y Thơ", "Nay K’Bin"])
def test_names_with_an_apostrophe_are_names(name):
    assert looks_like_name(name)
    ex = read_text(_HEAD + "II. NỘI DUNG\nTuyên truyền.\n" + _CLOSE.replace("Phan Văn Toàn", name))
    assert ex.signer.name is not None and ex.signer.name.value == name


@pytest.mark.parametrize("text", ["H'", "'Lan Niê", "H'' Lan", "Lan H'n"])
def test_an_apostrophe_alone_or_before_a_small_letter_is_no_name(text):
    assert not looks_like_name(text)


def test_a_name_centred_under_the_title_starts_left_of_it_in_a_pdfs_layout():
    closing = (
        "                    Nơi nhận:                                   K/T TRƯỞNG BAN\n"
        " - Thường trực Đảng ủy (b/c),                                 PHÓ TRƯỞNG BAN\n"
        " - Các chi bộ,\n"
        " - Lưu VP.\n\n"
        "                                                         Lê Thị Mỹ Duyên\n"
    )
    ex = read_text(_HEAD + "II. NỘI DUNG\nTuyên truyền.\n" + closing)
    assert ex.signer.name is not None and ex.signer.name.value == "Lê Thị Mỹ Duyên"
    assert ex.signer.title is not None and ex.signer.title.value == "PHÓ TRƯỞNG BAN"
    assert [r.value for r in ex.recipients] == ["Thường trực Đảng ủy (b/c)", "Các chi bộ", "Lưu VP"]


def test_addressees_in_a_second_column_after_kinh_gui_do_not_join_the_header():
    ex = read_text(
        "HUYỆN ỦY ĐỨC CƠ\t\tĐẢNG CỘNG SẢN VIỆT NAM\nBAN DÂN VẬN\n*\t\tĐức Cơ, ngày 11 tháng 9 năm 2023\n"
        "Số 77-CV/BDVHU\nV/v góp ý dự thảo\n\nKính gửi:\t- Các chi, đảng bộ cơ sở;\n"
        "\t- Các đoàn thể huyện.\n\nBan Dân vận Huyện ủy đề nghị các đơn vị góp ý.\n" + _CLOSE
    )
    assert ex.date is not None and ex.date.value == "2023-09-11"
    assert [r.value for r in ex.recipients][:2] == ["Các chi, đảng bộ cơ sở", "Các đoàn thể huyện"]


_YOUTH = (
    "ĐOÀN TNCS HỒ CHÍ MINH\nBCH ĐOÀN PHƯỜNG TÂN AN\n***\nSố: 14-KH/ĐTN\n"
    "Tân An, ngày 02 tháng 3 năm 2021\n\nKẾ HOẠCH\ntháng thanh niên\n\nII. NỘI DUNG\n"
)


@pytest.mark.parametrize(
    "sentence",
    [
        "2. Tuyên dương: mỗi chi đoàn giới thiệu 02 đoàn viên xuất sắc để Đoàn phường khen.",
        "2. Tuyen duong: moi chi doan gioi thieu 02 doan vien xuat sac de Doan phuong khen.",
    ],
)
def test_members_put_forward_after_a_word_of_choosing_are_a_quota_with_or_without_marks(sentence):
    ex = read_text(_YOUTH + sentence + "\n")
    assert [(q.individuals.max, q.total.max) for q in ex.quotas] == [(2, 2)]
    assert ex.quotas[0].text.startswith(sentence[3:15])  # the words as written


def test_members_counted_in_a_unit_are_no_quota_without_marks_either():
    ex = read_text(_YOUTH + "1. Chi doan co 35 doan vien, moi doan vien dang ky 01 viec lam.\n")
    assert ex.quotas == []


def test_an_unmarked_cap_of_collectives_or_individuals_is_read():
    ex = read_text(_YOUTH + "3. Moi chi doan chon khong qua 01 tap the hoac 02 ca nhan.\n")
    assert [(q.collectives.max, q.individuals.max, q.total.max) for q in ex.quotas] == [(1, 2, 2)]


def test_a_place_and_date_run_on_after_the_issuers_capitals_with_one_space():
    ex = read_text(
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY ĐƠN DƯƠNG Thạnh Mỹ, ngày 05 tháng "
        "6 năm 2022\n*\nSố 88-TB/HU\n\nTHÔNG BÁO\nkết luận\n\nBan Thường vụ Huyện ủy kết luận.\n"
    )
    assert ex.issuer is not None and ex.issuer.value == "HUYỆN ỦY ĐƠN DƯƠNG"
    assert ex.place is not None and ex.place.value == "Thạnh Mỹ"
    assert ex.date is not None and ex.date.value == "2022-06-05"


def test_a_printed_table_whose_header_row_is_repeated_on_the_next_page_reads_on():
    text = (
        "TT        Nội dung           Cơ quan chủ       Cơ quan phối      Thời gian\n"
        "                             trì               hợp\n"
        "1         Mở lớp bồi         Ban Tổ chức       Trung tâm học     Tháng 6/2024\n"
        "          dưỡng              Đảng ủy           tập\n"
        "                                                                          1\n\n"
        "TT        Nội dung           Cơ quan chủ       Cơ quan phối      Thời gian\n"
        "                             trì               hợp\n"
        "2         Hội thi tìm        Đoàn Thanh        Hội Cựu chiến     Trước ngày\n"
        "          hiểu lịch sử       niên phường       binh              20/8/2024\n"
        "      III. TỔ CHỨC THỰC HIỆN\n"
    )
    cells = [c for c in aligned_tables_as_cells(text).split("\n") if c]
    assert cells[:15] == [
        "TT",
        "Nội dung",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian",
        "1",
        "Mở lớp bồi dưỡng",
        "Ban Tổ chức Đảng ủy",
        "Trung tâm học tập",
        "Tháng 6/2024",
        "2",
        "Hội thi tìm hiểu lịch sử",
        "Đoàn Thanh niên phường",
        "Hội Cựu chiến binh",
        "Trước ngày 20/8/2024",
    ]
    assert cells[15:] == ["      III. TỔ CHỨC THỰC HIỆN"]


@pytest.mark.parametrize("separator", ["\t", "     "])
def test_a_table_whose_lead_column_is_the_body_carrying_it_out_gives_tasks(separator):
    rows = [
        ("TT", "Nội dung", "Đơn vị thực hiện", "Thời gian"),
        ("1", "Tổ chức hội nghị quán triệt", "Ban Tuyên giáo Đảng ủy", "Tháng 4/2024"),
        ("2", "Báo cáo sơ kết", "Các chi bộ trực thuộc", "Trước ngày 15/6/2024"),
    ]
    table = "".join(separator.join(row) + "\n" for row in rows)
    ex = read_text(_HEAD + "II. PHÂN CÔNG THỰC HIỆN\n" + table + _CLOSE)
    assert [t.lead for t in ex.tasks] == ["Ban Tuyên giáo Đảng ủy", "Các chi bộ trực thuộc"]
    assert [t.due for t in ex.tasks] == ["2024-04-30", "2024-06-15"]


def test_a_table_with_both_columns_takes_the_lead_from_chu_tri():
    table = (
        "TT\tNội dung\tĐơn vị thực hiện\tChủ trì\tPhối hợp\n"
        "1\tHội thi\tCác chi bộ\tĐoàn Thanh niên phường\tHội Phụ nữ phường\n"
        "2\tTọa đàm\tCác chi bộ\tHội Cựu chiến binh phường\tVăn phòng Đảng ủy\n"
    )
    ex = read_text(_HEAD + "II. PHÂN CÔNG THỰC HIỆN\n" + table + _CLOSE)
    assert [t.lead for t in ex.tasks] == ["Đoàn Thanh niên phường", "Hội Cựu chiến binh phường"]


def _plan_docx(rows: list[tuple[str, ...]]) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in [*_HEAD.splitlines(), "II. PHÂN CÔNG THỰC HIỆN"]:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for line in _CLOSE.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_empty_cell_of_a_word_table_of_tasks_keeps_the_next_rows_in_their_columns():
    rows = [
        ("TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"),
        ("1", "Mở lớp bồi dưỡng", "Ban Tổ chức Đảng ủy", "", "Tháng 6/2024"),
        ("2", "Hội thi", "Đoàn Thanh niên phường", "Hội Cựu chiến binh", "Trước ngày 20/8/2024"),
    ]
    ex = read_bytes(_plan_docx(rows))
    assert [(t.lead, t.support, t.due) for t in ex.tasks][:2] == [
        ("Ban Tổ chức Đảng ủy", (), "2024-06-30"),
        ("Đoàn Thanh niên phường", ("Hội Cựu chiến binh",), "2024-08-20"),
    ]


def test_an_empty_cell_of_a_table_copied_from_word_keeps_the_row_in_its_columns():
    table = (
        "TT\tNội dung\tChủ trì\tPhối hợp\tThời gian\n"
        "1\tMở lớp bồi dưỡng\tBan Tổ chức Đảng ủy\t\tTháng 6/2024\n"
        "2\tHội thi\tĐoàn Thanh niên phường\tHội Cựu chiến binh\tTrước ngày 20/8/2024\n"
    )
    ex = read_text(_HEAD + "II. PHÂN CÔNG THỰC HIỆN\n" + table + _CLOSE)
    assert [(t.lead, t.support, t.due) for t in ex.tasks][:2] == [
        ("Ban Tổ chức Đảng ủy", (), "2024-06-30"),
        ("Đoàn Thanh niên phường", ("Hội Cựu chiến binh",), "2024-08-20"),
    ]
