"""What an import did, or why it did nothing: the row-by-row report (docs/domain.md §9)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lamtheobac.audit.models import AuditEvent


@dataclass(frozen=True)
class RowError:
    """One bad row: its Excel ``line``, a ``kind`` (stable code, e.g. "bad_date") and the
    Vietnamese ``message`` the user reads."""

    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.line}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "kind": self.kind, "message": self.message}


@dataclass
class ImportReport:
    """``errors`` (nothing was written), or the counts and the import's audit event."""

    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    event: AuditEvent | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def sorted_errors(errors: list[RowError]) -> list[RowError]:
    return sorted(errors, key=lambda e: (e.line, e.kind))
