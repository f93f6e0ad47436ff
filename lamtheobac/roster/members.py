"""Planning a roster import: member rows read, checked and matched to people, nothing written.

A person is identified by the party card number (số thẻ đảng viên) when the row has one, else
by name + date (or year) of birth + unit; a row whose birth date was corrected still finds the
one person of that name in that unit. Matching happens only inside the importer's scope: a
card held outside it is reported without saying by whom (docs/domain.md §9).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
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


def _by_value(values: list[Any], parse: Callable[[Any], Any]) -> tuple[list[Any], list[Any]]:
    """``[parse(v) for v in values]``, parsing each distinct value once — a roster column
    repeats (~20,000 birthdays, a few genders among 150,000 rows) — and the distinct
    results. True and 1 are one key of a dict, so a column holding a bool is parsed value
    by value."""
    distinct = set(values)
    if bool in set(map(type, distinct)):
        results = [parse(v) for v in values]
        return results, results
    parsed = {v: parse(v) for v in distinct}
    return list(map(parsed.__getitem__, values)), list(parsed.values())


def parse_rows(sheet: Sheet, *, today: dt.date) -> tuple[MemberPlan, list[MemberRow]]:
    """Rows of the roster sheet that read well, and the plan holding the others' errors.

    Column by column: each column's distinct cells are parsed once (``_by_value``), then one
    pass over the rows checks what ties columns together (a non-member with a card, ngày
    chính thức before ngày vào Đảng, joining before 18) — at 150,000 rows per-cell calls
    were most of the import's own work (``lamtheobac bench --roster``)."""
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
    data = sheet.data()
    count = len(data)
    width = max(index for index in columns.values() if index is not None) + 1
    lines = list(map(itemgetter(0), data))
    raws = list(map(itemgetter(1), data))
    if raws and min(map(len, raws)) < width:  # calamine's rows are all as wide as the sheet
        raws = [raw if len(raw) >= width else [*raw, *[None] * (width - len(raw))] for raw in raws]
    del data
    nothing: list[Any] = [None] * count
    first = itemgetter(0)
    problems: dict[int, list[tuple[str, str]]] = defaultdict(list)

    def cells_of(key: str) -> list[Any]:
        index = columns[key]
        return nothing if index is None else list(map(itemgetter(index), raws))

    def checked(parsed: tuple[list[Any], list[Any]], kind: str) -> list[Any]:
        """Note the problem (a parser's last item) of every row that has one; the results."""
        results, distinct = parsed
        if any(result[-1] for result in distinct):
            for i, result in enumerate(results):
                if result[-1]:
                    problems[i].append((kind, result[-1]))
        return results

    names = _by_value(cells_of("name"), cells.text)[0]
    for i, name in enumerate(names):
        if not name:
            problems[i].append(("missing_name", "thiếu họ và tên"))
    split = _by_value(names, lambda name: cells.split_words(name.split()))[0]

    def dates(key: str, label: str, *, birth: bool = False) -> list[tuple[Any, ...]]:
        return checked(
            _by_value(
                cells_of(key),
                lambda v: cells.parse_date(v, label=label, today=today, birth=birth),
            ),
            "bad_date",
        )

    keys = ["family_name", "middle_name", "given_name", "is_party_member"]
    extra: list[list[Any]] = []  # the other columns' values, in ``keys`` order from the 5th
    births = dates("birth", "ngày sinh", birth=True) if columns["birth"] is not None else None
    joins = dates("joined", "ngày vào Đảng") if columns["joined"] is not None else None
    confirms = dates("confirmed", "ngày chính thức") if columns["confirmed"] is not None else None
    if births is not None:
        keys += ["date_of_birth", "birth_year"]
        extra += [list(map(first, births)), list(map(itemgetter(1), births))]
    if joins is not None:
        keys.append("joined_party_on")
        extra.append(list(map(first, joins)))
    if confirms is not None:
        keys.append("confirmed_on")
        extra.append(list(map(first, confirms)))
    if columns["gender"] is not None:
        genders = checked(_by_value(cells_of("gender"), cells.parse_gender), "bad_gender")
        keys.append("gender")
        extra.append(list(map(first, genders)))
    if columns["position"] is not None:
        keys.append("position")
        extra.append(_by_value(cells_of("position"), lambda v: cells.text(v)[:255])[0])
    cards = nothing
    if columns["card"] is not None:
        # Cards are all different: parsed one by one.
        each = [cells.parse_card(v) for v in cells_of("card")]
        parsed_cards = checked((each, each), "bad_card")
        cards = list(map(first, parsed_cards))
        keys.append("card_number")
        extra.append(cards)
    flags = checked(_by_value(cells_of("member"), cells.parse_flag), "bad_flag")
    units = _by_value(cells_of("unit"), cells.text)[0]
    joined_cells = cells_of("joined")

    # What ties columns together, row by row.
    born_on = extra[0] if births is not None else nothing
    born_in = extra[1] if births is not None else nothing
    joined_on = extra[keys.index("joined_party_on") - 4] if joins is not None else nothing
    confirmed_on = extra[keys.index("confirmed_on") - 4] if confirms is not None else nothing
    members: list[bool] = []
    for i, (flag, card, joined, confirmed) in enumerate(
        zip(flags, cards, joined_on, confirmed_on, strict=True)
    ):
        party_data = bool(card or joined or confirmed)
        if flag[0] is None:
            members.append(party_data)
        else:
            members.append(flag[0])
            if flag[0] is False and party_data:
                problems[i].append(
                    (
                        "non_member_with_party_data",
                        "ghi không phải đảng viên nhưng có số thẻ hoặc ngày vào Đảng, ngày "
                        "chính thức",
                    )
                )
        if not joined:
            if confirmed and joins is not None and joined_cells[i] in (None, ""):
                problems[i].append(
                    ("confirmed_without_joined", "có ngày chính thức mà thiếu ngày vào Đảng")
                )
            continue
        if confirmed and confirmed < joined:
            problems[i].append(
                (
                    "confirmed_before_joined",
                    f"ngày chính thức {confirmed:%d/%m/%Y} trước ngày vào Đảng {joined:%d/%m/%Y}",
                )
            )
        born = born_on[i]
        if born is not None:
            adult = _add_years(born, 18)
        elif born_in[i]:
            adult = dt.date(int(born_in[i]) + 18, 1, 1)
        else:
            continue
        if joined < adult:
            problems[i].append(
                ("too_young", "ngày vào Đảng khi chưa đủ 18 tuổi (Điều lệ Đảng, Điều 1)")
            )
    for i, unit_ref in enumerate(units):
        if not unit_ref:
            problems[i].append(("missing_unit", "thiếu đơn vị (mã hoặc tên chi bộ)"))

    rows: list[MemberRow] = []
    for i, (line, name, (family, middle, given), member, unit_ref, *others) in enumerate(
        zip(lines, names, split, members, units, *extra, strict=True)
    ):
        if i in problems:
            continue
        values = dict(zip(keys, (family, middle, given, member, *others), strict=True))
        # ``text`` gave NFC with single spaces: the name key is its lower case.
        rows.append(MemberRow(line, name, values, unit_ref, key=name.lower()))
    for i in sorted(problems):
        for kind, message in problems[i]:
            plan.errors.append(RowError(lines[i], kind, message))
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
    if existing:  # a first import matches nobody: no identity to look up
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
        if pk is None and existing:
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
