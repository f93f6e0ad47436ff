"""Warnings: where the text is silent or ambiguous, say so instead of guessing (docs/domain.md §4.1)."""

from __future__ import annotations

import datetime as dt
import re

from .dates import vn_date
from .model import Extraction, ReadWarning, Span
from .numbers import PARTY_KINDS

#: What an issuer code says about the issuing body (docs/party-format.md §14.2).
ISSUER_CODES = {
    "TW": "Ban Chấp hành Trung ương, Bộ Chính trị hoặc Ban Bí thư",
    "TU": "Tỉnh ủy (hoặc thành ủy, thị ủy)",
    "ThU": "Thành ủy hoặc Thị ủy",
    "HU": "Huyện ủy",
    "QU": "Quận ủy",
    "ĐU": "Đảng ủy",
    "ĐUK": "Đảng ủy Khối",
    "CB": "Chi bộ",
    "BTGTU": "Ban Tuyên giáo Tỉnh ủy",
    "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTCTU": "Ban Tổ chức Tỉnh ủy",
    "VPTW": "Văn phòng Trung ương Đảng",
    "VPTU": "Văn phòng Tỉnh ủy",
}

_QUOTA = re.compile(r"\b(dưới|trên)\s+(\d{1,6})\s+([^\W\d_]+(?:\s+[^\W\d_]+)?)", re.I)


def _warn(ex: Extraction, field: str, code: str, message: str, span: Span | None = None) -> None:
    ex.warnings.append(ReadWarning(field, code, message, span))


def latest_cited(ex: Extraction) -> tuple[dt.date, Span] | None:
    """The latest date among the citations, with the citation's span."""
    best: tuple[dt.date, Span] | None = None
    for citation in ex.citations:
        if citation.date is None:
            continue
        value = dt.date.fromisoformat(citation.date)
        if best is None or value > best[0]:
            best = (value, citation.span)
    return best


def title_year(ex: Extraction) -> int | None:
    """The last year the title names ("… năm 2022"), if any."""
    if ex.title is None:
        return None
    years = re.findall(r"năm\s+(\d{4})\b", ex.title.value)
    return int(years[-1]) if years else None


def check_header(
    ex: Extraction, *, number_blank: tuple[str, Span] | None, date_blank: Span | None
) -> None:
    """Missing or blank number, date, issuer, kind name, title, signer."""
    if number_blank is not None:
        written, span = number_blank
        _warn(
            ex,
            "number",
            "blank_serial",
            f"Số văn bản để trống (“Số {written}”): có thể là bản dự thảo chưa lấy số; "
            "văn bản được đọc như chưa có số.",
            span,
        )
    elif ex.number is None:
        _warn(ex, "number", "missing", "Văn bản không có dòng số và ký hiệu (dạng “Số 59-KH/ĐUK”).")
    if ex.date is None:
        if date_blank is not None:
            _warn(
                ex,
                "date",
                "blank",
                "Dòng ngày tháng để trống: có thể là bản dự thảo chưa ghi ngày.",
                date_blank,
            )
        else:
            _warn(ex, "date", "missing", "Văn bản không có dòng địa danh, ngày tháng.")
        bound = latest_cited(ex)
        if bound is not None:
            _warn(
                ex,
                "date",
                "lower_bound",
                f"Văn bản được ban hành sau ngày {vn_date(bound[0])} "
                "(ngày muộn nhất được trích dẫn).",
                bound[1],
            )
    if ex.issuer is None:
        message = "Văn bản không có dòng tên cơ quan ban hành ở góc trên bên trái."
        code = ex.issuer_code.value if ex.issuer_code is not None else None
        if code in ISSUER_CODES:
            message += (
                f" Ký hiệu “{code}” trong số văn bản cho thấy cơ quan ban hành là "
                f"{ISSUER_CODES[code]}."
            )
        _warn(
            ex,
            "issuer",
            "missing",
            message,
            ex.issuer_code.span if ex.issuer_code is not None else None,
        )
    if ex.kind is not None and ex.kind_name is not None:
        expected = PARTY_KINDS.get(ex.kind.value)
        allowed = {expected, "QUY ĐỊNH"} if ex.kind.value == "QĐ" else {expected}
        if expected is not None and ex.kind_name.value not in allowed:
            _warn(
                ex,
                "kind",
                "mismatch",
                f"Ký hiệu loại “{ex.kind.value}” ({expected}) không khớp tên loại "
                f"“{ex.kind_name.value}”.",
                ex.kind.span,
            )
    if ex.title is None:
        _warn(ex, "title", "missing", "Không tìm thấy trích yếu nội dung của văn bản.")
    if ex.signer.name is None:
        _warn(
            ex,
            "signer",
            "missing",
            "Không tìm thấy họ tên người ký ở cuối văn bản."
            if ex.signer.capacity or ex.signer.title
            else "Văn bản không có khối chữ ký (thẩm quyền, chức vụ, họ tên).",
        )


def check_deadlines(ex: Extraction) -> None:
    """A deadline that falls before the document could have been issued (docs/domain.md §5)."""
    reasons: list[str] = []
    reference: dt.date | None = None
    if ex.date is not None:
        reference = dt.date.fromisoformat(ex.date.value)
        reasons.append(f"ngày ban hành {vn_date(reference)}")
    else:
        bound = latest_cited(ex)
        if bound is not None:
            reference = bound[0]
            reasons.append(f"văn bản trích dẫn văn bản ngày {vn_date(bound[0])}")
        year = title_year(ex)
        if year is not None:
            start = dt.date(year, 1, 1)
            if reference is None or start > reference:
                reference = start
            reasons.append(f"trích yếu nói về năm {year}")
    if reference is None:
        return
    for deadline in ex.deadlines:
        due = dt.date.fromisoformat(deadline.due)
        if due < reference:
            _warn(
                ex,
                "deadlines",
                "deadline_before_document",
                f"Thời hạn “{deadline.text}” ({vn_date(due)}) sớm hơn thời điểm ban hành văn "
                f"bản ({'; '.join(reasons)}): có thể năm bị đánh nhầm.",
                deadline.span,
            )


def check_quotas(ex: Extraction) -> None:
    """ "dưới N" and "trên N" for the same N leave exactly N undefined (docs/domain.md §4.1)."""
    seen: dict[tuple[str, str], tuple[str, Span]] = {}
    reported: set[str] = set()
    for match in _QUOTA.finditer(ex.text):
        side, amount = match.group(1).lower(), match.group(2)
        noun = match.group(3)
        seen.setdefault((side, amount), (noun, match.span()))
        other = "trên" if side == "dưới" else "dưới"
        if (other, amount) not in seen or amount in reported:
            continue
        inclusive = re.search(
            rf"(?:từ\s+{amount}\b|\b{amount}\s+{re.escape(noun)}\s+trở\s+(?:lên|xuống)|"
            rf"\b{amount}\s+trở\s+(?:lên|xuống)|không\s+quá\s+{amount}\b|tối\s+đa\s+{amount}\b)",
            ex.text,
        )
        if inclusive:
            continue
        reported.add(amount)
        _warn(
            ex,
            "quotas",
            "quota_gap",
            f"Văn bản quy định mức “dưới {amount} {noun}” và “trên {amount} {noun}” nhưng "
            f"không nói trường hợp đúng {amount} {noun} áp dụng mức nào.",
            (seen[(other, amount)][1][0], match.end()),
        )
