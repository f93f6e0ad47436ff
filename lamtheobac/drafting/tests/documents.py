"""One generated document of every kind, under a chosen rule version (conformance, PDF tests)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from lamtheobac.commendations import outputs as commendation_outputs
from lamtheobac.drafting.bodies import issuer_for, propaganda_board
from lamtheobac.drafting.tests.builders import commendation_round, reporting_round
from lamtheobac.partydoc import Authority, DraftValues, Signer, specimens
from lamtheobac.reporting import outputs as reporting_outputs
from lamtheobac.reporting import queries
from lamtheobac.testing import World

VERSIONS = ("hd36_2018", "hd05_2026")
SIGNING = {"hd36_2018": dt.date(2026, 3, 2), "hd05_2026": dt.date(2026, 6, 10)}
SIGNER = Signer(Authority.ON_BEHALF, "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Phạm Văn Sáu")
DEPUTY = Signer(Authority.DEPUTY, "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Thị Hoa")


@dataclasses.dataclass
class Generated:
    code: str  # kind code: BC, CV, TTr, QĐ, TB, KH
    data: bytes
    board: bool
    names: list[str]  # unit names that must be in the rendered text
    rows: int  # data rows of the document's tables


def generate_all(world: World, version: str, *, units: int = 6) -> list[Generated]:
    committee = world.committee
    base = DraftValues(
        issuer=issuer_for(committee, committee),
        signer=SIGNER,
        date=SIGNING[version],
        serial="5",
        rule_version=version,
        recipients=("Ban Thường vụ Tỉnh ủy (b/c)", "Các đảng bộ, chi bộ cơ sở", "Lưu Văn phòng"),
    )
    rround = reporting_round(world, units=units, submitted=max(1, units - 6))
    sections, rows = queries.consolidation(rround)
    pending = [r for r in rows if r.state in reporting_outputs.PENDING_STATES]
    names = [r.target.unit_name for r in rows]
    cround = commendation_round(world)
    board = propaganda_board(committee)
    assert board is not None
    petition = dataclasses.replace(
        base, issuer=issuer_for(board, committee), signer=DEPUTY,
        recipients=("Như trên", "Lưu Ban Tuyên giáo"),
    )  # fmt: skip
    decision = dataclasses.replace(
        base, signer=dataclasses.replace(SIGNER, title="BÍ THƯ"),
        recipients=("Như Điều 3", "Lưu Văn phòng"),
    )  # fmt: skip
    reminder = dataclasses.replace(base, recipients=("Như trên", "Lưu Văn phòng"))
    return [
        Generated(
            "BC",
            reporting_outputs.consolidated_report(rround, sections, rows, base),
            False,
            names,
            len(rows),
        ),
        Generated(
            "CV",
            reporting_outputs.reminder_letter(rround, pending, reminder, total=len(rows)),
            False,
            [r.target.unit_name for r in pending],
            len(pending),
        ),
        Generated("TTr", commendation_outputs.petition_docx(cround, petition), True, [], 4),
        Generated("QĐ", commendation_outputs.decision_docx(cround, decision), False, [], 4),
        Generated("TB", specimens.notice(base), False, [], 0),
        Generated("KH", specimens.plan(base), False, [], 0),
    ]
