"""The values a clerk chooses before a document is generated (issue 12 §1).

``DraftValues`` is what the outputs read: issuing body, signer, signing date, number,
recipients, rule version and spelling, and for a consolidated report the edited text. The
drafting app stores them (``DocumentDraft``); a document is regenerated from them at will.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .header import Header, Signature
from .rules import RULES, FormatRules, Spelling, rules_for_date
from .signing import Issuer, Signer, signature

_VN = ZoneInfo("Asia/Ho_Chi_Minh")
COLLECTIVE_LIMIT = 3  # more addressees than this: collective wording + attached list (§8)


@dataclass(frozen=True)
class DraftValues:
    """One document's drafting choices.

    ``date`` is the signing date (Asia/Ho_Chi_Minh calendar day; None prints the blank
    form); ``serial`` the register number ("" leaves it blank for the office to fill);
    ``rule_version`` "hd36_2018" / "hd05_2026" or "" to choose by ``date`` (§0);
    ``spelling`` overrides the version's tone-mark convention; ``recipients`` are the Nơi
    nhận lines (the "Lưu …" line last); ``addressees`` the Kính gửi lines (empty: the
    output's default); ``body_text`` the edited markup of a consolidated report
    (``partydoc.markup``); ``new_deadline`` the date a reminder asks for.
    """

    issuer: Issuer
    signer: Signer
    date: datetime.date | None
    serial: str = ""
    rule_version: str = ""
    spelling: Spelling | None = None
    recipients: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    body_text: str | None = None
    new_deadline: datetime.date | None = None

    @property
    def rules(self) -> FormatRules:
        if self.rule_version:
            chosen = RULES[self.rule_version]
        else:
            chosen = rules_for_date(self.date or datetime.datetime.now(_VN).date())
        if self.spelling is not None and self.spelling != chosen.spelling:
            chosen = dataclasses.replace(chosen, spelling=self.spelling)
        return chosen

    @property
    def signature(self) -> Signature:
        return signature(self.signer)

    def number(self, kind: str) -> str:
        """'05-BC/ĐUK', or '-BC/ĐUK' with no serial yet (§5)."""
        serial = self.serial.strip()
        if serial.isdigit() and len(serial) == 1:
            serial = f"0{serial}"
        return f"{serial}-{kind}/{self.issuer.symbol}"

    def header(self, kind: str, *, summary: str | None = None) -> Header:
        return Header(
            superior=self.issuer.superior,
            issuer=self.issuer.header,
            number=self.number(kind),
            place=self.issuer.place,
            date=self.date,
            summary=summary,
        )
