""".docx inputs: runs in TCVN3 and VNI fonts, styles, text boxes, headers and footers."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml

from lamtheobac.reading import read_bytes, read_text
from lamtheobac.reading.legacy import unicode_to_tcvn3_runs, unicode_to_vni

from .conftest import seed_path
from .test_loading import _key_fields

SEED_003 = seed_path("003").read_text(encoding="utf-8")
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_runs(paragraph, runs: list[tuple[str, str | None]]) -> None:
    for text, font in runs:
        run = paragraph.add_run(text)
        if font is not None:
            run.font.name = font


def _tcvn3_runs(line: str) -> list[tuple[str, str | None]]:
    return [(text, ".VnTimeH" if caps else ".VnTime") for text, caps in unicode_to_tcvn3_runs(line)]


def legacy_docx(lines: list[str], encoding: str) -> bytes:
    """One paragraph per line, typed as an old system typed it: TCVN3 or VNI runs."""
    document = docx.Document()
    for line in lines:
        paragraph = document.add_paragraph()
        if encoding == "tcvn3":
            _add_runs(paragraph, _tcvn3_runs(line))
        else:
            _add_runs(paragraph, [(unicode_to_vni(line), "VNI-Times")])
    return _save(document)


def test_a_docx_typed_in_vntime_fonts_gives_the_seed_fields():
    from_docx = read_bytes(legacy_docx(SEED_003.split("\n"), "tcvn3"))
    assert from_docx.number.value == "59-KH/ĐUK"
    assert from_docx.date.value == "2020-03-06"
    assert _key_fields(from_docx) == _key_fields(read_text(SEED_003))
    assert "ĐẢNG ỦY KHỐI CÁC CƠ QUAN" in from_docx.text


def test_a_docx_typed_in_a_vni_font_gives_the_seed_fields():
    from_docx = read_bytes(legacy_docx(SEED_003.split("\n"), "vni"))
    assert from_docx.number.value == "59-KH/ĐUK"
    assert from_docx.date.value == "2020-03-06"
    assert _key_fields(from_docx) == _key_fields(read_text(SEED_003))


def test_only_runs_in_a_legacy_font_are_converted():
    document = docx.Document()
    paragraph = document.add_paragraph()
    _add_runs(
        paragraph,
        [
            ("Kế hoạch số 59-KH/ĐUK ", "Times New Roman"),
            ("cña Ban Th\xadêng vô ", ".VnTime"),
            ("§¶ng ñy", ".VnTimeH"),
            (" vaø Ban Tuyeân giaùo", "VNI-Times"),
            (" – café", "Arial"),
        ],
    )
    text = read_bytes(_save(document)).text
    assert text == "Kế hoạch số 59-KH/ĐUK của Ban Thường vụ ĐẢNG ỦY và Ban Tuyên giáo – café"


def test_a_vntime_font_set_on_the_normal_style_converts_runs_without_their_own_font():
    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"
    document.add_paragraph("Qu¶ng Nam, ngµy 06 th¸ng 3 n¨m 2020")
    heading = document.add_paragraph("Hµ Néi")
    heading.runs[0].font.name = "Times New Roman"  # a Unicode font on the run wins
    text = read_bytes(_save(document)).text
    assert text.split("\n")[0] == "Quảng Nam, ngày 06 tháng 3 năm 2020"


def test_a_character_style_in_a_vni_font_converts_its_runs():
    document = docx.Document()
    style = document.styles.add_style("Cu", 2)  # WD_STYLE_TYPE.CHARACTER
    style.font.name = "VNI-Times"
    paragraph = document.add_paragraph()
    paragraph.add_run("Ngaøy ", style="Cu")
    paragraph.add_run("06/3/2020")
    assert read_bytes(_save(document)).text == "Ngày 06/3/2020"


def test_tcvn3_text_in_a_unicode_font_is_found_by_statistics():
    document = docx.Document()
    for line in SEED_003.split("\n"):
        paragraph = document.add_paragraph()
        _add_runs(paragraph, [(text, "Arial") for text, _ in unicode_to_tcvn3_runs(line)])
    ex = read_bytes(_save(document))
    assert ex.number.value == "59-KH/ĐUK"
    assert ex.date.value == "2020-03-06"
    assert "Ban Thường vụ Đảng ủy Khối" in ex.text


def _text_box_run(lines: list[str], *, drawing: bool) -> str:
    paragraphs = "".join(
        f"<w:p><w:r><w:t xml:space='preserve'>{ln}</w:t></w:r></w:p>" for ln in lines
    )
    box = f"<w:txbxContent>{paragraphs}</w:txbxContent>"
    vml = (
        "<w:pict><v:shape xmlns:v='urn:schemas-microsoft-com:vml' style='width:200pt'>"
        f"<v:textbox>{box}</v:textbox></v:shape></w:pict>"
    )
    if not drawing:
        return f"<w:r xmlns:w='{_W_NS}'>{vml}</w:r>"
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    return (
        f"<w:r xmlns:w='{_W_NS}' "
        "xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006'>"
        "<mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>"
        f"<wps:wsp xmlns:wps='{wps}'><wps:txbx>{box}</wps:txbx></wps:wsp>"
        f"</w:drawing></mc:Choice><mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_text_boxes_are_read_once_before_their_anchor_paragraph():
    document = docx.Document()
    anchor = document.add_paragraph("ĐẢNG CỘNG SẢN VIỆT NAM")
    anchor._p.append(
        parse_xml(
            _text_box_run(["ĐẢNG ỦY XÃ A", "*", "Số 03-CV/ĐU"], drawing=True),
        )
    )
    second = document.add_paragraph("Xã A, ngày 05 tháng 01 năm 2024")
    second._p.append(parse_xml(_text_box_run(["Ghi chú trong khung"], drawing=False)))
    ex = read_bytes(_save(document))
    assert ex.text.split("\n") == [
        "ĐẢNG ỦY XÃ A",
        "*",
        "Số 03-CV/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Ghi chú trong khung",
        "Xã A, ngày 05 tháng 01 năm 2024",
    ]
    assert ex.number.value == "03-CV/ĐU"
    assert ex.date.value == "2024-01-05"


def test_first_page_headers_and_footers_are_read_and_page_numbers_are_not():
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "ĐẢNG BỘ TỈNH QUẢNG NAM"
    section.footer.paragraphs[0].text = "7"
    section.first_page_footer.paragraphs[0].text = "Tài liệu lưu hành nội bộ"
    document.add_paragraph("Nội dung chính")
    text = read_bytes(_save(document)).text
    assert text.split("\n") == [
        "ĐẢNG BỘ TỈNH QUẢNG NAM",
        "",
        "Nội dung chính",
        "",
        "Tài liệu lưu hành nội bộ",
    ]


def test_hyperlinks_tabs_and_line_breaks_inside_a_paragraph_are_kept():
    document = docx.Document()
    paragraph = document.add_paragraph("Xem\ttại")
    paragraph._p.append(
        parse_xml(
            f"<w:hyperlink xmlns:w='{_W_NS}'><w:r><w:t>trang Đảng bộ</w:t></w:r></w:hyperlink>"
        )
    )
    paragraph.add_run("dòng một\ndòng hai")
    paragraph._p.append(
        parse_xml(f"<w:del xmlns:w='{_W_NS}'><w:r><w:delText>đã xóa</w:delText></w:r></w:del>")
    )
    assert read_bytes(_save(document)).text == "Xem tạitrang Đảng bộdòng một\ndòng hai"
