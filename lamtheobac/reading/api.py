"""Entry points: read bytes, a path or text into an ``Extraction``."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from .checks import check_deadlines, check_header, check_quotas, latest_cited, title_year
from .citations import find_citations
from .criteria import find_criteria
from .deadlines import find_deadlines, find_recurring
from .dossier import find_dossier_items
from .errors import ReadError
from .header import issuer_named_in_body, kind_name_of, read_header
from .layout import (
    aligned_tables_as_cells,
    restore_lost_hyphens,
    tab_tables_as_cells,
    unfold_columns,
    unglue_closing_cells,
)
from .loading import MAX_BYTES, TOO_LARGE, load
from .model import Extraction, Located, Signer, Span
from .numbers import PARTY_KINDS
from .outline import read_outline
from .periods import find_periods
from .quotas import find_quotas, quota_warnings
from .runon import break_run_on
from .signature import read_closing
from .tasks import find_tasks
from .text import Line, normalise, split_lines
from .themes import find_themes

#: The longest text the reader parses, in characters (issue 10 §4: no input within the upload
#: limit may take more than 10 s or 500 MB). Parsing costs at most about 0.75 s per MB on one
#: core (one 10 MB line: 7.3 s CPU); 8 million characters is about 10 MB of Vietnamese UTF-8
#: and some 4,000 pages, far beyond any plan or report.
MAX_CHARS = 8_000_000
#: CPU seconds (of the reading thread) one document may take, load and parse together; checked
#: between the reader's steps, each of which is linear in the text.
TIME_BUDGET = 10.0
TOO_LONG = (
    "Văn bản quá dài để đọc tự động: {chars} ký tự, tối đa {limit} ký tự (khoảng 4.000 "
    "trang). Hãy tách văn bản thành nhiều tệp rồi tải lên."
)
TOO_SLOW = (
    "Văn bản có cấu trúc bất thường nên không đọc xong trong {seconds:.0f} giây; đã dừng để "
    "không làm chậm hệ thống. Hãy lưu lại văn bản (ví dụ thành .docx) hoặc tách nhỏ rồi tải lên."
)
_started: ContextVar[float | None] = ContextVar("reading_started", default=None)


@contextmanager
def _budget() -> Iterator[None]:
    """Start the clock for one document unless an outer call (``read_bytes``) started it."""
    token = _started.set(time.thread_time()) if _started.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _started.reset(token)


def _check_budget() -> None:
    """Raise ``ReadError`` (TOO_SLOW) once the document has used more than TIME_BUDGET."""
    started = _started.get()
    if started is not None and time.thread_time() - started > TIME_BUDGET:
        raise ReadError(TOO_SLOW.format(seconds=TIME_BUDGET))


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Vietnamese digit grouping: 8.000.000


def read_bytes(data: bytes, *, filename: str = "") -> Extraction:
    """Read a document given as bytes; the kind is told by content, not by ``filename``.

    Accepts .docx (body, tables, headers and footers), .pdf with a text
    layer, scans (image-only .pdf, .png, .jpg, .tiff) through OCR (``ocr.py``:
    ``Extraction.source`` is "ocr", ``Extraction.ocr`` has the confidence and each
    word's page and box), and plain text (UTF-8 with or without BOM, UTF-16 with BOM,
    Windows-1258). Raises ``ReadError`` (a Vietnamese ``message``) for
    anything else, for damaged or encrypted files, for files over 50 MB, for text longer
    than MAX_CHARS and for a document that takes more than TIME_BUDGET CPU seconds to load
    and read (issue 10 §4). ``filename`` is only used in messages.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ReadError("Dữ liệu tải lên không phải là tệp.")
    with _budget():
        loaded = load(bytes(data))
        _check_budget()
        ex = read_text(loaded.text)
    ex.source = loaded.source
    ex.ocr = loaded.ocr
    return ex


def read_path(path: str | os.PathLike[str]) -> Extraction:
    """Read the file at ``path``; see ``read_bytes``. Missing files raise ``ReadError``."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_BYTES:
            raise ReadError(TOO_LARGE)
        data = file.read_bytes()
    except ReadError:
        raise
    except IsADirectoryError as exc:
        raise ReadError(f"“{file.name}” là một thư mục, không phải tệp.") from exc
    except OSError as exc:
        raise ReadError(f"Không mở được tệp “{file.name}”.") from exc
    return read_bytes(data, filename=file.name)


#: Kind code of each kind name (docs/party-format.md §14.1).
_KIND_CODES = {name: code for code, name in PARTY_KINDS.items()}


#: A web page's list of other posts after the document ("Tin cùng chuyên mục", "Văn bản
#: liên quan"): what it names is not cited by the document.
_PAGE_FOOTER = re.compile(
    r"^[ \t*#|]*(?:tin|bài(?: viết)?|văn bản|các tin|tin tức)\s+(?:cùng chuyên mục|liên quan|khác)"
    r"|^[ \t*#|]*(?:các\s+)?tin\s+khác\b",
    re.IGNORECASE | re.MULTILINE,
)


def _page_footer(text: str, signer: Signer) -> int:
    """Where a web page's footer list starts after the signer's name (else the text's end)."""
    if signer.name is None or signer.name.span is None:
        return len(text)
    footer = _PAGE_FOOTER.search(text, signer.name.span[1])
    return footer.start() if footer else len(text)


def _default_year(ex: Extraction) -> int | None:
    if ex.date is not None:
        return dt.date.fromisoformat(ex.date.value).year
    year = title_year(ex)
    if year is not None:
        return year
    bound = latest_cited(ex)
    return bound[0].year if bound else None


def read_text(text: str) -> Extraction:
    """Parse already-extracted text (docs/party-format.md §4–§11, §15; docs/domain.md §5).

    The text is normalised first (NFC, ``\\n`` line ends, tabs and no-break
    spaces to spaces); all spans point into ``Extraction.text``. Raises ``ReadError`` for text
    longer than MAX_CHARS characters (before any parsing) or when reading it takes more than
    TIME_BUDGET CPU seconds (issue 10 §4).
    """
    if len(text) > MAX_CHARS:
        raise ReadError(TOO_LONG.format(chars=_thousands(len(text)), limit=_thousands(MAX_CHARS)))
    with _budget():
        return _read_text(text)


#: An appendix that assigns the plan's work: "PHỤ LỤC" and, within its first lines, what it
#: lists ("PHÂN CÔNG THỰC HIỆN", "NHIỆM VỤ", "LỘ TRÌNH", "TIẾN ĐỘ"), or a "Chủ trì" column.
_TASK_APPENDIX = re.compile(
    r"PH[UỤ]\s+L[UỤ]C|PHÂN\s+CÔNG|NHIỆM\s+VỤ|LỘ\s+TRÌNH|TIẾN\s+ĐỘ|[Cc]hủ\s+trì", re.IGNORECASE
)


def _task_appendix(lines: list[Line], attachment_line: int | None) -> int | None:
    """Where an appendix of tasks after the signature starts (a text offset), or None: the
    attachment opens "PHỤ LỤC" and one of its first six lines names tasks (``_TASK_APPENDIX``)."""
    if attachment_line is None or attachment_line >= len(lines):
        return None
    head = lines[attachment_line]
    if not re.match(r"\s*PH[UỤ]\s+L[UỤ]C\b", head.text, re.IGNORECASE):
        return None
    following = lines[attachment_line + 1 : attachment_line + 7]
    if not any(_TASK_APPENDIX.search(line.raw[:200]) for line in following):
        return None
    return head.start


def _read_text(text: str) -> Extraction:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = aligned_tables_as_cells(tab_tables_as_cells(break_run_on(text)))
    text = normalise(unfold_columns(unglue_closing_cells(text)))
    text = restore_lost_hyphens(text)
    lines = split_lines(text)
    _check_budget()
    header = read_header(lines)
    _check_budget()
    ex = Extraction(text=text)
    ex.issuer, ex.superior, ex.place = header.issuer, header.superior, header.place
    ex.date, ex.kind_name, ex.title = header.date, header.kind_name, header.title
    blank: tuple[str, Span] | None = None
    if header.number_blank and header.number is not None and header.number_span is not None:
        # "Số      /KH-UBND": no number yet (a draft), read as none, with a warning (issue 10)
        blank = (header.number.value, header.number_span)
    elif header.number is not None and header.number_span is not None:
        number = header.number
        ex.number = Located(number.value, header.number_span)
        ex.serial = Located(number.serial, header.serial_span)
        kind = number.kind
        canonical = kind_name_of(ex.kind_name.value) if ex.kind_name is not None else None
        titled = _KIND_CODES.get(canonical) if canonical else None
        # "09/2023/CĐ-HD" under "HƯỚNG DẪN": the segment the kind name names
        pieces = number.value.rsplit("/", 1)[-1].split("-")
        if number.style == "state" and titled and titled != kind and titled in pieces:
            kind = titled
        if kind is None and titled is not None and ex.kind_name is not None:
            # a number without a kind segment under a kind name ("Số: 12/UBND", "KẾ HOẠCH"),
            # or a State letter's "V/v" line: a công văn is a CV (docs/domain.md §3)
            ex.kind = Located(titled, ex.kind_name.span)
        elif kind is not None:
            ex.kind = Located(kind, header.kind_span)
        if number.issuer is not None:
            ex.issuer_code = Located(number.issuer, header.issuer_code_span)
    if ex.kind is None and ex.kind_name is not None:
        # no number, or a blank serial ("Số      /KH-UBND"): the kind name says the kind
        canonical = kind_name_of(ex.kind_name.value)
        titled = _KIND_CODES.get(canonical) if canonical else None
        if titled is not None:
            ex.kind = Located(titled, ex.kind_name.span)

    closing = read_closing(lines, header.body_start)
    _check_budget()
    ex.signer = closing.signer
    ex.recipients = [*header.addressees, *closing.recipients]
    if closing.attachment_line is not None:
        ex.outline = read_outline(lines, closing.attachment_line)

    votes = dict(header.format_votes)
    capacity = ex.signer.capacity.value if ex.signer.capacity else ""
    if "/" in capacity[:4]:
        votes["party"] += 1
    elif capacity[:4].rstrip().endswith("."):
        votes["state"] += 1
    if votes["party"] > votes["state"]:
        ex.format = "party"
    elif votes["state"] > votes["party"]:
        ex.format = "state"

    _check_budget()
    ex.citations = find_citations(
        text[: _page_footer(text, ex.signer)], ex.number.value if ex.number else None
    )
    _check_budget()
    body_lo = lines[header.body_start].start if header.body_start < len(lines) else len(text)
    body_end = closing.body_end
    body_hi = lines[body_end].start if body_end is not None else len(text)
    body_hi = max(body_hi, body_lo)
    if ex.issuer is None:
        ex.issuer = issuer_named_in_body(text, body_lo, body_hi)
    ex.deadlines = find_deadlines(text, body_lo, body_hi, _default_year(ex))
    _check_budget()
    ex.recurring = find_recurring(text, body_lo, body_hi)
    _check_budget()
    ex.tasks = find_tasks(text, body_lo, body_hi, ex.deadlines)
    _check_budget()
    appendix = _task_appendix(lines, closing.attachment_line)
    if appendix is not None:
        # "PHỤ LỤC / PHÂN CÔNG THỰC HIỆN" after the signature: its table of tasks is the
        # plan's own work, with its time column (an attached outline is not: §11)
        due = find_deadlines(text, appendix, len(text), _default_year(ex))
        ex.deadlines.extend(due)
        ex.tasks.extend(find_tasks(text, appendix, len(text), due))
        _check_budget()
    ex.quotas = find_quotas(text, body_lo, body_hi)
    _check_budget()
    ex.criteria = find_criteria(text, body_lo, body_hi)
    _check_budget()
    ex.dossier_items = find_dossier_items(text, body_lo, body_hi)
    _check_budget()
    ex.periods = find_periods(text, body_lo, body_hi)
    _check_budget()
    ex.themes = find_themes(text, body_lo, body_hi)
    _check_budget()

    check_header(ex, number_blank=blank, date_blank=header.date_blank)
    check_deadlines(ex)
    if any(quota.condition is not None for quota in ex.quotas):
        ex.warnings.extend(quota_warnings(ex.quotas))
    else:  # conditions the quota reader did not parse: fall back to the words alone
        check_quotas(ex)
    return ex
