"""Reading an uploaded roster workbook (.xlsx) with python-calamine, and finding its columns.

python-calamine (Rust) reads a 150,000-row sheet several times faster than openpyxl
(``lamtheobac bench --roster`` prints both); openpyxl remains the writer. A file is checked by
content and unzipped size before it is parsed; a damaged one is refused in Vietnamese.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import filetype
import python_calamine

from lamtheobac.core.errors import DomainError
from lamtheobac.roster.cells import fold, text

MAX_ROWS = 200_000  # data rows; a province's roster (docs/domain.md §7, profile L) fits
MAX_UNZIPPED_BYTES = 400 * 1024 * 1024
NOTHING = "Chưa có dữ liệu nào được nhập."


class UnreadableFile(DomainError):
    """The upload is not a readable workbook in the template's shape; nothing was imported."""

    def __init__(self, message: str) -> None:
        super().__init__(f"{message} {NOTHING}", code="unreadable")


@dataclass(frozen=True)
class Sheet:
    """The rows of the sheet holding the header, and where the header is.

    ``rows[i]`` is Excel line ``i + 1``; ``columns`` maps a folded header to its column index.
    """

    rows: list[list[Any]]
    header_index: int
    columns: dict[str, int]

    def column(self, *prefixes: str) -> int | None:
        """The first column whose folded header starts with one of ``prefixes`` (in order)."""
        for prefix in prefixes:
            for name, index in self.columns.items():
                if name.startswith(prefix):
                    return index
        return None

    def data(self) -> list[tuple[int, list[Any]]]:
        """(Excel line, row) of every row below the header with something in it."""
        out = []
        for index in range(self.header_index + 1, len(self.rows)):
            row = self.rows[index]
            # ``any(row)`` settles nearly every row at C speed; a row of zeros and False only
            # is looked at cell by cell.
            if any(row) or any(v is not None and v != "" for v in row):
                out.append((index + 1, row))
        return out


def cell(row: Sequence[Any], index: int | None) -> Any:
    if index is None or index >= len(row):
        return None
    value = row[index]
    return None if value == "" else value


def _check(data: bytes) -> None:
    kind = filetype.guess(data)
    if kind is None or kind.extension != "xlsx":
        raise UnreadableFile(
            "Tệp tải lên không phải là bảng tính Excel .xlsx (kiểm tra theo nội dung tệp). "
            "Hãy dùng tệp mẫu và lưu dưới dạng .xlsx."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UnreadableFile("Không đọc được tệp .xlsx: tệp bị hỏng.") from exc
    if unzipped > MAX_UNZIPPED_BYTES:
        raise UnreadableFile("Tệp .xlsx quá lớn khi giải nén.")


def read_sheet(data: bytes, *, header: str, what: str) -> Sheet:
    """The first sheet with a header row (in its first 20 lines) naming ``header`` (folded).

    Raises UnreadableFile for a file that is not an .xlsx, is damaged, has no such sheet, or
    has more than MAX_ROWS data rows.
    """
    _check(data)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [workbook.get_sheet_by_index(i) for i in range(len(workbook.sheet_names))]
        for sheet in sheets:
            if sheet.height > MAX_ROWS + 50:
                raise UnreadableFile(
                    f"Tệp có hơn {MAX_ROWS:,} dòng; hãy chia thành nhiều tệp.".replace(",", ".")
                )
            rows = sheet.to_python(skip_empty_area=False)
            for index, row in enumerate(rows[:20]):
                columns = {fold(text(v)): i for i, v in enumerate(row) if text(v)}
                if header in columns:
                    return Sheet(rows, index, columns)
    except UnreadableFile:
        raise
    # calamine raises its own errors (and zip/XML ones) on a damaged file; all mean the same.
    except Exception as exc:
        raise UnreadableFile("Không đọc được tệp .xlsx: tệp bị hỏng hoặc sai định dạng.") from exc
    raise UnreadableFile(f"Không tìm thấy dòng tiêu đề của {what}. Hãy dùng tệp mẫu.")
