"""Generated outputs of a round: the matrix as .xlsx, the công văn đôn đốc and the
consolidated report as .docx in the Party format (docs/domain.md §4.4–§4.5,
docs/party-format.md §18).

Every .docx takes the drafting step's ``DraftValues`` (issuing body, signer, signing date,
number, recipients, rule version); without one it uses the committee's defaults, dated today
and unsigned (what an office prints as a working draft).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from lamtheobac.core.dates import today
from lamtheobac.partydoc import (
    COLLECTIVE_LIMIT,
    Authority,
    DraftValues,
    PartyDocument,
    Signer,
    format_date_short,
    markup,
    sheets,
)
from lamtheobac.reporting.models import (
    Indicator,
    MatrixState,
    OutlineSection,
    ReportingRound,
    UnitReport,
)
from lamtheobac.reporting.queries import ConsolidatedSection, TargetRow
from lamtheobac.units.models import CELL_KINDS

PENDING_STATES = (MatrixState.NOT_STARTED, MatrixState.DRAFT, MatrixState.RETURNED)
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]
STATUS_TABLE = "[BẢNG TÌNH HÌNH GỬI BÁO CÁO]"
COLLECTIVE_ADDRESSEE = "Các đảng bộ, chi bộ cơ sở (có danh sách kèm theo)"


def _local(value: dt.datetime | None) -> dt.datetime | None:
    from django.utils import timezone

    from lamtheobac.core.dates import VN_TZ

    return timezone.localtime(value, VN_TZ) if value else None


def _submitted_label(row: TargetRow) -> str:
    if row.report is None or row.report.submitted_at is None:
        return ""
    local = _local(row.report.submitted_at)
    assert local is not None
    return f"{local:%H:%M} {format_date_short(local.date())}"


def percent_text(part: int, total: int) -> str:
    """'84,2%' — one decimal, Vietnamese decimal comma (issue 12 §4)."""
    value = 100 * part / total if total else 0.0
    return f"{value:.1f}".replace(".", ",") + "%"


def share(part: int, total: int) -> str:
    """'32/38 đơn vị (84,2%)'."""
    return f"{part}/{total} đơn vị ({percent_text(part, total)})"


def matrix_workbook(
    round: ReportingRound,
    rows: Sequence[TargetRow],
    counts: Counter[str],
    *,
    signing_date: dt.date | None = None,
) -> bytes:
    """The completeness matrix as an .xlsx workbook: one row per target unit, then the counts.

    Columns: STT, Đơn vị, Tình trạng, Thời điểm nộp (a datetime cell, Asia/Ho_Chi_Minh,
    "hh:mm dd/mm/yyyy"), Đúng hạn / muộn. Shares are fractions shown "0.0%". Text never
    becomes a formula; A4 landscape, one page wide, rows 1–4 repeated (issue 12 §5).
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "Tình hình báo cáo"
    sheets.put(ws.cell(1, 1), round.title).font = Font(bold=True, size=13)
    made = signing_date or today()
    sheets.put(
        ws.cell(2, 1),
        f"{round.deadline_display}; số đơn vị phải báo cáo: {len(rows)}; "
        f"lập ngày {format_date_short(made)}",
    )
    header = ["STT", "Đơn vị", "Tình trạng", "Thời điểm nộp", "Đúng hạn / muộn"]
    for column, name in enumerate(header, start=1):
        cell = sheets.put(ws.cell(4, column), name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EAEEF2")
    for i, row in enumerate(rows, start=1):
        timing = ""
        submitted = None
        if row.report and row.report.submitted_at:
            timing = "Muộn" if row.report.is_late else "Đúng hạn"
            submitted = _local(row.report.submitted_at)
        line = 4 + i
        for column, value in enumerate(
            [i, row.target.unit_name, row.state.label, submitted, timing], start=1
        ):
            sheets.put(ws.cell(line, column), value)
    line = 4 + len(rows) + 2
    for column, name in enumerate(["", "Tổng hợp", "Số đơn vị", "Tỷ lệ"], start=1):
        sheets.put(ws.cell(line, column), name).font = Font(bold=True)
    total = sum(counts.values())
    for state in MatrixState:
        line += 1
        n = counts.get(state.value, 0)
        sheets.put(ws.cell(line, 2), state.label)
        ws.cell(line, 3).value = n
        sheets.percent(ws.cell(line, 4), n, total)
    for col, width in zip("ABCDE", (6, 48, 20, 18, 16), strict=True):
        ws.column_dimensions[col].width = width
    for r in ws.iter_rows(min_row=5):
        r[1].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:E{4 + len(rows)}"
    sheets.print_setup(ws, title_rows=(4, 4), columns=5)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def round_ratio(n: int, total: int) -> float:
    return n / total if total else 0.0


def default_draft(round: ReportingRound, *, kind: str) -> DraftValues:
    """The committee issues, dated today, T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ, no name yet."""
    from lamtheobac.drafting.bodies import issuer_for

    committee = round.committee
    issuer = issuer_for(committee, committee)
    recipients: tuple[str, ...]
    if kind == "reminder":
        recipients = ("Như trên", "Lưu Văn phòng")
    else:
        recipients = (
            "Ban Thường vụ Tỉnh ủy (b/c)",
            "Ban Tuyên giáo Tỉnh ủy (b/c)",
            "Các đảng bộ, chi bộ cơ sở",
            "Lưu Văn phòng",
        )
    return DraftValues(
        issuer=issuer,
        signer=Signer(Authority.ON_BEHALF, "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", ""),
        date=today(),
        spelling="modern",
        recipients=recipients,
    )


def speaker(draft: DraftValues) -> str:
    """Who speaks in the text: 'Ban Thường vụ Đảng ủy Khối …' or a board's own name."""
    issuer = draft.issuer
    return issuer.name if issuer.is_board else f"{issuer.collective} {issuer.name}"


def basis(round: ReportingRound) -> str:
    """'Kế hoạch số 59-KH/ĐUK, ngày 06/3/2020 của Ban Thường vụ Đảng ủy Khối …' (§6)."""
    document = round.document
    if document is None:
        return ""
    kind = (document.kind_name or "văn bản").capitalize()
    if not document.number:
        return kind
    text = f"{kind} số {document.number}"
    if document.date:
        text += f", ngày {format_date_short(document.date)}"
    committee = round.committee
    code = (document.issuer_code or "").strip()
    if not code or code == (committee.issuer_code or "").strip():
        text += f" của Ban Thường vụ {committee.name}"
    elif document.issuer:
        text += f" của {document.issuer.strip().capitalize()}"
    return text


def _lower_first(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].lower() + text[1:] if text else text


def reminder_addressees(pending: Sequence[TargetRow]) -> list[str]:
    """Named units when a few; beyond ``COLLECTIVE_LIMIT`` the collective wording (§8)."""
    if len(pending) > COLLECTIVE_LIMIT:
        return [COLLECTIVE_ADDRESSEE]
    return [row.target.unit_name for row in pending]


def reminder_letter(
    round: ReportingRound,
    pending: Sequence[TargetRow],
    draft: DraftValues | None = None,
    *,
    total: int | None = None,
) -> bytes:
    """Công văn đôn đốc (a reminder is issued as a công văn, docs/party-format.md §13).

    Addressed to the units that have not submitted — by name when a few, otherwise
    "Các đảng bộ, chi bộ cơ sở (có danh sách kèm theo)" with the list attached after the
    signature; cites the plan "của <cơ quan>"; gives the new deadline (``draft.new_deadline``,
    else seven days after signing); dates zero-padded (§6).
    """
    draft = draft or default_draft(round, kind="reminder")
    rules = draft.rules
    title = _lower_first(round.report_title or round.title)
    summary = f"{rules.cong_van_summary_prefix}đôn đốc gửi báo cáo {title}"
    addressees = list(draft.addressees) or reminder_addressees(pending)
    attached = len(pending) > COLLECTIVE_LIMIT
    header = draft.header("CV", summary=summary)
    doc = PartyDocument(header=header, kind_name=None, addressees=addressees, rules=rules)
    signed = draft.date or today()
    new_deadline = draft.new_deadline or signed + dt.timedelta(days=7)
    source = basis(round)
    word = "trước ngày" if round.deadline_exclusive else "chậm nhất ngày"
    who = speaker(draft)
    doc.paragraph(
        (f"Thực hiện {source}, " if source else "")
        + f"{who} đề nghị các đảng bộ, chi bộ cơ sở gửi báo cáo {word} "
        f"{format_date_short(round.deadline)}."
    )
    outstanding = f"{len(pending):02d}"
    if total:
        outstanding += f"/{total}"
    doc.paragraph(
        f"Đến ngày {format_date_short(signed)}, còn {outstanding} đơn vị chưa gửi báo cáo"
        + (" (có danh sách kèm theo)." if attached else ".")
    )
    doc.paragraph(
        f"Để bảo đảm tiến độ tổng hợp, {who} đề nghị các đơn vị khẩn trương hoàn thành, "
        f"gửi báo cáo về {draft.issuer.name} trước ngày {format_date_short(new_deadline)}."
    )
    doc.closing(recipients=list(draft.recipients) or ["Như trên", "Lưu Văn phòng"],
                signature=draft.signature)  # fmt: skip
    if attached:
        dated = f", ngày {format_date_short(draft.date)}" if draft.date else ""
        doc.appendix(
            "Danh sách",
            "đơn vị chưa gửi báo cáo",
            f"kèm theo Công văn s{header.number_line[1:]}{dated} của {who}",
        )
        doc.table(
            ["STT", "Đơn vị", "Tình trạng"],
            [[str(i), r.target.unit_name, r.state.label] for i, r in enumerate(pending, 1)],
            widths_mm=[15, 110, 40],
        )
    return doc.to_bytes()


def _counted(row: TargetRow) -> bool:
    return bool(row.report and row.report.submitted_at and row.state not in PENDING_STATES)


def _labels(sections: Sequence[ConsolidatedSection]) -> list[str]:
    """Each section's label; unnumbered depth-1 sections get the next Roman numeral."""
    labels = []
    top = 0
    for item in sections:
        section = item.section
        if section.depth == 1:
            top += 1
            if not section.number:
                labels.append(f"{ROMAN[min(top, len(ROMAN)) - 1]}- {section.heading}")
                continue
        labels.append(section.label)
    return labels


def _with_content(sections: Sequence[ConsolidatedSection]) -> list[bool]:
    """Whether each section or any section below it (deeper, until the next sibling) has text."""
    own = [bool(s.entries or any(n for _, _, n in s.totals)) for s in sections]
    result = []
    for index, item in enumerate(sections):
        found = own[index]
        for later in range(index + 1, len(sections)):
            if sections[later].section.depth <= item.section.depth:
                break
            found = found or own[later]
        result.append(found)
    return result


def consolidated_text(
    round: ReportingRound,
    sections: Sequence[ConsolidatedSection],
    rows: Sequence[TargetRow],
    draft: DraftValues,
) -> str:
    """The report's body as editable markup (``partydoc.markup``), issue 12 §4.

    An opening with the count and share of units that reported ("32/38 đơn vị (84,2%)"),
    on time and late; per outline section a share line, indicator totals and each unit's
    contribution under its name; sections nobody reported on are left out and listed once at
    the end; every level-1 section numbered, the status table last.
    """
    total = len(rows)
    counted = [r for r in rows if _counted(r)]
    late = sum(1 for r in counted if r.report and r.report.is_late)
    signed = draft.date or today()
    source = basis(round)
    lines = [
        (f"Thực hiện {source}, đến" if source else "Đến")
        + f" ngày {format_date_short(signed)}, {share(len(counted), total)} đã gửi báo cáo "
        f"({len(counted) - late} đúng hạn, {late} muộn), {total - len(counted)} đơn vị chưa gửi. "
        f"{speaker(draft)} tổng hợp kết quả như sau:"
    ]
    labels = _labels(sections)
    content = _with_content(sections)
    empty = []
    top = 0
    for item, label, has in zip(sections, labels, content, strict=True):
        depth = min(item.section.depth, 3)
        if item.section.depth == 1:
            top += 1
        if not has:
            empty.append(label)
            continue
        lines.append(markup.heading(label, depth))
        if item.entries:
            lines.append(f"{share(len(item.entries), total)} đã báo cáo nội dung này.")
        for indicator, amount, n in item.totals:
            if not n:
                continue
            unit = f" {indicator.unit_label}" if indicator.unit_label else ""
            lines.append(
                f"- {indicator.name}: tổng cộng {amount.normalize():f}{unit} "
                f"({share(n, total)} báo cáo số liệu)."
            )
        for report, text in item.entries:
            parts = [p.strip().lstrip("#*_").strip() for p in text.splitlines() if p.strip()]
            if not parts:
                continue
            lines.append(markup.labelled(f"{report.unit.name}:", parts[0]))
            lines.extend(parts[1:])
    if empty:
        lines.append("Các nội dung chưa có đơn vị nào báo cáo: " + "; ".join(empty) + ".")
    lines.append(
        markup.heading(
            f"{ROMAN[min(top, len(ROMAN) - 1)]}- Tình hình gửi báo cáo của các đơn vị", 1
        )
    )
    lines.append(STATUS_TABLE)
    return "\n".join(lines)


def _status_rows(rows: Sequence[TargetRow]) -> list[list[object]]:
    table_rows: list[list[object]] = []
    for i, row in enumerate(rows, start=1):
        timing = ""
        if _counted(row):
            assert row.report is not None
            timing = "Muộn" if row.report.is_late else "Đúng hạn"
        table_rows.append(
            [str(i), row.target.unit_name, _submitted_label(row) if timing else "",
             timing or row.state.label]
        )  # fmt: skip
    return table_rows


def consolidated_report(
    round: ReportingRound,
    sections: Sequence[ConsolidatedSection],
    rows: Sequence[TargetRow],
    draft: DraftValues | None = None,
) -> bytes:
    """Báo cáo tổng hợp from ``draft.body_text`` (the edited markup) or, without an edit,
    from ``consolidated_text``; the status table is placed where the markup says."""
    draft = draft or default_draft(round, kind="consolidated")
    doc = PartyDocument(
        header=draft.header("BC"),
        kind_name="BÁO CÁO",
        title=_lower_first(round.report_title or round.title),
        addressees=None,
        rules=draft.rules,
    )
    text = draft.body_text or consolidated_text(round, sections, rows, draft)
    columns = ["STT", "Đơn vị", "Thời điểm nộp", "Đúng hạn / muộn"]

    def status_table() -> None:
        doc.table(columns, _status_rows(rows), widths_mm=[12, 85, 38, 30])

    markup.render(doc, text, blocks={STATUS_TABLE: status_table})
    doc.closing(recipients=list(draft.recipients), signature=draft.signature)
    return doc.to_bytes()


def unit_report_text(
    items: Sequence[tuple[OutlineSection, str, Sequence[tuple[Indicator, Decimal | None]]]],
) -> str:
    """A unit's report body as ``partydoc.markup``: each outline heading at its depth, the
    unit's text under it, its indicators as "- name: value unit" lines; a section left empty
    keeps its heading with "(Không có nội dung)" so the signed copy shows what was not reported."""
    lines: list[str] = []
    for section, text, values in items:
        lines.append(markup.heading(section.label, min(section.depth, 3)))
        # A line the unit began with "#" or "*" is their text, not a heading or a label.
        parts = [p.strip().lstrip("#*_").strip() for p in text.splitlines()]
        parts = [p for p in parts if p]
        lines.extend(parts)
        for indicator, value in values:
            if value is None:
                continue
            unit = f" {indicator.unit_label}" if indicator.unit_label else ""
            lines.append(f"- {indicator.name}: {value.normalize():f}{unit}.")
        if not parts and not any(v is not None for _i, v in values):
            lines.append(markup.italic("(Không có nội dung)"))
    return "\n".join(lines)


def unit_report(
    report: UnitReport,
    items: Sequence[tuple[OutlineSection, str, Sequence[tuple[Indicator, Decimal | None]]]],
) -> bytes:
    """Báo cáo of one unit in a round as .docx in the Party format, for the unit to print, sign
    and stamp (issue 14 §2): the unit's own header (its ``IssuingBody`` profile over its
    defaults), dated today (Asia/Ho_Chi_Minh), number left blank for the unit's register,
    "T/M ĐẢNG ỦY" (or "T/M CHI BỘ" for a cell) / BÍ THƯ with the name left blank, sent to the
    round's committee. What it contains is what the unit saved (a draft prints as a draft)."""
    from lamtheobac.drafting.bodies import issuer_for

    round = report.round
    unit = report.unit
    collective = "CHI BỘ" if unit.kind in CELL_KINDS else "ĐẢNG ỦY"
    draft = DraftValues(
        issuer=issuer_for(unit, round.committee),
        signer=Signer(Authority.ON_BEHALF, collective, "BÍ THƯ", ""),
        date=today(),
        spelling="modern",
        recipients=(f"Ban Thường vụ {round.committee.name} (b/c)", "Lưu Văn phòng"),
    )
    doc = PartyDocument(
        header=draft.header("BC"),
        kind_name="BÁO CÁO",
        title=_lower_first(round.title),
        addressees=None,
        rules=draft.rules,
    )
    markup.render(doc, unit_report_text(items))
    doc.closing(recipients=list(draft.recipients), signature=draft.signature)
    return doc.to_bytes()
