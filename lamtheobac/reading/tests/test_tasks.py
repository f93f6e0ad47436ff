"""Tasks of a plan with their lead and support bodies and due dates."""

from __future__ import annotations

from lamtheobac.reading.tasks import find_tasks, lead_of, supports_of

from .conftest import read_seed


def _tasks(prefix: str) -> list[tuple[str | None, list[str], str | None]]:
    return [(t.lead, list(t.support), t.due) for t in read_seed(prefix).tasks]


def _task(prefix: str, start: str):
    return next(t for t in read_seed(prefix).tasks if t.text.startswith(start))


def test_seed_000_assigns_the_report_to_the_propaganda_board_the_budget_to_the_office():
    assert _tasks("000") == [
        ("Ban Tuyên giáo Đảng ủy Khối", ["các ban Đảng ủy Khối"], None),
        ("Văn phòng Đảng ủy Khối", [], None),
        ("Cấp ủy chi, đảng bộ cơ sở và Ban Thường vụ Đoàn Khối các cơ quan tỉnh", [], None),
    ]


def test_seed_001_a_letter_without_assignment_words_sets_no_task():
    # "Các chi ủy, đảng ủy cơ sở … xây dựng báo cáo" describes what the letter asks; no marker.
    assert _tasks("001") == []


def test_seed_002_board_of_organisation_leads_with_the_units_concerned_in_support():
    task = _task("002", "Ban Tổ chức Đảng ủy Khối chủ trì phối hợp")
    assert (task.lead, list(task.support), task.due) == (
        "Ban Tổ chức Đảng ủy Khối",
        ["các đơn vị liên quan"],
        None,
    )


def test_seed_002_propaganda_board_leads_the_review_due_by_the_first_milestone():
    task = _task("002", "Ban Tuyên giáo Đảng ủy Khối chủ trì, phối hợp")
    assert (task.lead, list(task.support), task.due) == (
        "Ban Tuyên giáo Đảng ủy Khối",
        ["các đơn vị liên quan"],
        "2023-06-30",
    )
    assert task.text.endswith("phong cách Hồ Chí Minh.")  # joined across the page break


def test_seed_002_implementation_items_with_a_body_as_subject_are_tasks():
    leads = [lead for lead, _, _ in _tasks("002")][-2:]
    assert leads == [
        "các đảng ủy, chi ủy cơ sở, các đoàn thể trực thuộc Đảng ủy Khối",
        "Ban Tuyên giáo Đảng ủy Khối",
    ]  # item 1 ("Việc lãnh đạo, chỉ đạo … được triển khai") has no body as subject


def test_seed_002_outside_the_implementation_part_only_marked_sentences_are_tasks():
    leads = [lead for lead, _, _ in _tasks("002")][:4]
    assert leads == [
        "Ban Tuyên giáo Đảng ủy Khối",
        "Ban Tổ chức Đảng ủy Khối",
        "Ủy ban Kiểm tra Đảng ủy Khối",
        "Ban Tuyên giáo Đảng ủy Khối",
    ]  # not "Cấp ủy cơ sở chủ động nắm tình hình …" nor "Các đoàn thể trực thuộc phối hợp …"


def test_seed_003_implementation_section_and_its_deadline():
    assert _tasks("003")[-3:] == [
        ("Ban Tuyên giáo", [], None),
        ("Các Ban, Văn phòng Đảng ủy Khối", [], None),
        ("cấp ủy cơ sở, Đoàn Khối các cơ quan", [], "2020-04-30"),
    ]


def test_seed_003_reads_the_body_after_a_doi_voi_label_only_with_a_marker():
    assert _task("003", "Đối với Đảng ủy Khối:").lead == "Ban Tuyên giáo"
    assert not any(t.text.startswith("Đối với cơ sở:") for t in read_seed("003").tasks)


def test_seed_004_co_quan_thuc_hien_lines_make_their_section_a_task():
    task = _task("004", "Đẩy mạnh tuyên truyền việc học tập")
    assert task.lead == "Ban Tuyên giáo Thị ủy"
    assert list(task.support) == [
        "các đảng ủy, chi bộ trực thuộc Thị ủy",
        "Mặt trận và các tổ chức chính trị - xã hội thị xã",
        "Phòng Văn hóa và Thông tin thị xã",
        "Trung tâm Truyền thông - Văn hóa - Thể thao thị xã",
    ]
    nêu_gương = _task("004", "Thực hiện trách nhiệm nêu gương")
    assert nêu_gương.lead == "Cơ quan Tổ chức - Nội vụ thị xã"


def test_seed_004_body_labels_outside_the_implementation_part_are_not_tasks():
    texts = [t.text for t in read_seed("004").tasks]
    assert not any(
        t.startswith(("Ban Tuyên giáo Thị ủy: Tiếp thu", "Căn cứ Chuyên đề")) for t in texts
    )
    assert len(texts) == 12


def test_seed_004_selection_of_models_is_due_in_september_with_support():
    task = _task("004", "Ban Tuyên giáo Thị ủy theo dõi, tổng hợp báo cáo")
    assert (task.lead, list(task.support), task.due) == (
        "Ban Tuyên giáo Thị ủy",
        ["các cơ quan, đơn vị liên quan"],
        "2022-09-30",
    )


def test_seed_004_implementation_section_keeps_the_typo_year_and_the_giao_task():
    assert _tasks("004")[-2:] == [
        (
            "Các đảng ủy, chi bộ trực thuộc Thị ủy; Mặt trận, các tổ chức chính trị - xã hội thị xã",
            [],
            "2021-03-15",
        ),
        ("Ban Tuyên giáo Thị ủy", [], None),
    ]


def test_no_task_comes_from_the_recipients_or_the_outline(seed):
    body_end = seed.text.find("Nơi nhận")
    assert all(task.span[1] <= body_end for task in seed.tasks)


def test_task_spans_hold_their_words(seed):
    for task in seed.tasks:
        start, end = task.span
        assert task.text.split()[0].strip("*") in seed.text[start:end]


def test_lead_forms():
    assert lead_of("Giao Ban Tuyên giáo Thị ủy chủ trì, theo dõi.") == "Ban Tuyên giáo Thị ủy"
    assert lead_of("Ban Dân vận Huyện ủy tham mưu Ban Thường vụ.") == "Ban Dân vận Huyện ủy"
    assert lead_of("Đoàn Thanh niên chủ động phát hiện.") == "Đoàn Thanh niên"
    assert lead_of("Đoàn kiểm tra do đồng chí Phó Trưởng Ban làm trưởng đoàn.") == "Đoàn kiểm tra"
    assert lead_of("Văn phòng Huyện ủy bảo đảm kinh phí.") == "Văn phòng Huyện ủy"
    assert (
        lead_of("Tổ Công đoàn phòng Kỹ thuật chủ trì giới thiệu.") == "Tổ Công đoàn phòng Kỹ thuật"
    )
    assert lead_of("Đề nghị Sở Nội vụ, Báo Bình Định đưa tin.", ask=True) == (
        "Sở Nội vụ, Báo Bình Định"
    )
    assert lead_of("Đề nghị Sở Nội vụ đưa tin.") is None
    assert lead_of("Giao đồng chí Phó Bí thư theo dõi.") is None
    assert lead_of("Căn cứ Kế hoạch này, các chi bộ tổ chức học tập.") == "các chi bộ"
    assert lead_of("Thời gian: gửi báo cáo về Ban Tuyên giáo.") is None
    assert lead_of("Ban hành các văn bản cụ thể hóa.") is None
    assert lead_of("Ban Thường vụ đề nghị các chi bộ thực hiện tốt.") is None


def test_support_forms():
    assert supports_of("chủ trì, phối hợp với Ủy ban Kiểm tra để kiểm tra") == ["Ủy ban Kiểm tra"]
    assert supports_of("phối hợp các ban, ngành liên quan tổ chức") == ["các ban, ngành liên quan"]
    assert supports_of("Tăng cường công tác phối hợp giữa các cấp") == []


def test_plain_text_without_sections_still_reads_assignments():
    text = "1. Giao Văn phòng chuẩn bị kinh phí, hoàn thành trước ngày 15/3/2022.\n"
    (task,) = find_tasks(text, 0, len(text), [])
    assert task.lead == "Văn phòng"
    assert task.text.startswith("Giao Văn phòng")


def _leads(text: str) -> list[str | None]:
    return [t.lead for t in find_tasks(text, 0, len(text), [])]


IMPLEMENTATION = "III- TỔ CHỨC THỰC HIỆN\n"


def test_each_implementation_item_with_a_body_as_subject_is_one_task():
    text = IMPLEMENTATION + (
        "1. Ban Tuyên giáo tham mưu tổ chức hội nghị. Các ban phối hợp.\n"
        "2. Văn phòng bảo đảm kinh phí.\n"
        "3. Căn cứ Kế hoạch này, các chi bộ xây dựng kế hoạch.\n"
        "4. Việc tổ chức hội nghị phải tiết kiệm.\n"
    )
    assert _leads(text) == ["Ban Tuyên giáo", "Văn phòng", "các chi bộ"]


def test_an_unnumbered_paragraph_of_the_implementation_part_is_an_item():
    assert _leads(IMPLEMENTATION + "Giao Phòng Văn hóa theo dõi, tổng hợp.\n") == ["Phòng Văn hóa"]


def test_a_request_in_the_implementation_part_names_its_body():
    assert _leads(IMPLEMENTATION + "3. Đề nghị Báo Bình Định đưa tin.\n") == ["Báo Bình Định"]


def test_an_assignment_to_a_person_is_not_a_task():
    assert _leads(IMPLEMENTATION + "1. Giao đồng chí Phó Bí thư theo dõi.\n") == []


def test_bullets_under_an_implementation_item_naming_only_a_body_are_its_tasks():
    text = IMPLEMENTATION + "1. Các chi bộ trực thuộc\n- Xây dựng kế hoạch.\n- Báo cáo kết quả.\n"
    assert _leads(text) == ["Các chi bộ trực thuộc"] * 2


def test_a_numbered_phan_cong_heading_opens_the_implementation_part_until_the_next_item():
    text = (
        "2. Phân công chuẩn bị\n- Văn phòng chuẩn bị hội trường.\n"
        "3. Các chi bộ tổ chức sinh hoạt.\n"
    )
    assert _leads(text) == ["Văn phòng"]


def test_outside_the_implementation_part_each_assignment_marker_makes_a_task():
    text = (
        "II- NỘI DUNG\n"
        "- Giao Văn phòng chuẩn bị kinh phí.\n"
        "- Ban Tuyên giáo chủ trì, phối hợp với Văn phòng tổ chức hội thi.\n"
        "- Ủy ban Kiểm tra có trách nhiệm giám sát.\n"
        "- Ban Tổ chức chịu trách nhiệm thẩm định hồ sơ.\n"
        "- Ban Dân vận tiếp tục tham mưu tổ chức đối thoại.\n"
    )
    assert _leads(text) == [
        "Văn phòng",
        "Ban Tuyên giáo",
        "Ủy ban Kiểm tra",
        "Ban Tổ chức",
        "Ban Dân vận",
    ]


def test_outside_the_implementation_part_a_body_as_subject_alone_is_not_a_task():
    text = (
        "II- NỘI DUNG\n"
        "- Các chi bộ tổ chức sinh hoạt chuyên đề.\n"
        "- Ủy ban Kiểm tra chủ động, phối hợp với các đơn vị kiểm tra.\n"
        "- Đối với cơ sở: cấp ủy cơ sở căn cứ đề cương để thực hiện.\n"
        "- Đối với tổ chức cơ sở đảng có dưới 200 đảng viên: cấp ủy cơ sở lựa chọn 01 tập thể.\n"
        "1. Chi bộ thôn Xuân Bình: hoàn thành xuất sắc nhiệm vụ 3 năm liền.\n"
    )
    assert _leads(text) == []


def test_the_closing_formula_of_a_decision_is_not_a_task():
    text = "Điều 3. Văn phòng và các thành viên chịu trách nhiệm thi hành Quyết định này./.\n"
    assert _leads(text) == []
    assert _leads("Văn phòng chịu trách nhiệm thi hành Quyết định này.\n") == []


def test_a_co_quan_thuc_hien_line_leads_with_its_first_body():
    text = "II- NỘI DUNG\n2. Tuyên truyền\n2.1. Cơ quan thực hiện: Ban Tuyên giáo; Văn phòng.\n"
    (task,) = find_tasks(text, 0, len(text), [])
    assert (task.lead, list(task.support)) == ("Ban Tuyên giáo", ["Văn phòng"])
