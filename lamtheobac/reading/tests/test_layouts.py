"""Layouts of documents the reader was not written with (issue 10 §2), built from the seeds
and corpus documents re-laid-out by the test: each pattern must read as the original does."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from lamtheobac.reading import Extraction, read_bytes, read_text
from lamtheobac.reading.dates import fold

from .conftest import read_seed, seed_path
from .relayout import relayout, relayout_docx, relayout_pdf

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def facts(ex: Extraction) -> dict[str, object]:
    """What a clerk reads off a document: header, signer, recipients, citations, deadlines."""
    return {
        "number": ex.number.value if ex.number else None,
        "kind": ex.kind.value if ex.kind else None,
        "date": ex.date.value if ex.date else None,
        "place": ex.place.value if ex.place else None,
        "issuer": ex.issuer.value if ex.issuer else None,
        "signer": ex.signer.name.value if ex.signer.name else None,
        "recipients": [r.value for r in ex.recipients],
        "citations": sorted((c.number, c.date) for c in ex.citations),
        "deadlines": sorted(d.due for d in ex.deadlines),
    }


SEEDS = ["001", "003"]


@pytest.mark.parametrize("style", ["tabs", "spaces", "bars"])
@pytest.mark.parametrize("prefix", SEEDS)
def test_a_header_and_closing_flattened_into_two_column_rows_read_as_the_original(prefix, style):
    text = relayout(seed_path(prefix).read_text(encoding="utf-8"), style)
    assert facts(read_text(text)) == facts(read_seed(prefix))


@pytest.mark.parametrize("prefix", SEEDS)
def test_a_docx_whose_header_and_closing_are_tabbed_paragraphs_reads_as_the_original(prefix):
    data = relayout_docx(seed_path(prefix).read_text(encoding="utf-8"))
    assert facts(read_bytes(data)) == facts(read_seed(prefix))


@pytest.mark.parametrize("prefix", SEEDS)
def test_a_pdf_with_the_two_cells_of_each_row_on_one_baseline_reads_as_the_original(prefix):
    data = relayout_pdf(seed_path(prefix).read_text(encoding="utf-8"))
    result = read_bytes(data)
    assert result.source == "pdf"
    assert facts(result) == facts(read_seed(prefix))


def test_the_first_header_row_with_its_star_and_date_on_one_line_keeps_the_place_and_date():
    text = seed_path("003").read_text(encoding="utf-8")
    text = text.replace(
        "*\n", "*                              Quảng Nam, ngày 06 tháng 3 năm 2020\n", 1
    )
    text = text.replace("Quảng Nam, ngày 06 tháng 3 năm 2020\n", "", 1)
    result = read_text(text)
    assert (result.place.value, result.date.value) == ("Quảng Nam", "2020-03-06")


def test_a_web_page_menu_and_lead_paragraph_before_the_header_do_not_hide_it():
    seed = seed_path("003").read_text(encoding="utf-8")
    page = (
        "Trang chủ | Giới thiệu | Tin tức | Văn bản | Liên hệ\nTìm kiếm...\n"
        "Trang chủ > Văn bản > Đảng ủy Khối\nThứ Sáu, 06/03/2020 | 15:20\n"
        "(QNO) - Ngày 06/3/2020, Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh ban hành Kế hoạch "
        "số 59-KH/ĐUK về sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, "
        "với nhiều nội dung thiết thực đối với các tổ chức cơ sở đảng.\n"
    )
    result = read_text(page + seed)
    original = read_seed("003")
    assert facts(result) == facts(original)
    assert "59-KH/ĐUK" not in [c.number for c in result.citations]


def test_a_number_on_the_line_after_so_and_a_place_split_over_two_lines_are_joined():
    text = relayout(seed_path("003").read_text(encoding="utf-8"), "spaces")
    text = text.replace("Số 59  - KH/ĐUK", "Số:\n59-KH/ĐUK", 1)
    text = text.replace("Quảng Nam, ngày", "Quảng\n" + " " * 50 + "Nam, ngày", 1)
    result = read_text(text)
    assert (result.number.value, result.kind.value) == ("59-KH/ĐUK", "KH")
    assert (result.place.value, result.date.value) == ("Quảng Nam", "2020-03-06")


def test_a_number_glued_onto_the_issuer_line_is_read_apart():
    text = seed_path("003").read_text(encoding="utf-8")
    text = text.replace("CÁC CƠ QUAN\n", "CÁC CƠ QUAN Số 59-KH/ĐUK\n", 1).replace(
        "Số 59  - KH/ĐUK\n", ""
    )
    result = read_text(text)
    assert result.number.value == "59-KH/ĐUK"
    assert result.issuer.value == "ĐẢNG ỦY KHỐI CÁC CƠ QUAN"


def test_a_closing_with_wrapped_title_name_and_recipient_keeps_the_whole_name_and_items():
    text = seed_path("003").read_text(encoding="utf-8")
    text = text.replace("PHÓ BÍ THƯ\n", "PHÓ\nBÍ THƯ\n", 1).replace("Phạm Sáu", "Phạm\nSáu", 1)
    text = text.replace("- Đoàn Khối các cơ quan,", "- Đoàn Khối các\ncơ quan,", 1)
    result = read_text(text)
    assert result.signer.name.value == "Phạm Sáu"
    assert "Đoàn Khối các cơ quan" in [r.value for r in result.recipients]
    assert len(result.recipients) == len(read_seed("003").recipients)


def test_a_state_header_in_tabs_keeps_the_motto_out_of_the_issuer():
    text = (CORPUS / "d09_state_cv_ubnd.txt").read_text(encoding="utf-8")
    original = read_text(text)
    lines = [ln for ln in text.splitlines()]
    motto = [i for i, ln in enumerate(lines) if ln.strip().startswith(("CỘNG HÒA", "Độc lập"))]
    left = [i for i, ln in enumerate(lines[: motto[-1]]) if ln.strip() and i not in motto]
    rows = [f"{lines[a].strip()}\t\t{lines[b].strip()}" for a, b in zip(left, motto, strict=False)]
    relaid = "\n".join([*rows, *(lines[i] for i in left[len(motto) :]), *lines[motto[-1] + 1 :]])
    result = read_text(relaid)
    assert result.issuer.value == original.issuer.value
    assert "Độc lập" not in result.issuer.value and "CỘNG HÒA" not in result.issuer.value
    assert facts(result) == facts(original)
    assert result.kind_name.value == "CÔNG VĂN" and result.kind.value == "CV"


def test_text_without_diacritics_still_has_its_header_found():
    text = unicodedata.normalize("NFD", seed_path("003").read_text(encoding="utf-8"))
    plain = fold(unicodedata.normalize("NFC", text))
    result = read_text(plain)
    assert result.number.value == "59-KH/DUK"
    assert result.date.value == "2020-03-06"
    assert result.signer.name.value == "Pham Sau"


def test_a_loosely_written_state_number_line_is_normalised_and_takes_the_named_kind():
    result = read_text(
        "CÔNG ĐOÀN NGÀNH GIÁO DỤC\nCĐCS TRƯỜNG THPT A\n"
        "SỐ :   09/ 2023 / CĐ- HD\nCà Mau, ngày 02 tháng 10 năm 2023\nHƯỚNG DẪN.\n"
        "đăng ký thi đua\n\nCăn cứ Hướng dẫn số 11/HD-CĐN ngày 20/9/2023.\n"
    )
    assert (result.number.value, result.kind.value) == ("09/2023/CĐ-HD", "HD")


def test_a_street_address_written_with_so_is_not_the_number():
    result = read_text(
        "UBND HUYỆN A\nTRƯỜNG THCS B\nSố: 45, đường Trần Hưng Đạo\nSố: 12/KH-THCS\n"
        "A, ngày 02 tháng 10 năm 2023\nKẾ HOẠCH\nsơ kết\n\nCăn cứ Kế hoạch số 3/KH-PGD.\n"
    )
    assert result.number.value == "12/KH-THCS"


def test_loosely_written_citations_are_read_with_their_dates():
    result = read_text(
        "Nội dung\n\nThực hiện Thông báo số 45-TB/TWngày 12/7/2023 của Ban Bí thư; Kế hoạch số "
        "03/KH- UBND ngày 10/7/2023; Công văn số 204/SGD&ĐT-TCCB ngày 01/8/2023; Quyết định "
        "số 236 QĐ/TWĐTN-VP của Trung ương Đoàn; Công văn số 215-CV/BTGTU ngày 12 tháng 8 "
        "năm 2022 của Ban Tuyên giáo.\n"
    )
    found = {c.number: c.date for c in result.citations}
    assert found == {
        "45-TB/TW": "2023-07-12",
        "03/KH-UBND": "2023-07-10",
        "204/SGD&ĐT-TCCB": "2023-08-01",
        "236-QĐ/TWĐTN-VP": None,
        "215-CV/BTGTU": "2022-08-12",
    }


@pytest.mark.parametrize(
    ("line", "individuals", "collectives"),
    [
        ("Mỗi chi bộ chọn không quá 02 cá nhân tiêu biểu.", (None, 2), (None, None)),
        ("Các đảng bộ xã: tối đa 03 tập thể.", (None, None), (None, 3)),
        ("Mỗi đảng bộ đề nghị ít nhất 01, tối đa 02 tập thể.", (None, None), (1, 2)),
        ("Mỗi tổ công đoàn đề nghị khen thưởng không quá 02 đoàn viên.", (None, 2), (None, None)),
    ],
)
def test_quotas_phrased_otherwise_than_the_corpus_are_read(line, individuals, collectives):
    result = read_text(f"KẾ HOẠCH\nkhen thưởng\n\nI. KHEN THƯỞNG\n{line}\n")
    assert len(result.quotas) == 1
    quota = result.quotas[0]
    assert (quota.individuals.min, quota.individuals.max) == individuals
    assert (quota.collectives.min, quota.collectives.max) == collectives


def test_a_blank_state_serial_is_no_number_with_a_warning():
    result = read_text(
        "ỦY BAN NHÂN DÂN\nHUYỆN A\nSố:       /KH-UBND\nA, ngày     tháng 7 năm 2024\n"
        "KẾ HOẠCH\nthực hiện\n\nCăn cứ Kế hoạch số 3/KH-UBND.\n"
    )
    assert result.number is None and result.kind.value == "KH"  # from "KẾ HOẠCH"
    assert "blank_serial" in result.warning_codes("number")


def test_quarter_labels_opening_items_are_deadlines_at_the_quarter_end():
    result = read_text(
        "CHƯƠNG TRÌNH\nthực hiện năm 2024\n\nII. NỘI DUNG\n"
        "1. Quý I/2024: tổ chức hội nghị học tập chuyên đề.\n"
        "2. Quý II/2024: các tổ chức cơ sở đảng học tập chuyên đề.\n"
    )
    assert [d.due for d in result.deadlines] == ["2024-03-31", "2024-06-30"]


def test_an_outline_keeps_its_lettered_items_as_a_level_below_their_heading():
    result = read_text(
        "HƯỚNG DẪN\nsơ kết\n\nNội dung.\n\nĐỀ CƯƠNG BÁO CÁO\n(kèm theo Hướng dẫn)\n"
        "1- Công tác lãnh đạo\n2- Kết quả thực hiện\n2.1. Việc học tập\n2.2. Việc làm theo\n"
        "a) Trong cán bộ, đảng viên\nb) Trong người lao động\n* Đánh giá chung\n3- Hạn chế\n"
    )
    assert result.outline is not None
    top = result.outline.sections
    assert [s.heading for s in top] == ["Công tác lãnh đạo", "Kết quả thực hiện", "Hạn chế"]
    doing = top[1].children[1]
    assert [c.heading for c in doing.children] == [
        "Trong cán bộ, đảng viên",
        "Trong người lao động",
    ]
    assert "* Đánh giá chung" in top[1].guidance
