"""Write Party-format .docx documents (Hướng dẫn 36-HD/VPTW; see docs/party-format.md).

A plain package: no Django import, so reports and commendations can be built anywhere.
"""

from .dates import format_date_line, format_date_long, format_date_short
from .document import PartyDocument
from .draft import COLLECTIVE_LIMIT, DraftValues
from .header import Header, Signature, format_number
from .rules import RULES, FormatRules, rules_for_date
from .signing import Authority, Issuer, Signer, signature
from .text import respell

__all__ = [
    "COLLECTIVE_LIMIT",
    "RULES",
    "Authority",
    "DraftValues",
    "FormatRules",
    "Header",
    "Issuer",
    "PartyDocument",
    "Signature",
    "Signer",
    "format_date_line",
    "format_date_long",
    "format_date_short",
    "format_number",
    "respell",
    "rules_for_date",
    "signature",
]
