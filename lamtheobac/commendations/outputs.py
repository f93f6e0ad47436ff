"""Generated outputs of a commendation round, in the Party format (docs/party-format.md):
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
from lamtheobac.core import wording
from lamtheobac.core.dates import today
from lamtheobac.core.vietnamese import sort_key
from lamtheobac.partydoc import (
    Authority,
    DraftValues,
    PartyDocument,
    Signature,
    Signer,
    format_date_short,
    sheets,
)

PROPOSED_STATES = (NominationState.SHORTLISTED, NominationState.DECIDED)
LISTED_STATES = (
    NominationState.SUBMITTED,
    NominationState.SHORTLISTED,
    NominationState.DECIDED,
    NominationState.NOT_SELECTED,
)
PROGRAMME = "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
TIE_BREAKS = {
    "given_middle_family": "Tên, rồi tên đệm, rồi họ",
    "given_family_middle": "Tên, rồi họ và tên đệm",
}


def default_draft(round: CommendationRound, *, kind: str) -> DraftValues:
    """Defaults: the tờ trình from the Propaganda Board (its head signs directly), the
    decision from the committee (T/M BAN THƯỜNG VỤ / BÍ THƯ); dated today, no name yet."""
    from lamtheobac.drafting.bodies import issuer_for, propaganda_board

    committee = round.committee
    board = propaganda_board(committee) if kind == "petition" else None
    issuer = issuer_for(board or committee, committee)
    if kind == "petition" and issuer.is_board:
        signer = Signer(Authority.DIRECT, "", "TRƯỞNG BAN", "")
        recipients: tuple[str, ...] = ("Như trên", f"Lưu {issuer.name.split(' Đảng')[0]}")
    elif kind == "petition":
        signer = Signer(Authority.ON_BEHALF, "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "")
        recipients = ("Như trên", "Lưu Văn phòng")
    else:
        signer = Signer(Authority.ON_BEHALF, "BAN THƯỜNG VỤ", "BÍ THƯ", "")
        recipients = ("Như Điều 3", "Lưu Văn phòng")
    return DraftValues(
        issuer=issuer, signer=signer, date=today(), spelling="modern", recipients=recipients
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
    draft: DraftValues | None = None,
    *,
    signer: Signature | None = None,
) -> bytes:
    """Tờ trình (TTr) proposing the shortlisted and decided nominees to the Standing
    Committee, with the nominee list as tables.

    The issuing body in the header is the body that proposes (by default the Propaganda
    Board, under the committee's header line, with its own symbol); the text, the signature
    (head directly, deputy K/T) and "Lưu" name the same body (issue 12, §4, §10).
    """
    draft = draft or default_draft(round, kind="petition")
    collectives, individuals = _lists(round, PROPOSED_STATES)
    standing = _standing_committee(round)
    doc = PartyDocument(
        draft.header("TTr"),
        kind_name="TỜ TRÌNH",
        title=f"về việc đề nghị khen thưởng tập thể, cá nhân điển hình tiên tiến trong {PROGRAMME}",
        addressees=list(draft.addressees) or [standing],
        rules=draft.rules,
    )
    source = _source(round)
    if source:
        doc.paragraph(f"Thực hiện {source};")
    proposer = draft.issuer.name if draft.issuer.is_board else standing
    doc.paragraph(
        f"Trên cơ sở đề nghị của các tổ chức cơ sở đảng và kết quả xét chọn, {proposer} "
        f"kính trình {standing} xem xét, khen thưởng "
        f"{_both(collectives, individuals)} có thành tích tiêu "
        f"biểu trong {PROGRAMME}, cụ thể như sau:"
    )
    _tables(doc, collectives, individuals, award_column=False)
    doc.paragraph(f"Kính trình {standing} xem xét, quyết định.")
    doc.closing(list(draft.recipients), signer or draft.signature)
    return doc.to_bytes()


def _both(collectives: Sequence[object], individuals: Sequence[object]) -> str:
    """ "02 tập thể và 03 cá nhân"; a part with none is left out ("khen thưởng 02 cá nhân",
    never "00 tập thể"; core.wording)."""
    return wording.counts([(len(collectives), "tập thể"), (len(individuals), "cá nhân")])


def decision_docx(
    round: CommendationRound,
    draft: DraftValues | None = None,
    *,
    bases: Sequence[str] = (),
    signer: Signature | None = None,
) -> bytes:
    """Quyết định khen thưởng (QĐ): upright bases ("Căn cứ …", §9), "BAN THƯỜNG VỤ <body>
    QUYẾT ĐỊNH:" naming the body as the bases do, Điều 1–3, the closing, and the appendix
    "Danh sách tập thể, cá nhân được khen thưởng"."""
    draft = draft or default_draft(round, kind="decision")
    collectives, individuals = _lists(round, (NominationState.DECIDED,))
    committee = round.committee
    body = committee.name
    header = draft.header("QĐ")
    doc = PartyDocument(
        header,
        kind_name="QUYẾT ĐỊNH",
        title=f"về việc khen thưởng tập thể, cá nhân điển hình tiên tiến trong {PROGRAMME}",
        rules=draft.rules,
    )
    enacting = f"BAN THƯỜNG VỤ {body.upper()}"
    doc.paragraph(enacting, bold=True, indent=False, align="center")
    lines = list(bases) or [
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        f"Căn cứ Quy chế làm việc của Ban Chấp hành {body};",
    ]
    source = _source(round)
    if source and not bases:
        lines.append(f"Căn cứ {source};")
    lines.append(f"Xét đề nghị của Ban Tuyên giáo {body},")
    for line in lines:
        doc.paragraph(line)
    doc.paragraph(f"{enacting} QUYẾT ĐỊNH:", bold=True, indent=False, align="center")
    doc.labelled(
        "Điều 1.",
        f"Khen thưởng {_both(collectives, individuals)} đã có "
        f"thành tích tiêu biểu trong {PROGRAMME} (có danh sách kèm theo).",
    )
    doc.labelled(
        "Điều 2.",
        "Các tập thể, cá nhân có tên tại Điều 1 được nhận hình thức khen thưởng ghi trong "
        "danh sách kèm theo.",
    )
    doc.labelled(
        "Điều 3.",
        f"Văn phòng, Ban Tuyên giáo {body}, các tổ chức cơ sở đảng và các tập thể, "
        "cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    )
    doc.closing(list(draft.recipients), signer or draft.signature)
    dated = f", ngày {format_date_short(header.date)}" if header.date else ""
    doc.appendix(
        "Phụ lục",
        "Danh sách tập thể, cá nhân được khen thưởng",
        f"kèm theo Quyết định s{header.number_line[1:]}{dated} của Ban Thường vụ {body}",
    )
    _tables(doc, collectives, individuals, award_column=True)
    return doc.to_bytes()


def name_order(n: Nomination, tie_break: str) -> str:
    """Vietnamese office order key: given name first, then the configured tie-break."""
    person = n.nominee_person
    if person is None:
        return ""
    if tie_break == "given_family_middle":
        return sort_key(person.given_name, person.family_name, person.middle_name)
    return sort_key(person.given_name, person.middle_name, person.family_name)


def list_workbook(
    round: CommendationRound,
    *,
    states: Sequence[str] = LISTED_STATES,
    group_by_unit: bool = False,
    tie_break: str = "given_middle_family",
    signing_date: dt.date | None = None,
) -> bytes:
    """The nominee list as .xlsx: collectives (tree order), then individuals (office order).

    Columns: STT, Loại, Tên tập thể / Họ và tên, Chức vụ, đơn vị, Đơn vị đề nghị,
    Tình trạng, Hình thức khen thưởng, Gửi muộn, Ngày gửi (a date cell "dd/mm/yyyy").
    ``tie_break`` orders people with the same given name (``TIE_BREAKS``);
    ``group_by_unit`` lists by proposing unit (tree order), each unit under a bold row.
    Text never becomes a formula; A4 landscape, one page wide, rows 1–4 repeated.
    """
    collectives, individuals = _lists(round, states)
    individuals.sort(key=lambda n: (name_order(n, tie_break), n.pk))
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    sheets.put(ws.cell(1, 1), round.title).font = Font(bold=True, size=13)
    made = signing_date or today()
    sheets.put(
        ws.cell(2, 1),
        f"Hạn gửi hồ sơ: {round.deadline_display}; lập ngày {format_date_short(made)}",
    )
    header = [
        "STT",
        "Loại",
        "Tên tập thể / Họ và tên",
        "Chức vụ, đơn vị",
        "Đơn vị đề nghị",
        "Tình trạng",
        "Hình thức khen thưởng",
        "Gửi muộn",
        "Ngày gửi",
    ]
    for column, name in enumerate(header, start=1):
        cell = sheets.put(ws.cell(4, column), name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EAEEF2")
    everyone = [*collectives, *individuals]
    groups: list[tuple[str | None, list[Nomination]]] = [(None, everyone)]
    if group_by_unit:
        by_unit: dict[int, list[Nomination]] = {}
        units = {}
        for n in everyone:
            by_unit.setdefault(n.unit_id, []).append(n)
            units[n.unit_id] = n.unit
        ordered = sorted(units.values(), key=lambda u: u.path)
        groups = [(u.name, by_unit[u.pk]) for u in ordered]
    line = 4
    index = 0
    for title, members in groups:
        if title is not None:
            line += 1
            sheets.put(ws.cell(line, 1), title).font = Font(bold=True)
        for n in members:
            index += 1
            line += 1
            where = _person_line(n)[1] if n.nominee_person_id else ""
            submitted = getattr(n, "submitted_at", None)
            values: list[object] = [
                index,
                n.nominee_kind.label,
                n.nominee_name,
                where,
                n.unit.name,
                n.get_state_display(),
                n.award_kind.name if n.award_kind else "",
                "Có" if n.is_late else "",
                _local_date(submitted),
            ]
            for column, value in enumerate(values, start=1):
                sheets.put(ws.cell(line, column), value)
    for col, width in zip("ABCDEFGHI", (6, 10, 36, 40, 36, 18, 36, 10, 12), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=5):
        for cell in row[2:5]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A5"
    if not group_by_unit:
        ws.auto_filter.ref = f"A4:I{4 + index}"
    sheets.print_setup(ws, title_rows=(4, 4), columns=9)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _local_date(value: dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    from django.utils import timezone

    from lamtheobac.core.dates import VN_TZ

    return timezone.localtime(value, VN_TZ).date()
