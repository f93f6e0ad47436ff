"""Generated files: the year page as .xlsx, the "kết quả đăng ký, thực hiện làm theo" section
and the grassroots organisation's quarterly session report as Party-format .docx
(docs/party-format.md; seed 004 §II.2.2: "Sau mỗi đợt sinh hoạt chuyên đề hằng quý …
báo cáo kết quả")."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lamtheobac.core.dates import short_date, today
from lamtheobac.partydoc import Header, PartyDocument, Signature
from lamtheobac.programme.dashboard import YearPage, YearRow
from lamtheobac.programme.models import QUARTERS, ROMAN, Theme
from lamtheobac.programme.queries import CellRow, SessionStatus
from lamtheobac.units.models import Unit

COLUMNS = (
    ("STT", 6),
    ("Tổ chức cơ sở đảng", 44),
    ("Đảng viên", 10),
    ("Kế hoạch đã nộp", 11),
    ("Đã duyệt", 10),
    ("Đã đánh giá cuối năm", 11),
    ("Nêu gương (người đứng đầu)", 12),
    *((f"Sinh hoạt quý {ROMAN[q]} (đã/chi bộ)", 12) for q in QUARTERS),
    ("Điển hình đăng ký", 10),
    ("Điển hình được duyệt", 10),
    ("Mô hình đăng ký", 10),
    ("Mô hình được duyệt", 10),
)


def _values(row: YearRow) -> list[object]:
    p, e, s = row.pledges, row.exemplars, row.sessions
    return [
        s.members,
        p.submitted,
        p.accepted,
        p.assessed,
        p.leaders,
        *(f"{s.quarters[q].held}/{s.quarters[q].cells}" for q in QUARTERS),
        e.exemplars_registered,
        e.exemplars_approved,
        e.models_registered,
        e.models_approved,
    ]


def _put(ws: Worksheet, row: int, col: int, value: object, *, font: Font | None = None) -> None:
    """Write one cell; text stays text even when it starts with = + - @ (no formula)."""
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if font is not None:
        cell.font = font


def year_workbook(page: YearPage) -> bytes:
    """The year page as an .xlsx workbook: a title, one row per organisation, the total.

    Every text cell is stored as text, so a unit name beginning with = + - @ never becomes
    a formula; counts are numbers.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "Kết quả làm theo"
    bold = Font(bold=True)
    theme = page.theme
    _put(ws, 1, 1, f"Kết quả học tập và làm theo năm {theme.year} — {theme.scope.name}", font=bold)
    _put(ws, 2, 1, f"Chuyên đề năm {theme.year}: {theme.title}")
    _put(ws, 3, 1, f"Số liệu đến ngày {short_date(today())}")
    fill = PatternFill("solid", fgColor="EAEEF2")
    for col, (name, width) in enumerate(COLUMNS, start=1):
        _put(ws, 5, col, name, font=bold)
        ws.cell(5, col).fill = fill
        ws.cell(5, col).alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = width
    r = 6
    for i, row in enumerate(page.rows, start=1):
        _put(ws, r, 1, i)
        _put(ws, r, 2, row.unit.name)
        for c, value in enumerate(_values(row), start=3):
            _put(ws, r, c, value)
        r += 1
    _put(ws, r, 2, "Tổng cộng", font=bold)
    for c, value in enumerate(_values(page.total), start=3):
        _put(ws, r, c, value, font=bold)
    ws.freeze_panes = "C6"
    ws.auto_filter.ref = f"A5:{get_column_letter(len(COLUMNS))}{max(5, r - 1)}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _header(unit: Unit, kind: str) -> Header:
    return Header(
        superior=unit.superior_name or None,
        issuer=unit.header_name or unit.name.upper(),
        number=f"-{kind}/{unit.issuer_code}" if unit.issuer_code else f"-{kind}/ĐU",
        place=unit.place or "…",
        date=today(),
    )


def _signature() -> Signature:
    return Signature(capacity="T/M BAN THƯỜNG VỤ", title="PHÓ BÍ THƯ", name="")


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def year_section(page: YearPage) -> bytes:
    """The consolidated section "Kết quả đăng ký, thực hiện làm theo" as a Party-format
    BÁO CÁO: figures rolled up over the scope, then a table per organisation."""
    theme, total = page.theme, page.total
    p, e, s = total.pledges, total.exemplars, total.sessions
    doc = PartyDocument(
        header=_header(theme.committee, "BC"),
        kind_name="BÁO CÁO",
        title=f"kết quả đăng ký, thực hiện làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
        f"năm {theme.year}",
    )
    doc.heading("I- KẾT QUẢ ĐĂNG KÝ, THỰC HIỆN LÀM THEO", level=1)
    doc.paragraph(
        f"Chuyên đề năm {theme.year}: “{theme.title}”. Toàn {theme.scope.name} có "
        f"{s.members} đảng viên; {p.submitted} đồng chí đã xây dựng kế hoạch, đăng ký làm theo "
        f"({_percent(p.submitted, s.members)}), {p.accepted} kế hoạch đã được chi bộ duyệt, "
        f"{p.assessed} kế hoạch đã được đánh giá cuối năm ({p.good} hoàn thành tốt, {p.done} "
        f"hoàn thành, {p.not_done} chưa hoàn thành). {p.leaders} đồng chí là người đứng đầu, "
        "cán bộ chủ chốt đăng ký nêu gương."
    )
    held = "; ".join(
        f"quý {ROMAN[q]}: {s.quarters[q].held}/{s.quarters[q].cells} chi bộ"
        f" (dự {_percent(s.quarters[q].present, s.quarters[q].expected)})"
        for q in QUARTERS
    )
    doc.paragraph(f"Sinh hoạt chuyên đề theo chủ điểm hằng quý — {held}.")
    doc.paragraph(
        f"Các tổ chức cơ sở đảng đăng ký {e.exemplars_registered} gương điển hình "
        f"({e.exemplars_approved} được cấp ủy duyệt: {e.collectives} tập thể, {e.individuals} "
        f"cá nhân) và {e.models_registered} mô hình ({e.models_approved} được duyệt, "
        f"{e.models_replicated} đã nhân rộng)."
    )
    doc.heading("II- SỐ LIỆU CỦA CÁC TỔ CHỨC CƠ SỞ ĐẢNG", level=1)
    rows = [
        [
            str(i),
            row.unit.name,
            str(row.members),
            f"{row.pledges.submitted}/{row.pledges.accepted}/{row.pledges.assessed}",
            str(row.pledges.leaders),
            " ".join(str(row.sessions.quarters[q].held) for q in QUARTERS),
            f"{row.exemplars.exemplars_approved}/{row.exemplars.models_approved}",
        ]
        for i, row in enumerate(page.rows, start=1)
    ]
    doc.table(
        [
            "STT",
            "Tổ chức",
            "Đảng viên",
            "Kế hoạch nộp/duyệt/đánh giá",
            "Nêu gương",
            "Sinh hoạt quý I II III IV",
            "Điển hình/mô hình được duyệt",
        ],
        rows,
        widths_mm=[10, 50, 17, 27, 17, 24, 20],
        font_size=11,
    )
    doc.closing(recipients=["Ban Tuyên giáo cấp trên (b/c)", "Lưu VP, BTG"], signature=_signature())
    return doc.to_bytes()


def quarterly_report(theme: Theme, unit: Unit, quarter: int, rows: Sequence[CellRow]) -> bytes:
    """The grassroots organisation's report on quarter ``quarter``'s themed sessions, built
    from the recorded sessions of its cells (seed 004 §II.2.2)."""
    topic = theme.topics.filter(quarter=quarter).first()
    held = [r for r in rows if r.statuses[quarter] == SessionStatus.HELD]
    doc = PartyDocument(
        header=_header(unit, "BC"),
        kind_name="BÁO CÁO",
        title=f"kết quả tổ chức sinh hoạt chuyên đề quý {ROMAN[quarter]}/{theme.year}",
    )
    doc.paragraph(
        f"Thực hiện chương trình học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
        f"năm {theme.year} của {theme.committee.name}"
        + (f", chủ điểm quý {ROMAN[quarter]}: “{topic.title}”" if topic else "")
        + f", {unit.name} báo cáo kết quả tổ chức sinh hoạt chuyên đề như sau:"
    )
    held_sessions = [s for r in held if (s := r.sessions[quarter]) is not None]
    present = sum(s.present_count for s in held_sessions)
    expected = sum(s.expected for s in held_sessions)
    doc.paragraph(
        f"{len(held)}/{len(rows)} chi bộ đã tổ chức sinh hoạt chuyên đề; tỷ lệ đảng viên dự "
        f"{_percent(present, expected)} ({present}/{expected})."
    )
    for r in held:
        s = r.sessions[quarter]
        assert s is not None
        doc.labelled(
            f"{r.cell.name} (ngày {short_date(s.held_on)}): ",
            f"Người trình bày: {s.presenter or '—'}. Nội dung chính: {s.main_points or '—'} "
            f"Kết luận: {s.conclusions or '—'}",
        )
    table = []
    for i, r in enumerate(rows, start=1):
        s = r.sessions[quarter]
        recorded = r.statuses[quarter] == SessionStatus.HELD and s is not None
        table.append(
            [
                str(i),
                r.cell.name,
                short_date(s.held_on) if recorded and s else "",
                f"{s.present_count}/{s.expected}" if recorded and s else "",
                r.statuses[quarter].label,
            ]
        )
    doc.table(
        ["STT", "Chi bộ", "Ngày sinh hoạt", "Có mặt", "Tình trạng"],
        table,
        widths_mm=[12, 75, 28, 20, 30],
    )
    doc.closing(
        recipients=[f"Ban Thường vụ {theme.committee.name} (b/c)", "Lưu VP"],
        signature=_signature(),
    )
    return doc.to_bytes()
