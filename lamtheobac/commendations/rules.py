"""Pure rules of a commendation round: quotas and eligibility (docs/domain.md §5). No queries.

The functions take anything shaped like the models (``QuotaRule``, ``Criterion``) — model
instances or the plain ``QuotaSpec`` / ``CriterionSpec`` below — so they run on a whole
list of nominees in memory after one query for their ratings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from lamtheobac.ratings.models import RANK, RatingLevel

COLLECTIVE = "collective"
INDIVIDUAL = "individual"
KIND_WORDS = {COLLECTIVE: "tập thể", INDIVIDUAL: "cá nhân"}


class QuotaLike(Protocol):
    scope: str
    member_min: int | None
    member_max: int | None
    collectives_min: int | None
    collectives_max: int | None
    individuals_min: int | None
    individuals_max: int | None
    total_min: int | None
    total_max: int | None
    text: str


class CriterionLike(Protocol):
    applies_to: str
    kind: str
    min_level: str
    years: list[int] | None
    count: int | None
    text: str


@dataclass
class QuotaSpec:
    """A quota rule outside the database (tests, previews)."""

    text: str
    scope: str = "unit"
    member_min: int | None = None
    member_max: int | None = None
    collectives_min: int | None = None
    collectives_max: int | None = None
    individuals_min: int | None = None
    individuals_max: int | None = None
    total_min: int | None = None
    total_max: int | None = None


@dataclass
class CriterionSpec:
    """A criterion outside the database (tests, previews)."""

    text: str
    applies_to: str
    kind: str = "manual"
    min_level: str = ""
    years: list[int] | None = None
    count: int | None = None


# --- quotas -----------------------------------------------------------------------------

QuotaT = TypeVar("QuotaT", bound=QuotaLike)


def _has_condition(rule: QuotaLike) -> bool:
    return rule.member_min is not None or rule.member_max is not None


def _matches(rule: QuotaLike, member_count: int) -> bool:
    if rule.member_min is not None and member_count < rule.member_min:
        return False
    return not (rule.member_max is not None and member_count > rule.member_max)


def quota_for(rules: Iterable[QuotaT], member_count: int) -> tuple[list[QuotaT], str | None]:
    """The unit-scope rules that apply to a unit with ``member_count`` party members.

    Returns (applicable rules, gap message). The gap message is set when the plan ties its
    quotas to member counts and none of them covers ``member_count`` — e.g. "dưới 200" and
    "trên 200" leave exactly 200 undefined (59-KH/ĐUK §II.3.c): staff must decide by editing
    the round's rules, the system does not guess.
    """
    unit_rules = [r for r in rules if r.scope == "unit"]
    applicable = [r for r in unit_rules if _matches(r, member_count)]
    conditioned = [r for r in unit_rules if _has_condition(r)]
    if applicable or not conditioned:
        return applicable, None
    quoted = "; ".join(f"“{r.text.strip()}”" for r in conditioned)
    message = (
        f"Kế hoạch không quy định chỉ tiêu cho tổ chức có đúng {member_count} đảng viên "
        f"({quoted}). Ban Tuyên giáo cần quyết định áp dụng mức nào — sửa điều kiện số đảng "
        f"viên của một chỉ tiêu trong đợt khen thưởng (ví dụ để mức “đến” là {member_count}) "
        "— trước khi đơn vị này gửi đề nghị."
    )
    return [], message


def _over(value: int, bound: int | None) -> bool:
    return bound is not None and value > bound


def check_quota(rule: QuotaLike, existing: Mapping[str, int], adding: str) -> str | None:
    """None when one more nominee of kind ``adding`` ("collective" | "individual") fits
    ``rule`` given the ``existing`` counts by kind; else the refusal, quoting the rule."""
    if adding not in KIND_WORDS:
        raise ValueError(f"unknown nominee kind {adding!r}")
    collectives = existing.get(COLLECTIVE, 0) + (adding == COLLECTIVE)
    individuals = existing.get(INDIVIDUAL, 0) + (adding == INDIVIDUAL)
    if (
        _over(collectives, rule.collectives_max)
        or _over(individuals, rule.individuals_max)
        or _over(collectives + individuals, rule.total_max)
    ):
        return (
            f"Vượt chỉ tiêu: “{rule.text.strip()}” "
            f"(đã có {existing.get(COLLECTIVE, 0)} tập thể, {existing.get(INDIVIDUAL, 0)} cá nhân)."
        )
    return None


def exceeded(rule: QuotaLike, existing: Mapping[str, int]) -> bool:
    """True when the ``existing`` counts already break one of ``rule``'s maximums."""
    collectives = existing.get(COLLECTIVE, 0)
    individuals = existing.get(INDIVIDUAL, 0)
    return (
        _over(collectives, rule.collectives_max)
        or _over(individuals, rule.individuals_max)
        or _over(collectives + individuals, rule.total_max)
    )


@dataclass
class QuotaLine:
    """What is left of one rule for one unit, and what is still missing to reach a minimum."""

    rule: QuotaLike
    collectives_left: int | None
    individuals_left: int | None
    total_left: int | None
    shortfalls: list[str] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return self.total_left == 0 or (self.collectives_left == 0 and self.individuals_left == 0)


def _left(value: int, bound: int | None) -> int | None:
    return None if bound is None else max(bound - value, 0)


def quota_status(rule: QuotaLike, existing: Mapping[str, int]) -> QuotaLine:
    """Places left under ``rule`` (None = no bound) and minimums not yet reached."""
    collectives = existing.get(COLLECTIVE, 0)
    individuals = existing.get(INDIVIDUAL, 0)
    total = collectives + individuals
    total_left = _left(total, rule.total_max)
    collectives_left = _left(collectives, rule.collectives_max)
    individuals_left = _left(individuals, rule.individuals_max)
    if total_left is not None:
        collectives_left = (
            total_left if collectives_left is None else min(collectives_left, total_left)
        )
        individuals_left = (
            total_left if individuals_left is None else min(individuals_left, total_left)
        )
    shortfalls = []
    for value, bound, word in (
        (collectives, rule.collectives_min, "tập thể"),
        (individuals, rule.individuals_min, "cá nhân"),
        (total, rule.total_min, "tập thể, cá nhân"),
    ):
        if bound is not None and value < bound:
            shortfalls.append(f"Cần ít nhất {bound:02d} {word}, hiện có {value}.")
    return QuotaLine(rule, collectives_left, individuals_left, total_left, shortfalls)


# --- eligibility ------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    """``passed`` is None when staff must judge (a qualitative criterion).

    ``evidence`` lists (year, level label) of the rating records the rule looked at.
    """

    passed: bool | None
    evidence: list[tuple[int, str]]
    explanation: str
    overridden: bool = False

    @property
    def no_data(self) -> bool:
        """Failed only because no rating of the years in question is recorded ("Chưa có dữ
        liệu", not "Chưa đạt": the ratings may simply not have been entered)."""
        return self.passed is False and not self.evidence and not self.overridden


def applies(applies_to: str, *, is_collective: bool, is_party_member: bool) -> bool:
    """Whether a criterion for ``applies_to`` concerns this nominee."""
    if applies_to == "collective":
        return is_collective
    if is_collective:
        return False
    if applies_to == "party_member":
        return is_party_member
    if applies_to == "non_member":
        return not is_party_member
    return applies_to == "individual"


def level_label(level: str) -> str:
    return RatingLevel(level).label


def _years_text(years: Sequence[int]) -> str:
    return ", ".join(str(y) for y in years)


def _rank(level: str | None) -> int:
    return RANK.get(level, 0) if level else 0  # type: ignore[call-overload]


def evaluate(
    criterion: CriterionLike,
    ratings_by_year: Mapping[int, str],
    period_years: Sequence[int] = (),
) -> CriterionResult:
    """Check one criterion against one nominee's ratings ({year: RatingLevel value}).

    - ``rating_each_year``: at least ``min_level`` in every year of ``years``
      ("hoàn thành tốt nhiệm vụ trở lên trong các năm 2017, 2018, 2019");
    - ``rating_any_year``: at least ``min_level`` in one of ``years``
      ("hoàn thành xuất sắc … một trong các năm 2017, 2018, 2019");
    - ``rating_count``: at least ``count`` years at ``min_level`` or better among ``years``
      (``years`` None → the round's ``period_years``; both empty → every rated year)
      ("ít nhất 03 năm … hoàn thành xuất sắc");
    - ``manual`` (or a rule without a level): passed None, to be checked by staff.
    Ratings outside the years in question never count (a 2016 or 2020 rating for 2017–2019).
    """
    if criterion.kind == "manual" or not criterion.min_level:
        return CriterionResult(None, [], "Tiêu chuẩn định tính: cán bộ xem xét và xác nhận.")
    need = _rank(criterion.min_level)
    wanted = level_label(criterion.min_level).lower()
    years = list(criterion.years or [])
    if criterion.kind == "rating_count" and not years:
        years = list(period_years) or sorted(ratings_by_year)
    years = sorted(set(years))
    evidence = [(y, level_label(ratings_by_year[y])) for y in years if y in ratings_by_year]
    good = [y for y in years if _rank(ratings_by_year.get(y)) >= need]
    missing = [y for y in years if y not in ratings_by_year]

    def shortfall() -> str:
        parts = [
            f"{y}: {level_label(ratings_by_year[y]).lower()}"
            for y in years
            if y in ratings_by_year and y not in good
        ]
        parts += [f"{y}: chưa có xếp loại" for y in missing]
        return "; ".join(parts)

    if criterion.kind == "rating_each_year":
        if not years:
            return CriterionResult(None, evidence, "Tiêu chuẩn chưa ghi các năm; cán bộ xem xét.")
        passed = len(good) == len(years)
        head = f"Cần “{wanted}” trở lên trong từng năm {_years_text(years)}"
        tail = "đạt." if passed else f"chưa đạt ({shortfall()})."
        return CriterionResult(passed, evidence, f"{head}: {tail}")
    if criterion.kind == "rating_any_year":
        if not years:
            return CriterionResult(None, evidence, "Tiêu chuẩn chưa ghi các năm; cán bộ xem xét.")
        passed = bool(good)
        head = f"Cần “{wanted}” trở lên trong một trong các năm {_years_text(years)}"
        tail = f"đạt năm {_years_text(good)}." if passed else f"chưa đạt ({shortfall()})."
        return CriterionResult(passed, evidence, f"{head}: {tail}")
    if criterion.kind == "rating_count":
        count = criterion.count or 1
        passed = len(good) >= count
        scope = f" trong các năm {_years_text(years)}" if years else ""
        head = f"Cần ít nhất {count:02d} năm “{wanted}” trở lên{scope}"
        got = f"có {len(good)} năm" + (f" ({_years_text(good)})" if good else "")
        return CriterionResult(
            passed, evidence, f"{head}: {got}; {'đạt' if passed else 'chưa đạt'}."
        )
    raise ValueError(f"unknown criterion kind {criterion.kind!r}")


def with_override(result: CriterionResult, passed: bool, reason: str) -> CriterionResult:
    """The result after staff judged the criterion, keeping the rule's own explanation."""
    verdict = "đạt" if passed else "không đạt"
    return CriterionResult(
        passed,
        result.evidence,
        f"{result.explanation} Cán bộ xác nhận {verdict}: {reason.strip()}",
        overridden=True,
    )


NO_DATA = "Chưa có dữ liệu xếp loại"


def shortfall_reason(
    criterion: CriterionLike, period_years: Sequence[int] = (), *, no_data: bool = False
) -> str:
    """The few words saying why a nominee misses a rating criterion, for a picker
    ("chưa đủ 2 năm hoàn thành xuất sắc nhiệm vụ"; "chưa có dữ liệu xếp loại" when
    ``no_data``); "" for a manual criterion."""
    if criterion.kind == "manual" or not criterion.min_level:
        return ""
    if no_data:
        return NO_DATA.lower()
    wanted = level_label(criterion.min_level).lower()
    years = sorted(set(criterion.years or []))
    if criterion.kind == "rating_count":
        scope = f" trong các năm {_years_text(years or period_years)}" if years else ""
        return f"chưa đủ {criterion.count or 1} năm {wanted}{scope}"
    if criterion.kind == "rating_each_year":
        return f"chưa đạt {wanted} trở lên trong từng năm {_years_text(years)}"
    return f"chưa năm nào đạt {wanted} trở lên ({_years_text(years)})"
