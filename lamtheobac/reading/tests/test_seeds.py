"""What each real seed document says, worked out by reading it by hand."""

from __future__ import annotations

from .conftest import read_seed


def _deadlines(prefix: str) -> list[tuple[str, bool, bool]]:
    return [(d.due, d.exclusive, d.tentative) for d in read_seed(prefix).deadlines]


def _citations(prefix: str) -> set[str]:
    return {c.number for c in read_seed(prefix).citations}


def _signer(prefix: str) -> tuple[str | None, str | None, str | None]:
    signer = read_seed(prefix).signer
    return (
        signer.capacity.value if signer.capacity else None,
        signer.title.value if signer.title else None,
        signer.name.value if signer.name else None,
    )


# --- seed 000: 70-KH/ĐUK, Bình Định; no issuer line, no date line -------------------------


def test_seed_000_has_number_70_kh_duk_of_kind_ke_hoach():
    ex = read_seed("000")
    assert ex.number.value == "70-KH/ĐUK"
    assert (ex.serial.value, ex.kind.value, ex.issuer_code.value) == ("70", "KH", "ĐUK")
    assert ex.kind_name.value == "KẾ HOẠCH"
    assert ex.format == "party"


def test_seed_000_has_no_date_and_says_so_with_the_latest_cited_date_as_lower_bound():
    ex = read_seed("000")
    assert ex.date is None
    assert "missing" in ex.warning_codes("date")
    bound = next(w for w in ex.warnings if w.code == "lower_bound")
    assert "16/3/2023" in bound.message


def test_seed_000_has_no_issuer_line_and_says_so():
    ex = read_seed("000")
    assert ex.issuer is None and ex.superior is None
    assert "missing" in ex.warning_codes("issuer")


def test_seed_000_is_signed_by_the_deputy_secretary_for_the_standing_committee():
    assert _signer("000") == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Hữu Lộc")


def test_seed_000_cites_seven_documents_including_a_state_one():
    assert _citations("000") == {
        "01-KL/TW",
        "05-CT/TW",
        "11-KH/TU",
        "26-KH/ĐUK",
        "854-CV/BTGTU",
        "1654/UBND-NC",
        "859-CV/ĐUK",
    }


def test_seed_000_has_one_tentative_deadline_in_may_2023():
    assert _deadlines("000") == [("2023-05-31", False, True)]


def test_seed_000_has_no_outline():
    ex = read_seed("000")
    assert ex.outline is None
    assert ex.to_json()["outline_headings"] == []


# --- seed 001: 545-CV/ĐUK, Bến Tre, a letter with an outline -------------------------------


def test_seed_001_is_a_cong_van_545_cv_duk_of_28_february_2022_in_ben_tre():
    ex = read_seed("001")
    assert ex.number.value == "545-CV/ĐUK"
    assert ex.kind.value == "CV"
    assert ex.kind_name.value == "CÔNG VĂN"
    assert ex.date.value == "2022-02-28"
    assert ex.place.value == "Bến Tre"


def test_seed_001_joins_the_wrapped_issuer_and_keeps_the_superior_apart():
    ex = read_seed("001")
    assert ex.superior.value == "ĐẢNG BỘ TỈNH BẾN TRE"
    assert ex.issuer.value == "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH"


def test_seed_001_reads_the_cong_van_summary_as_title():
    assert read_seed("001").title.value == (
        "Sơ kết 01 năm thực hiện Kết luận số 01-KL/TW của Bộ Chính trị"
    )


def test_seed_001_is_signed_by_pham_huu_du():
    assert _signer("001") == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Phạm Hữu Dự")


def test_seed_001_cites_the_btg_letter_the_state_guidance_and_the_khoi_plan():
    assert _citations("001") == {"819-CV/BTGTU", "01-KL/TW", "97/HD-BTĐKT", "53-KH/ĐUK", "05-CT/TW"}
    state = next(c for c in read_seed("001").citations if c.number == "97/HD-BTĐKT")
    assert (state.kind, state.issuer, state.date) == ("HD", "BTĐKT", "2022-02-16")


def test_seed_001_is_due_by_4_march_inclusive_for_reports_and_before_it_for_dossiers():
    assert _deadlines("001") == [("2022-03-04", False, False), ("2022-03-04", True, False)]


def test_seed_001_does_not_take_the_achievement_period_or_the_quarter_review_as_deadlines():
    texts = [d.text for d in read_seed("001").deadlines]
    assert not any("5/2021" in t or "quý I" in t for t in texts)


def test_seed_001_addresses_three_recipients_and_lists_three_in_noi_nhan():
    values = [r.value for r in read_seed("001").recipients]
    assert values == [
        "Các đồng chí trong Đảng ủy Khối",
        "Các chi, đảng ủy cơ sở",
        "Ban Thường vụ Đoàn Khối",
        "Như trên",
        "Đăng Website",
        "Lưu VP, BTG Đảng ủy Khối",
    ]


def test_seed_001_outline_has_four_sections_and_eight_contents_under_results():
    ex = read_seed("001")
    assert ex.to_json()["outline_headings"] == [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO TRIỂN KHAI THỰC HIỆN",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. HẠN CHẾ, NGUYÊN NHÂN",
        "IV. TIẾP TỤC THỰC HIỆN KẾT LUẬN SỐ 01-KL/TW CỦA BỘ CHÍNH TRỊ THỜI GIAN TỚI",
    ]
    results = ex.outline.sections[1]
    assert results.heading == "KẾT QUẢ THỰC HIỆN"
    assert [c.number for c in results.children] == [str(n) for n in range(1, 9)]
    assert results.guidance.startswith("Bám sát 08 nội dung")
    assert ex.outline.sections[0].guidance.startswith("- Kết quả công tác lãnh đạo")
    assert ex.outline.title.startswith("ĐỀ CƯƠNG BÁO CÁO SƠ KẾT 01 NĂM")


# --- seed 002: the standing plan for KL 01, no header at all -------------------------------


def test_seed_002_has_no_number_date_or_issuer_and_warns_for_each():
    ex = read_seed("002")
    assert ex.number is None and ex.date is None and ex.issuer is None
    for field in ("number", "date", "issuer"):
        assert "missing" in ex.warning_codes(field)


def test_seed_002_title_is_the_bold_summary_without_markdown():
    assert read_seed("002").title.value == (
        "thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện "
        "Chỉ thị số 05-CT/TW “về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách "
        "Hồ Chí Minh”"
    )


def test_seed_002_is_signed_by_nguyen_trong_van():
    assert _signer("002") == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Trọng Vân")


def test_seed_002_cites_five_documents_and_dates_chi_thi_05_from_a_later_mention():
    ex = read_seed("002")
    assert _citations("002") == {"49-KH/TU", "01-KL/TW", "05-CT/TW", "35-NQ/TW", "29-KL/TU"}
    chi_thi = next(c for c in ex.citations if c.number == "05-CT/TW")
    assert chi_thi.date == "2016-05-15"
    assert "11/10/2021" in next(w for w in ex.warnings if w.code == "lower_bound").message


def test_seed_002_review_milestones_are_q2_2023_and_q3_2025():
    assert _deadlines("002") == [("2023-06-30", False, False), ("2025-09-30", False, False)]


def test_seed_002_yearly_work_is_recurring_not_a_deadline():
    recurring = [(r.text.lower(), r.frequency) for r in read_seed("002").recurring]
    assert ("quý iv hằng năm", "yearly") in recurring
    assert ("quý i hằng năm", "yearly") in recurring
    assert ("quý iv của năm liền trước", "yearly") in recurring
    assert ("định kỳ hằng năm", "yearly") in recurring


def test_seed_002_joins_table_cells_in_recipients():
    values = [r.value for r in read_seed("002").recipients]
    assert values[0] == "Thường trực Tỉnh ủy (để b/c)"
    assert values[-1] == "Lưu VP, BTG Đảng ủy Khối"
    assert len(values) == 7


# --- seed 003: 59-KH/ĐUK, Quảng Nam, review plan with outline and quotas -------------------


def test_seed_003_number_with_spaces_is_normalised():
    ex = read_seed("003")
    assert ex.number.value == "59-KH/ĐUK"
    assert ex.serial.value == "59"
    assert "blank_serial" not in ex.warning_codes()


def test_seed_003_is_dated_6_march_2020_in_quang_nam_by_the_khoi_committee():
    ex = read_seed("003")
    assert ex.date.value == "2020-03-06"
    assert ex.place.value == "Quảng Nam"
    assert ex.issuer.value == "ĐẢNG ỦY KHỐI CÁC CƠ QUAN"
    assert ex.superior.value == "ĐẢNG BỘ TỈNH QUẢNG NAM"


def test_seed_003_title_spans_a_blank_line_and_closes_the_spaced_number():
    assert read_seed("003").title.value == (
        "Sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị về "
        "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    )


def test_seed_003_is_signed_by_pham_sau():
    assert _signer("003") == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Phạm Sáu")


def test_seed_003_cites_seven_documents_with_their_dates():
    ex = read_seed("003")
    dates = {c.number: c.date for c in ex.citations}
    assert dates == {
        "115-HD/TW": "2019-10-11",
        "297-KH/TU": "2020-02-10",
        "1122-CV/BTGTU": "2020-03-03",
        "57-KH/ĐUK": "2020-02-12",
        "05-CT/TW": "2016-05-15",
        "51-KH/TU": "2016-09-14",
        "16-KH/ĐUK": "2016-10-07",
    }
    hd = next(c for c in ex.citations if c.number == "115-HD/TW")
    assert hd.text == "Hướng dẫn số 115-HD/TW, ngày 11/10/2019 của Ban Tuyên giáo Trung ương"


def test_seed_003_deadlines_are_before_30_april_5_may_and_the_19_may_occasion_is_tentative():
    # "vào dịp kỷ niệm 130 năm Ngày sinh … (19/5/1890 - 19/5/2020)": 2020 is the 130th year
    assert _deadlines("003") == [
        ("2020-04-30", True, False),
        ("2020-05-19", False, True),
        ("2020-05-05", True, False),
        ("2020-04-30", True, False),
    ]


def test_seed_003_warns_that_exactly_200_members_is_left_undefined():
    assert "quota_gap" in read_seed("003").warning_codes("quotas")


def test_seed_003_outline_has_five_sections_ten_contents_and_three_under_limits():
    ex = read_seed("003")
    assert ex.to_json()["outline_headings"] == [
        "I- ĐẶC ĐIỂM TÌNH HÌNH",
        "II- KẾT QUẢ ĐẠT ĐƯỢC",
        "III- HẠN CHẾ, KHUYẾT ĐIỂM; NGUYÊN NHÂN; KINH NGHIỆM",
        "IV- NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN TRONG THỜI GIAN TỚI",
        "V- KIẾN NGHỊ, ĐỀ XUẤT (nếu có)",
    ]
    sections = ex.outline.sections
    assert sections[0].heading == "ĐẶC ĐIỂM TÌNH HÌNH"
    assert sections[0].guidance.startswith("Nêu khái quát, ngắn gọn")
    assert len(sections[1].children) == 10
    assert sections[1].children[1].heading == "Công tác tuyên truyền"
    assert sections[1].children[1].guidance.startswith("đánh giá việc tuyên truyền")
    assert "* Đánh giá chung" in sections[1].guidance
    assert [c.heading for c in sections[2].children] == [
        "Hạn chế, khuyết điểm",
        "Nguyên nhân",
        "Kinh nghiệm",
    ]
    assert ex.outline.guidance == "Báo cáo sơ kết cần tập trung phản ánh các nội dung sau:"


def test_seed_003_recipients_end_with_the_file_copy():
    values = [r.value for r in read_seed("003").recipients]
    assert len(values) == 7
    assert values[-1] == "Lưu VT"


# --- seed 004: 45-KH/TU, a Thị ủy's yearly plan for 2022 -----------------------------------


def test_seed_004_has_number_45_kh_tu_but_no_issuer_or_date():
    ex = read_seed("004")
    assert ex.number.value == "45-KH/TU"
    assert ex.issuer is None and ex.date is None
    assert "missing" in ex.warning_codes("issuer")
    assert "missing" in ex.warning_codes("date")


def test_seed_004_is_signed_by_bui_van_ly():
    assert _signer("004") == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Bùi Văn Lý")


def test_seed_004_cites_thirteen_documents():
    assert _citations("004") == {
        "01-KL/TW",
        "05-CT/TW",
        "28-HD/BTGTW",
        "84-KH/TU",
        "21-KL/TW",
        "14-KL/TW",
        "07-CT/TU",
        "269-CV/TU",
        "576-CV/TU",
        "740-CV/TU",
        "11-QĐi/TW",
        "879-QĐ/TU",
        "880-QĐ/TU",
    }


def test_seed_004_deadlines_follow_the_quarter_month_and_day_forms():
    assert _deadlines("004") == [
        ("2022-06-30", False, False),  # Thời gian thực hiện Quý II/2022
        ("2022-04-30", True, False),  # trước ngày 30/4/2022
        ("2022-03-31", False, False),  # hoàn thành trong quý I/2022
        ("2022-03-31", False, False),  # hoàn thành trong quý I/2022
        ("2022-05-31", False, False),  # trong tháng 5/2022
        ("2022-09-30", False, False),  # trong tháng 9/2022
        ("2022-11-15", True, False),  # trước ngày 15/11/2022
        ("2022-09-30", False, False),  # Hoàn thành Kế hoạch trong tháng 9/2022
        ("2021-03-15", True, False),  # trước ngày 15/3/2021 (a typo for 2022)
    ]


def test_seed_004_quarterly_session_topics_are_not_deadlines():
    assert not any(
        d.text.startswith(("Quý I/", "Quý III/", "Quý IV/")) for d in read_seed("004").deadlines
    )


def test_seed_004_warns_that_a_deadline_in_2021_precedes_a_plan_for_2022():
    ex = read_seed("004")
    warning = next(w for w in ex.warnings if w.code == "deadline_before_document")
    assert "15/3/2021" in warning.message
    assert ex.warning_codes().count("deadline_before_document") == 1


def test_seed_004_quarterly_and_continuous_times_are_recurring():
    frequencies = {(r.text.lower(), r.frequency) for r in read_seed("004").recurring}
    assert ("hằng quý", "quarterly") in frequencies
    assert ("thường xuyên", "continuous") in frequencies
