"""General causes found by the third unseen split (issue 10), each shown on invented text.

No text here comes from the split: each example is written for the test, in the layouts
and phrasings the misses revealed (a typed date in figures, a news-style day without a
year, a time label of several words, a superior and its committee on one line, a web
page's list of other posts after the signer).
"""

from __future__ import annotations

import pytest

from lamtheobac.reading import read_text


def test_a_place_and_date_typed_in_figures_is_the_documents_date():
    ex = read_text(
        "ĐẢNG BỘ XÃ AN PHÚ\nCHI BỘ ẤP 3\nSố 02-TB/CB\nAn Phú, ngày 7-4-2025\n\n"
        "THÔNG BÁO\nvề sinh hoạt chi bộ\n\nChi ủy thông báo lịch sinh hoạt.\n"
    )
    assert ex.date is not None and ex.date.value == "2025-04-07"
    assert ex.place is not None and ex.place.value == "An Phú"


def test_a_day_after_ngay_with_a_dot_and_no_year_takes_the_documents_year():
    ex = read_text(
        "HUYỆN ỦY A\n*\nSố 5-KH/HU\nA, ngày 02 tháng 3 năm 2023\n\nKẾ HOẠCH\nbiểu dương\n\n"
        "1. Các chi bộ gửi danh sách trước ngày 25.3.\n2. Giá mỗi suất 10.5 triệu đồng.\n"
    )
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [("2023-03-25", True)]


def test_a_time_label_of_several_words_leads_to_its_date():
    ex = read_text(
        "CHI BỘ KHU PHỐ 2\nSố 03-TB/CB\nB, ngày 01 tháng 3 năm 2024\n\nTHÔNG BÁO\nhọp chi bộ\n\n"
        "1. Thời gian, địa điểm họp: 19 giờ 00, ngày 12-3-2024 tại nhà văn hóa.\n"
    )
    assert [d.due for d in ex.deadlines] == ["2024-03-12"]


@pytest.mark.parametrize("committee", ["ĐẢNG ỦY XÃ NAM GIANG", "ĐẢNG UỶ XÃ NAM GIANG"])
def test_a_superior_and_its_committee_on_one_line_give_the_committee_as_issuer(committee):
    ex = read_text(
        f"ĐẢNG BỘ HUYỆN NAM ĐÀN {committee}\n*\nSố 12-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Nam Giang, ngày 03 tháng 5 năm 2024\nKẾ HOẠCH\ntuyên truyền\n\nCác chi bộ thực hiện.\n"
    )
    assert ex.issuer is not None and ex.issuer.value == committee
    assert ex.superior is not None and ex.superior.value == "ĐẢNG BỘ HUYỆN NAM ĐÀN"
    start, end = ex.issuer.span
    assert ex.text[start:end] == committee


def test_numbers_in_a_web_pages_list_of_other_posts_are_not_citations():
    ex = read_text(
        "ĐẢNG ỦY XÃ C\n*\nSố 41-KH/ĐU\nC, ngày 18 tháng 4 năm 2024\n\nKẾ HOẠCH\ntuyên truyền\n\n"
        "Thực hiện Hướng dẫn số 10-HD/BTGHU, Đảng ủy xã xây dựng kế hoạch.\n"
        "Nơi nhận:\n- Các chi bộ,\n- Lưu VP.\nT/M ĐẢNG ỦY\nBÍ THƯ\nLê Văn Tâm\n"
        "Tin cùng chuyên mục\n- Kế hoạch số 39-KH/ĐU về kiểm tra năm 2024\n"
    )
    assert [c.number for c in ex.citations] == ["10-HD/BTGHU"]


def test_hyphens_lost_by_the_extractor_are_put_back_in_document_numbers():
    ex = read_text(
        "ỦY BAN NHÂN DÂN\nTỈNH A\nSố: 512/QĐUBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập  Tự do  Hạnh phúc\nA, ngày 02 tháng 8 năm 2021\nQUYẾT ĐỊNH\nVề việc khen thưởng\n"
        "Căn cứ Nghị định số 91/2017/NĐCP của Chính phủ; Chỉ thị số 05CT/TW;\n"
        "Xét Tờ trình số 35/TTrSNV ngày 1/8/2021.\n"
    )
    assert ex.number is not None and ex.number.value == "512/QĐ-UBND"
    assert {c.number for c in ex.citations} == {"91/2017/NĐ-CP", "05-CT/TW", "35/TTr-SNV"}


def test_numbers_keep_their_form_when_the_motto_has_its_hyphens():
    ex = read_text(
        "ỦY BAN NHÂN DÂN\nXÃ B\nSố: 87/UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nB, ngày 02 tháng 8 năm 2021\nV/v họp\n\nKính gửi: Các thôn.\n"
    )
    assert ex.number is not None and ex.number.value == "87/UBND"


def test_addressees_each_in_its_own_paragraph_are_all_read():
    ex = read_text(
        "ỦY BAN NHÂN DÂN\nTỈNH A\nSố: 23/UBND-VX\nA, ngày 02 tháng 8 năm 2021\nV/v họp\n\n"
        "Kính gửi:\n\n- Sở Nội vụ;\n\n- Sở Tài chính.\n\nỦy ban nhân dân tỉnh có ý kiến như sau:\n"
    )
    assert [r.value for r in ex.recipients] == ["Sở Nội vụ", "Sở Tài chính"]


def test_recipients_without_dashes_a_wrapped_item_and_a_file_path_after_the_list():
    ex = read_text(
        "HUYỆN ỦY A\n*\nSố 5-KH/HU\nA, ngày 02 tháng 3 năm 2023\n\nKẾ HOẠCH\nbiểu dương\n\n"
        "Các chi bộ thực hiện.\n"
        "Nơi nhận:\n Như Điều 3;\n- Các huyện ủy, thị ủy,\n  đảng ủy trực thuộc,\n- Lưu: VT.\n\n"
        "d:\\2023\\KH\\bieu duong\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nLê Văn An\n"
    )
    assert [r.value for r in ex.recipients] == [
        "Như Điều 3",
        "Các huyện ủy, thị ủy, đảng ủy trực thuộc",
        "Lưu: VT",
    ]


def test_a_body_opening_with_a_two_digit_day_ends_the_title():
    ex = read_text(
        "HUYỆN ỦY A\n*\nSố 86-TB/HU\nA, ngày 12 tháng 7 năm 2023\nTHÔNG BÁO\n"
        "KẾT LUẬN CỦA BAN THƯỜNG VỤ HUYỆN ỦY\nNgày 07/7/2023, Ban Thường vụ làm việc với xã B.\n"
        "1. Xã B hoàn thành việc kiện toàn trước ngày 30/8/2023.\n"
    )
    assert ex.title is not None and ex.title.value == "KẾT LUẬN CỦA BAN THƯỜNG VỤ HUYỆN ỦY"
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [("2023-08-30", True)]


def test_a_tables_column_headings_are_not_bodies():
    ex = read_text(
        "ĐẢNG ỦY KHỐI A\n*\nSố 5-CTr/ĐUK\nA, ngày 18 tháng 01 năm 2022\nCHƯƠNG TRÌNH\ncông tác\n\n"
        "II. NỘI DUNG VÀ PHÂN CÔNG\n"
        "TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
        "1\tSơ kết chuyên đề\tBan Tuyên giáo Đảng ủy Khối\tVăn phòng Đảng ủy Khối\tQuý II/2022\n"
    )
    assert [t.lead for t in ex.tasks] == ["Ban Tuyên giáo Đảng ủy Khối"]


def test_an_article_of_a_decision_assigning_a_body_is_a_task():
    ex = read_text(
        "ĐẢNG ỦY CÔNG TY A\n*\nSố 63-QĐ/ĐU\nA, ngày 11 tháng 4 năm 2025\nQUYẾT ĐỊNH\nban hành Quy chế\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế khen thưởng.\n"
        "Điều 2. Văn phòng Đảng ủy có trách nhiệm theo dõi việc thực hiện Quy chế.\n"
        "Điều 3. Các chi bộ trực thuộc chịu trách nhiệm thi hành Quyết định này./.\n"
    )
    assert [t.lead for t in ex.tasks] == ["Văn phòng Đảng ủy"]


def test_a_range_of_members_after_de_nghi_is_a_quota():
    ex = read_text(
        "ĐẢNG ỦY A\n*\nSố 6-HD/ĐU\nA, ngày 11 tháng 4 năm 2025\nHƯỚNG DẪN\nbiểu dương\n\n"
        "Mỗi chi bộ trực thuộc được đề nghị từ 01 đến 02 đảng viên tiêu biểu.\n"
    )
    assert [(q.individuals.min, q.individuals.max) for q in ex.quotas] == [(1, 2)]


def test_a_state_motto_without_diacritics_is_not_the_title():
    ex = read_text(
        "UY BAN NHAN DAN           CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "XA PHU AN                     Doc lap - Tu do - Hanh phuc\n"
        "So: 87/UBND               Phu An, ngay 14 thang 10 nam 2019\n"
        "V/v dang ky mo hinh\n\nKinh gui: Cac thon.\n\nDe nghi cac thon dang ky.\n"
    )
    assert ex.kind is not None and ex.kind.value == "CV"
    assert ex.title is not None and ex.title.value == "dang ky mo hinh"


def test_party_caucuses_are_bodies():
    ex = read_text(
        "TỈNH ỦY AN GIANG\n*\nSố 31-KL/TU\nAn Giang, ngày 02 tháng 3 năm 2023\n\nKẾT LUẬN\n"
        "về công tác dân vận\n\n1. Ban cán sự đảng UBND tỉnh chủ trì, phối hợp với Đảng đoàn "
        "Hội Nông dân tỉnh chỉ đạo thực hiện.\n2. Đảng đoàn Liên đoàn Lao động tỉnh có trách "
        "nhiệm tuyên truyền.\n"
    )
    assert [(t.lead, t.support) for t in ex.tasks] == [
        ("Ban cán sự đảng UBND tỉnh", ("Đảng đoàn Hội Nông dân tỉnh",)),
        ("Đảng đoàn Liên đoàn Lao động tỉnh", ()),
    ]


def test_a_submissions_summary_opening_with_de_nghi_is_its_title_not_its_body():
    ex = read_text(
        "ĐẢNG BỘ HUYỆN CHỢ MỚI\nĐẢNG ỦY XÃ KIẾN AN\n*\nSố 12-TTr/ĐU\n"
        "Kiến An, ngày 06 tháng 11 năm 2023\n\nTỜ TRÌNH\nĐề nghị khen thưởng tập thể, cá nhân\n"
        "có thành tích năm 2023\n\nKính trình: Ban Thường vụ Huyện ủy Chợ Mới.\n\n"
        "Căn cứ kết quả bình xét, Đảng ủy kính trình Ban Thường vụ Huyện ủy xem xét.\n"
    )
    assert ex.title is not None
    assert ex.title.value == "Đề nghị khen thưởng tập thể, cá nhân có thành tích năm 2023"
    assert [r.value for r in ex.recipients] == ["Ban Thường vụ Huyện ủy Chợ Mới"]


def test_a_body_line_typed_without_diacritics_still_ends_the_title():
    ex = read_text(
        "DANG UY XA KIEN AN\n*\nSo 12-KH/DU\nKien An, ngay 06 thang 11 nam 2023\n\nKE HOACH\n"
        "tuyen truyen nam 2024\nDe thuc hien tot nhiem vu, Dang uy xay dung ke hoach.\n"
    )
    assert ex.title is not None and ex.title.value == "tuyen truyen nam 2024"
