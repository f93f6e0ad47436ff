"""Reading bytes by content: .docx, .pdf, text encodings, and refusing everything else."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lamtheobac.reading import Extraction, ReadError, read_bytes, read_path, read_text
from lamtheobac.reading.loading import MAX_BYTES

from .builders import make_docx, make_pdf, to_cp1258
from .conftest import seed_path

SEED_003 = seed_path("003").read_text(encoding="utf-8")


def _key_fields(ex: Extraction) -> dict:
    data = ex.to_json()
    return {
        "number": data["number"]["value"],
        "date": data["date"]["value"],
        "place": data["place"]["value"],
        "issuer": data["issuer"]["value"],
        "superior": data["superior"]["value"],
        "kind_name": data["kind_name"]["value"],
        "title": data["title"]["value"],
        "signer": {k: v and v["value"] for k, v in data["signer"].items()},
        "citations": sorted(c["number"] for c in data["citations"]),
        "deadlines": [(d["due"], d["exclusive"]) for d in data["deadlines"]],
        "recipients": [r["value"] for r in data["recipients"]],
        "outline_headings": data["outline_headings"],
    }


def _seed_003_docx() -> bytes:
    lines = SEED_003.split("\n")
    body_start = lines.index("KẾ HOẠCH")
    closing_start = next(i for i, ln in enumerate(lines) if ln.strip() == "Nơi nhận:")
    signer_start = next(i for i, ln in enumerate(lines) if "T/M BAN" in ln)
    name_end = next(i for i, ln in enumerate(lines) if ln.strip() == "Phạm Sáu") + 1
    return make_docx(
        header_left=["ĐẢNG BỘ TỈNH QUẢNG NAM", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN", "*", "Số 59-KH/ĐUK"],
        header_right=["ĐẢNG CỘNG SẢN VIỆT NAM", "Quảng Nam, ngày 06 tháng 3 năm 2020"],
        body=[ln.strip() for ln in lines[body_start:closing_start] if ln.strip()],
        closing_left=[ln.strip() for ln in lines[closing_start:signer_start] if ln.strip()],
        closing_right=[ln.strip() for ln in lines[signer_start:name_end] if ln.strip()],
        after=[ln.strip() for ln in lines[name_end:] if ln.strip()],
    )


def test_a_docx_with_a_party_header_table_gives_the_same_fields_as_the_text():
    from_docx = read_bytes(_seed_003_docx(), filename="59-KH.docx")
    assert from_docx.to_json()["number"]["value"] == "59-KH/ĐUK"
    assert _key_fields(from_docx) == _key_fields(read_text(SEED_003))
    assert len(from_docx.outline.sections[1].children) == 10


def test_a_docx_reads_page_headers_and_body_paragraphs_in_order():
    data = make_docx(
        ["ĐẢNG ỦY XÃ A", "*", "Số 03-CV/ĐU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Xã A, ngày 05 tháng 01 năm 2024"],
        ["Kính gửi: Các chi bộ trực thuộc", "Đề nghị gửi báo cáo chậm nhất ngày 20/01/2024."],
        ["Nơi nhận:", "- Như trên,", "- Lưu Đảng ủy."],
        ["T/M ĐẢNG ỦY", "BÍ THƯ", "", "Lê Văn Tám"],
        page_header="Tài liệu nội bộ",
    )
    ex = read_bytes(data)
    assert ex.text.startswith("Tài liệu nội bộ")
    assert ex.number.value == "03-CV/ĐU"
    assert ex.kind_name.value == "CÔNG VĂN"
    assert ex.issuer.value == "ĐẢNG ỦY XÃ A"
    assert ex.date.value == "2024-01-05"
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [("2024-01-20", False)]
    assert [r.value for r in ex.recipients] == ["Các chi bộ trực thuộc", "Như trên", "Lưu Đảng ủy"]
    assert ex.signer.name.value == "Lê Văn Tám"
    assert ex.signer.capacity.value == "T/M ĐẢNG ỦY"


def test_a_pdf_with_a_text_layer_is_read():
    data = make_pdf(
        [
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN",
            "*",
            "Số 12-KH/ĐUK",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Hà Nội, ngày 02 tháng 3 năm 2023",
            "KẾ HOẠCH",
            "sơ kết năm 2023",
            "",
            "Các chi bộ gửi báo cáo trước ngày 15/3/2023.",
        ]
    )
    ex = read_bytes(data, filename="x.pdf")
    assert ex.number.value == "12-KH/ĐUK"
    assert ex.date.value == "2023-03-02"
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [("2023-03-15", True)]


def test_a_pdf_without_text_is_refused_as_a_scan():
    data = make_pdf([" "])
    with pytest.raises(ReadError) as error:
        read_bytes(data)
    assert error.value.message == "Tệp PDF không có lớp chữ (ảnh quét)."


def test_a_damaged_pdf_is_refused():
    with pytest.raises(ReadError):
        read_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_text_in_each_supported_encoding_is_read_the_same(encoding):
    data = to_cp1258(SEED_003) if encoding == "cp1258" else SEED_003.encode(encoding)
    ex = read_bytes(data)
    assert _key_fields(ex) == _key_fields(read_text(SEED_003))


def test_windows_1258_combining_tones_are_composed_to_nfc():
    data = to_cp1258("Hà Nội, ngày 03 tháng 4 năm 2018")
    assert b"\xf4\xf2" in data  # ô + combining dot below
    ex = read_bytes(data)
    assert "Hà Nội" in ex.text
    assert ex.date.value == "2018-04-03"


def test_a_zip_that_is_not_a_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ReadError) as error:
        read_bytes(buffer.getvalue())
    assert "docx" in error.value.message


def test_a_truncated_docx_is_refused():
    data = _seed_003_docx()
    for cut in (len(data) // 2, len(data) - 30, 100):
        with pytest.raises(ReadError):
            read_bytes(data[:cut])


def test_an_old_word_file_is_refused_with_advice():
    with pytest.raises(ReadError) as error:
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert ".docx" in error.value.message


def test_binary_noise_and_empty_files_are_refused():
    with pytest.raises(ReadError):
        read_bytes(bytes(range(256)) * 4)
    with pytest.raises(ReadError):
        read_bytes(b"")


def test_a_file_over_50_mb_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(ReadError) as error:
        read_path(big)
    assert error.value.message == "Tệp quá lớn (tối đa 50 MB)."
    with pytest.raises(ReadError):
        read_bytes(b"a" * (MAX_BYTES + 1))


def test_a_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(ReadError):
        read_path(tmp_path / "nope.docx")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_give_an_extraction_or_a_read_error(data):
    try:
        result = read_bytes(data)
    except ReadError as error:
        assert error.message
    else:
        assert isinstance(result, Extraction)
        result.to_json()


_PREFIXES = st.sampled_from([b"", b"PK\x03\x04", b"%PDF-1.4\n", b"\xef\xbb\xbf", b"\xff\xfe"])


@settings(max_examples=200, deadline=None)
@given(_PREFIXES, st.binary(max_size=2048))
def test_bytes_that_start_like_a_known_kind_never_escape_as_other_errors(prefix, rest):
    with contextlib.suppress(ReadError):
        read_bytes(prefix + rest)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text_parses_without_error(text):
    read_text(text).to_json()


_VIETNAMESE_LINES = st.lists(
    st.sampled_from(
        [
            "Số 12-KH/ĐUK",
            "Số      -KH/ĐUK",
            "KẾ HOẠCH",
            "*",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Hà Nội, ngày 02 tháng 3 năm 2023",
            "trước ngày 15/3",
            "Quý II/2022",
            "hằng quý",
            "Nơi nhận:",
            "- Lưu VP.",
            "T/M BAN THƯỜNG VỤ",
            "PHÓ BÍ THƯ",
            "Nguyễn Văn A",
            "ĐỀ CƯƠNG",
            "I- KẾT QUẢ",
            "1- Nội dung:",
            "* Đánh giá",
            "",
            "Kính gửi:",
            "(kèm theo",
            "dưới 200 đảng viên",
            "trên 200 đảng viên",
            "Kết luận số 01-KL/TW, ngày 18/5/2021",
        ]
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_VIETNAMESE_LINES)
def test_shuffled_document_lines_parse_without_error(lines):
    read_text("\n".join(lines)).to_json()
