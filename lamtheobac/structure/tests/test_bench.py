"""The structure bench measures what it says on a small tree (no timing asserts)."""

from __future__ import annotations

from types import SimpleNamespace

from lamtheobac.structure.bench import measure_structure, table
from lamtheobac.structure.models import ChangeKind, UnitChange
from lamtheobac.testing import World, make_person, make_unit
from lamtheobac.units.models import UnitKind


def test_the_bench_merges_renames_and_counts_every_member(world: World):
    for i in range(4):
        cell = make_unit(parent=world.committee, name=f"Chi bộ {i}", kind=UnitKind.GRASSROOTS_CELL)
        for _ in range(2):
            make_person(unit=cell)
    result = measure_structure(SimpleNamespace(profile="thử", committee=world.committee))
    assert UnitChange.objects.filter(kind=ChangeKind.MERGE).count() == 2
    assert result["party_members_counted"] == 8 and result["merged_people"] >= 4
    assert "member_counts_on" in table([result], vendor="sqlite")
