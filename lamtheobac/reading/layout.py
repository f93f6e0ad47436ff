"""Two-column blocks flattened into lines, put back column by column (issue 10 §2).

Headers and closings are typed in two-column Word tables. Copied as plain text or
extracted from a PDF with its layout, a row of such a table becomes one line whose
columns are separated by tabs or a run of spaces::

    Số 27-KH/ĐUK<TAB><TAB>Gia Lai, ngày 09 tháng 4 năm 2023
    Nơi nhận:                          T/M BAN CHẤP HÀNH
    - Lưu VT.                          Lê Thị Hồng

``unfold_columns`` finds such blocks and writes them as a .docx table is read: the
left column's lines, a blank line, then the right column's (docs/party-format.md
§4, §10, §11 place issuer and number left, motto and date right; recipients left,
signature right). Only blocks that look like a header or a closing are touched, so a
table in the body keeps its rows.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .dates import fold
from .numbers import KIND_NAMES
from .signature import looks_like_name
from .text import is_upper_line

#: A gap between two columns: a tab, or three spaces or more.
_GAP = re.compile(r"\t+[ \t]*| {3,}")
#: Lines that open the body or an addressee block: never part of a column block.
_BODY_OPENING = re.compile(r"^(?:Kinh (?:gui|trinh)|Can cu|Thuc hien|Ve viec)\b", re.I)
#: What a header or closing block says (matched on folded text).
_BLOCK_WORDS = re.compile(
    r"\bSo\b\s*:?\s*\d*\s*[-/]|ngay .{0,12}thang .{0,12}nam \d{4}|CONG HOA|DANG CONG SAN|"
    r"Doc lap|Noi nhan|\b(?:T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.)|\bV/v\b",
    re.I,
)
_FOLDED_KINDS = frozenset(fold(name) for name in KIND_NAMES)
#: An attachment's heading or a page number: the block above has ended.
_ENDS_BLOCK = re.compile(r"^(?:DE CUONG|PHU LUC|Phu luc|DANH SACH|\d{1,3}$)")
_INDENTED = 8  # a line starting this far in sits in a column, not the body
_NARROW = 48  # a cell of a two-column table holds about this many characters a line
_HEAD_LINES = 18  # non-blank lines at the top that are looked at as a header


@dataclass
class _Row:
    index: int
    segments: list[tuple[int, str]]  # (column where it starts, text)
    tabbed: bool = False  # columns told by tabs (copied from Word), not by position

    @property
    def split(self) -> bool:
        if len(self.segments) != 2:
            return False
        first = self.segments[0][1] if self.segments else ""
        second = self.segments[1][1] if len(self.segments) > 1 else ""
        if fold(first).rstrip(" :").lower().endswith("so") and (
            second[:1] in "-/" or re.match(r"\d{1,5}\s*[-/]", second)
        ):
            return False  # "Số      -KH/ĐUK" (a blank serial), "SỐ :   09/ 2023": a number
        return len(self.segments) == 2 and (len(first) >= 2 or first == "*")

    @property
    def indent(self) -> int:
        return self.segments[0][0] if self.segments else 0


def _segments(line: str) -> list[tuple[int, str]]:
    if "|" in line:  # "Số 08-CTr/ĐU | Nghĩa Trung, ngày …": a table row from a web page
        cells = [(pos, cell.strip()) for pos, cell in _pipe_cells(line)]
        cells = [(pos, cell) for pos, cell in cells if cell]
        if cells:
            return cells
    if "\t" in line.strip():
        # copied from Word, a table row's cells are separated by tabs: they tell the columns
        # even where a cell holds a run of spaces ("Số:       /KH-UBND<TAB>Hòa Phong, ngày …",
        # the blank serial of a number not yet given)
        tabbed = [(pos, part.strip()) for pos, part in _tab_parts(line)]
        if len(tabbed) == 2:
            return tabbed
    expanded = line.expandtabs(8)
    out: list[tuple[int, str]] = []
    pos = len(expanded) - len(expanded.lstrip())
    body = expanded.rstrip()
    while pos < len(body):
        gap = _GAP.search(body, pos)
        end = gap.start() if gap else len(body)
        out.append((pos, body[pos:end]))
        pos = gap.end() if gap else len(body)
    if "\t" in line.strip() and len(out) == 1:
        out = [(pos, part.strip()) for pos, part in _tab_parts(line)]
    if len(out) > 2:  # "SỐ :   09/ 2023 / CĐ- HD          Cà Mau, ngày …": split at the widest gap
        widths = [out[k + 1][0] - out[k][0] - len(out[k][1]) for k in range(len(out) - 1)]
        cut = widths.index(max(widths)) + 1
        if max(widths) >= 5 and sorted(widths)[-2] < max(widths):
            left = " ".join(text for _, text in out[:cut])
            right = " ".join(text for _, text in out[cut:])
            out = [(out[0][0], left), (out[cut][0], right)]
    return out


def _pipe_cells(line: str) -> list[tuple[int, str]]:
    cells, pos = [], 0
    for cell in line.split("|"):
        cells.append((pos + len(cell) - len(cell.lstrip()), cell))
        pos += len(cell) + 1
    return cells


def _tab_parts(line: str) -> list[tuple[int, str]]:
    parts, pos = [], 0
    for part in re.split(r"\t+", line):
        if part.strip():
            parts.append((pos, part))
        pos += len(part) + 8
    return parts


def _opens_body(row: _Row) -> bool:
    return bool(row.segments) and bool(_BODY_OPENING.match(fold(row.segments[0][1])))


def _narrow_cell(row: _Row) -> bool:
    text = row.segments[0][1]
    return not (
        _BODY_OPENING.match(fold(text))
        or _ENDS_BLOCK.match(fold(text))
        or len(text) > _NARROW + 12
        or _is_kind_name(text)
    )


def _joins(row: _Row, following: list[_Row]) -> bool:
    """Whether a one-column ``row`` belongs to the block: indented into a column, or a
    short cell line followed, within a few short lines, by a two-column line."""
    if not _narrow_cell(row):
        return False
    if row.indent >= _INDENTED:
        return True
    if len(row.segments[0][1]) > _NARROW:
        return False
    for nxt in following:
        if nxt.split or nxt.indent >= _INDENTED:
            return True
        if len(nxt.segments) != 1 or not _narrow_cell(nxt) or len(nxt.segments[0][1]) > _NARROW:
            return False
    return False


def _is_kind_name(text: str) -> bool:
    """A kind-name line ("KẾ HOẠCH", "HƯỚNG DẪN."): centred under the header, never in it."""
    return fold(" ".join(text.rstrip(" .:").split())) in _FOLDED_KINDS


def _left_goes_on(row: _Row) -> bool:
    """A recipient item or a wrapped word under a closing's left column, past the right one."""
    text = row.segments[0][1]
    # "Nẵng," under "- Báo và Phát thanh, Truyền hình Đà": a capitalised rest of an item
    rest = len(text.split()) <= 3 and text.rstrip()[-1:] in ",;"
    return (
        len(text) <= _NARROW
        and _narrow_cell(row)
        and (text[:1] in "-–+•" or text[:1].islower() or rest)
    )


_TWO_AUTHORITIES = re.compile(r"(?:T/M|K/T|T/L|TM\.|KT\.|TL\.).*\t.*(?:T/M|K/T|T/L|TM\.|KT\.|TL\.)")


def _unfold_three_columns(text: str) -> str:
    """A closing with two signatures beside the recipients, copied from Word ("Nơi nhận:<TAB>
    T/M ĐẢNG ỦY<TAB>T/M ỦY BAN MTTQ (xác nhận)", then a row a line): the recipients, a
    blank line, the first signature's column (the issuer's), a blank line, the second's.
    Only a block opened by "Nơi nhận" with two capacities on its line is touched."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        cells = line.split("\t")
        if not (
            len(cells) == 3
            and _RECIPIENTS_OPENING.match(cells[0].strip())
            and _TWO_AUTHORITIES.search(line)
        ):
            out.append(line)
            i += 1
            continue
        columns: list[list[str]] = [[], [], []]
        while i < len(lines) and lines[i].strip() and len(lines[i].split("\t")) <= 3:
            for k, cell in enumerate(lines[i].split("\t")):
                if cell.strip():
                    columns[k].append(cell.strip())
            i += 1
        for column in columns:
            out.extend([*column, ""])
    return "\n".join(out)


_RECIPIENTS_OPENING = re.compile(r"N[ơo]i\s+nh[ậa]n\s*:?", re.IGNORECASE)


def unfold_columns(text: str) -> str:
    """``text`` with its flattened two-column header and closing blocks unfolded.

    Lines are ``\\n``-separated; other lines are returned unchanged. Time is linear in
    the length of the text.
    """
    if "\t" not in text and "   " not in text and "|" not in text:
        return text
    if "\t" in text and _RECIPIENTS_OPENING.search(text):
        text = _unfold_three_columns(text)
    lines = text.split("\n")
    rows = [
        _Row(i, _segments(line), "\t" in line) if len(line) < 400 else _Row(i, [(0, line)])
        for i, line in enumerate(lines)
    ]
    filled = [row for row in rows if row.segments]
    head = {row.index for row in filled[:_HEAD_LINES]}
    out: list[str] = []
    i = 0
    while i < len(rows):
        if not rows[i].segments or not rows[i].split or _opens_body(rows[i]):
            out.append(lines[i])
            i += 1
            continue
        start = i
        # extend back over one-column lines just above (a left cell taller than the right)
        while out and start > 0:
            prev = rows[start - 1]
            if not prev.segments:
                break
            if len(prev.segments) != 1 or not _joins(prev, [rows[start]]):
                break
            start -= 1
            out.pop()
        end = i + 1
        blanks = 0
        while end < len(rows):
            row = rows[end]
            if not row.segments:
                blanks += 1
                if blanks > 1:
                    break
                end += 1
                continue
            following = [r for r in rows[end + 1 : end + 6] if r.segments][:3]
            if _opens_body(row):
                break  # "Kính gửi:<TAB>- …": the addressees under the header, not a column of it
            if row.split or (
                len(row.segments) == 1 and (_joins(row, following) or _left_goes_on(row))
            ):
                blanks = 0
                end += 1
                continue
            break
        while end > start and not rows[end - 1].segments:
            end -= 1
        block = rows[start:end]
        words = " ".join(seg for row in block for _, seg in row.segments)
        in_head = any(r.index in head for r in block) and sum(r.split for r in block) > 1
        numbered = sum(r.split and r.segments[0][1][:1].isdigit() for r in block)
        run = next((k for k, row in enumerate(block) if not row.segments), len(block))
        if _body_in_two_columns(block[:run]):
            # the block's first paragraph rows (up to a blank line) are body text in two
            # columns: each column read down, then what follows is looked at afresh
            out.extend(_unfold(block[:run])[:-1])
            i = start + run
            continue
        if numbered > 1 or not (in_head or _BLOCK_WORDS.search(fold(words))):
            # … and rows opening with a row number are a table's ("1  Chi bộ thôn 1  01  02")
            out.extend(lines[start:end])
            i = end
            continue
        out.extend(_unfold(block))
        i = end
    return "\n".join(out)


_TAB_CELLS = re.compile(r"\t+")
#: A header row of a table of tasks names who leads and when (folded text).
_TASK_COLUMNS = re.compile(
    r"(?:^|\t)\s*(?:(?:(?:Don vi|Co quan|Bo phan)\s+)?chu tri|"
    r"(?:Don vi|Co quan|Bo phan)\s+(?:thuc hien|phu trach))\s*(?:\t|$)",
    re.I,
)


def _exact_cells(line: str) -> list[str]:
    """A row's cells split at each tab (an empty cell between two tabs kept)."""
    return line.strip(" \r").split("\t")


def tab_tables_as_cells(text: str) -> str:
    """Tables of tasks copied from Word (rows of three or more tab-separated cells, two rows or
    more with the same number of cells, the first naming a "Chủ trì" column) written as a
    .docx table is read: one cell a line, a blank line between cells, so such a table reads
    alike from .txt and .docx (``tasks._table_tasks``). Linear time."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    counts = [
        len([c for c in _TAB_CELLS.split(line.strip()) if c.strip()])
        if "\t" in line.strip() and len(line) < 2000
        else 0
        for line in lines
    ]
    out: list[str] = []
    i = 0
    while i < len(lines):
        n = counts[i]
        # copied from Word, a row has one tab between cells, an empty cell too ("1<TAB>Việc
        # <TAB>Ban A<TAB><TAB>Tháng 5"): a row that has as many single-tab cells as the
        # header stays in the table, its empty cell kept
        exact = _exact_cells(lines[i]) if n >= 3 else []
        j = i
        while (
            j < len(lines)
            and n >= 3
            and (
                counts[j] == n
                or (counts[j] >= 2 and len(exact) == n == len(_exact_cells(lines[j])))
            )
        ):
            j += 1
        if j - i < 2 or not _TASK_COLUMNS.search(fold(lines[i])):
            # only a table of tasks is read cell by cell; others keep a row a line (a
            # table of figures, or thousands of tiny cells: a line each would cost more)
            out.extend(lines[i:j] if j > i else lines[i : i + 1])
            i = max(j, i + 1)
            continue
        for line in lines[i:j]:
            cells = [c.strip() for c in _TAB_CELLS.split(line.strip()) if c.strip()]
            if len(cells) != n and len(exact) == n:
                cells = [c.strip() or "-" for c in _exact_cells(line)]
            out.append("\n\n".join(cells))
            out.append("")
        i = j
    return "\n".join(out)


#: Gaps between the columns of a table laid out by position (a PDF's text layer in layout
#: mode, or a table typed with spaces): two spaces or more.
_COLUMN_GAP = re.compile(r" {2,}")
_ROW_NUMBER = re.compile(r"^(\d{1,2})\.?(?:\s+(?=\S)|$)")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
#: A line that opens a heading or an item of the body: the table above has ended.
_HEADING = re.compile(r"^(?:[IVX]+\s*[.)/-]|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\))\s")
#: A table of tasks' lead column (folded): "Chủ trì", or without one "Đơn vị thực hiện".
_LEAD_COLUMN = re.compile(
    r"chu\s+tri|(?:don\s+vi|co\s+quan|bo\s+phan)\s+(?:thuc\s+hien|phu\s+trach)", re.I
)


def _names_lead(heading: str) -> bool:
    """Whether a table's header row names its lead column. The text is not NFC yet here
    (Windows-1258 decodes tones as combining marks): the short header is made so first."""
    return bool(_LEAD_COLUMN.search(fold(unicodedata.normalize("NFC", heading))))


#: A line that may open such a table: its number column's heading, then a gap.
_TABLE_HEAD = re.compile(r"^[ \t]*(?:S?TT|S[ốo][ \t]+TT)\.?(?:[ \t]{2,}|\t)", re.I | re.M)
_ALIGN = 3  # characters a cell may sit off its column's start (centred text, a PDF's rounding)


def _positioned(line: str) -> list[tuple[int, str]]:
    """(column where it starts, text) of each piece of ``line`` between gaps of 2+ spaces."""
    expanded = line.expandtabs(8).rstrip()
    out: list[tuple[int, str]] = []
    pos = len(expanded) - len(expanded.lstrip())
    while pos < len(expanded):
        gap = _COLUMN_GAP.search(expanded, pos)
        end = gap.start() if gap else len(expanded)
        out.append((pos, expanded[pos:end]))
        pos = gap.end() if gap else len(expanded)
    return out


def _column_of(starts: list[int], pos: int) -> int:
    """The column whose start is nearest ``pos``."""
    return min(range(len(starts)), key=lambda k: abs(starts[k] - pos))


def _is_number_heading(cell: str) -> bool:
    """The heading of a table's number column: "TT", "STT", "Số TT"."""
    return fold(cell).lower().rstrip(" .") in ("tt", "stt", "so tt")


def _aligned_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The table of tasks laid out by position that starts at ``lines[i]``: its header cells and
    rows (cells joined across wrapped lines), and the index of the first line after it."""
    head = _positioned(lines[i])
    if len(head) < 3 or not _is_number_heading(head[0][1]):
        return None
    starts = [pos for pos, _ in head]
    # each cell a list of its lines' pieces, joined at the end: appending to a string would
    # copy the cell once a line (a cell of many wrapped lines: quadratic time)
    header: list[list[str]] = [[cell] for _, cell in head]
    first_cell = starts[1] - _ALIGN
    rows: list[list[list[str]]] = []
    repeated = False  # inside the header row printed again at the top of the next page
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if not line.strip() or _PAGE_NUMBER.match(line):
            j += 1
            continue
        if len(line) > 400:
            break
        pieces = _positioned(line)
        number = _ROW_NUMBER.match(pieces[0][1])
        if rows and pieces[0][0] < first_cell and _is_number_heading(pieces[0][1]):
            repeated = True  # "TT  Nội dung  Chủ trì …" again after a page break
            j += 1
            continue
        if repeated and (number is None or pieces[0][0] >= first_cell):
            j += 1  # the repeated header's wrapped words ("hợp", "thành")
            continue
        repeated = False
        if pieces[0][0] < first_cell:
            if number is None or int(number[1]) != len(rows) + 1:
                break
            if not rows and not _names_lead(" ".join(" ".join(c) for c in header)):
                return None  # not a table of tasks: known at its first row, not read through
            rest = pieces[0][1][number.end() :]
            tail = [(pieces[0][0] + number.end(), rest)] if rest else []
            pieces = tail + pieces[1:]
            rows.append([[] for _ in starts])
            rows[-1][0].append(number[1])
        elif _column_of(starts, pieces[0][0]) <= 1 and (
            _HEADING.match(pieces[0][1]) or is_upper_line(pieces[0][1])
        ):  # "III. TỔ CHỨC THỰC HIỆN" indented as far as the table's text
            break
        if any(pos > starts[-1] + 60 for pos, _ in pieces):
            break
        cells = rows[-1] if rows else header
        if not rows and len(pieces) == len(starts):
            break  # a second line of cells before any numbered row: not a header
        by_order = rows and len(pieces) == len(starts) - 1 and not cells[1]
        for k, (pos, piece) in enumerate(pieces):
            column = k + 1 if by_order else _column_of(starts, pos)
            if column == 0 and rows:
                column = 1
            cells[column].append(piece.strip())
        j += 1
    if not rows or not _names_lead(" ".join(" ".join(cell) for cell in header)):
        return None
    return [[" ".join(cell) for cell in row] for row in (header, *rows)], j


def aligned_tables_as_cells(text: str) -> str:
    """Tables of tasks laid out by position (a PDF's text layer, or columns typed with spaces:
    "TT   Nội dung   Chủ trì   Phối hợp   Thời gian", a cell's words wrapped onto the lines
    below in the same column) written as a .docx table is read: one cell a line, a blank line
    between cells (``tasks._table_tasks``). A table needs a "TT"/"STT" column, numbered rows
    (1, 2, …) and a "Chủ trì" heading; it ends at a line that fits none of its columns. Page
    numbers and the header row printed again on the next page are skipped. An empty cell is
    written "-". Linear time: a table is read through only once its header is known to be one
    of tasks, and reading goes on after it."""
    if not _TABLE_HEAD.search(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        found = None
        if len(line) < 400 and _TABLE_HEAD.match(line):
            found = _aligned_table(lines, i)
        if found is None:
            out.append(line)
            i += 1
            continue
        table, i = found
        for row in table:
            out.append("\n\n".join(cell or "-" for cell in row))
            out.append("")
    return "\n".join(out)


_BODY_CELL = 30  # characters a line of a body column holds at least, but for its last line


def _body_in_two_columns(block: list[_Row]) -> bool:
    """Whether ``block`` is body text set in two columns (a PDF's text layer interleaves
    them line by line): three rows or more, each split in two at the same column (±2), both
    columns holding lines of prose (at least half of each 30 characters or more: a
    paragraph's last line is short), the left never a row number — a table of figures or a
    header is none."""
    rows = [row for row in block if row.segments]
    if len(rows) < 3 or not all(row.split and not row.tabbed for row in rows):
        return False
    starts = [row.segments[1][0] for row in rows]
    if max(starts) - min(starts) > 2:
        return False
    lefts = [row.segments[0][1] for row in rows]
    rights = [row.segments[1][1] for row in rows]
    if any(left[:1].isdigit() for left in lefts):
        return False
    long_left = sum(len(left) >= _BODY_CELL for left in lefts)
    long_right = sum(len(right) >= _BODY_CELL for right in rights)
    half = (len(rows) + 1) // 2
    return long_left >= half and long_right >= half


def _unfold(block: list[_Row]) -> list[str]:
    """The block's left column, a blank line, then its right column."""
    starts = sorted(row.segments[1][0] for row in block if row.split)
    right_at = starts[len(starts) // 2]
    tab_split = any(r.split and r.tabbed for r in block)
    # a line centred under the right column may start left of its other lines (a short name
    # under "PHÓ TRƯỞNG BAN"): one that starts past the end of every left cell is right too
    left_end = max(
        (r.segments[0][0] + len(r.segments[0][1]) for r in block if r.split and not r.tabbed),
        default=None,
    )
    left: list[str] = []
    right: list[str] = []
    for row in block:
        if not row.segments:
            continue
        if row.split:
            left.append(row.segments[0][1])
            right.append(row.segments[1][1])
        elif (
            row.indent >= right_at - 6
            or (tab_split and row.indent >= _INDENTED)
            or (left_end is not None and row.indent >= max(left_end + 4, 3 * _INDENTED))
            or (row.indent >= 2 and looks_like_name(row.segments[0][1]))
        ):
            # … or an indented name alone, typed loosely under the signature (an e-mail or
            # e-office copy): a closing's left column lists recipients, never a bare name
            right.append(row.segments[0][1])
        else:
            left.append(row.segments[0][1])
    return [*left, "", *right, ""]


#: The State motto with its hyphens gone ("Độc lập  Tự do  Hạnh phúc"): the extractor that
#: made this text dropped every hyphen and dash (a PDF whose font maps them to nothing).
_MOTTO_WITHOUT_HYPHENS = re.compile(r"Đ[ộo]c l[ậa]p[ \t]+T[ựu] do[ \t]+H[ạa]nh ph[úu]c", re.I)
#: Kind codes a lost hyphen may have glued to what follows or precedes them, longest first.
_GLUED_KINDS = "TTr|CTr|QĐ|NĐ|TT|CT|NQ|KL|KH|HD|TB|BC|CV|QC|TC|PA|ĐA"
#: "1469/QĐUBND", "91/2017/NĐCP", "355/TTrSNV": a State kind code glued to its issuer.
_STATE_GLUED = re.compile(
    rf"(?<![\w/])(\d{{1,5}}(?:/\d{{4}})?/)({_GLUED_KINDS})(?=[A-ZĐ][A-ZĐa-z]{{1,10}}(?![\w/-]))"
)
#: "05CT/TW": a Party serial glued to its kind code.
_PARTY_GLUED = re.compile(rf"(?<![\w/-])(\d{{1,5}})({_GLUED_KINDS})(?=/[A-ZĐ])")


def restore_lost_hyphens(text: str) -> str:
    """Put back the hyphens of document numbers in a text whose extractor lost every hyphen.

    Only when the State motto near the top reads without its hyphens (the evidence that
    this text lost them): "Số: 1469/QĐUBND" → "1469/QĐ-UBND", "Chỉ thị số 05CT/TW" →
    "05-CT/TW" (docs/party-format.md §5, §16). Other texts are returned unchanged.
    """
    if not _MOTTO_WITHOUT_HYPHENS.search(text, 0, 4000):
        return text
    text = _STATE_GLUED.sub(r"\1\2-", text)
    return _PARTY_GLUED.sub(r"\1-\2", text)


#: "Nơi nhận:K/T CHỦ NHIỆM": a closing table copied with no separator between its cells.
_GLUED_RECIPIENTS = re.compile(r"^([ \t]*N[ơo]i nh[ậa]n:)(?=[^\s\-–])", re.M | re.I)
#: A recipient item's end mark with the right cell run on after it: a title in capitals
#: ("(b/c),PHÓ CHỦ NHIỆM") or a name ("- Lưu VP.Trần Văn An").
_GLUED_CELL = re.compile(r"(?<=[,;.])(?=[^\W\d_][^,;.]{2,60}$)")
_GLUED_LINES = 14  # lines of a closing block after "Nơi nhận:"


def unglue_closing_cells(text: str) -> str:
    """``text`` with a closing table whose cells were copied with no separator split by tabs.

    Only when the "Nơi nhận:" line itself runs on into the signature's cell ("Nơi
    nhận:K/T CHỦ NHIỆM"): then, on the lines below it, a capitalised title or a name glued
    after an item's ",", ";" or "." is the right-hand cell. Linear in the text's length.
    """
    match = _GLUED_RECIPIENTS.search(text)
    if match is None:
        return text
    head_end = text.find("\n", match.end())
    head_end = len(text) if head_end < 0 else head_end
    lines = text[head_end:].split("\n", _GLUED_LINES + 1)
    for k, line in enumerate(lines[1 : _GLUED_LINES + 1], start=1):
        if not line.lstrip().startswith(("-", "–", "+", "•")) or "\t" in line:
            continue
        cut = _GLUED_CELL.search(line)
        if cut is None:
            continue
        tail = line[cut.start() :].strip()
        if _capital_title(tail) or _name_like(tail):
            lines[k] = f"{line[: cut.start()]}\t{line[cut.start() :]}"
    head = f"{text[: match.end()]}\t{text[match.end() : head_end]}"
    return head + "\n".join(lines)


def _capital_title(text: str) -> bool:
    words = text.replace("/", " ").replace(".", " ").split()
    return len(words) >= 2 and all(w.isupper() for w in words)


def _name_like(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w[1:].islower() for w in words)
