"""Who signs and on whose behalf: the authority line of boxes 7a–7b (docs/party-format.md §10).

A plain module (no Django): the drafting app stores the choice, the outputs call
``signature()`` to turn it into the three lines of the signature block.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from .header import Signature
from .text import nfc


class Authority(StrEnum):
    """The authority prefix (36-HD point 1.7.1): "" when the head of a board signs directly."""

    DIRECT = ""
    ON_BEHALF = "T/M"  # a collective: congress, Party committee, UBKT, council [A]
    DEPUTY = "K/T"  # a deputy of an advisory board signing for its head [A]
    BY_ORDER = "T/L"  # e.g. the chief of office by order of the standing committee [C]
    DELEGATED = "T/UQ"  # State practice; no Party evidence (§10) — offered, flagged in the form


AUTHORITY_LABELS = {
    Authority.DIRECT: "Người đứng đầu ký trực tiếp (không có tiền tố)",
    Authority.ON_BEHALF: "T/M — thay mặt tập thể (cấp ủy, ban thường vụ)",
    Authority.DEPUTY: "K/T — cấp phó ký thay người đứng đầu ban",
    Authority.BY_ORDER: "T/L — thừa lệnh",
    Authority.DELEGATED: "T/UQ — thừa ủy quyền (ít dùng trong văn bản Đảng)",
}


@dataclass(frozen=True)
class Issuer:
    """The issuing body of a document (box 2) and how it is named in the text.

    ``superior`` is the directly superior body's header line (None for one line); ``header``
    is the issuer's own header line (caps); ``symbol`` the issuer code after the slash
    ("ĐUK", "BTGĐUK", §14.2); ``name`` its name in running text ("Ban Tuyên giáo Đảng ủy
    Khối các cơ quan tỉnh"); ``is_board`` says an advisory board issues (its head signs
    directly, a deputy K/T) rather than a collective committee (T/M).
    """

    superior: str | None
    header: str
    symbol: str
    place: str
    name: str
    is_board: bool = False
    collective: str = "Ban Thường vụ"

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-ZĐ][A-ZĐa-zđ0-9]*(?:-[A-ZĐ][A-ZĐa-zđ0-9]*)*", self.symbol):
            raise ValueError(f"ký hiệu cơ quan ban hành không hợp lệ: {self.symbol!r}")


@dataclass(frozen=True)
class Signer:
    """The signer chosen in the drafting step; ``behalf`` is what follows the prefix
    ("BAN THƯỜNG VỤ" after T/M, "TRƯỞNG BAN" after K/T)."""

    authority: Authority
    behalf: str = ""
    title: str = ""
    name: str = ""
    problems: tuple[str, ...] = field(default=(), compare=False)


def check_signer(signer: Signer, *, board: bool) -> list[str]:
    """Vietnamese messages for a signer that breaks §10 (empty list when it is fine).

    A committee is a collective: its members sign T/M (a deputy secretary too, never K/T).
    The head of a board signs directly; a deputy signs K/T for the head [A].
    """
    errors = []
    if not signer.name.strip():
        errors.append("Nhập họ và tên người ký.")
    if signer.authority in (Authority.ON_BEHALF, Authority.BY_ORDER, Authority.DELEGATED) and (
        not signer.behalf.strip()
    ):
        errors.append("Nhập tên tập thể sau tiền tố (ví dụ: BAN THƯỜNG VỤ).")
    if signer.authority == Authority.DEPUTY:
        if not board:
            errors.append(
                "Cấp ủy là tập thể lãnh đạo: phó bí thư ký T/M, không ký K/T "
                "(Hướng dẫn 36-HD/VPTW, điểm 1.7.1)."
            )
        if not signer.behalf.strip():
            errors.append("Nhập chức danh người đứng đầu sau K/T (ví dụ: TRƯỞNG BAN).")
    if signer.authority == Authority.DIRECT and not board:
        errors.append("Văn bản của cấp ủy ký T/M (thay mặt) tập thể, không ký trực tiếp.")
    if signer.authority == Authority.DIRECT and not signer.title.strip():
        errors.append("Nhập chức vụ người ký (ví dụ: TRƯỞNG BAN).")
    return errors


def signature(signer: Signer) -> Signature:
    """The signature block lines: 'T/M BAN THƯỜNG VỤ' / 'PHÓ BÍ THƯ' / name (§10)."""
    behalf = " ".join(nfc(signer.behalf).upper().split())
    capacity = (
        f"{signer.authority.value} {behalf}" if signer.authority != Authority.DIRECT else None
    )
    title = nfc(signer.title).strip().upper() or None
    return Signature(capacity=capacity, title=title, name=" ".join(nfc(signer.name).split()))


_SUFFIX = re.compile(
    r"\s+(đảng|huyện|thị|tỉnh|thành|quận)\s+(ủy|uỷ)\b.*$", re.IGNORECASE | re.UNICODE
)


def board_short(board_name: str) -> str:
    """'Ban Tuyên giáo Đảng ủy Khối' -> 'Ban Tuyên giáo' (the committee part dropped)."""
    return _SUFFIX.sub("", nfc(board_name).strip())


def board_header(board_name: str) -> str:
    """'Ban Tuyên giáo Đảng ủy Khối' -> 'BAN TUYÊN GIÁO' (the committee is the superior line)."""
    return board_short(board_name).upper()


def initials(name: str) -> str:
    """Initials of a body name for its symbol (§14.2): 'BAN TUYÊN GIÁO' -> 'BTG',
    'ĐẢNG ỦY KHỐI' -> 'ĐUK'; letters are reduced to A–Z and Đ."""
    letters = []
    for word in nfc(name).split():
        first = word[0].upper()
        if first == "Đ":
            letters.append("Đ")
            continue
        base = unicodedata.normalize("NFD", first)[0]
        if base.isalpha() and base.isascii():
            letters.append(base.upper())
    return "".join(letters) or "VP"
