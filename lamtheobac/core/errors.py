"""One hierarchy for domain errors; views turn them into Vietnamese messages in one place."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class DomainError(Exception):
    """A rule of the programme refused a change. ``message`` is shown to the user as is."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class StateError(DomainError):
    """The object is not in a state that allows this change (e.g. editing a submitted report)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="state")


class StaleEdit(DomainError):
    """The form was based on an older version (posted twice, or edited elsewhere meanwhile)."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "Dữ liệu đã thay đổi kể từ khi bạn mở trang (có thể biểu mẫu đã được gửi hai lần). "
            "Không có gì bị ghi đè; vui lòng tải lại trang.",
            code="stale",
        )


class Locked(DomainError):
    """Entry is closed for this unit (the round's lock date has passed)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="locked")


class AccessDenied(PermissionDenied):
    """The caller lacks the right for this change on this unit (the one policy refused).

    A subclass of Django's PermissionDenied, so a view answers 403 with the message.
    """

    def __init__(self, message: str = "") -> None:
        super().__init__(message or "Bạn không có quyền thực hiện thao tác này trên đơn vị này.")
        self.message = str(self.args[0])
