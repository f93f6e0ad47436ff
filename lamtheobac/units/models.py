"""The unit tree (tổ chức đảng, đơn vị, đoàn thể), people and role grants.

One materialized-path tree (django-treebeard): committee → grassroots committee / grassroots
cell → subordinate cell; boards and mass organisations are units too (docs/domain.md §3). A subtree
is one indexed ``path LIKE 'prefix%'`` filter on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Substr
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from lamtheobac.core.vietnamese import nfc, sort_key

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import User


class UnitKind(models.TextChoices):
    COMMITTEE = "committee", "Cấp ủy cấp trên (Đảng ủy Khối, Thị ủy, Huyện ủy)"
    GRASSROOTS_COMMITTEE = "grassroots_committee", "Đảng bộ cơ sở"
    GRASSROOTS_CELL = "grassroots_cell", "Chi bộ cơ sở"
    SUBORDINATE_COMMITTEE = "subordinate_committee", "Đảng bộ bộ phận"
    SUBORDINATE_CELL = "subordinate_cell", "Chi bộ trực thuộc"
    BOARD = "board", "Ban, văn phòng, ủy ban kiểm tra"
    MASS_ORGANISATION = "mass_org", "Đoàn thể (Đoàn Khối, Công đoàn…)"


GRASSROOTS_KINDS = (UnitKind.GRASSROOTS_COMMITTEE, UnitKind.GRASSROOTS_CELL)
CELL_KINDS = (UnitKind.GRASSROOTS_CELL, UnitKind.SUBORDINATE_CELL)


class UnitQuerySet(MP_NodeQuerySet):
    def subtree(self, unit: Unit) -> UnitQuerySet:
        """``unit`` and everything below it (one prefix filter)."""
        return self.filter(path__startswith=unit.path)

    def subtrees(self, units: Iterable[Unit]) -> UnitQuerySet:
        """The union of the subtrees of ``units``."""
        condition = Q(pk__in=[])
        for unit in units:
            condition |= Q(path__startswith=unit.path)
        return self.filter(condition)

    def grassroots(self) -> UnitQuerySet:
        """Grassroots organisations: đảng bộ cơ sở and chi bộ cơ sở."""
        return self.filter(kind__in=GRASSROOTS_KINDS)

    def in_tree_order(self) -> UnitQuerySet:
        return self.order_by("path")


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> UnitQuerySet:
        # treebeard's manager builds its own queryset class; keep ours and its tree order.
        return UnitQuerySet(self.model, using=self._db).order_by("path")


class Unit(MP_Node):
    """Tổ chức đảng, đơn vị, đoàn thể: a node of the one unit tree."""

    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=120, blank=True)
    kind = models.CharField("loại", max_length=32, choices=UnitKind.choices)
    issuer_code = models.CharField(
        "ký hiệu cơ quan ban hành", max_length=32, blank=True, help_text="Ví dụ: ĐUK, ThU, ĐU."
    )
    superior_name = models.CharField(
        "cơ quan cấp trên trực tiếp (dòng 1 tiêu đề)",
        max_length=255,
        blank=True,
        help_text="Ví dụ: ĐẢNG BỘ TỈNH QUẢNG NAM.",
    )
    header_name = models.CharField(
        "tên cơ quan ban hành (dòng 2 tiêu đề)",
        max_length=255,
        blank=True,
        help_text="Ví dụ: ĐẢNG ỦY KHỐI CÁC CƠ QUAN.",
    )
    place = models.CharField("địa danh", max_length=120, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)
    code = models.CharField(
        "mã đơn vị",
        max_length=32,
        blank=True,
        help_text="Mã do cấp ủy đặt, duy nhất; dùng để nhập lại danh sách tổ chức và đảng viên.",
    )
    declared_member_count = models.PositiveIntegerField(
        "số đảng viên (khai báo)",
        null=True,
        blank=True,
        help_text="Chỉ dùng khi đơn vị chưa có danh sách đảng viên.",
    )

    objects = UnitManager()

    class Meta:
        verbose_name = "tổ chức, đơn vị"
        verbose_name_plural = "tổ chức, đơn vị"
        indexes = [models.Index(fields=["kind", "path"])]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="unique_unit_code_when_set"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = nfc(self.name)
        super().save(*args, **kwargs)

    @property
    def is_grassroots(self) -> bool:
        return self.kind in GRASSROOTS_KINDS

    def is_within(self, other: Unit) -> bool:
        """True when this unit is ``other`` or lies in its subtree."""
        return self.path.startswith(other.path)

    def party_member_count(self) -> int:
        """Đảng viên of this unit for quotas (docs/domain.md §5): the roster's party members in
        its subtree, or the declared figure when the subtree has nobody on the roster (one
        query; see ``member_counts``)."""
        return member_counts([self])[self.pk].value


@dataclass(frozen=True)
class MemberCount:
    """A unit's member figures (số đảng viên): ``roster`` party members and ``people`` on the
    roster in its subtree, and the ``declared`` figure typed in for it (None if none)."""

    roster: int
    people: int
    declared: int | None

    @property
    def has_roster(self) -> bool:
        return self.people > 0

    @property
    def value(self) -> int:
        """The count rules use: the roster's, else the declared figure, else 0 (issue 11)."""
        if self.has_roster:
            return self.roster
        return self.declared or 0

    @property
    def disagrees(self) -> bool:
        """True when a roster exists and the declared figure says otherwise (shown to staff)."""
        return self.has_roster and self.declared is not None and self.declared != self.roster


def member_counts(units: Iterable[Unit]) -> dict[int, MemberCount]:
    """``MemberCount`` of each unit's subtree, by unit id: one grouped query per distinct tree
    depth among ``units`` (constant in their number), counting people and party members
    together. ``declared`` is read from the given instances."""
    by_length: dict[int, dict[str, Unit]] = {}
    for unit in units:
        by_length.setdefault(len(unit.path), {})[unit.path] = unit
    counts: dict[int, MemberCount] = {}
    for length, units_by_path in by_length.items():
        condition = Q(pk__in=[])
        for path in units_by_path:
            condition |= Q(unit__path__startswith=path)
        rows = (
            Person.objects.filter(condition)
            .annotate(prefix=Substr("unit__path", 1, length))
            .values("prefix")
            .annotate(people=Count("pk"), members=Count("pk", filter=Q(is_party_member=True)))
            .values_list("prefix", "people", "members")
        )
        found = {prefix: (people, members) for prefix, people, members in rows}
        for path, unit in units_by_path.items():
            people, members = found.get(path, (0, 0))
            counts[unit.pk] = MemberCount(members, people, unit.declared_member_count)
    return counts


class PersonQuerySet(models.QuerySet["Person"]):
    def in_subtree(self, unit: Unit) -> PersonQuerySet:
        return self.filter(unit__path__startswith=unit.path)

    def party_members(self) -> PersonQuerySet:
        return self.filter(is_party_member=True)

    def in_office_order(self) -> PersonQuerySet:
        """Given name, then middle, then family name, in Vietnamese letter order."""
        return self.order_by("sort_key", "pk")


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class Person(models.Model):
    """Đảng viên, cán bộ, quần chúng: belongs to one unit (usually a cell).

    Date of birth and card number are personal data: shown only to the unit's staff and
    administrators (``roster.access``). ``birth_year`` follows ``date_of_birth`` when that is
    known and is kept alone when only the year is.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people")
    family_name = models.CharField("họ", max_length=60, blank=True)
    middle_name = models.CharField("tên đệm", max_length=120, blank=True)
    given_name = models.CharField("tên", max_length=60)
    sort_key = models.CharField(max_length=400, db_index=True, editable=False)
    is_party_member = models.BooleanField("là đảng viên", default=True)
    position = models.CharField("chức vụ", max_length=255, blank=True)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices, blank=True)
    joined_party_on = models.DateField("ngày vào Đảng", null=True, blank=True)
    confirmed_on = models.DateField("ngày chính thức", null=True, blank=True)
    card_number = models.CharField("số thẻ đảng viên", max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "người"
        verbose_name_plural = "người"
        constraints = [
            models.UniqueConstraint(
                fields=["card_number"],
                condition=~Q(card_number=""),
                name="unique_person_card_number_when_set",
            )
        ]
        # Party members counted per unit from the index alone (year page, member counts).
        indexes = [models.Index(fields=["unit", "is_party_member"], name="person_unit_member")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.refresh_sort_key()
        if self.date_of_birth is not None:
            self.birth_year = self.date_of_birth.year
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)

    def refresh_sort_key(self) -> None:
        """Normalise the name parts to NFC and recompute ``sort_key`` (call before bulk_create)."""
        self.family_name = nfc(self.family_name)
        self.middle_name = nfc(self.middle_name)
        self.given_name = nfc(self.given_name)
        self.sort_key = sort_key(self.given_name, self.middle_name, self.family_name)


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Quản trị hệ thống"
    COMMITTEE_STAFF = "committee_staff", "Cán bộ Ban Tuyên giáo cấp trên"
    COMMITTEE_LEADER = "committee_leader", "Thường trực, Ban Thường vụ"
    UNIT_STAFF = "unit_staff", "Cán bộ cấp ủy cơ sở"
    MEMBER = "member", "Đảng viên, cán bộ, quần chúng"


class RoleGrant(models.Model):
    """A role granted to a user on a unit; it reaches the unit's whole subtree (docs/domain.md §2)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_role_grant")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


def unit_staff(units: Iterable[Unit]) -> dict[int, list[User]]:
    """The users holding the unit-staff role on exactly each of ``units`` (who write its
    reports and nominations), by unit id; one query whatever the number of units. A unit
    without staff maps to an empty list."""
    ids = [u.pk for u in units]
    staff: dict[int, list[User]] = {pk: [] for pk in ids}
    for grant in RoleGrant.objects.filter(unit_id__in=ids, role=Role.UNIT_STAFF).select_related(
        "user"
    ):
        staff[grant.unit_id].append(grant.user)
    return staff


def staff_of(unit: Unit) -> list[User]:
    """The users holding the unit-staff role on exactly ``unit``."""
    return unit_staff([unit])[unit.pk]
