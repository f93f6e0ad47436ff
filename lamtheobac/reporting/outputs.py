"""Generated outputs of a round: the matrix as .xlsx, the công văn đôn đốc and the
consolidated report as .docx in the Party format (DESIGN.md §4.4–§4.5,
party-document-format.md §18)."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lamtheobac.core.dates import short_date, today
from lamtheobac.partydoc import Header, PartyDocument, Signature, format_date_short
from lamtheobac.reporting.models import MatrixState, ReportingRound
from lamtheobac.reporting.queries import ConsolidatedSection, TargetRow

PENDING_STATES = (MatrixState.NOT_STARTED, MatrixState.DRAFT, MatrixState.RETURNED)


def _local(value):
    from django.utils import timezone

    from lamtheobac.core.dates import VN_TZ

    return timezone.localtime(value, VN_TZ) if value else None


def _submitted_label(row: TargetRow) -> str:
    if row.report is None or row.report.submitted_at is None:
        return ""
    local = _local(row.report.submitted_at)
    return f"{local:%H:%M} {short_date(local.date())}"


def matrix_workbook(
    round: ReportingRound, rows: Sequence[TargetRow], counts: Counter[str]
) -> bytes:
    """The completeness matrix as an .xlsx workbook: one row per target unit, then the counts.

    Columns: STT, Đơn vị, Tình trạng, Thời điểm nộp (Asia/Ho_Chi_Minh), Đúng hạn / muộn.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "Tình hình báo cáo"
    ws.append([round.title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Hạn nộp: {round.deadline_display}; số đơn vị phải báo cáo: {len(rows)}"])
    ws.append([])
    header = ["STT", "Đơn vị", "Tình trạng", "Thời điểm nộp", "Đúng hạn / muộn"]
    ws.append(header)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EAEEF2")
    for i, row in enumerate(rows, start=1):
        timing = ""
        if row.report and row.report.submitted_at:
            timing = "Muộn" if row.report.is_late else "Đúng hạn"
        ws.append([i, row.target.unit_name, row.state.label, _submitted_label(row), timing])
    ws.append([])
    ws.append(["", "Tổng hợp", "Số đơn vị", "Tỷ lệ"])
    total = sum(counts.values()) or 1
    for state in MatrixState:
        n = counts.get(state.value, 0)
        ws.append(["", state.label, n, round_ratio(n, total)])
        ws.cell(ws.max_row, 4).number_format = "0%"
    for col, width in zip("ABCDE", (6, 48, 20, 18, 16), strict=True):
        ws.column_dimensions[col].width = width
    for r in ws.iter_rows(min_row=5):
        r[1].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:{get_column_letter(5)}{4 + len(rows)}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def round_ratio(n: int, total: int) -> float:
    return n / total if total else 0.0


def _header(round: ReportingRound, kind: str, summary: str | None = None) -> Header:
    committee = round.committee
    return Header(
        superior=committee.superior_name or None,
        issuer=committee.header_name or committee.name.upper(),
        number=f"-{kind}/{committee.issuer_code}" if committee.issuer_code else f"-{kind}",
        place=committee.place or "",
        date=today(),
        summary=summary,
    )


def _basis(round: ReportingRound) -> str:
    document = round.document
    if document is None:
        return ""
    date = f", ngày {format_date_short(document.date)}" if document.date else ""
    kind = (document.kind_name or "văn bản").capitalize()
    return f"{kind} số {document.number}{date}" if document.number else kind


def _signature(round: ReportingRound) -> Signature:
    return Signature(capacity="T/M BAN THƯỜNG VỤ", title="PHÓ BÍ THƯ", name="")


def reminder_letter(round: ReportingRound, pending: Sequence[TargetRow]) -> bytes:
    """Công văn đôn đốc (a reminder is issued as a công văn, party-document-format.md §13),
    addressed to the units that have not submitted, asking them to report by a new date."""
    doc = PartyDocument(
        header=_header(round, "CV", summary="V/v đôn đốc gửi báo cáo"),
        kind_name=None,
        title=None,
        addressees=[row.target.unit_name for row in pending],
    )
    basis = _basis(round)
    opening = f"Thực hiện {basis}, " if basis else ""
    doc.paragraph(
        f"{opening}Ban Thường vụ đề nghị các cấp ủy cơ sở gửi báo cáo “{round.title}” "
        f"{round.deadline_display}. Đến ngày {format_date_short(today())}, còn {len(pending)} đơn vị "
        "chưa gửi báo cáo (danh sách dưới đây)."
    )
    doc.table(
        ["STT", "Đơn vị", "Tình trạng"],
        [[str(i), row.target.unit_name, row.state.label] for i, row in enumerate(pending, start=1)],
        widths_mm=[15, 110, 40],
    )
    doc.paragraph(
        "Đề nghị các đơn vị khẩn trương hoàn thành, gửi báo cáo về Ban Thường vụ "
        "(qua Ban Tuyên giáo) để tổng hợp theo đúng tiến độ."
    )
    doc.closing(recipients=["Như trên", "Lưu VP, BTG"], signature=_signature(round))
    return doc.to_bytes()


def consolidated_report(
    round: ReportingRound, sections: Sequence[ConsolidatedSection], rows: Sequence[TargetRow]
) -> bytes:
    """Báo cáo tổng hợp: for each outline section what each unit wrote under a label naming
    the unit, indicator totals, and a table of who submitted when (on time / late)."""
    reported = [
        r for r in rows if r.report and r.report.submitted_at and r.state not in PENDING_STATES
    ]
    doc = PartyDocument(
        header=_header(round, "BC"),
        kind_name="BÁO CÁO",
        title=round.report_title or round.title,
        addressees=None,
    )
    basis = _basis(round)
    doc.paragraph(
        (f"Thực hiện {basis}, " if basis else "")
        + f"{len(reported)}/{len(rows)} đơn vị đã gửi báo cáo. "
        "Ban Thường vụ tổng hợp kết quả như sau:"
    )
    for item in sections:
        doc.heading(item.section.label, level=min(item.section.depth, 3))
        for indicator, total, n in item.totals:
            unit = f" {indicator.unit_label}" if indicator.unit_label else ""
            doc.paragraph(
                f"- {indicator.name}: tổng cộng {total.normalize():f}{unit} ({n} đơn vị báo cáo)."
            )
        for report, text in item.entries:
            doc.labelled(f"{report.unit.name}: ", text)
        if not item.entries and not item.totals and not item.has_children:
            doc.paragraph("(Chưa có đơn vị nào báo cáo nội dung này.)", italic=True)
    doc.heading("TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ", level=1)
    table_rows = []
    for i, row in enumerate(rows, start=1):
        timing = ""
        if row.report and row.report.submitted_at and row.state not in PENDING_STATES:
            timing = "Muộn" if row.report.is_late else "Đúng hạn"
        table_rows.append(
            [
                str(i),
                row.target.unit_name,
                _submitted_label(row) if timing else "",
                timing or row.state.label,
            ]
        )
    doc.table(
        ["STT", "Đơn vị", "Thời điểm nộp", "Đúng hạn / muộn"],
        table_rows,
        widths_mm=[12, 85, 38, 30],
    )
    doc.closing(
        recipients=["Ban Thường vụ Tỉnh ủy (b/c)", "Ban Tuyên giáo Tỉnh ủy (b/c)", "Lưu VP, BTG"],
        signature=_signature(round),
    )
    return doc.to_bytes()
