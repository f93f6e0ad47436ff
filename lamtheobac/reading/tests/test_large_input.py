"""A file just under the 50 MB limit is read to the end: a result, not a hang or a crash."""

from __future__ import annotations

from pathlib import Path

from lamtheobac.reading import read_bytes
from lamtheobac.reading.api import MAX_CHARS

SEED = Path(__file__).resolve().parents[2] / "seeds"


def test_a_plan_repeated_up_to_the_text_limit_still_yields_its_fields():
    plan = next(SEED.glob("003_*.txt")).read_text(encoding="utf-8")
    data = (plan * ((MAX_CHARS - 10_000) // len(plan))).encode()
    assert len(data) > 10 * 1024 * 1024  # Vietnamese UTF-8: more bytes than characters
    result = read_bytes(data, filename="ke-hoach-rat-dai.txt").to_json()
    assert result["number"]["value"] == "59-KH/ĐUK"
    assert result["date"]["value"] == "2020-03-06"
