"""Writes of a year's programme: create, edit settings and topics, publish, attach files.

Only committee staff (``Action.MANAGE`` on the issuing committee) write a programme; its
scope must lie in that committee's subtree (issue 8 point 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from lamtheobac.audit.models import record
from lamtheobac.core.errors import DomainError
from lamtheobac.core.transitions import lock, perform
from lamtheobac.core.uploads import check_upload
from lamtheobac.core.vietnamese import nfc
from lamtheobac.documents.models import Document
from lamtheobac.programme.actions import ProgrammeAudit
from lamtheobac.programme.models import QUARTERS, QuarterTopic, Theme, TopicFile
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, authorize

SETTINGS = (
    "term_title",
    "title",
    "pledge_deadline",
    "pledge_deadline_exclusive",
    "session_grace_days",
    "collectives_min",
    "collectives_max",
    "individuals_min",
    "individuals_max",
    "locked",
)


def _check_settings(values: Mapping[str, Any]) -> None:
    if not str(values.get("title", "x")).strip():
        raise DomainError("Chưa nhập tên chuyên đề năm.")
    for kind, low, high in (
        ("tập thể", "collectives_min", "collectives_max"),
        ("cá nhân", "individuals_min", "individuals_max"),
    ):
        if low in values and high in values and values[low] > values[high]:
            raise DomainError(
                f"Số {kind} điển hình tối thiểu ({values[low]}) lớn hơn tối đa ({values[high]})."
            )


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(SETTINGS)
    if unknown:
        raise ValueError(f"unknown programme settings: {sorted(unknown)}")
    return {k: nfc(v).strip() if isinstance(v, str) else v for k, v in values.items()}


@transaction.atomic
def create_theme(
    *,
    committee: Unit,
    scope: Unit,
    year: int,
    by: Any,
    settings: Mapping[str, Any],
    topics: Mapping[int, tuple[str, str]] | None = None,
    source_document: Document | None = None,
) -> Theme:
    """Create the draft programme of ``year`` for ``scope`` (in ``committee``'s subtree).

    ``settings``: fields of ``SETTINGS`` (``title`` and ``pledge_deadline`` required);
    ``topics``: ``{quarter: (title, guidance)}``. Raises AccessDenied without MANAGE on
    ``committee``, DomainError when the scope is outside it, a programme of that year already
    covers the scope, or the quotas are inverted. Audited ``theme.create``.
    """
    authorize(by, Action.MANAGE, committee)
    if not scope.is_within(committee):
        raise DomainError("Phạm vi áp dụng phải là tổ chức thuộc cấp ủy ban hành.")
    values = _clean(settings)
    _check_settings(values)
    if not values.get("pledge_deadline"):
        values["pledge_deadline"] = dt.date(year, 3, 31)  # quý I (seed 004 §II.3.2)
    if Theme.objects.filter(scope=scope, year=year).exists():
        raise DomainError(f"Đã có chương trình năm {year} cho {scope.name}.")
    try:
        with transaction.atomic():
            theme = Theme.objects.create(
                committee=committee,
                scope=scope,
                year=year,
                created_by=by,
                source_document=source_document,
                **values,
            )
    except IntegrityError as exc:
        raise DomainError(f"Đã có chương trình năm {year} cho {scope.name}.") from exc
    if topics:
        _write_topics(theme, topics)
    record(
        actor=by,
        action=ProgrammeAudit.THEME_CREATE,
        target=theme,
        unit=scope,
        after={"year": year, "title": theme.title, "topics": sorted(topics or {})},
    )
    return theme


def _write_topics(theme: Theme, topics: Mapping[int, tuple[str, str]]) -> None:
    for quarter, (title, guidance) in topics.items():
        if quarter not in QUARTERS:
            raise DomainError(f"Quý {quarter} không hợp lệ (chỉ có quý I–IV).")
        title = nfc(title).strip()
        if not title:
            QuarterTopic.objects.filter(theme=theme, quarter=quarter).delete()
            continue
        QuarterTopic.objects.update_or_create(
            theme=theme,
            quarter=quarter,
            defaults={"title": title, "guidance": nfc(guidance).strip()},
        )


@transaction.atomic
def update_theme(
    theme: Theme,
    *,
    by: Any,
    version: int | None,
    settings: Mapping[str, Any],
    topics: Mapping[int, tuple[str, str]] | None = None,
) -> Theme:
    """Change a programme's settings and topics (also once published: the committee may
    move a deadline or lock the year). Raises StaleEdit, AccessDenied, DomainError."""
    authorize(by, Action.MANAGE, theme.committee)
    locked = lock(theme, version)
    values = _clean(settings)
    merged = {name: getattr(locked, name) for name in SETTINGS} | values
    _check_settings(merged)
    before = {k: str(getattr(locked, k)) for k in values}
    for name, value in values.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    if topics is not None:
        _write_topics(locked, topics)
    record(
        actor=by,
        action=ProgrammeAudit.THEME_UPDATE,
        target=locked,
        unit=locked.scope,
        before=before,
        after={k: str(v) for k, v in values.items()},
    )
    return locked


def publish_theme(theme: Theme, *, by: Any, version: int | None) -> Theme:
    """Issue the programme to its scope: cells see its topics from now on. Needs a topic for
    each of the four quarters (seed 004 §II.2.1)."""
    missing = sorted(set(QUARTERS) - set(theme.topics.values_list("quarter", flat=True)))
    if missing:
        quarters = ", ".join(f"quý {q}" for q in missing)
        raise DomainError(f"Chưa có chủ điểm cho {quarters}.")
    return perform(theme, "publish", by=by, version=version)


def withdraw_theme(theme: Theme, *, by: Any, version: int | None, reason: str = "") -> Theme:
    return perform(theme, "withdraw", by=by, version=version, reason=reason)


@transaction.atomic
def add_topic_file(topic: QuarterTopic, *, upload: Any, by: Any) -> TopicFile:
    """Attach a reference material to a quarter's topic (type checked by content, ≤ 20 MB)."""
    authorize(by, Action.MANAGE, topic.theme.committee)
    checked = check_upload(upload)
    stored = TopicFile.store(upload, checked, by=by, prefix=str(topic.pk), topic=topic)
    record(
        actor=by,
        action=ProgrammeAudit.TOPIC_FILE_ADD,
        target=topic.theme,
        unit=topic.theme.scope,
        after={"quarter": topic.quarter, "name": stored.original_name},
    )
    return stored


@dataclass(frozen=True)
class Prefill:
    """What an imported plan offers a new programme: titles, year, topics by quarter."""

    year: int | None
    title: str
    term_title: str
    topics: dict[int, tuple[str, str]]


def prefill_from_document(document: Document) -> Prefill:
    """Read the year's theme and the quarterly topics from an imported plan's text
    (``reading.themes``; seed 004 §II.1–§II.2). Empty values where the text is silent."""
    from lamtheobac.reading.themes import find_themes

    themes = find_themes(document.text)
    topics = {t.quarter: (t.title, t.guidance) for t in themes.topics}
    years = [t.year for t in themes.topics if t.year]
    year = years[0] if years else (document.date.year if document.date else None)
    return Prefill(
        year=year,
        title=themes.year_theme.value if themes.year_theme else "",
        term_title=themes.term_theme.value if themes.term_theme else "",
        topics=topics,
    )
