"""``core.sql.plain_rows`` gives the same grouped counts as Django's ``values_list``."""

from __future__ import annotations

import pytest
from django.db.models import Count, Q

from lamtheobac.core.sql import plain_rows
from lamtheobac.testing import make_person, make_unit
from lamtheobac.units.models import Person

pytestmark = pytest.mark.django_db


def test_grouped_counts_match_values_list_and_empty_filters_run_nothing(
    django_assert_num_queries,
):
    a, b = make_unit(name="Chi bộ A"), make_unit(name="Chi bộ B")
    for unit, members, others in ((a, 3, 1), (b, 0, 2)):
        for i in range(members + others):
            make_person(unit=unit, is_party_member=i < members)
    qs = (
        Person.objects.values("unit__name")
        .annotate(n=Count("pk"), members=Count("pk", filter=Q(is_party_member=True)))
        .values_list("unit__name", "n", "members")
        .order_by("unit__name")
    )
    assert (
        [tuple(r) for r in plain_rows(qs)] == list(qs) == [("Chi bộ A", 4, 3), ("Chi bộ B", 2, 0)]
    )
    with django_assert_num_queries(0):
        assert plain_rows(Person.objects.filter(pk__in=[]).values_list("pk")) == []
