"""A Thị ủy tree for seed 004 (45-KH/TU) and the Đảng ủy Khối world for seeds 000 and 002."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from lamtheobac.documents.actions.documents import import_document
from lamtheobac.documents.models import Document
from lamtheobac.testing import World, grant, make_unit, make_user
from lamtheobac.units.models import Role, Unit, UnitKind


@dataclass
class Town:
    committee: Unit
    propaganda: Unit  # Ban Tuyên giáo Thị ủy
    mass_mobilisation: Unit  # Ban Dân vận Thị ủy
    organisation: Unit  # Cơ quan Tổ chức - Nội vụ thị xã
    office: Unit  # Văn phòng thị xã
    culture: Unit  # Phòng Văn hóa và Thông tin thị xã
    media: Unit  # Trung tâm Truyền thông - Văn hóa - Thể thao thị xã
    officer: object


@pytest.fixture
def town(db: None) -> Town:
    committee = make_unit(
        name="Thị ủy An Nhơn", kind=UnitKind.COMMITTEE, issuer_code="TU", place="An Nhơn"
    )

    def board(name: str) -> Unit:
        return make_unit(parent=committee, name=name, kind=UnitKind.BOARD)

    officer = make_user("btg.thiuy")
    grant(officer, committee, Role.COMMITTEE_STAFF)
    return Town(
        committee=committee,
        propaganda=board("Ban Tuyên giáo Thị ủy"),
        mass_mobilisation=board("Ban Dân vận Thị ủy"),
        organisation=board("Cơ quan Tổ chức - Nội vụ thị xã"),
        office=board("Văn phòng thị xã"),
        culture=board("Phòng Văn hóa và Thông tin thị xã"),
        media=board("Trung tâm Truyền thông - Văn hóa - Thể thao thị xã"),
        officer=officer,
    )


@pytest.fixture
def seed_document(seed_path: Callable[[str], Path]) -> Callable[..., Document]:
    def _import(prefix: str, *, owner: Unit, by: User) -> Document:
        path = seed_path(prefix)
        return import_document(owner=owner, data=path.read_bytes(), filename=path.name, by=by)

    return _import


@pytest.fixture
def khoi(world: World) -> World:
    """The Đảng ủy Khối world with the boards seeds 000 and 002 assign work to."""
    for name in (
        "Văn phòng Đảng ủy Khối",
        "Ban Tổ chức Đảng ủy Khối",
        "Ủy ban Kiểm tra Đảng ủy Khối",
    ):
        make_unit(parent=world.committee, name=name, kind=UnitKind.BOARD)
    return world
