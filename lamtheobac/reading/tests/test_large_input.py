"""A file just under the 50 MB limit is read to the end: a result, not a hang or a crash."""

from __future__ import annotations

from pathlib import Path

from lamtheobac.reading import read_bytes
from lamtheobac.reading.loading import MAX_BYTES

SEED = Path(__file__).resolve().parents[2] / "seeds"


def test_a_plan_repeated_up_to_the_size_limit_still_yields_its_fields():
    plan = next(SEED.glob("003_*.txt")).read_bytes()
    data = plan * ((MAX_BYTES - 1024 * 1024) // len(plan))
    assert len(data) > 45 * 1024 * 1024
    result = read_bytes(data, filename="ke-hoach-rat-dai.txt").to_json()
    assert result["number"]["value"] == "59-KH/ĐUK"
    assert result["date"]["value"] == "2020-03-06"
