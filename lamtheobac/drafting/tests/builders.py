"""Rounds with content for the drafting tests: a reporting round of many units, some of which
submitted, and a commendation round with decided nominees (seed 003)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from lamtheobac.commendations.actions import nominations as services
from lamtheobac.commendations.actions import review
from lamtheobac.commendations.models import AwardKind, CommendationRound
from lamtheobac.commendations.tests.factories import make_commendation_round, make_document
from lamtheobac.reporting.actions import outline, rounds
from lamtheobac.reporting.actions import reports as reporting_services
from lamtheobac.reporting.models import ReportingRound
from lamtheobac.testing import World, grant, make_person, make_round, make_unit, make_user
from lamtheobac.units.models import Role, UnitKind

HEADINGS = ("ĐẶC ĐIỂM TÌNH HÌNH", "KẾT QUẢ ĐẠT ĐƯỢC", "HẠN CHẾ, NGUYÊN NHÂN", "PHƯƠNG HƯỚNG")


def reporting_round(world: World, *, units: int = 6, submitted: int = 3) -> ReportingRound:
    """A round of ``units`` targets (the world's two units first), ``submitted`` of which
    submitted text in the first two sections; the other sections stay empty."""
    targets = [world.grassroots, world.sibling]
    for i in range(len(targets), units):
        targets.append(
            make_unit(
                parent=world.committee,
                name=f"Chi bộ Cơ quan số {i + 1:02d} thuộc Khối các cơ quan tỉnh",
                kind=UnitKind.GRASSROOTS_CELL,
            )
        )
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=targets,
        headings=HEADINGS,
        open=False,
        report_title="tổng hợp sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW",
        deadline=dt.date(2027, 1, 5),
    )
    first, second, *_ = list(round.outline.sections.order_by("position"))
    indicator = outline.add_indicator(
        round, section=second, name="Số đảng viên đăng ký làm theo", unit_label="người",
        by=world.officer,
    )  # fmt: skip
    round = rounds.open_reporting_round(round, by=world.officer)
    for unit in targets[:submitted]:
        staff = make_user(f"vt.{round.pk}.{unit.pk}")
        grant(staff, unit, Role.UNIT_STAFF)
        reporting_services.save_report_draft(
            round,
            unit=unit,
            answers={first.pk: f"{unit.name} có 20 đảng viên.", second.pk: "100% đăng ký."},
            values={indicator.pk: Decimal(20)},
            version=None,
            by=staff,
        )
        reporting_services.submit_unit_report(round, unit=unit, version=None, by=staff)
    return round


def giay_khen() -> AwardKind:
    """The award kind a data migration creates; a transactional test may have flushed it."""
    award, _ = AwardKind.objects.get_or_create(
        name="Giấy khen của Ban Thường vụ Đảng ủy Khối", defaults={"position": 1}
    )
    return award


def commendation_round(world: World) -> CommendationRound:
    """Seed 003: three individuals and one collective shortlisted and decided."""
    document = make_document(owner=world.committee, by=world.officer, extraction={})
    round = make_commendation_round(
        committee=world.committee, by=world.officer, document=document, quotas=[], criteria=[],
        requirements=(),
    )  # fmt: skip
    award = giay_khen()
    nominations: list[Any] = []
    for family, middle, given in (
        ("Trần", "Thị", "Ánh"),
        ("Lê", "Hoàng", "An"),
        ("Võ", "Minh", "Dũng"),
    ):
        person = make_person(
            unit=world.cell, family_name=family, middle_name=middle, given_name=given,
            position="Chuyên viên",
        )  # fmt: skip
        nominations.append(
            services.nominate(
                round, unit=world.grassroots, person=person, summary="Tốt", by=world.officer
            )
        )
    nominations.append(
        services.nominate(
            round,
            unit=world.grassroots,
            collective=world.other_cell,
            summary="Tốt",
            by=world.officer,
        )
    )
    for n in nominations:
        n = services.submit_nomination(n, by=world.officer)
        n = review.shortlist_nomination(n, by=world.officer)
        review.decide_nomination(n, award_kind=award, by=world.officer)
    return round
