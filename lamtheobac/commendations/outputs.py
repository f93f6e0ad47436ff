"""Generated outputs of a commendation round, in the Party format (party-document-format.md):
the tờ trình with its nominee list, the quyết định khen thưởng with its appendix list, and the
list as .xlsx. Individuals in Vietnamese office order, collectives in unit tree order."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from lamtheobac.commendations.models import CommendationRound, Nomination, NominationState
from lamtheobac.commendations.queries import decided_lists
from lamtheobac.core.dates import short_date, today
from lamtheobac.partydoc import Header, PartyDocument, Signature, format_date_short

PROPOSED_STATES = (NominationState.SHORTLISTED, NominationState.DECIDED)
LISTED_STATES = (
    NominationState.SUBMITTED,
    NominationState.SHORTLISTED,
    NominationState.DECIDED,
    NominationState.NOT_SELECTED,
)
PROGRAMME = "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"


def _committee_header(
    round: CommendationRound, kind: str, number: str, date: dt.date | None
) -> Header:
    committee = round.committee
    code = committee.issuer_code or "ĐUK"
    return Header(
        superior=committee.superior_name or None,
        issuer=committee.header_name or committee.name.upper(),
        number=number or f"-{kind}/{code}",
        place=committee.place or "Quảng Nam",
        date=date,
    )


def _standing_committee(round: CommendationRound) -> str:
    """ "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh" from the committee's name."""
    return f"Ban Thường vụ {round.committee.name}"


def _person_line(n: Nomination) -> tuple[str, str]:
    person = n.nominee_person
    assert person is not None
    where = ", ".join(p for p in (person.position, person.unit.name) if p)
    return person.full_name, where


def _source(round: CommendationRound) -> str:
    document = round.document
    if document is None:
        return ""
    dated = f", ngày {format_date_short(document.date)}" if document.date else ""
    return f"{document.display_name}{dated} của {_standing_committee(round)}"


def _lists(
    round: CommendationRound, states: Sequence[str]
) -> tuple[list[Nomination], list[Nomination]]:
    return decided_lists(round, states=states)


def _last_cell(n: Nomination, award_column: bool) -> str:
    if award_column:
        return n.award_kind.name if n.award_kind else ""
    return n.unit.name


def _tables(
    doc: PartyDocument,
    collectives: Sequence[Nomination],
    individuals: Sequence[Nomination],
    *,
    award_column: bool,
) -> None:
    doc.heading("I- Tập thể", level=1)
    if collectives:
        last_column = "Hình thức khen thưởng" if award_column else "Đơn vị đề nghị"
        rows: list[list[object]] = [
            [i, n.nominee_name, _last_cell(n, award_column)]
            for i, n in enumerate(collectives, start=1)
        ]
        columns, widths = ["STT", "Tên tập thể", last_column], [14, 91, 60]
        doc.table(columns, rows, widths_mm=widths)
    else:
        doc.paragraph("Không có.")
    doc.heading("II- Cá nhân", level=1)
    if individuals:
        rows = []
        for i, n in enumerate(individuals, start=1):
            name, where = _person_line(n)
            rows.append([i, name, where, _last_cell(n, award_column)])
        last_column = "Hình thức khen thưởng" if award_column else "Đơn vị đề nghị"
        doc.table(
            ["STT", "Họ và tên", "Chức vụ, đơn vị công tác", last_column],
            rows,
            widths_mm=[14, 45, 60, 46],
        )
    else:
        doc.paragraph("Không có.")


def petition_docx(
    round: CommendationRound,
    *,
    number: str = "",
    date: dt.date | None = None,
    signer: Signature | None = None,
) -> bytes:
    """Tờ trình (TTr) of the Propaganda Board to the Standing Committee proposing the
    shortlisted and decided nominees, with the nominee list as tables."""
    collectives, individuals = _lists(round, PROPOSED_STATES)
    board = round.committee.name
    doc = PartyDocument(
        _committee_header(round, "TTr", number, date or today()),
        kind_name="TỜ TRÌNH",
        title=f"về việc đề nghị khen thưởng tập thể, cá nhân điển hình tiên tiến trong {PROGRAMME}",
        addressees=[_standing_committee(round)],
    )
    source = _source(round)
    if source:
        doc.paragraph(f"Thực hiện {source};")
    doc.paragraph(
        f"Trên cơ sở đề nghị của các tổ chức cơ sở đảng và kết quả xét chọn, Ban Tuyên giáo "
        f"{board} kính trình {_standing_committee(round)} xem xét, khen thưởng "
        f"{len(collectives):02d} tập thể và {len(individuals):02d} cá nhân có thành tích tiêu "
        f"biểu trong {PROGRAMME}, cụ thể như sau:"
    )
    _tables(doc, collectives, individuals, award_column=False)
    doc.paragraph(f"Kính trình {_standing_committee(round)} xem xét, quyết định.")
    doc.closing(
        ["Lưu Ban Tuyên giáo."],
        signer or Signature(capacity="T/M BAN TUYÊN GIÁO", title="TRƯỞNG BAN", name=""),
    )
    return doc.to_bytes()


def decision_docx(
    round: CommendationRound,
    *,
    number: str = "",
    date: dt.date | None = None,
    bases: Sequence[str] = (),
    signer: Signature | None = None,
) -> bytes:
    """Quyết định khen thưởng (QĐ): bases ("Căn cứ …"), "BAN THƯỜNG VỤ … QUYẾT ĐỊNH:",
    Điều 1–3, the closing, and the appendix "Danh sách tập thể, cá nhân được khen thưởng"."""
    collectives, individuals = _lists(round, (NominationState.DECIDED,))
    committee = round.committee
    body_name = (committee.header_name or committee.name).upper()
    header = _committee_header(round, "QĐ", number, date or today())
    doc = PartyDocument(
        header,
        kind_name="QUYẾT ĐỊNH",
        title=f"về việc khen thưởng tập thể, cá nhân điển hình tiên tiến trong {PROGRAMME}",
    )
    doc.paragraph(f"BAN THƯỜNG VỤ {body_name}", bold=True, indent=False, align="center")
    lines = list(bases) or [
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        f"Căn cứ Quy chế làm việc của Ban Chấp hành {committee.name};",
    ]
    source = _source(round)
    if source and not bases:
        lines.append(f"Căn cứ {source};")
    lines.append(f"Xét đề nghị của Ban Tuyên giáo {committee.name},")
    for line in lines:
        doc.paragraph(line, italic=True)
    doc.paragraph(f"BAN THƯỜNG VỤ {body_name} QUYẾT ĐỊNH:", bold=True, indent=False, align="center")
    doc.labelled(
        "Điều 1.",
        f"Khen thưởng {len(collectives):02d} tập thể và {len(individuals):02d} cá nhân đã có "
        f"thành tích tiêu biểu trong {PROGRAMME} (có danh sách kèm theo).",
    )
    doc.labelled(
        "Điều 2.",
        "Các tập thể, cá nhân có tên tại Điều 1 được nhận hình thức khen thưởng ghi trong "
        "danh sách kèm theo.",
    )
    doc.labelled(
        "Điều 3.",
        f"Văn phòng, Ban Tuyên giáo {committee.name}, các tổ chức cơ sở đảng và các tập thể, "
        "cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    )
    doc.closing(
        ["Như Điều 3,", "Lưu Văn phòng Đảng ủy Khối."],
        signer or Signature(capacity="T/M BAN THƯỜNG VỤ", title="BÍ THƯ", name=""),
    )
    dated = f", ngày {format_date_short(header.date)}" if header.date else ""
    doc.appendix(
        "Phụ lục",
        "Danh sách tập thể, cá nhân được khen thưởng",
        f"kèm theo Quyết định s{header.number_line[1:]}{dated} của Ban Thường vụ {committee.name}",
    )
    _tables(doc, collectives, individuals, award_column=True)
    return doc.to_bytes()


def list_workbook(round: CommendationRound, *, states: Sequence[str] = LISTED_STATES) -> bytes:
    """The nominee list as .xlsx: collectives (tree order), then individuals (office order).

    Columns: STT, Loại, Tên tập thể / Họ và tên, Chức vụ, đơn vị, Đơn vị đề nghị,
    Tình trạng, Hình thức khen thưởng, Gửi muộn.
    """
    collectives, individuals = _lists(round, states)
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append([round.title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Hạn gửi hồ sơ: {round.deadline_display}; lập ngày {short_date(today())}"])
    ws.append([])
    header = [
        "STT",
        "Loại",
        "Tên tập thể / Họ và tên",
        "Chức vụ, đơn vị",
        "Đơn vị đề nghị",
        "Tình trạng",
        "Hình thức khen thưởng",
        "Gửi muộn",
    ]
    ws.append(header)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EAEEF2")
    index = 0
    for n in [*collectives, *individuals]:
        index += 1
        where = _person_line(n)[1] if n.nominee_person_id else ""
        ws.append(
            [
                index,
                n.nominee_kind.label,
                n.nominee_name,
                where,
                n.unit.name,
                n.get_state_display(),
                n.award_kind.name if n.award_kind else "",
                "Có" if n.is_late else "",
            ]
        )
    for col, width in zip("ABCDEFGH", (6, 10, 36, 40, 36, 18, 36, 10), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=5):
        for cell in row[2:5]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:H{4 + index}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
