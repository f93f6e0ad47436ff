"""An indicator counted in whole things refuses a fractional value (issue 14 §4)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lamtheobac.core.errors import DomainError
from lamtheobac.reporting.actions import reports
from lamtheobac.reporting.models import Indicator, IndicatorValue
from lamtheobac.testing import World, make_round

pytestmark = pytest.mark.django_db


def _round_with(world: World, unit_label: str):
    round = make_round(committee=world.committee, by=world.officer, targets=[world.grassroots])
    section = round.outline.sections.first()
    indicator = Indicator.objects.create(
        section=section, name="Số đảng viên được quán triệt", unit_label=unit_label
    )
    return round, indicator


def _save(world: World, round, indicator, value: str):
    return reports.save_report_draft(
        round,
        unit=world.grassroots,
        answers={},
        values={indicator.pk: Decimal(value)},
        version=None,
        by=world.secretary,
    )


def test_a_people_indicator_refuses_12_50_and_saves_nothing(world: World) -> None:
    round, indicator = _round_with(world, "người")
    with pytest.raises(DomainError) as refused:
        _save(world, round, indicator, "12.50")
    assert refused.value.message == (
        "“Số đảng viên được quán triệt” tính bằng người: hãy nhập số nguyên "
        "(không có phần thập phân), không phải 12,5."
    )
    assert not IndicatorValue.objects.exists()


def test_a_people_indicator_takes_a_whole_number_even_written_12_00(world: World) -> None:
    round, indicator = _round_with(world, " Người ")
    _save(world, round, indicator, "12.00")
    assert IndicatorValue.objects.get().value == Decimal("12")


@pytest.mark.parametrize("label", ["%", "triệu đồng", ""])
def test_measures_that_are_not_counts_take_decimals(world: World, label: str) -> None:
    round, indicator = _round_with(world, label)
    _save(world, round, indicator, "12.5")
    assert IndicatorValue.objects.get().value == Decimal("12.5")


def test_which_units_count_whole_things() -> None:
    assert Indicator(unit_label="lượt người").is_count
    assert Indicator(unit_label="Buổi").is_count
    assert not Indicator(unit_label="%").is_count
