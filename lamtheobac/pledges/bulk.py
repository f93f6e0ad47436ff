"""Bulk-made plans for the demo and the benchmark: the same rows the write functions make
(state, version, event units and times, items), written with ``bulk_create``.

``states_for(day)`` gives a plausible spread of states for the date in the year (before the
deadline most plans are drafts or submitted; at year end most are assessed).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from lamtheobac.audit.models import AuditEvent, unsaved_event
from lamtheobac.core.dates import VN_TZ
from lamtheobac.pledges import tally
from lamtheobac.pledges.actions.pledges import is_leading_position
from lamtheobac.pledges.models import Pledge, PledgeItem, PledgeState, Result

S = PledgeState
ITEM_TEXTS = (
    "Nghiên cứu, học tập Chuyên đề năm {year}, liên hệ với chức trách, nhiệm vụ được giao",
    "Giải quyết đúng hạn, đúng quy trình 100% công việc được giao",
    "Chấp hành nghiêm kỷ luật, kỷ cương hành chính, giờ giấc làm việc",
    "Thực hành tiết kiệm, chống lãng phí trong sử dụng tài sản công, văn phòng phẩm",
    "Giữ gìn đoàn kết nội bộ; tích cực tham gia phong trào thi đua của cơ quan",
    "Tự học nâng cao trình độ chuyên môn, tin học, ngoại ngữ",
    "Thực hiện trách nhiệm nêu gương theo Quy định số 08-QĐi/TW",
    "Tham gia sinh hoạt nơi cư trú; giúp đỡ hộ khó khăn, gia đình chính sách",
    "Đề xuất ít nhất 01 sáng kiến cải cách thủ tục hành chính trong lĩnh vực phụ trách",
    "Ứng xử văn minh, lịch sự, tận tụy phục vụ Nhân dân",
)
TIMEFRAMES = ("Cả năm", "Quý II", "Quý III", "Hằng tháng", "Trước 30/6", "Thường xuyên")


def states_for(day: dt.date) -> list[tuple[str, float]]:
    """(state, share) for plans on ``day``: quý I registration, the year's work, year end."""
    if day.month <= 3:
        return [(S.DRAFT, 0.4), (S.SUBMITTED, 0.35), (S.RETURNED, 0.05), (S.ACCEPTED, 0.2)]
    if day.month <= 10:
        return [(S.DRAFT, 0.04), (S.SUBMITTED, 0.08), (S.RETURNED, 0.03), (S.ACCEPTED, 0.85)]
    return [
        (S.SUBMITTED, 0.04),
        (S.RETURNED, 0.02),
        (S.ACCEPTED, 0.39),
        (S.SELF_ASSESSED, 0.25),
        (S.EVALUATED, 0.30),
    ]


_ORDER: list[str] = [S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.SELF_ASSESSED, S.EVALUATED]


@dataclass(frozen=True)
class PersonRow:
    person_id: int
    unit_id: int
    position: str


def _instant(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(7, 17), rng.randint(0, 59)), tzinfo=VN_TZ)


def bulk_pledges(
    people: Sequence[PersonRow],
    *,
    year: int,
    day: dt.date,
    rng: random.Random,
    audit: bool = True,
    batch: int = 5000,
) -> dict[str, int]:
    """Create one plan per person in ``people`` (none may have one for ``year``) with 2–4
    items, in states drawn from ``states_for(day)``; events dated before ``day``. With
    ``audit`` the audit events the write functions would write are bulk-inserted too.
    Returns ``{state: count}``."""
    states, weights = zip(*states_for(day), strict=True)
    deadline = dt.date(year, 3, 31)
    start = dt.date(year, 1, 10)
    span = max((min(day, dt.date(year, 12, 31)) - start).days, 1)
    counts: dict[str, int] = dict.fromkeys(PledgeState.values, 0)
    for offset in range(0, len(people), batch):
        chunk = people[offset : offset + batch]
        rows: list[Pledge] = []
        for p in chunk:
            state = rng.choices(states, weights)[0]
            counts[state] += 1
            pledge = Pledge(
                person_id=p.person_id,
                year=year,
                unit_id=p.unit_id,
                is_leader=is_leading_position(p.position),
                position=p.position,
                state=state,
            )
            reached = _ORDER.index(S.SUBMITTED if state == S.RETURNED else state)
            pledge.version = 1 + reached + (2 if state == S.RETURNED else 0)
            if reached >= 1:
                submitted = start + dt.timedelta(days=rng.randint(0, min(span, 95)))
                pledge.submitted_at = _instant(submitted, rng)
                pledge.submitted_unit_id = p.unit_id
                pledge.is_late = submitted > deadline
            if state == S.RETURNED:
                pledge.return_comment = "Đề nghị nêu cụ thể việc làm gắn với nhiệm vụ chuyên môn."
                pledge.submitted_unit_id = None
            if reached >= 2 and state != S.RETURNED:
                assert pledge.submitted_at is not None
                accepted = pledge.submitted_at + dt.timedelta(days=rng.randint(1, 12))
                pledge.accepted_at = min(accepted, _instant(day, rng))
                pledge.accepted_unit_id = p.unit_id
            if reached >= 3:
                pledge.assessed_unit_id = p.unit_id
                pledge.self_summary = "Cơ bản hoàn thành các nội dung đã đăng ký."
            if reached >= 4:
                pledge.evaluated_unit_id = p.unit_id
                pledge.evaluated_at = _instant(day, rng)
                pledge.result = rng.choices(
                    [Result.GOOD, Result.DONE, Result.NOT_DONE], [0.55, 0.42, 0.03]
                )[0]
            rows.append(pledge)
        Pledge.objects.bulk_create(rows, batch_size=2000)
        if any(p.pk is None for p in rows):  # a database that does not return ids
            ids = dict(
                Pledge.objects.filter(
                    year=year, person_id__in=[c.person_id for c in chunk]
                ).values_list("person_id", "pk")
            )
            for pledge in rows:
                pledge.pk = ids[pledge.person_id]
        saved = {pledge.person_id: pledge for pledge in rows}
        items: list[tuple[Any, ...]] = []
        events: list[AuditEvent] = []
        for p in chunk:
            pledge = saved[p.person_id]
            assessed = pledge.state in (S.SELF_ASSESSED, S.EVALUATED)
            for n, text in enumerate(rng.sample(ITEM_TEXTS, rng.randint(2, 4)), start=1):
                result = (Result.GOOD if rng.random() < 0.6 else Result.DONE) if assessed else ""
                items.append(
                    (
                        pledge.pk,
                        n,
                        text.format(year=year),
                        p.position,
                        rng.choice(TIMEFRAMES),
                        result,
                        "",
                    )
                )
            if audit:
                first = len(events)
                events.append(unsaved_event(actor=None, action="pledge.started", target=pledge))
                reached = _ORDER.index(S.SUBMITTED if pledge.state == S.RETURNED else pledge.state)
                names = ["submit", "accept", "self_assess", "evaluate"][:reached]
                if pledge.state == S.RETURNED:
                    names = ["submit", "return"]
                before = S.DRAFT
                targets = {
                    "submit": S.SUBMITTED,
                    "accept": S.ACCEPTED,
                    "return": S.RETURNED,
                    "self_assess": S.SELF_ASSESSED,
                    "evaluate": S.EVALUATED,
                }
                for name in names:
                    events.append(
                        unsaved_event(
                            actor=None,
                            action=f"pledge.{name}",
                            target=pledge,
                            before={"state": before},
                            after={"state": targets[name]},
                        )
                    )
                    before = targets[name]
                for e in events[first:]:
                    e.unit_id = pledge.unit_id
        _insert_items(items)
        if events:
            AuditEvent.objects.bulk_create(events, batch_size=5000)
    tally.rebuild(year)
    return counts


def _insert_items(rows: list[tuple[Any, ...]]) -> None:
    """Insert plan items with ``executemany``: the same rows ``bulk_create`` would write,
    without building 400,000 model instances (the bench's 150,000 people)."""
    meta = PledgeItem._meta
    fields = ("pledge", "position", "content", "job_link", "timeframe", "self_result", "self_note")
    columns = [str(f.column) for f in meta.concrete_fields if f.name in fields]
    order = [f.name for f in meta.concrete_fields if f.name in fields]
    assert order == list(fields), order
    quote = connection.ops.quote_name
    table, names = quote(meta.db_table), ", ".join(quote(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (names from the model)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
