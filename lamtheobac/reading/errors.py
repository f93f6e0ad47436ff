"""The one error the reader raises for input it cannot read."""

from __future__ import annotations


class ReadError(Exception):
    """A file that cannot be read as a document.

    ``message`` is one Vietnamese sentence fit to show to the person who
    uploaded the file (docs/domain.md §8: "a bad file gets a clear message in
    Vietnamese and changes nothing").
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
