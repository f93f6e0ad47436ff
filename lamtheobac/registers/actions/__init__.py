"""Write functions of the document register; audit names."""

from __future__ import annotations

from enum import StrEnum


class RegisterAction(StrEnum):
    REGISTERED = "register.document_registered"
    COUNTER_SET = "register.counter_set"
