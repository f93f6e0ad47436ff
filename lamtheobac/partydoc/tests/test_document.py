import datetime
import io
import subprocess
import sys
import unicodedata

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from lamtheobac.partydoc import RULES, Header, PartyDocument, Signature

REPORT_TITLE = (
    "sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị "
    "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
)
SIGNATURE = Signature("T/M Ban Thường vụ", "Phó Bí thư", "Phạm Sáu")


def make_report(**overrides):
    header = Header(
        superior="Đảng bộ tỉnh Quảng Nam",
        issuer="Đảng ủy Khối các cơ quan",
        number="59-BC/ĐUK",
        place="Quảng Nam",
        date=datetime.date(2020, 3, 6),
    )
    options = {"header": header, "kind_name": "Báo cáo", "title": REPORT_TITLE}
    options.update(overrides)
    doc = PartyDocument(**options)
    doc.paragraph("Thực hiện Kế hoạch số 11-KH/TU, ngày 18/10/2021 của Ban Thường vụ Tỉnh ủy.")
    doc.heading("I- Kết quả thực hiện", level=1)
    doc.heading("1. Công tác lãnh đạo, chỉ đạo", level=2)
    doc.heading("a) Việc học tập chuyên đề", level=3)
    doc.labelled(
        "Đảng bộ Sở Tài chính: ",
        "Tổ chức học tập chuyên đề cho 100% đảng viên.\n\nXây dựng 05 mô hình điển hình.",
    )
    doc.table(
        ["STT", "Đơn vị", "Đảng viên", "Tỷ lệ"],
        [["1", "Chi bộ Văn phòng", "12", "100%"], ["2", "Chi bộ Ngân sách", "9", "88,9%"]],
        widths_mm=[15, 80, 35, 35],
    )
    doc.paragraph("Trên đây là báo cáo sơ kết 04 năm.")
    doc.closing(
        ["Ban Tuyên giáo Tỉnh ủy (b/c)", "Các chi, đảng bộ cơ sở", "Lưu VP, BTG"], SIGNATURE
    )
    return doc


def make_reminder(**overrides):
    header = Header(
        superior="Đảng bộ tỉnh Bến Tre",
        issuer="Đảng ủy Khối\nCơ quan - Doanh nghiệp tỉnh",
        number="545-CV/ĐUK",
        place="Bến Tre",
        date=datetime.date(2022, 2, 28),
        summary="đôn đốc gửi báo cáo sơ kết 01 năm thực hiện Kết luận số 01-KL/TW",
    )
    options = {
        "header": header,
        "addressees": ["Chi bộ Sở Tư pháp", "Đảng bộ Sở Y tế"],
    }
    options.update(overrides)
    doc = PartyDocument(**options)
    doc.paragraph("Đến ngày 04/3/2022, Ban Thường vụ Đảng ủy Khối chưa nhận được báo cáo.")
    doc.closing(
        ["Lưu VP, BTG Đảng ủy Khối"], Signature("T/M Ban Thường vụ", "Phó Bí thư", "Phạm Hữu Dự")
    )
    return doc


def reopen(doc):
    return docx.Document(io.BytesIO(doc.to_bytes()))


def texts(cell):
    return [p.text for p in cell.paragraphs]


def paragraph(opened, text):
    matches = [p for p in opened.paragraphs if p.text == text]
    assert matches, f"no paragraph {text!r}"
    return matches[0]


def only_run(par):
    runs = [r for r in par.runs if r.text]
    assert len(runs) == 1, [r.text for r in runs]
    return runs[0]


def test_the_header_table_has_the_issuer_on_the_left_and_the_party_heading_on_the_right():
    header = reopen(make_report()).tables[0]
    assert texts(header.cell(0, 0)) == ["ĐẢNG BỘ TỈNH QUẢNG NAM", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN", "*"]
    assert texts(header.cell(1, 0)) == ["Số 59-BC/ĐUK"]
    assert texts(header.cell(0, 1)) == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert texts(header.cell(1, 1)) == ["Quảng Nam, ngày 06 tháng 3 năm 2020"]


def test_the_header_runs_have_the_sizes_and_weights_of_the_party_format():
    header = reopen(make_report()).tables[0]
    superior, issuer, star = (only_run(p) for p in header.cell(0, 0).paragraphs)
    assert (superior.font.size, superior.font.bold) == (Pt(14), False)
    assert (issuer.font.size, issuer.font.bold) == (Pt(14), True)
    assert star.font.size == Pt(14)
    heading = only_run(header.cell(0, 1).paragraphs[0])
    assert (heading.font.size, heading.font.bold, heading.font.underline) == (Pt(15), True, True)
    number = only_run(header.cell(1, 0).paragraphs[0])
    assert (number.font.size, number.font.bold, number.font.italic) == (Pt(14), False, False)
    date_line = only_run(header.cell(1, 1).paragraphs[0])
    assert (date_line.font.size, date_line.font.italic) == (Pt(14), True)


def test_the_header_table_has_no_borders():
    header = reopen(make_report()).tables[0]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"none"}


def test_a_one_line_issuer_has_no_superior_line():
    header = Header(None, "Tỉnh ủy Bến Tre", "70-KH/TU", "Bến Tre", datetime.date(2022, 2, 28))
    opened = reopen(PartyDocument(header, kind_name="Kế hoạch", title="thực hiện Kết luận"))
    assert texts(opened.tables[0].cell(0, 0)) == ["TỈNH ỦY BẾN TRE", "*"]


def test_a_draft_has_a_blank_serial_and_a_blank_date():
    header = Header("Đảng bộ tỉnh Quảng Nam", "Đảng ủy Khối", "-BC/ĐUK", "Quảng Nam", None)
    opened = reopen(PartyDocument(header, kind_name="Báo cáo", title="tổng hợp"))
    assert texts(opened.tables[0].cell(1, 0)) == ["Số     -BC/ĐUK"]
    assert texts(opened.tables[0].cell(1, 1)) == ["Quảng Nam, ngày     tháng     năm 20.."]


def test_the_kind_name_title_and_separator_are_centred_under_the_header():
    opened = reopen(make_report())
    kind = paragraph(opened, "BÁO CÁO")
    assert kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert (only_run(kind).font.size, only_run(kind).font.bold) == (Pt(16), True)
    title = paragraph(opened, REPORT_TITLE)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert (only_run(title).font.size, only_run(title).font.bold) == (Pt(14), True)
    body_texts = [p.text for p in opened.paragraphs]
    assert body_texts[:3] == ["BÁO CÁO", REPORT_TITLE, "-----"]


def test_body_paragraphs_are_justified_with_exact_18_point_lines_and_a_10_mm_indent():
    opened = reopen(make_report())
    body = paragraph(opened, "Trên đây là báo cáo sơ kết 04 năm.")
    fmt = body.paragraph_format
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing == Pt(18)
    assert fmt.space_after == Pt(6)
    assert fmt.first_line_indent.mm == pytest.approx(10, abs=0.05)
    run = only_run(body)
    assert (run.font.name, run.font.size, run.font.bold) == ("Times New Roman", Pt(14), False)
    fonts = run._r.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
    assert fonts.get(qn("w:cs")) == "Times New Roman"


def test_headings_are_bold_capitals_bold_and_italic_by_level():
    opened = reopen(make_report())
    first = only_run(paragraph(opened, "I- KẾT QUẢ THỰC HIỆN"))
    second = only_run(paragraph(opened, "1. Công tác lãnh đạo, chỉ đạo"))
    third = only_run(paragraph(opened, "a) Việc học tập chuyên đề"))
    assert (first.font.bold, first.font.italic) == (True, False)
    assert (second.font.bold, second.font.italic) == (True, False)
    assert (third.font.bold, third.font.italic) == (False, True)
    assert paragraph(opened, "I- KẾT QUẢ THỰC HIỆN").paragraph_format.keep_with_next


def test_a_labelled_paragraph_starts_with_a_bold_label_and_continues_as_body_text():
    opened = reopen(make_report())
    first = paragraph(opened, "Đảng bộ Sở Tài chính: Tổ chức học tập chuyên đề cho 100% đảng viên.")
    label, rest = first.runs
    assert (label.text, label.font.bold) == ("Đảng bộ Sở Tài chính: ", True)
    assert rest.font.bold is False
    follow_on = paragraph(opened, "Xây dựng 05 mô hình điển hình.")
    assert follow_on.paragraph_format.first_line_indent.mm == pytest.approx(10, abs=0.05)


def test_a_body_table_has_borders_a_repeating_bold_header_and_12_point_cells():
    table = reopen(make_report()).tables[1]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Đơn vị", "Đảng viên", "Tỷ lệ"]
    assert [c.text for c in table.rows[2].cells] == ["2", "Chi bộ Ngân sách", "9", "88,9%"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert only_run(table.cell(0, 1).paragraphs[0]).font.bold is True
    cell_run = only_run(table.cell(1, 1).paragraphs[0])
    assert (cell_run.font.size, cell_run.font.bold) == (Pt(12), False)
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"single"}
    assert [round(c.width.mm) for c in table.rows[1].cells] == [15, 80, 35, 35]


def test_the_closing_puts_recipients_left_and_the_signature_right():
    closing = reopen(make_report()).tables[2]
    left, right = closing.rows[0].cells
    assert texts(left) == [
        "Nơi nhận:",
        "- Ban Tuyên giáo Tỉnh ủy (b/c),",
        "- Các chi, đảng bộ cơ sở,",
        "- Lưu VP, BTG.",
    ]
    assert texts(right) == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "", "", "", "Phạm Sáu"]
    label = only_run(left.paragraphs[0])
    assert (label.font.size, label.font.underline, label.font.bold) == (Pt(14), True, False)
    assert only_run(left.paragraphs[1]).font.size == Pt(12)
    capacity, title = (only_run(p) for p in right.paragraphs[:2])
    name = only_run(right.paragraphs[-1])
    assert (capacity.font.bold, title.font.bold, name.font.bold) == (True, False, True)
    assert closing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_a_head_signing_directly_has_a_bold_title_line():
    doc = make_report()
    doc.closing(["Lưu VP"], Signature(None, "Trưởng ban", "Nguyễn Văn A"))
    right = reopen(doc).tables[-1].rows[0].cells[1]
    assert right.paragraphs[0].text == "TRƯỞNG BAN"
    assert only_run(right.paragraphs[0]).font.bold is True


def test_a_concurrent_title_keeps_kiem_in_lower_case():
    doc = make_report()
    doc.closing(["Lưu VP"], Signature(None, "Bí thư\nkiêm\nTrưởng Ban Chỉ đạo", "Nguyễn Văn A"))
    right = reopen(doc).tables[-1].rows[0].cells[1]
    assert right.paragraphs[0].text == "BÍ THƯ\nkiêm\nTRƯỞNG BAN CHỈ ĐẠO"


def test_the_page_is_a4_portrait_with_party_margins():
    section = reopen(make_report()).sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    assert section.top_margin.mm == pytest.approx(20, abs=0.1)
    assert section.bottom_margin.mm == pytest.approx(20, abs=0.1)
    assert section.left_margin.mm == pytest.approx(30, abs=0.1)
    assert section.right_margin.mm == pytest.approx(15, abs=0.1)
    assert section.header_distance.mm == pytest.approx(10, abs=0.1)


def test_page_numbers_are_a_page_field_in_the_header_from_page_two():
    section = reopen(make_report()).sections[0]
    assert section.different_first_page_header_footer is True
    assert not section.first_page_header.is_linked_to_previous
    first_xml = section.first_page_header._element.xml
    assert "PAGE" not in first_xml
    number = section.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [t.text for t in number._p.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    field_chars = [f.get(qn("w:fldCharType")) for f in number._p.iter(qn("w:fldChar"))]
    assert field_chars == ["begin", "separate", "end"]
    assert {r.font.size for r in number.runs} == {Pt(14)}


def test_duplex_printing_mirrors_the_margins():
    opened = reopen(make_report(duplex=True))
    assert opened.settings.element.find(qn("w:mirrorMargins")) is not None
    assert reopen(make_report()).settings.element.find(qn("w:mirrorMargins")) is None


def test_a_reminder_letter_has_its_summary_under_the_number_and_no_kind_name():
    opened = reopen(make_reminder())
    header = opened.tables[0]
    assert texts(header.cell(0, 0)) == [
        "ĐẢNG BỘ TỈNH BẾN TRE",
        "ĐẢNG ỦY KHỐI\nCƠ QUAN - DOANH NGHIỆP TỈNH",
        "*",
    ]
    number, summary = header.cell(1, 0).paragraphs
    assert number.text == "Số 545-CV/ĐUK"
    summary_run = only_run(summary)
    assert summary.text.startswith("đôn đốc gửi báo cáo")
    assert (summary_run.font.size, summary_run.font.italic) == (Pt(12), True)
    assert texts(header.cell(1, 1)) == ["Bến Tre, ngày 28 tháng 02 năm 2022"]
    assert "-----" not in [p.text for p in opened.paragraphs]


def test_a_reminder_letter_lists_its_addressees_after_kinh_gui():
    opened = reopen(make_reminder())
    body = [p.text for p in opened.paragraphs]
    assert body[:2] == ["Kính gửi:\t- Chi bộ Sở Tư pháp,", "- Đảng bộ Sở Y tế,"]
    assert all(r.font.size == Pt(14) for r in opened.paragraphs[0].runs)


def test_a_letter_with_addressees_starts_its_recipients_with_nhu_tren():
    left = reopen(make_reminder()).tables[-1].rows[0].cells[0]
    assert texts(left) == ["Nơi nhận:", "- Như trên,", "- Lưu VP, BTG Đảng ủy Khối."]


def test_a_single_addressee_sits_on_one_centred_line():
    opened = reopen(make_reminder(addressees=["Ban Thường vụ Tỉnh ủy"]))
    first = opened.paragraphs[0]
    assert first.text == "Kính gửi: Ban Thường vụ Tỉnh ủy"
    assert first.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_a_to_trinh_under_the_2026_rules_is_addressed_with_kinh_trinh_and_semicolons():
    header = Header("Đảng bộ tỉnh X", "Đảng ủy Khối", "12-TTr/ĐUK", "X", datetime.date(2026, 6, 1))
    doc = PartyDocument(
        header,
        kind_name="Tờ trình",
        title="đề nghị khen thưởng tập thể hoà nhập",
        addressees=["Ban Thường vụ Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy"],
        rules=RULES["hd05_2026"],
    )
    doc.closing(["Lưu VP"], Signature("T/M Ban Thường vụ", "Bí thư", "Trần Thị Thuỷ"))
    opened = reopen(doc)
    body = [p.text for p in opened.paragraphs]
    assert body[:5] == [
        "TỜ TRÌNH",
        "đề nghị khen thưởng tập thể hòa nhập",
        "-----",
        "Kính trình:\t- Ban Thường vụ Tỉnh ủy;",
        "- Ban Tuyên giáo và Dân vận Tỉnh ủy.",
    ]
    assert opened.tables[-1].rows[0].cells[1].paragraphs[-1].text == "Trần Thị Thuỷ"


def test_a_header_summary_is_refused_for_a_document_with_a_kind_name():
    header = Header("A", "B", "01-BC/ĐUK", "Huế", None, summary="về việc X")
    with pytest.raises(ValueError, match="công văn"):
        PartyDocument(header, kind_name="Báo cáo", title="X")


def test_bad_arguments_raise_value_errors():
    doc = make_report()
    with pytest.raises(ValueError, match="level"):
        doc.heading("x", level=4)
    with pytest.raises(ValueError, match="align"):
        doc.paragraph("x", align="middle")
    with pytest.raises(ValueError, match="row 1 has 1 cells"):
        doc.table(["A", "B"], [["1", "2"], ["3"]])
    with pytest.raises(ValueError, match="fit in 165 mm"):
        doc.table(["A", "B"], [["1", "2"]], widths_mm=[100, 100])


def test_a_page_break_moves_the_next_paragraph_to_a_new_page_without_an_empty_line():
    doc = make_report()
    doc.page_break()
    doc.paragraph("Trang mới.")
    opened = reopen(doc)
    assert paragraph(opened, "Trang mới.").paragraph_format.page_break_before is True


def test_an_appendix_starts_on_a_new_page_with_its_label_block():
    doc = make_report()
    doc.appendix(
        "Phụ lục 1",
        "Danh sách tập thể điển hình",
        "kèm theo Báo cáo số 59-BC/ĐUK, ngày 06/3/2020 của Ban Thường vụ Đảng ủy Khối",
    )
    doc.table(["STT", "Tên"], [["1", "Chi bộ Văn phòng"]])
    opened = reopen(doc)
    body = [p.text for p in opened.paragraphs]
    start = body.index("Phụ lục 1")
    assert body[start : start + 4] == [
        "Phụ lục 1",
        "DANH SÁCH TẬP THỂ ĐIỂN HÌNH",
        "(kèm theo Báo cáo số 59-BC/ĐUK, ngày 06/3/2020 của Ban Thường vụ Đảng ủy Khối)",
        "-----",
    ]
    label = opened.paragraphs[start]
    assert label.paragraph_format.page_break_before is True
    assert only_run(label).font.bold is True
    assert only_run(opened.paragraphs[start + 2]).font.italic is True
    assert opened.tables[-1].cell(1, 1).text == "Chi bộ Văn phòng"


def test_decomposed_input_comes_out_as_nfc():
    def nfd(text):
        return unicodedata.normalize("NFD", text)

    header = Header(
        nfd("Đảng bộ tỉnh Quảng Nam"),
        nfd("Đảng ủy Khối"),
        nfd("59-BC/ĐUK"),
        nfd("Quảng Nam"),
        datetime.date(2020, 3, 6),
    )
    doc = PartyDocument(header, kind_name=nfd("Báo cáo"), title=nfd("kết quả học tập"))
    doc.labelled(nfd("Đảng bộ Sở Y tế: "), nfd("Hoàn thành tốt."))
    doc.table([nfd("Đơn vị")], [[nfd("Chi bộ Phường 1")]])
    doc.closing(
        [nfd("Lưu VP")], Signature(nfd("T/M Ban Thường vụ"), nfd("Bí thư"), nfd("Phạm Sáu"))
    )
    opened = reopen(doc)
    everything = [p.text for p in opened.paragraphs]
    for table in opened.tables:
        everything += [c.text for row in table.rows for c in row.cells]
    assert "ĐẢNG BỘ TỈNH QUẢNG NAM\nĐẢNG ỦY KHỐI\n*" in everything
    assert all(unicodedata.is_normalized("NFC", text) for text in everything)


def test_a_table_of_a_thousand_rows_builds():
    doc = make_report()
    rows = [[str(i), f"Chi bộ số {i}", str(i % 50), f"{i % 100}%"] for i in range(1, 1001)]
    doc.table(["STT", "Đơn vị", "Đảng viên", "Tỷ lệ"], rows)
    table = reopen(doc).tables[-1]
    assert len(table.rows) == 1001
    assert table.cell(1000, 1).text == "Chi bộ số 1000"


def test_table_cells_centre_numbers_left_align_text_and_rows_may_break_across_pages():
    doc = make_report()
    doc.table(["STT", "Ghi chú"], [["1", "Chi bộ A"], ["2,5%", None], ["3", " tab\tand\nbreak "]])
    table = reopen(doc).tables[-1]
    for row in table.rows[1:]:
        # issue 12: LibreOffice drops "cannot split" rows at a page break
        assert row._tr.xpath("w:trPr/w:cantSplit") == []
        assert row._tr.xpath("w:trPr/w:tblHeader") == []
    aligns = [[c.paragraphs[0].alignment for c in row.cells] for row in table.rows[1:]]
    left, centre = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
    assert aligns == [[centre, left], [centre, left], [centre, left]]
    assert table.cell(2, 1).text == ""
    assert table.cell(3, 1).text == " tab\tand\nbreak "
    assert only_run(table.cell(3, 1).paragraphs[0])._r.find(qn("w:tab")) is not None
    assert (only_run(table.cell(1, 1).paragraphs[0]).font.size) == Pt(12)


def test_leading_and_trailing_spaces_in_a_run_are_preserved():
    opened = reopen(make_report())
    label = paragraph(opened, "Đảng bộ Sở Tài chính: Tổ chức học tập chuyên đề cho 100% đảng viên.")
    text = label.runs[0]._r.find(qn("w:t"))
    assert text.get(qn("xml:space")) == "preserve"
    body = only_run(paragraph(opened, "Trên đây là báo cáo sơ kết 04 năm."))
    assert body._r.find(qn("w:t")).get(qn("xml:space")) is None


def test_only_a_paragraph_right_after_a_table_gets_space_before():
    opened = reopen(make_report())
    after_table = paragraph(opened, "Trên đây là báo cáo sơ kết 04 năm.")
    assert after_table.paragraph_format.space_before == Pt(6)
    before_table = paragraph(opened, "Xây dựng 05 mô hình điển hình.")
    assert before_table.paragraph_format.space_before == Pt(0)


def test_the_document_saves_to_a_path_and_to_a_file_object(tmp_path):
    doc = make_report()
    target = tmp_path / "bao-cao.docx"
    doc.save(target)
    buffer = io.BytesIO()
    doc.save(buffer)
    assert target.read_bytes()[:2] == b"PK"
    assert buffer.getvalue()[:2] == b"PK"
    assert docx.Document(target).core_properties.title.startswith("BÁO CÁO sơ kết")


def test_the_package_does_not_import_django():
    code = "import sys, lamtheobac.partydoc; sys.exit('django' in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_blocks_go_straight_before_the_section_properties_never_through_a_body_scan(monkeypatch):
    # python-docx's body insertion looks for w:sectPr among every block (O(n²) over a
    # document, issue 13 §5); the writer inserts before the known last child instead.
    from docx.oxml.document import CT_Body

    def scan(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("python-docx body insertion used")

    monkeypatch.setattr(CT_Body, "insert_element_before", scan)
    doc = make_report()
    doc.heading("II- Hạn chế", level=1)
    doc.table(["STT", "Đơn vị"], [["1", "Chi bộ A"]])
    doc.page_break()
    doc.paragraph("Sau ngắt trang.")
    reopened = reopen(doc)
    assert reopened.element.body[-1].tag == qn("w:sectPr")
    after = next(p for p in reopened.paragraphs if p.text == "Sau ngắt trang.")
    assert after.paragraph_format.page_break_before


def test_rows_of_the_same_shape_each_keep_their_own_cells():
    # Rows are copies of one prototype per shape (issue 13 §5); a copy never carries the
    # text of the row before it, and a document number in a cell keeps its hyphen unbroken.
    doc = make_report()
    doc.table(
        ["STT", "Đơn vị", "Ghi chú"],
        [["1", "Chi bộ A", ""], ["2", "Chi bộ B", None], ["3", "Chi bộ C", "59-BC/ĐUK"]],
    )
    table = reopen(doc).tables[-1]
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        ["1", "Chi bộ A", ""],
        ["2", "Chi bộ B", ""],
        ["3", "Chi bộ C", "59-BC/ĐUK"],
    ]
    empty = table.cell(1, 2).paragraphs[0]._p
    assert empty.xpath(".//w:t") == []
    numbered = table.cell(3, 2).paragraphs[0]._p
    assert len(numbered.xpath(".//w:noBreakHyphen")) == 1


def test_a_table_takes_its_width_from_the_body_section_without_scanning_the_body(monkeypatch):
    # python-docx's Document._block_width finds the last section by an XPath over every
    # paragraph (a status table at the end of a long report paid for the whole body).
    from docx.document import Document

    def scan(self):  # type: ignore[no-untyped-def]
        raise AssertionError("Document._block_width used")

    monkeypatch.setattr(Document, "_block_width", property(scan))
    doc = make_report()
    doc.table(["STT", "Đơn vị"], [["1", "Chi bộ A"]])
    table = reopen(doc).tables[-1]
    assert table.cell(1, 1).text == "Chi bộ A"
