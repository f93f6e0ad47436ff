"""Issuing bodies: a committee or one of its boards, with header lines and symbol (§4, §14.2).

Boards are units of kind ``board`` directly under the committee (docs/domain.md §3). A unit's
``IssuingBody`` profile, when saved, wins; otherwise the values come from the unit:
the committee's ``header_name``/``superior_name``/``issuer_code`` (initials of its header name
when the code is empty — never a server error), a board's name without the committee part,
under the committee's header line, with the board's initials before the committee's code
("BTG" + "ĐUK" = "BTGĐUK").
"""

from __future__ import annotations

from lamtheobac.drafting.models import IssuingBody
from lamtheobac.partydoc.signing import Issuer, board_header, board_short, initials
from lamtheobac.units.models import Unit, UnitKind


def committee_symbol(committee: Unit) -> str:
    code = (committee.issuer_code or "").strip()
    return code or initials(committee.header_name or committee.name)


def boards_of(committee: Unit) -> list[Unit]:
    """The committee's boards (Ban Tuyên giáo, Văn phòng, UBKT…), in tree order."""
    return list(
        Unit.objects.filter(
            path__startswith=committee.path,
            depth=committee.depth + 1,
            kind=UnitKind.BOARD,
            is_active=True,
        ).order_by("path")
    )


def default_issuer(unit: Unit, committee: Unit) -> Issuer:
    """The issuer values of ``unit`` (the committee itself or one of its boards), unsaved."""
    place = committee.place or "Quảng Nam"
    if unit.pk == committee.pk or unit.kind != UnitKind.BOARD:
        return Issuer(
            superior=committee.superior_name or None,
            header=committee.header_name or committee.name.upper(),
            symbol=committee_symbol(committee),
            place=place,
            name=committee.name,
        )
    header = unit.header_name or board_header(unit.name)
    return Issuer(
        superior=committee.header_name or committee.name.upper(),
        header=header,
        symbol=(unit.issuer_code or initials(header) + committee_symbol(committee)),
        place=place,
        name=f"{board_short(unit.name)} {committee.name}",
        is_board=True,
    )


def issuer_for(unit: Unit, committee: Unit) -> Issuer:
    """``unit``'s saved ``IssuingBody`` profile over its defaults."""
    base = default_issuer(unit, committee)
    profile = IssuingBody.objects.filter(unit=unit).first()
    if profile is None:
        return base
    return Issuer(
        superior=profile.superior or None,
        header=profile.header,
        symbol=profile.symbol,
        place=base.place,
        name=base.name,
        is_board=base.is_board,
    )


def propaganda_board(committee: Unit) -> Unit | None:
    """The board that runs the programme (Ban Tuyên giáo, or Tuyên giáo và Dân vận)."""
    for board in boards_of(committee):
        if board.name.lower().startswith("ban tuyên giáo"):
            return board
    return None
