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


def test_seed_001_asks_the_grassroots_committees_and_the_youth_union_to_report():
    leads = [lead for lead, _, _ in _tasks("001")]
    assert leads[:2] == ["Các chi ủy, đảng ủy cơ sở và Ban Thường vụ Đoàn Khối"] * 2
    assert "Mỗi đơn vị" in leads


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


def test_seed_002_implementation_section_gives_three_tasks():
    leads = [lead for lead, _, _ in _tasks("002")][-3:]
    assert leads == [
        "Các cấp ủy đảng",
        "các đảng ủy, chi ủy cơ sở, các đoàn thể trực thuộc Đảng ủy Khối",
        "Ban Tuyên giáo Đảng ủy Khối",
    ]


def test_seed_002_inspection_committee_and_grassroots_committees_are_leads():
    leads = {lead for lead, _, _ in _tasks("002")}
    assert {"Ủy ban Kiểm tra Đảng ủy Khối", "Cấp ủy cơ sở", "Ban Tuyên giáo Đảng ủy Khối"} <= leads


def test_seed_003_implementation_section_and_its_deadline():
    assert _tasks("003")[-3:] == [
        ("Ban Tuyên giáo", [], None),
        ("Các Ban, Văn phòng Đảng ủy Khối", [], None),
        ("cấp ủy cơ sở, Đoàn Khối các cơ quan", [], "2020-04-30"),
    ]


def test_seed_003_reads_the_body_after_a_doi_voi_label():
    assert _task("003", "Đối với Đảng ủy Khối:").lead == "Ban Tuyên giáo"
    assert _task("003", "Đối với cơ sở:").lead == "cấp ủy cơ sở"


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


def test_seed_004_bullets_under_a_body_line_are_that_bodys_with_their_deadlines():
    task = _task("004", "Căn cứ Chuyên đề toàn khóa")
    assert (task.lead, task.due) == ("Các chi, đảng bộ trực thuộc Thị ủy", "2022-04-30")
    labelled = _task("004", "Ban Tuyên giáo Thị ủy: Tiếp thu")
    assert (labelled.lead, labelled.due) == ("Ban Tuyên giáo Thị ủy", "2022-06-30")


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
