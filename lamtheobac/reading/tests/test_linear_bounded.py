"""Reading cost stays linear in the size of the input and memory stays bounded (issue 10 §4).

No test here is timed (speed is printed by ``lamtheobac bench``); these prove the shapes
that used to grow with the square of a line's length — one long line, repeated text, no
line breaks, runs of spaces — are read to a result, and that a .docx bomb is refused
before it is parsed.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lamtheobac.reading import Extraction, ReadError, read_bytes, read_text

from .conftest import seed_path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
_PLAN = seed_path("003").read_text(encoding="utf-8")
_PIECES = [line for line in _PLAN.splitlines() if line.strip()]


def test_a_one_megabyte_plan_on_a_single_line_is_read_to_its_end():
    line = " ".join(_PIECES)
    text = (line + " ") * (1024 * 1024 // len(line.encode()) + 1)
    assert "\n" not in text and len(text.encode()) > 1024 * 1024
    once = read_text(_PLAN)
    result = read_text(text)
    repeats = text.count("59  - KH/ĐUK")
    assert repeats > 50
    # every repetition's deadlines and citations, not only the first few
    assert len(result.deadlines) >= repeats * (len(once.deadlines) - 1)
    assert {c.number for c in once.citations} <= {c.number for c in result.citations}


_SEPARATORS = st.sampled_from([" ", "", "\t\t", " " * 40, " | ", "\n", "\n\n", "; ", ". "])


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    pieces=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30),
    separator=_SEPARATORS,
    repeat=st.integers(min_value=1, max_value=400),
    noise=st.text(alphabet="ạ*-/.:;|0123456789 ", max_size=200),
)
def test_long_lines_repeated_text_and_no_line_breaks_end_in_a_result(
    pieces: list[str], separator: str, repeat: int, noise: str
):
    text = (separator.join(pieces) + separator + noise) * repeat
    result = read_text(text)
    assert isinstance(result, Extraction)
    for deadline in result.deadlines:
        start, end = deadline.span
        assert 0 <= start <= end <= len(result.text)


def _bomb(xml_megabytes: int) -> bytes:
    """A real corpus .docx whose document.xml is padded with one paragraph repeated,
    written in chunks so the test never holds the expanded XML."""
    source = zipfile.ZipFile(io.BytesIO((CORPUS / "d01_kh_huyen_uy.docx").read_bytes()))
    document = source.read("word/document.xml").decode()
    head, rest = document.split("<w:body>", 1)
    body, tail = rest.rsplit("</w:body>", 1)
    paragraph = "<w:p><w:r><w:t>Các chi bộ quán triệt kế hoạch này.</w:t></w:r></w:p>" * 1000
    chunk = paragraph.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info, source.read(info))
                continue
            with archive.open("word/document.xml", "w", force_zip64=True) as part:
                part.write((head + "<w:body>" + body).encode())
                for _ in range(xml_megabytes * 1024 * 1024 // len(chunk)):
                    part.write(chunk)
                part.write(("</w:body>" + tail).encode())
    return out.getvalue()


def test_a_docx_whose_xml_expands_hundreds_of_times_is_refused_before_it_is_parsed():
    data = _bomb(277)
    assert len(data) < 2 * 1024 * 1024  # a small upload, far under the 50 MB limit
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as refused:
            read_bytes(data, filename="bom.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "giải nén ra quá lớn" in refused.value.message
    assert peak < 50 * 1024 * 1024


def test_a_docx_with_a_long_but_plausible_body_is_still_read():
    result = read_bytes(_bomb(5), filename="dai.docx")
    assert result.number is not None and result.number.value.endswith("-KH/HU")


def test_text_longer_than_the_cap_is_refused_before_parsing_with_its_length():
    from lamtheobac.reading import api

    text = "Đảng ủy Khối. " * (api.MAX_CHARS // 14 + 2)
    with pytest.raises(ReadError) as refused:
        read_text(text)
    assert "quá dài" in refused.value.message
    assert "8.000.000" in refused.value.message  # the limit in Vietnamese digit grouping


def test_a_document_over_its_time_budget_is_stopped_with_a_vietnamese_message(monkeypatch):
    from lamtheobac.reading import api

    monkeypatch.setattr(api, "TIME_BUDGET", -1.0)  # every check finds the budget spent
    with pytest.raises(ReadError) as stopped:
        read_bytes(_PLAN.encode())
    assert "không đọc xong" in stopped.value.message
    monkeypatch.setattr(api, "TIME_BUDGET", 10.0)
    assert read_bytes(_PLAN.encode()).number is not None  # the budget is per document
