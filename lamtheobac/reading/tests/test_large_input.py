"""A file just under the 50 MB limit gets an answer, not a hang or a crash: read when its
text is within the reader's character cap, refused with the cap in Vietnamese when over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from lamtheobac.reading import ReadError, read_bytes
from lamtheobac.reading.api import MAX_CHARS
from lamtheobac.reading.loading import MAX_BYTES

SEED = Path(__file__).resolve().parents[2] / "seeds"


def test_a_plan_repeated_up_to_the_character_cap_still_yields_its_fields():
    plan = next(SEED.glob("003_*.txt")).read_bytes()
    copies = MAX_CHARS // len(plan.decode()) - 1
    data = plan * copies
    assert len(data.decode()) <= MAX_CHARS
    result = read_bytes(data, filename="ke-hoach-rat-dai.txt").to_json()
    assert result["number"]["value"] == "59-KH/ĐUK"
    assert result["date"]["value"] == "2020-03-06"


def test_a_text_file_near_the_size_limit_is_refused_for_its_length_before_parsing():
    plan = next(SEED.glob("003_*.txt")).read_bytes()
    data = plan * ((MAX_BYTES - 1024 * 1024) // len(plan))
    assert len(data) > 45 * 1024 * 1024
    with pytest.raises(ReadError) as refused:
        read_bytes(data, filename="ke-hoach-rat-dai.txt")
    assert "quá dài" in refused.value.message
