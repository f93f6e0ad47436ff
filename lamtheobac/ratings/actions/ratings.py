"""Write functions for ratings: set one rating, import a workbook (docs/architecture.md (practice 2)).

A rating is kept with its history (docs/domain.md §5): replacing a level updates the row and the
audit trail keeps what it was — one event per edit, one event per import with every row's
before and after.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from django.db import IntegrityError, transaction

from lamtheobac.audit.models import AuditEvent, record
from lamtheobac.core.errors import DomainError, StaleEdit
from lamtheobac.ratings.actions import RatingsAction
from lamtheobac.ratings.importing import Match, RowError, match_rows, read_workbook
from lamtheobac.ratings.levels import year_error
from lamtheobac.ratings.models import Rating, RatingLevel
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action, authorize

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CREATED: Final = "created"
UPDATED: Final = "updated"
UNCHANGED: Final = "unchanged"


class _Unset:
    pass


UNSET: Final = _Unset()


@dataclass(frozen=True)
class RatingChange:
    rating: Rating
    outcome: str  # CREATED, UPDATED or UNCHANGED


def _check_year(year: int) -> None:
    problem = year_error(year)
    if problem:
        raise DomainError(f"Không thể xếp loại: {problem}.")


def _snapshot(rating: Rating) -> dict[str, Any]:
    return {"year": rating.year, "level": rating.level, "note": rating.note}


def set_rating(
    target: Person | Unit,
    *,
    year: int,
    level: str,
    by: User | None,
    note: str | None = None,
    previous: str | _Unset = UNSET,
) -> RatingChange:
    """Create or replace the rating of ``target`` (a person or a unit) for ``year``.

    ``note`` None keeps the current note. ``previous`` is the level the form was based on
    ("" for none); when the stored level differs, StaleEdit is raised and nothing changes.
    The old level and note stay in the audit trail (action ``rating.set``).
    """
    _check_year(year)
    try:
        level = RatingLevel(level)
    except ValueError as exc:
        raise DomainError(f"Xếp loại “{level}” không hợp lệ.") from exc
    owner = {"person": target} if isinstance(target, Person) else {"unit": target}
    unit = target.unit if isinstance(target, Person) else target
    authorize(by, Action.MANAGE, unit)
    with transaction.atomic():
        rating = Rating.objects.select_for_update().filter(year=year, **owner).first()
        if not isinstance(previous, _Unset) and (rating.level if rating else "") != previous:
            raise StaleEdit()
        if rating is None:
            rating = Rating(year=year, level=level, note=note or "", **owner)
            before = None
            outcome = CREATED
        else:
            if rating.level == level and (note is None or note == rating.note):
                return RatingChange(rating, UNCHANGED)
            before = _snapshot(rating)
            rating.level = level
            if note is not None:
                rating.note = note
            outcome = UPDATED
        try:
            with transaction.atomic():
                rating.save()
        except IntegrityError as exc:  # created meanwhile by someone else
            raise StaleEdit() from exc
        record(
            actor=by,
            action=RatingsAction.RATING_SET,
            target=rating,
            unit=unit,
            before=before,
            after={**_snapshot(rating), "target": str(target)},
        )
    return RatingChange(rating, outcome)


# Rows whose outcome the audit event lists; the stored file holds them all.
AUDIT_ROWS = 500


@dataclass
class ImportReport:
    """What an import did, or why it did nothing (``errors``, in sheet and line order)."""

    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    event: AuditEvent | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def _chunks(items: list[int], size: int = 500) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _existing(matches: list[Match]) -> dict[tuple[str, int, int], Rating]:
    """Stored ratings for the matched people and units in the file's years, locked."""
    years = sorted({m.year for m in matches})
    found: dict[tuple[str, int, int], Rating] = {}
    for kind, ids in (
        ("person", sorted({m.person_id for m in matches if m.person_id})),
        ("unit", sorted({m.unit_id for m in matches if m.unit_id})),
    ):
        for chunk in _chunks(ids):
            ratings = Rating.objects.select_for_update().filter(
                **{f"{kind}_id__in": chunk, "year__in": years}
            )
            for rating in ratings:
                found[(kind, getattr(rating, f"{kind}_id"), rating.year)] = rating
    return found


def import_ratings(
    *, scope: Unit, data: bytes, filename: str, by: User | None, stored_file: str = ""
) -> ImportReport:
    """Import a ratings workbook for people and units in ``scope``'s subtree, all or nothing.

    Raises UnreadableFile for a file that is not a readable .xlsx in the template's shape.
    Returns a report with row errors (and nothing written) when any row fails; otherwise
    upserts every row with bulk writes — a different level replaces the stored one, the same
    level counts as unchanged — and writes one ``ratings.import`` audit event holding the
    counts, the stored copy of the file (``stored_file``, a storage name kept by the job),
    each replaced rating's before, and the first AUDIT_ROWS rows' outcomes (not all 50,000:
    the file is the full record, issue 13 §5). Importing the same file twice changes nothing.
    Needs MANAGE on ``scope`` (AccessDenied).
    """
    authorize(by, Action.MANAGE, scope)
    parsed = read_workbook(data)
    matches, match_errors = match_rows(parsed, scope)
    order = {"Cá nhân": 0, "Tập thể": 1}
    errors = sorted(parsed.errors + match_errors, key=lambda e: (order.get(e.sheet, 2), e.line))
    if errors:
        return ImportReport(errors=errors)
    if not matches:
        raise DomainError(
            "Tệp không có dòng xếp loại nào (các dòng sau dòng tiêu đề đều trống). "
            "Chưa có xếp loại nào được nhập."
        )
    try:
        with transaction.atomic():
            return _upsert(
                scope=scope,
                matches=matches,
                filename=filename,
                by=by,
                file_info={"stored_file": stored_file, "sha256": hashlib.sha256(data).hexdigest()},
            )
    except IntegrityError as exc:  # another import or edit created the same rating meanwhile
        raise DomainError(
            "Xếp loại vừa được người khác cập nhật trong lúc nhập. Chưa có xếp loại nào được "
            "nhập từ tệp này; vui lòng nhập lại."
        ) from exc


def _upsert(
    *,
    scope: Unit,
    matches: list[Match],
    filename: str,
    by: User | None,
    file_info: dict[str, str] | None = None,
) -> ImportReport:
    existing = _existing(matches)
    to_create: list[Rating] = []
    to_update: list[Rating] = []
    rows: list[tuple[dict[str, Any], Rating]] = []
    before: list[dict[str, Any]] = []
    report = ImportReport()
    for m in matches:
        kind, pk = ("person", m.person_id) if m.person_id else ("unit", m.unit_id)
        rating = existing.get((kind, pk or 0, m.year))
        row: dict[str, Any] = {
            "sheet": m.sheet,
            "line": m.line,
            "name": m.label,
            "unit": m.unit_name,
            "year": m.year,
            "level": m.level.value,
            "before": rating.level if rating else None,
        }
        if rating is None:
            rating = Rating(year=m.year, level=m.level, **{f"{kind}_id": pk})
            to_create.append(rating)
            row["outcome"] = CREATED
            report.created += 1
        elif rating.level == m.level:
            row["outcome"] = UNCHANGED
            report.unchanged += 1
        else:
            before.append({"rating": rating.pk, **_snapshot(rating)})
            rating.level = m.level
            to_update.append(rating)
            row["outcome"] = UPDATED
            report.updated += 1
        rows.append((row, rating))
    Rating.objects.bulk_create(to_create, batch_size=500)
    Rating.objects.bulk_update(to_update, ["level"], batch_size=500)
    report.event = record(
        actor=by,
        action=RatingsAction.IMPORTED,
        target=scope,
        unit=scope,
        before={"ratings": before},
        after={
            "file": filename,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            **(file_info or {}),
            "rows_total": len(rows),
            # Created ratings have their primary keys now (bulk_create returns them).
            "rows": [{**row, "rating": rating.pk} for row, rating in rows[:AUDIT_ROWS]],
        },
    )
    return report
