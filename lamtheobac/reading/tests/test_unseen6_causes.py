"""General causes found by the sixth, blind split (issue 10), each shown on invented text.

No text here comes from the split: every example is written for the test, in the layouts its
misses revealed — recipients listed after "Nơi nhận:" on the same line without dashes.
"""

from __future__ import annotations

import pytest

from lamtheobac.reading import read_text

_HEAD = (
    "ĐẢNG BỘ XÃ PHÚ RIỀNG\tĐẢNG CỘNG SẢN VIỆT NAM\n"
    "CHI BỘ ẤP 3\n*\n"
    "Số 07-TB/CB\tẤp 3, ngày 10 tháng 6 năm 2025\n\n"
    "THÔNG BÁO\nlịch sinh hoạt chuyên đề quý III năm 2025\n\n"
    "Chi bộ thông báo lịch sinh hoạt chuyên đề.\n\n"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Nơi nhận: Đảng ủy xã (b/c); các đảng viên; lưu CB.",
            ["Đảng ủy xã (b/c)", "các đảng viên", "lưu CB"],
        ),
        (
            "Nơi nhận: Ban Xây dựng Đảng (b/c), các tổ đảng, lưu VP.",
            ["Ban Xây dựng Đảng (b/c)", "các tổ đảng", "lưu VP"],
        ),
        # a comma inside one recipient stays in it
        (
            "Nơi nhận: Các ban, đảng đoàn; lưu VP.",
            ["Các ban, đảng đoàn", "lưu VP"],
        ),
    ],
)
def test_recipients_run_on_after_noi_nhan_on_its_own_line(line: str, expected: list[str]):
    ex = read_text(f"{_HEAD}{line}\nT/M CHI BỘ\nBÍ THƯ\nLý Văn Sáu\n")
    assert [r.value for r in ex.recipients] == expected
    assert ex.signer is not None and ex.signer.name is not None
    assert ex.signer.name.value == "Lý Văn Sáu"
