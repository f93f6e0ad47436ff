"""The ``extract`` command."""

from __future__ import annotations

import json

from lamtheobac.reading.cli import main

from .conftest import seed_path


def test_extract_prints_a_vietnamese_summary(capsys):
    assert main([str(seed_path("003"))]) == 0
    out = capsys.readouterr().out
    assert "Số, ký hiệu: 59-KH/ĐUK" in out
    assert "Phạm Sáu" in out
    assert "I- ĐẶC ĐIỂM TÌNH HÌNH" in out


def test_extract_json_leaves_the_text_out_unless_asked(capsys):
    assert main([str(seed_path("001")), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "text" not in data
    assert data["number"]["value"] == "545-CV/ĐUK"
    assert main([str(seed_path("001")), "--json", "--with-text"]) == 0
    assert "text" in json.loads(capsys.readouterr().out)


def test_extract_exits_2_with_the_message_for_an_unreadable_file(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main([str(bad)]) == 2
    assert "không đọc được" in capsys.readouterr().err
