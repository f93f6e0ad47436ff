"""make_* helpers for commendation tests, with keyword overrides, and the seeds' extractions
as the reader's contract describes them (issue 4)."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from typing import TYPE_CHECKING, Any

from lamtheobac.commendations.actions import setup
from lamtheobac.commendations.models import (
    CommendationRound,
    Criterion,
    DossierRequirement,
    QuotaRule,
)
from lamtheobac.documents.models import Deadline, Document
from lamtheobac.ratings.models import Rating
from lamtheobac.units.models import Person, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

_counter = itertools.count(1)

UNDER_200 = (
    "Đối với tổ chức cơ sở đảng có dưới 200 đảng viên: cấp ủy cơ sở lựa chọn 01 tập thể hoặc "
    "01 cá nhân tiêu biểu nhất để đề nghị Ban Thường vụ Đảng ủy Khối xem xét, tuyên dương, "
    "khen thưởng."
)
OVER_200 = (
    "Đối với tổ chức cơ sở đảng có trên 200 đảng viên: cấp ủy cơ sở lựa chọn 01 tập thể và "
    "01 cá nhân tiêu biểu nhất để đề nghị Ban Thường vụ Đảng ủy Khối xem xét, tuyên dương, "
    "khen thưởng."
)


def make_members(unit: Unit, count: int, *, party: bool = True) -> list[Person]:
    """``count`` people in ``unit`` in one insert."""
    people = []
    for _ in range(count):
        n = next(_counter)
        person = Person(
            unit=unit,
            family_name="Lê",
            middle_name="Văn",
            given_name=f"Bình{n}",
            is_party_member=party,
        )
        person.refresh_sort_key()
        people.append(person)
    return Person.objects.bulk_create(people)


def rate(subject: Person | Unit, **years: str) -> None:
    """rate(person, y2017="good", y2018="excellent")."""
    field = "person" if isinstance(subject, Person) else "unit"
    Rating.objects.bulk_create(
        [Rating(**{field: subject}, year=int(k[1:]), level=v) for k, v in years.items()]
    )


def make_document(
    *, owner: Unit, by: User, extraction: dict[str, Any], deadlines=(), **fields: Any
) -> Document:
    n = next(_counter)
    defaults: dict[str, Any] = {
        "number": "59-KH/ĐUK",
        "kind": "KH",
        "kind_name": "Kế hoạch",
        "title": "sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW",
        "date": dt.date(2020, 3, 20),
    }
    defaults.update(fields)
    document = Document.objects.create(
        owner=owner,
        source=f"documents/test-{n}.txt",
        source_name=f"test-{n}.txt",
        source_sha256=hashlib.sha256(str(n).encode()).hexdigest(),
        text="",
        extraction=extraction,
        uploaded_by=by,
        **defaults,
    )
    for position, d in enumerate(deadlines):
        Deadline.objects.create(document=document, position=position, **d)
    return document


def seed_003_extraction() -> dict[str, Any]:
    """What the reader emits for 59-KH/ĐUK (seed 003), per the contract in issue 4."""
    span = [0, 0]
    return {
        "quotas": [
            {
                "text": UNDER_200,
                "condition": {
                    "member_count": {"min": None, "max": 199},
                    "text": "dưới 200 đảng viên",
                },
                "scope": "unit",
                "period": None,
                "collectives": {"min": None, "max": 1},
                "individuals": {"min": None, "max": 1},
                "total": {"min": None, "max": 1},
                "span": span,
            },
            {
                "text": OVER_200,
                "condition": {
                    "member_count": {"min": 201, "max": None},
                    "text": "trên 200 đảng viên",
                },
                "scope": "unit",
                "period": None,
                "collectives": {"min": None, "max": 1},
                "individuals": {"min": None, "max": 1},
                "total": {"min": None, "max": 2},
                "span": span,
            },
        ],
        "criteria": [
            {
                "text": "Tổ chức triển khai tốt Chỉ thị tại cơ quan, đơn vị với nhiều nét mới, "
                "cách làm sáng tạo, hiệu quả",
                "applies_to": "collective",
                "rule": None,
                "span": span,
            },
            {
                "text": "Nếu là tổ chức đảng, phải đạt danh hiệu hoàn thành tốt nhiệm vụ trở lên "
                "trong các năm 2017, 2018, 2019.",
                "applies_to": "collective",
                "rule": {
                    "kind": "rating_each_year",
                    "min_level": "good",
                    "years": [2017, 2018, 2019],
                },
                "span": span,
            },
            {
                "text": "Nếu là quần chúng phải được cơ quan, đơn vị công nhận hoàn thành xuất sắc "
                "nhiệm vụ được giao một trong các năm 2017, 2018, 2019",
                "applies_to": "non_member",
                "rule": {
                    "kind": "rating_any_year",
                    "min_level": "excellent",
                    "years": [2017, 2018, 2019],
                },
                "span": span,
            },
            {
                "text": "nếu là đảng viên, phải có ít nhất 03 năm được công nhận là đảng viên hoàn "
                "thành xuất sắc nhiệm vụ được giao.",
                "applies_to": "party_member",
                "rule": {
                    "kind": "rating_count",
                    "min_level": "excellent",
                    "count": 3,
                    "years": None,
                },
                "span": span,
            },
        ],
        "dossier_items": [
            {"text": "Tờ trình của cấp ủy", "span": span},
            {"text": "Trích biên bản họp xét", "span": span},
            {
                "text": "Báo cáo tóm tắt thành tích (có xác nhận của cấp ủy) của tập thể, cá nhân",
                "span": span,
            },
        ],
        "periods": [],
        "warnings": [{"code": "quota_gap", "message": "“dưới 200” và “trên 200” bỏ ngỏ đúng 200."}],
    }


SEED_003_DEADLINES = (
    {
        "text": "trước ngày 30/4/2020",
        "due": dt.date(2020, 4, 30),
        "exclusive": True,
        "what": "sơ kết ở cấp mình … gửi báo cáo về Ban Tuyên giáo Đảng ủy Khối",
    },
    {
        "text": "trước ngày 05-5-2020",
        "due": dt.date(2020, 5, 5),
        "exclusive": True,
        "what": "gửi hồ sơ đề nghị khen thưởng về Ban Tuyên giáo Đảng ủy Khối",
    },
)


def make_commendation_round(
    *,
    committee: Unit,
    by: User,
    quotas: list[dict[str, Any]] | None = None,
    criteria: list[dict[str, Any]] | None = None,
    requirements: tuple[str, ...] = ("Tờ trình của cấp ủy", "Trích biên bản họp xét"),
    open: bool = True,
    **fields: Any,
) -> CommendationRound:
    """A round with the given quota rules (QuotaRule fields), criteria and requirements;
    opened by default, deadline far ahead."""
    defaults: dict[str, Any] = {
        "title": "Khen thưởng điển hình tiên tiến 04 năm thực hiện Chỉ thị 05",
        "deadline": dt.date(2099, 5, 5),
        "deadline_exclusive": True,
        "period_start": dt.date(2017, 1, 1),
        "period_end": dt.date(2019, 12, 31),
    }
    defaults.update(fields)
    round = CommendationRound.objects.create(committee=committee, created_by=by, **defaults)
    for i, q in enumerate(quotas or [], start=1):
        QuotaRule.objects.create(round=round, position=i, **q)
    for i, c in enumerate(criteria or [], start=1):
        Criterion.objects.create(round=round, position=i, **c)
    for i, text in enumerate(requirements, start=1):
        DossierRequirement.objects.create(round=round, position=i, text=text)
    if open:
        round = setup.open_commendation_round(round, by=by)
    return round


SEED_003_QUOTAS: list[dict[str, Any]] = [
    {
        "text": UNDER_200,
        "member_max": 199,
        "collectives_max": 1,
        "individuals_max": 1,
        "total_max": 1,
    },
    {
        "text": OVER_200,
        "member_min": 201,
        "collectives_max": 1,
        "individuals_max": 1,
        "total_max": 2,
    },
]
SEED_003_CRITERIA: list[dict[str, Any]] = [
    {
        "applies_to": "collective",
        "kind": "rating_each_year",
        "min_level": "good",
        "years": [2017, 2018, 2019],
        "text": "Nếu là tổ chức đảng, phải đạt danh hiệu hoàn thành tốt nhiệm vụ trở lên trong các năm 2017, 2018, 2019.",
    },
    {
        "applies_to": "non_member",
        "kind": "rating_any_year",
        "min_level": "excellent",
        "years": [2017, 2018, 2019],
        "text": "Nếu là quần chúng … hoàn thành xuất sắc nhiệm vụ … một trong các năm 2017, 2018, 2019",
    },
    {
        "applies_to": "party_member",
        "kind": "rating_count",
        "min_level": "excellent",
        "count": 3,
        "text": "nếu là đảng viên, phải có ít nhất 03 năm … hoàn thành xuất sắc nhiệm vụ được giao.",
    },
]
