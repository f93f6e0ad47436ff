"""General causes found by the sixth, blind split (issue 10), each shown on invented text.

No text here comes from the split: every example is written for the test, in the layouts its
misses revealed — recipients listed after "Nơi nhận:" on the same line without dashes, and a
table of quotas per unit (copied from Word, in a .docx, or in a PDF's layout with wrapped
cells).
"""

from __future__ import annotations

import io

import pytest

from lamtheobac.reading import read_bytes, read_text
from lamtheobac.reading.quotas import find_quotas

_HEAD = (
    "ĐẢNG BỘ XÃ PHÚ RIỀNG\tĐẢNG CỘNG SẢN VIỆT NAM\n"
    "CHI BỘ ẤP 3\n*\n"
    "Số 07-TB/CB\tẤp 3, ngày 10 tháng 6 năm 2025\n\n"
    "THÔNG BÁO\nlịch sinh hoạt chuyên đề quý III năm 2025\n\n"
    "Chi bộ thông báo lịch sinh hoạt chuyên đề.\n\n"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Nơi nhận: Đảng ủy xã (b/c); các đảng viên; lưu CB.",
            ["Đảng ủy xã (b/c)", "các đảng viên", "lưu CB"],
        ),
        (
            "Nơi nhận: Ban Xây dựng Đảng (b/c), các tổ đảng, lưu VP.",
            ["Ban Xây dựng Đảng (b/c)", "các tổ đảng", "lưu VP"],
        ),
        # a comma inside one recipient stays in it
        (
            "Nơi nhận: Các ban, đảng đoàn; lưu VP.",
            ["Các ban, đảng đoàn", "lưu VP"],
        ),
    ],
)
def test_recipients_run_on_after_noi_nhan_on_its_own_line(line: str, expected: list[str]):
    ex = read_text(f"{_HEAD}{line}\nT/M CHI BỘ\nBÍ THƯ\nLý Văn Sáu\n")
    assert [r.value for r in ex.recipients] == expected
    assert ex.signer is not None and ex.signer.name is not None
    assert ex.signer.name.value == "Lý Văn Sáu"


_PLAN = (
    "ĐẢNG BỘ TỈNH LÂM ĐỒNG\tĐẢNG CỘNG SẢN VIỆT NAM\n"
    "ĐẢNG ỦY XÃ ĐẠ TẺH\n*\n"
    "Số 15-KH/ĐU\tĐạ Tẻh, ngày 02 tháng 4 năm 2025\n\n"
    "KẾ HOẠCH\nbiểu dương điển hình năm 2025\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Phát hiện, biểu dương tập thể, cá nhân tiêu biểu trong học tập và làm theo Bác.\n"
    "2. Việc lựa chọn bảo đảm dân chủ, công khai, đúng đối tượng.\n"
    "3. Hồ sơ gửi đúng thời gian.\n"
    "4. Gắn việc biểu dương với sinh hoạt chuyên đề của chi bộ.\n"
    "5. Tuyên truyền gương điển hình trên loa truyền thanh xã.\n"
    "6. Không chọn người đang bị xem xét kỷ luật.\n\n"
    "II. SỐ LƯỢNG\nCác chi bộ giới thiệu theo bảng sau:\n"
)
_TAIL = "\nIII. THỜI GIAN\nCác chi bộ gửi hồ sơ trước ngày 30/4/2025.\n"
#: (row as typed, collectives, individuals) of the invented table below.
_ROWS = [("Chi bộ thôn 1", 1, 2), ("Chi bộ Trạm Y tế", 0, 1), ("Chi bộ Trường Mầm non", 1, 0)]


def _table_quotas(text: str) -> list[tuple]:
    return [(q.collectives.max, q.individuals.max, q.total.max) for q in read_text(text).quotas]


_EXPECTED = [(c, i, c + i) for _, c, i in _ROWS]


def test_a_table_of_quotas_per_unit_copied_from_word_gives_a_quota_a_row():
    rows = "".join(f"{n}\t{unit}\t{c:02d}\t{i:02d}\n" for n, (unit, c, i) in enumerate(_ROWS, 1))
    text = f"{_PLAN}TT\tĐơn vị\tTập thể\tCá nhân\n{rows}{_TAIL}"
    assert _table_quotas(text) == _EXPECTED


def test_the_columns_may_come_individuals_first_and_a_total_row_is_no_quota():
    rows = "".join(f"{n}\t{unit}\t{i:02d}\t{c:02d}\n" for n, (unit, c, i) in enumerate(_ROWS, 1))
    text = f"{_PLAN}STT\tChi bộ\tCá nhân\tTập thể\n{rows}\tTổng cộng\t03\t02\n{_TAIL}"
    assert _table_quotas(text) == _EXPECTED


def test_a_pdf_layout_with_a_unit_name_wrapped_below_its_row_keeps_every_row():
    text = (
        f"{_PLAN}TT        Đơn vị              Tập thể       Cá nhân\n"
        "1         Chi bộ thôn 1       01            02\n"
        "2         Chi bộ Trạm Y       00            01\n"
        "          tế\n"
        "3         Chi bộ Trường       01            00\n"
        "          Mầm non\n"
        f"{_TAIL}"
    )
    assert _table_quotas(text) == _EXPECTED


def _word(before: str, rows: list[tuple[str, ...]], after: str = "") -> bytes:
    """A .docx: the paragraphs of ``before``, a table of ``rows`` (a cell a value), then the
    paragraphs of ``after``."""
    import docx

    document = docx.Document()
    for line in before.replace("\t", "    ").splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for line in after.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_table_of_quotas_per_unit_gives_a_quota_a_row():
    rows = [("TT", "Đơn vị", "Tập thể", "Cá nhân")] + [
        (str(r), unit, f"{col:02d}", f"{ind:02d}") for r, (unit, col, ind) in enumerate(_ROWS, 1)
    ]
    ex = read_bytes(_word(_PLAN, rows, _TAIL))
    assert [(q.collectives.max, q.individuals.max, q.total.max) for q in ex.quotas] == _EXPECTED


def test_a_table_of_figures_is_no_table_of_quotas():
    text = f"{_PLAN}TT\tĐơn vị\tĐảng viên\tLượt học\n1\tChi bộ thôn 1\t25\t40\n{_TAIL}"
    assert _table_quotas(text) == []


def test_a_reports_figures_by_kind_are_no_quotas():
    """A report counts what was done by collectives and individuals; its table names no
    units, only what the figures are about."""
    text = (
        f"{_PLAN}TT\tNội dung\tTập thể\tCá nhân\n1\tĐăng ký thi đua\t14\t230\n"
        f"2\tĐược tặng Giấy khen\t05\t21\n{_TAIL}"
    )
    assert _table_quotas(text) == []


_APPENDIX_PLAN = (
    "ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG TỈNH\tĐẢNG CỘNG SẢN VIỆT NAM\n"
    "ĐẢNG ỦY SỞ TÀI CHÍNH\n*\n"
    "Số 09-KH/ĐU\tBắc Ninh, ngày 12 tháng 2 năm 2026\n\n"
    "KẾ HOẠCH\nhọc tập chuyên đề năm 2026\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức của đảng viên.\n\n"
    "II. TỔ CHỨC THỰC HIỆN\nCác chi bộ thực hiện theo Phụ lục kèm theo.\n\n"
    "Nơi nhận:\tT/M BAN THƯỜNG VỤ\n"
    "- Các chi bộ;\tBÍ THƯ\n"
    "- Lưu VP.\tTrịnh Văn Hiếu\n\n"
    "PHỤ LỤC\nPHÂN CÔNG THỰC HIỆN\n(Kèm theo Kế hoạch số 09-KH/ĐU ngày 12/02/2026)\n"
    "TT\tNội dung\tChủ trì\tPhối hợp\tThời gian\n"
    "1\tHọc tập chuyên đề\tVăn phòng Đảng ủy\tCông đoàn Sở\tTháng 3/2026\n"
    "2\tSơ kết 6 tháng\tBan Tuyên giáo Đảng ủy\tCác chi bộ\tTrước ngày 15/7/2026\n"
)


def test_an_appendix_of_tasks_after_the_signature_is_read_for_tasks_and_deadlines():
    ex = read_text(_APPENDIX_PLAN)
    assert [(t.lead, t.due) for t in ex.tasks] == [
        ("Các chi bộ", None),  # the body's own item
        ("Văn phòng Đảng ủy", "2026-03-31"),
        ("Ban Tuyên giáo Đảng ủy", "2026-07-15"),
    ]
    assert ("2026-07-15", True) in [(d.due, d.exclusive) for d in ex.deadlines]
    assert ex.signer is not None and ex.signer.name is not None
    assert ex.signer.name.value == "Trịnh Văn Hiếu"


def test_an_attached_outline_is_not_read_for_tasks():
    outline = _APPENDIX_PLAN.split("PHỤ LỤC")[0] + (
        "ĐỀ CƯƠNG\nBÁO CÁO KẾT QUẢ\n(Kèm theo Kế hoạch số 09-KH/ĐU)\n"
        "I. KẾT QUẢ\n1. Văn phòng Đảng ủy chủ trì tổng hợp trước ngày 15/7/2026.\n"
    )
    ex = read_text(outline)
    assert [t.lead for t in ex.tasks] == ["Các chi bộ"]
    assert "2026-07-15" not in [d.due for d in ex.deadlines]


def _sentence_quotas(sentence: str) -> list[tuple]:
    return [
        (q.collectives.max, q.individuals.max, q.total.max)
        for q in find_quotas(sentence, 0, len(sentence))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # put forward to be commended: "khen" between the word of choosing and the count
        ("Mỗi tổ dân phố đề nghị khen 01 tập thể hoặc 01 cá nhân.", [(1, 1, 1)]),
        ("Mỗi xã đề xuất khen thưởng không quá 02 cá nhân.", [(None, 2, 2)]),
        # collectives named by what they are
        ("Mỗi huyện giới thiệu 02 chi hội và 03 hội viên tiêu biểu.", [(2, 3, 5)]),
        ("Mỗi Huyện đoàn chọn tối đa 01 chi đoàn.", [(1, None, 1)]),
        # an award by someone else is still no quota
        ("Đề nghị Chủ tịch huyện tặng Giấy khen cho 03 chi hội.", []),
    ],
)
def test_quotas_to_commend_and_of_collectives_named_by_what_they_are(sentence, expected):
    assert _sentence_quotas(sentence) == expected


def test_a_front_work_committee_of_a_village_leads_its_task():
    text = _PLAN.split("II. SỐ LƯỢNG")[0] + (
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Ban công tác Mặt trận thôn chủ trì tổ chức ngày hội đại đoàn kết trước ngày "
        "18/11/2025.\n"
    )
    ex = read_text(text)
    assert [t.lead for t in ex.tasks] == ["Ban công tác Mặt trận thôn"]


_TWO_COLUMNS = [
    ("Ngày 07/3/2025, Thường trực Huyện ủy họp nghe", "1. Ban Tuyên giáo Huyện ủy chủ trì tổ"),
    ("báo cáo chuẩn bị hội thi tìm hiểu về Bác và", "chức hội thi, báo cáo trước ngày 20/5/2025;"),
    ("thống nhất kết luận như sau:", "Huyện đoàn phối hợp tuyên truyền."),
    ("Hội thi bảo đảm tiết kiệm, thiết thực, gắn", "2. Văn phòng Huyện ủy có trách nhiệm bố"),
    ("với kỷ niệm ngày sinh của Bác.", "trí kinh phí, xong trong tháng 4/2025."),
]


def test_a_body_set_in_two_columns_is_read_column_by_column():
    """A PDF's text layer interleaves a two-column page line by line; each column is read
    down before the other, so its sentences, deadlines and tasks stay whole."""
    body = "".join(f"{left.ljust(50)}{right}\n" for left, right in _TWO_COLUMNS)
    text = (
        "HUYỆN ỦY TIÊN DU                                         ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "         *                                     Tiên Du, ngày 11 tháng 3 năm 2025\n"
        "  Số 88-TB/HU\n\n"
        "                               THÔNG BÁO\n"
        "        kết luận của Thường trực Huyện ủy về hội thi năm 2025\n\n"
        f"{body}\n"
        "Nơi nhận:                                                  T/L BAN THƯỜNG VỤ\n"
        "- Các chi, đảng bộ cơ sở,                                  CHÁNH VĂN PHÒNG\n"
        "- Lưu VT.                                                  Đỗ Thị Lan\n"
    )
    ex = read_text(text)
    assert [(t.lead, t.due) for t in ex.tasks] == [
        ("Ban Tuyên giáo Huyện ủy", "2025-05-20"),
        ("Văn phòng Huyện ủy", "2025-04-30"),
    ]
    assert ex.signer is not None and ex.signer.name is not None
    assert ex.signer.name.value == "Đỗ Thị Lan"


def test_the_body_asked_to_lead_leads_the_task():
    """ "X đề nghị Y chủ trì …": Y is asked to lead; X, which only asks, leads nothing."""
    text = _PLAN.split("II. SỐ LƯỢNG")[0] + (
        "II. TỔ CHỨC THỰC HIỆN\n"
        "Đảng ủy xã đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã chủ trì, phối hợp với Hội "
        "Nông dân xã lựa chọn hộ tiêu biểu trước ngày 15/10/2025.\n"
        "Đảng ủy xã đề nghị các đồng chí đảng viên gương mẫu thực hiện.\n"
    )
    ex = read_text(text)
    assert [(t.lead, t.support) for t in ex.tasks] == [
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", ("Hội Nông dân xã",))
    ]


_TWO_SIGNERS = [
    ("Nơi nhận:", "T/M CHI BỘ", "T/M BAN CÔNG TÁC MẶT TRẬN (xác nhận)"),
    ("- Đảng ủy xã (b/c);", "BÍ THƯ", "TRƯỞNG BAN"),
    ("- Lưu CB.", "", ""),
    ("", "Lò Thị Hoa", "Cầm Văn Ơn"),
]


def _expect_the_issuers_signer(ex) -> None:
    assert ex.signer is not None and ex.signer.name is not None
    assert ex.signer.name.value == "Lò Thị Hoa"
    assert ex.signer.capacity is not None and ex.signer.capacity.value == "T/M CHI BỘ"
    assert [r.value for r in ex.recipients][-2:] == ["Đảng ủy xã (b/c)", "Lưu CB"]


def test_two_signatures_beside_the_recipients_copied_from_word_give_the_issuers_signer():
    closing = "".join("\t".join(row).rstrip() + "\n" for row in _TWO_SIGNERS)
    ex = read_text(_HEAD + closing)
    _expect_the_issuers_signer(ex)


def test_two_signatures_beside_the_recipients_in_a_word_table_give_the_issuers_signer():
    _expect_the_issuers_signer(read_bytes(_word(_HEAD, _TWO_SIGNERS)))
