"""Numbers and bounds in the words a Party office writes (issue 14 §4; docs/party-format.md:
counts in documents are written with two digits, "01 tập thể").

- ``count(2, "cá nhân")`` → "02 cá nhân";
- ``counts([(0, "tập thể"), (2, "cá nhân")])`` → "02 cá nhân" (a zero part is left out, never
  "00 tập thể"); all zero → "không có tập thể, cá nhân nào";
- ``bound(None, 1, "tập thể")`` → "tối đa 01 tập thể"; ``bound(1, None, …)`` → "ít nhất 01 …";
  ``bound(1, 2, …)`` → "từ 01 đến 02 …"; ``bound(1, 1, …)`` → "01 …"; ``bound(None, 0, …)`` →
  "không có tập thể"; no bound → "";
- ``member_range(None, 199)`` → "dưới 200 đảng viên"; ``member_range(201, None)`` → "trên 200
  đảng viên"; ``member_range(100, 199)`` → "từ 100 đến 199 đảng viên"; no bound → "mọi đơn vị".
"""

from __future__ import annotations

from collections.abc import Iterable


def count(n: int, noun: str) -> str:
    """``n`` (two digits at least) and the noun: "01 tập thể", "12 cá nhân"."""
    return f"{n:02d} {noun}"


def counts(parts: Iterable[tuple[int, str]]) -> str:
    """Non-zero counts joined by "và"; "không có X, Y nào" when every count is zero."""
    parts = list(parts)
    shown = [count(n, noun) for n, noun in parts if n]
    if not shown:
        return f"không có {', '.join(noun for _n, noun in parts)} nào"
    return " và ".join([", ".join(shown[:-1]), shown[-1]] if len(shown) > 1 else shown)


def bound(low: int | None, high: int | None, noun: str) -> str:
    """A minimum and/or maximum of ``noun`` in words ("" when neither is set)."""
    if high == 0:
        return f"không có {noun}"
    if low is not None and high is not None:
        if low == high:
            return count(low, noun)
        return f"từ {low:02d} đến {count(high, noun)}"
    if high is not None:
        return f"tối đa {count(high, noun)}"
    if low is not None and low > 0:
        return f"ít nhất {count(low, noun)}"
    return ""


def member_range(low: int | None, high: int | None) -> str:
    """The party-member counts a quota rule applies to, as the plans say it (seed 003 §II.3:
    "dưới 200", "trên 200")."""
    if low is not None and high is not None:
        return f"từ {low} đến {high} đảng viên"
    if high is not None:
        return f"dưới {high + 1} đảng viên"
    if low is not None and low > 0:
        return f"trên {low - 1} đảng viên"
    return "mọi đơn vị"
