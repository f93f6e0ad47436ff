"""Demo plans, exemplars and models for the demo committee's current year (issue 8 acceptance).

For the year of today's date (Asia/Ho_Chi_Minh): ≥ 80% of the people of the grassroots
organisations get a plan, in the states plausible for the date (``bulk.states_for``);
``dangvien`` and a handful of their cell's colleagues go through the real write functions;
each grassroots organisation registers exemplars and models in several states through the
real write functions. Deterministic (``random.Random(2026)``) and idempotent: a second call
writes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from lamtheobac.core.dates import today
from lamtheobac.pledges.actions import exemplars as ex
from lamtheobac.pledges.actions import pledges as actions
from lamtheobac.pledges.actions.pledges import ItemAssessment, ItemInput
from lamtheobac.pledges.bulk import PersonRow, bulk_pledges
from lamtheobac.pledges.models import Exemplar, Pledge, PledgeState, Result
from lamtheobac.units.models import GRASSROOTS_KINDS, Person, Unit

SHARE = 0.86  # of the people of the grassroots organisations who have a plan
REAL_COLLEAGUES = 6  # dangvien's colleagues whose plans go through the write functions
MODEL_NAMES = (
    ("Mỗi tuần một việc tốt vì Nhân dân phục vụ", "Cải cách hành chính"),
    ("Dân vận khéo trong giải quyết thủ tục hành chính", "Dân vận"),
    ("Phòng làm việc xanh - sạch - tiết kiệm", "Thực hành tiết kiệm"),
    ("Một cửa thân thiện, không giấy hẹn trễ", "Cải cách hành chính"),
    ("Đảng viên giúp đỡ hộ nghèo nơi cư trú", "An sinh xã hội"),
)
MY_ITEMS = [
    ItemInput(
        "Nghiên cứu Chuyên đề năm, viết bài thu hoạch liên hệ với công tác quản lý ngân sách",
        "Chuyên viên Phòng Quản lý ngân sách",
        "Quý II",
    ),
    ItemInput("Thẩm định đúng hạn 100% hồ sơ dự toán được giao", "Thẩm định dự toán", "Cả năm"),
    ItemInput("Không sử dụng văn phòng phẩm, điện, nước lãng phí", "", "Thường xuyên"),
]


def build_pledges(
    root: Unit, *, users: dict[str, Any], day: dt.date | None = None
) -> dict[str, int]:
    """Build the demo's plans, exemplars and models under ``root`` for ``day``'s year
    (default today). Returns counts: ``pledges``, ``people``, ``exemplars``, ``models``.
    Idempotent: returns ``{"pledges": 0, …}`` when the year already has plans under ``root``.
    """
    day = day or today()
    year = day.year
    rng = random.Random(2026)  # noqa: S311 (repeatable demo data)
    if Pledge.objects.filter(year=year, unit__path__startswith=root.path).exists():
        return {"pledges": 0, "people": 0, "exemplars": 0, "models": 0}
    with transaction.atomic():
        orgs = list(
            Unit.objects.filter(path__startswith=root.path, kind__in=GRASSROOTS_KINDS).order_by(
                "path"
            )
        )
        real = _real_plans(users, year=year, day=day)
        people = [
            PersonRow(pk, unit_id, position)
            for pk, unit_id, position in Person.objects.filter(
                unit__path__startswith=root.path, unit__depth__gt=root.depth + 1
            )
            .exclude(pk__in=real)
            .order_by("pk")
            .values_list("pk", "unit_id", "position")
            if rng.random() < SHARE
        ]
        bulk_pledges(people, year=year, day=day, rng=rng)
        exemplars, models = _exemplars_and_models(orgs, year=year, day=day, rng=rng)
    return {
        "pledges": len(people) + len(real),
        "people": Person.objects.filter(unit__path__startswith=root.path).count(),
        "exemplars": exemplars,
        "models": models,
    }


def _real_plans(users: dict[str, Any], *, year: int, day: dt.date) -> list[int]:
    """dangvien's plan and a few colleagues', through the write functions (as the system)."""
    me = Person.objects.filter(user=users.get("dangvien")).first()
    if me is None:
        return []
    done = []
    start = dt.datetime.combine(dt.date(year, 2, 20), dt.time(9), tzinfo=dt.UTC)
    pledge = actions.start_pledge(person=me, year=year, by=None, items=MY_ITEMS)
    done.append(me.pk)
    if day.month >= 3:
        pledge = actions.submit_pledge(pledge=pledge, by=None, version=pledge.version, now=start)
        pledge = actions.accept_pledge(pledge=pledge, by=None, version=pledge.version)
    colleagues = Person.objects.filter(unit_id=me.unit_id).exclude(pk=me.pk).order_by("pk")
    for n, person in enumerate(colleagues[:REAL_COLLEAGUES]):
        p = actions.start_pledge(person=person, year=year, by=None, items=MY_ITEMS[1:])
        done.append(person.pk)
        if n == 0:
            continue  # a draft the cell may finish
        p = actions.submit_pledge(pledge=p, by=None, version=p.version, now=start)
        if n == 1:
            continue  # waiting for the secretary
        if n == 2:
            actions.return_pledge(
                pledge=p, by=None, version=p.version, comment="Nêu rõ việc làm gắn với nhiệm vụ."
            )
            continue
        p = actions.accept_pledge(pledge=p, by=None, version=p.version)
        if n >= 4 and day.month >= 11:
            items = [ItemAssessment(i.pk, Result.GOOD) for i in p.items.all()]
            p = actions.self_assess_pledge(pledge=p, by=None, version=p.version, assessments=items)
            if n == 5:
                actions.evaluate_pledge(pledge=p, by=None, version=p.version, result=Result.GOOD)
    return done


def _exemplars_and_models(
    orgs: list[Unit], *, year: int, day: dt.date, rng: random.Random
) -> tuple[int, int]:
    exemplars = models = 0
    for index, org in enumerate(orgs):
        cells = list(Unit.objects.filter(path__startswith=org.path).order_by("path"))
        people = list(Person.objects.filter(unit__path__startswith=org.path).order_by("pk")[:60])
        collective = cells[-1]
        e = ex.propose_exemplar(
            organisation=org,
            year=year,
            by=None,
            collective=collective,
            achievements="Tập thể đoàn kết, hoàn thành xuất sắc nhiệm vụ chính trị.",
        )
        made = [e]
        for person in rng.sample(people, min(2, len(people))):
            made.append(
                ex.propose_exemplar(
                    organisation=org,
                    year=year,
                    by=None,
                    person=person,
                    achievements="Gương mẫu, tận tụy; có sáng kiến được áp dụng.",
                )
            )
        for e in made:
            if index % 5 != 4:  # a fifth of organisations have not approved theirs yet
                ex.approve_exemplar(exemplar=e, by=None, version=e.version)
        exemplars += len(made)
        for n in range(1 + index % 2):
            name, field = MODEL_NAMES[(index + n) % len(MODEL_NAMES)]
            m = ex.register_model(
                unit=rng.choice(cells),
                year=year,
                by=None,
                name=name,
                field=field,
                started_on=dt.date(year, 2, 1),
                description="Mỗi đảng viên đăng ký một việc làm cụ thể, chi bộ theo dõi hằng tháng.",
                results=f"{rng.randint(12, 80)} việc làm được ghi nhận; {rng.randint(1, 6)} sáng kiến.",
            )
            models += 1
            stage = (index + n) % 6
            if stage == 0:
                continue  # draft
            m = ex.submit_model(model=m, by=None, version=m.version)
            if stage == 1:
                continue  # waiting for the committee
            if stage == 2:
                ex.return_model(model=m, by=None, version=m.version, comment="Bổ sung số liệu.")
                continue
            m = ex.approve_model(model=m, by=None, version=m.version)
            if stage >= 4 and day.month >= 11:
                outcome = "replicated" if stage == 5 else "effective"
                ex.evaluate_model(model=m, by=None, version=m.version, outcome=outcome)
    assert Exemplar.objects.filter(year=year).exists() or not orgs
    return exemplars, models


__all__ = ["PledgeState", "build_pledges"]
