"""Planning a roster import: member rows read, checked and matched to people, nothing written.

A person is identified by the party card number (số thẻ đảng viên) when the row has one, else
by name + date (or year) of birth + unit; a row whose birth date was corrected still finds the
one person of that name in that unit. Matching happens only inside the importer's scope: a
card held outside it is reported without saying by whom (docs/domain.md §9).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import connection

from lamtheobac.roster import cells
from lamtheobac.roster.report import RowError
from lamtheobac.roster.workbook import Sheet
from lamtheobac.units.models import Person, Unit

HEADER = "hovaten"
# Person fields an import may set, each tied to the column that carries it.
FIELDS_BY_COLUMN = {
    "birth": ("date_of_birth", "birth_year"),
    "gender": ("gender",),
    "position": ("position",),
    "joined": ("joined_party_on",),
    "confirmed": ("confirmed_on",),
    "card": ("card_number",),
}
ALWAYS = ("family_name", "middle_name", "given_name", "unit_id", "is_party_member")
_LOADED = (
    "pk",
    "unit_id",
    "family_name",
    "middle_name",
    "given_name",
    "date_of_birth",
    "birth_year",
    "gender",
    "position",
    "is_party_member",
    "joined_party_on",
    "confirmed_on",
    "card_number",
)


@dataclass
class MemberRow:
    line: int
    full_name: str
    values: dict[str, Any]  # Person field → value (only the file's columns)
    unit_ref: str
    unit_id: int = 0
    key: str = ""  # cells.name_key(full_name), computed once

    def __post_init__(self) -> None:
        if not self.key:
            self.key = cells.name_key(self.full_name)


@dataclass
class MemberChange:
    pk: int
    row: MemberRow
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass
class MemberPlan:
    errors: list[RowError] = field(default_factory=list)
    creates: list[MemberRow] = field(default_factory=list)
    changes: list[MemberChange] = field(default_factory=list)
    unchanged: int = 0
    fields: tuple[str, ...] = ALWAYS


def _columns(sheet: Sheet) -> dict[str, int | None]:
    return {
        "name": sheet.columns.get("hovaten", sheet.column("hoten")),
        "birth": sheet.column("ngaysinh", "namsinh"),
        "gender": sheet.column("gioitinh"),
        "position": sheet.column("chucvu"),
        "unit": sheet.column("donvi", "madonvi", "chibo"),
        "member": sheet.column("dangvien", "ladangvien"),
        "joined": sheet.column("ngayvaodang"),
        "confirmed": sheet.column("ngaychinhthuc"),
        "card": sheet.column("sothe"),
    }


def parse_rows(sheet: Sheet, *, today: dt.date) -> tuple[MemberPlan, list[MemberRow]]:
    """Rows of the roster sheet that read well, and the plan holding the others' errors."""
    columns = _columns(sheet)
    plan = MemberPlan()
    if columns["unit"] is None:
        plan.errors.append(
            RowError(sheet.header_index + 1, "missing_column", "thiếu cột “Đơn vị (chi bộ)”")
        )
        return plan, []
    plan.fields = ALWAYS + tuple(
        f for key, names in FIELDS_BY_COLUMN.items() if columns[key] is not None for f in names
    )
    rows: list[MemberRow] = []
    # Column positions and parsers bound once: this loop runs for every person of a province.
    # A missing column reads the None appended to every row (index -1).
    at = {key: -1 if index is None else index for key, index in columns.items()}
    name_at, unit_at, flag_at = at["name"], at["unit"], at["member"]
    birth_at, joined_at, confirmed_at = at["birth"], at["joined"], at["confirmed"]
    gender_at, position_at, card_at = at["gender"], at["position"], at["card"]
    width = max(at.values()) + 1
    text, parse_date = cells.text, cells.parse_date
    for line, raw in sheet.data():
        row = [None if value == "" else value for value in raw]
        if len(row) < width:
            row.extend([None] * (width - len(row)))
        row.append(None)
        problems: list[tuple[str, str]] = []
        full_name = text(row[name_at])
        if not full_name:
            problems.append(("missing_name", "thiếu họ và tên"))
        family, middle, given = cells.split_words(full_name.split())
        values: dict[str, Any] = {
            "family_name": family,
            "middle_name": middle,
            "given_name": given,
        }
        if birth_at >= 0:
            born, year, problem = parse_date(
                row[birth_at], label="ngày sinh", today=today, birth=True
            )
            if problem:
                problems.append(("bad_date", problem))
            values["date_of_birth"], values["birth_year"] = born, year
        joined = confirmed = None
        if joined_at >= 0:
            joined, _, problem = parse_date(row[joined_at], label="ngày vào Đảng", today=today)
            if problem:
                problems.append(("bad_date", problem))
            values["joined_party_on"] = joined
        if confirmed_at >= 0:
            confirmed, _, problem = parse_date(
                row[confirmed_at], label="ngày chính thức", today=today
            )
            if problem:
                problems.append(("bad_date", problem))
            values["confirmed_on"] = confirmed
        if gender_at >= 0:
            values["gender"], problem = cells.parse_gender(row[gender_at])
            if problem:
                problems.append(("bad_gender", problem))
        if position_at >= 0:
            values["position"] = text(row[position_at])[:255]
        card = ""
        if card_at >= 0:
            card, problem = cells.parse_card(row[card_at])
            if problem:
                problems.append(("bad_card", problem))
            values["card_number"] = card
        flag, problem = cells.parse_flag(row[flag_at])
        if problem:
            problems.append(("bad_flag", problem))
        party_data = bool(card or joined or confirmed)
        if flag is False and party_data:
            problems.append(
                (
                    "non_member_with_party_data",
                    "ghi không phải đảng viên nhưng có số thẻ hoặc ngày vào Đảng, ngày chính thức",
                )
            )
        values["is_party_member"] = party_data if flag is None else flag
        if confirmed and joined and confirmed < joined:
            problems.append(
                (
                    "confirmed_before_joined",
                    f"ngày chính thức {confirmed:%d/%m/%Y} trước ngày vào Đảng {joined:%d/%m/%Y}",
                )
            )
        elif confirmed and joined_at >= 0 and row[joined_at] is None:
            problems.append(
                ("confirmed_without_joined", "có ngày chính thức mà thiếu ngày vào Đảng")
            )
        born_on, born_in = values.get("date_of_birth"), values.get("birth_year")
        if joined and (born_on or born_in):
            adult = (
                _add_years(born_on, 18) if born_on else dt.date(int(born_in) + 18, 1, 1)  # type: ignore[arg-type]
            )
            if joined < adult:
                problems.append(
                    ("too_young", "ngày vào Đảng khi chưa đủ 18 tuổi (Điều lệ Đảng, Điều 1)")
                )
        unit_ref = text(row[unit_at])
        if not unit_ref:
            problems.append(("missing_unit", "thiếu đơn vị (mã hoặc tên chi bộ)"))
        if problems:
            for kind, message in problems:
                plan.errors.append(RowError(line, kind, message))
        else:
            # ``text`` gave NFC with single spaces: the name key is its lower case.
            rows.append(MemberRow(line, full_name, values, unit_ref, key=full_name.lower()))
    return plan, rows


@lru_cache(maxsize=65_536)  # one per distinct birthday
def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _birth_key(values: dict[str, Any]) -> str:
    born = values.get("date_of_birth")
    if born:
        return born.isoformat()
    year = values.get("birth_year")
    return str(year) if year else ""


def match(plan: MemberPlan, rows: list[MemberRow], scope: Unit) -> MemberPlan:
    """Bind rows to units and existing people in ``scope``'s subtree; decide creates and
    changes. Queries: one for the units, one for the people, one per 10,000 cards not found
    in the scope (to refuse a card held elsewhere)."""
    errors = plan.errors
    by_code: dict[str, int] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    for pk, code, name in Unit.objects.subtree(scope).values_list("pk", "code", "name"):
        if code:
            by_code[code] = pk
        by_name[cells.name_key(name)].append(pk)

    existing: dict[int, dict[str, Any]] = {}
    by_card: dict[str, int] = {}
    by_identity: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    by_name_unit: dict[tuple[str, int], list[int]] = defaultdict(list)
    people = Person.objects.filter(unit__path__startswith=scope.path).values_list(*_LOADED)
    for values in people.iterator(chunk_size=10_000):
        record = dict(zip(_LOADED, values, strict=True))
        pk = record.pop("pk")
        existing[pk] = record
        full = " ".join(
            p for p in (record["family_name"], record["middle_name"], record["given_name"]) if p
        )
        name = cells.name_key(full)
        if record["card_number"]:
            by_card[record["card_number"]] = pk
        by_identity[(name, _birth_key(record), record["unit_id"])].append(pk)
        by_name_unit[(name, record["unit_id"])].append(pk)

    bound: list[MemberRow] = []
    unit_of: dict[str, int] = {}  # a cell's reference, read once for all its people
    for row in rows:
        known = unit_of.get(row.unit_ref)
        if known is not None:
            row.unit_id = known
            row.values["unit_id"] = known
            bound.append(row)
            continue
        ref = "".join(row.unit_ref.split()).upper()
        if ref in by_code:
            row.unit_id = by_code[ref]
        else:
            found = by_name.get(cells.name_key(row.unit_ref), [])
            if len(found) == 1:
                row.unit_id = found[0]
            elif found:
                errors.append(
                    RowError(
                        row.line,
                        "ambiguous_unit",
                        f"có {len(found)} đơn vị tên “{row.unit_ref}” trong phạm vi; ghi mã đơn vị",
                    )
                )
                continue
            else:
                errors.append(
                    RowError(
                        row.line,
                        "unknown_unit",
                        f"không tìm thấy đơn vị “{row.unit_ref}” (mã hoặc tên) trong phạm vi "
                        f"“{scope.name}”",
                    )
                )
                continue
        unit_of[row.unit_ref] = row.unit_id
        row.values["unit_id"] = row.unit_id
        bound.append(row)

    unknown_cards = sorted(
        {r.values["card_number"] for r in bound if r.values.get("card_number")} - by_card.keys()
    )
    elsewhere = _cards_outside(unknown_cards, scope)

    card_line: dict[str, int] = {}
    claimed: dict[int, int] = {}  # person pk → line that matched it
    name_rows: dict[tuple[str, int], int] = defaultdict(int)
    for row in bound:
        name_rows[(row.key, row.unit_id)] += 1
    for row in bound:
        card = row.values.get("card_number", "")
        name = row.key
        if card:
            if card in card_line:
                errors.append(
                    RowError(
                        row.line,
                        "duplicate_card",
                        f"số thẻ “{card}” trùng với dòng {card_line[card]}",
                    )
                )
                continue
            card_line[card] = row.line
            if card in elsewhere:
                errors.append(
                    RowError(
                        row.line,
                        "card_of_another_person",
                        f"số thẻ “{card}” đã được cấp cho một người ngoài phạm vi nhập",
                    )
                )
                continue
        pk = by_card.get(card) if card else None
        if pk is not None:
            other = existing[pk]
            other_name = " ".join(
                p for p in (other["family_name"], other["middle_name"], other["given_name"]) if p
            )
            same_name = cells.name_key(other_name) == name
            birth = _birth_key(row.values)
            same_birth = bool(birth) and birth == _birth_key(other)
            if not same_name and not same_birth:
                errors.append(
                    RowError(
                        row.line,
                        "card_of_another_person",
                        f"số thẻ “{card}” đã được cấp cho {other_name}; kiểm tra lại số thẻ",
                    )
                )
                continue
        if pk is None:
            found = by_identity.get((name, _birth_key(row.values), row.unit_id), [])
            if not found and name_rows[(name, row.unit_id)] == 1:
                found = by_name_unit.get((name, row.unit_id), [])
                # Only someone without a card, so the birth date may be the correction.
                found = [p for p in found if not existing[p]["card_number"]]
            if len(found) > 1:
                errors.append(
                    RowError(
                        row.line,
                        "ambiguous_person",
                        f"có {len(found)} người tên “{row.full_name}” ở đơn vị này; ghi số thẻ "
                        "hoặc ngày sinh để phân biệt",
                    )
                )
                continue
            pk = found[0] if found else None  # a different stored card: corrected here
        if pk is not None:
            if pk in claimed:
                errors.append(
                    RowError(
                        row.line,
                        "duplicate_person",
                        f"trùng người với dòng {claimed[pk]} ({row.full_name})",
                    )
                )
                continue
            claimed[pk] = row.line
            before = {k: existing[pk][k] for k, v in row.values.items() if existing[pk].get(k) != v}
            if before:
                plan.changes.append(
                    MemberChange(pk, row, before, {k: row.values[k] for k in before})
                )
            else:
                plan.unchanged += 1
        else:
            plan.creates.append(row)
    _duplicate_new(plan)
    return plan


def _cards_outside(cards: list[str], scope: Unit) -> set[str]:
    """Those of ``cards`` held by someone outside ``scope``'s subtree: one query per 5,000
    cards, written in SQL because compiling an ``__in`` lookup costs the ORM ~20 µs a value
    (3 s for a province's 150,000 new cards)."""
    found: set[str] = set()
    if not cards:
        return found
    quote = connection.ops.quote_name
    person, unit = Person._meta, Unit._meta
    card = quote(str(person.get_field("card_number").column))
    unit_fk = quote(str(person.get_field("unit").column))
    path = quote(str(unit.get_field("path").column))
    with connection.cursor() as cursor:
        for start in range(0, len(cards), 5_000):
            chunk = cards[start : start + 5_000]
            # Only the models' own table and column names, quoted; every value is a parameter.
            cursor.execute(
                f"SELECT p.{card} FROM {quote(person.db_table)} p "  # noqa: S608
                f"JOIN {quote(unit.db_table)} u ON u.{quote(str(unit.pk.column))} = p.{unit_fk} "
                f"WHERE p.{card} IN ({', '.join(['%s'] * len(chunk))}) "
                f"AND NOT (u.{path} LIKE %s)",
                [*chunk, scope.path + "%"],
            )
            found.update(value for (value,) in cursor.fetchall())
    return found


def _duplicate_new(plan: MemberPlan) -> None:
    """Two new rows for one person (same name, birth and unit, no card): the second is refused."""
    first: dict[tuple[str, str, int], int] = {}
    kept = []
    for row in plan.creates:
        if row.values.get("card_number"):
            kept.append(row)
            continue
        key = (row.key, _birth_key(row.values), row.unit_id)
        if key in first:
            plan.errors.append(
                RowError(
                    row.line,
                    "duplicate_person",
                    f"trùng người với dòng {first[key]} ({row.full_name})",
                )
            )
        else:
            first[key] = row.line
            kept.append(row)
    plan.creates = kept
