"""Xếp loại chất lượng: one rating per person or unit per year (docs/domain.md §3)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from lamtheobac.units.models import Person, Unit


class RatingLevel(models.TextChoices):
    EXCELLENT = "excellent", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "good", "Hoàn thành tốt nhiệm vụ"
    COMPLETE = "complete", "Hoàn thành nhiệm vụ"
    INCOMPLETE = "incomplete", "Không hoàn thành nhiệm vụ"


# Higher is better: "hoàn thành tốt nhiệm vụ trở lên" means rank >= RANK[GOOD].
RANK = {
    RatingLevel.EXCELLENT: 4,
    RatingLevel.GOOD: 3,
    RatingLevel.COMPLETE: 2,
    RatingLevel.INCOMPLETE: 1,
}


class Rating(models.Model):
    """The rating of exactly one person or one unit for one year."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="ratings"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField("năm")
    level = models.CharField("xếp loại", max_length=16, choices=RatingLevel.choices)
    note = models.CharField("ghi chú, căn cứ", max_length=255, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "xếp loại chất lượng"
        verbose_name_plural = "xếp loại chất lượng"
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False, unit__isnull=True))
                | (Q(person__isnull=True, unit__isnull=False)),
                name="rating_of_person_xor_unit",
            ),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="one_rating_per_person_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(unit__isnull=False),
                name="one_rating_per_unit_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} {self.year}: {self.get_level_display()}"

    @property
    def rank(self) -> int:
        return RANK[RatingLevel(self.level)]
