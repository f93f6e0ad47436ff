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


def _clause_start_by_scanning(text: str, lo: int, pos: int) -> int:
    """The clause start as it was found before issue 10's second round: a scan back."""
    from lamtheobac.reading.deadlines import _BOUNDARY, REACH

    start = max(lo, pos - REACH)
    for match in _BOUNDARY.finditer(text, start, pos):
        start = match.end()
    return start


@settings(max_examples=60, deadline=None)
@given(
    pieces=st.lists(
        st.sampled_from(
            ["a", " ", "\n", "\n\n", "- ", "1. ", "12-", ":", ";", "(", ". ", "b) ", "II. "]
        ),
        max_size=80,
    ),
    data=st.data(),
)
def test_clause_starts_found_by_bisect_are_those_a_scan_back_finds(pieces, data):
    from lamtheobac.reading.deadlines import _clause_start

    text = "".join(pieces) + "x"
    lo = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    pos = data.draw(st.integers(min_value=lo, max_value=len(text)))
    assert _clause_start(text, lo, pos) == _clause_start_by_scanning(text, lo, pos)


@pytest.mark.parametrize(
    "piece", ["*", "12/3/2024 ", "ngày 12 tháng 3 năm 2024 ", "Quý II/2022 ", "\n", "1\tA\tB\tC\n"]
)
def test_shapes_that_used_to_cost_seconds_per_hundred_kilobytes_are_read(piece):
    """Emphasis stars (a regex backtracking on a line of them), dates without a cue word,
    blank lines and tab-separated rows: the shapes ``lamtheobac bench`` times."""
    text = piece * (200_000 // len(piece))
    assert isinstance(read_text(text), Extraction)


@pytest.mark.parametrize("finder", ["deadlines", "tasks", "quotas"])
def test_a_long_step_checks_the_budget_inside_its_loop_not_only_after_it(monkeypatch, finder):
    """A step over a pathological text is stopped while it runs: its loop checks the budget
    (``budget.checkpoint``), so the budget bounds a step, not only the gaps between steps."""
    from lamtheobac.reading import api
    from lamtheobac.reading.deadlines import find_deadlines
    from lamtheobac.reading.quotas import find_quotas
    from lamtheobac.reading.tasks import find_tasks

    text = "1. Ban A chủ trì, trước ngày 12/3/2024. Chọn 01 tập thể.\n" * 2000
    steps = {
        "deadlines": lambda: find_deadlines(text, 0, len(text), 2024),
        "tasks": lambda: find_tasks(text, 0, len(text), []),
        "quotas": lambda: find_quotas(text, 0, len(text)),
    }
    assert steps[finder]()  # within budget: read to a result
    monkeypatch.setattr(api, "TIME_BUDGET", -1.0)  # every check finds the budget spent
    with api._budget(), pytest.raises(ReadError) as stopped:
        steps[finder]()
    assert "không đọc xong" in stopped.value.message
