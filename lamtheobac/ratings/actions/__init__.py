"""Write functions of ratings (ADR 0005): ``ratings`` (set one rating, import a workbook)."""

from __future__ import annotations

from enum import StrEnum


class RatingsAction(StrEnum):
    """Audit action names of the ratings writes."""

    RATING_SET = "rating.set"
    IMPORTED = "ratings.import"
