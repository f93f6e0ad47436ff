"""The audit trail: who changed what, from what to what (docs/domain.md §8)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from lamtheobac.audit.models import AuditEvent, history, record, unsaved_event
from lamtheobac.testing import World

pytestmark = pytest.mark.django_db


def test_an_event_keeps_who_what_on_which_unit_and_the_values_before_and_after(
    world: World,
) -> None:
    event = record(
        actor=world.officer,
        action="unit.renamed",
        target=world.cell,
        unit=world.grassroots,
        before={"name": "Chi bộ cũ", "day": dt.date(2025, 6, 15)},
        after={"name": world.cell.name},
        reason="Sáp nhập.",
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor == world.officer
    assert (stored.target_type, stored.target_id) == ("units.unit", str(world.cell.pk))
    assert stored.unit == world.grassroots
    assert stored.before == {"name": "Chi bộ cũ", "day": "2025-06-15"}  # dates as ISO text
    assert stored.after == {"name": world.cell.name}
    assert stored.reason == "Sáp nhập."


def test_the_system_and_an_anonymous_user_are_recorded_without_an_actor(world: World) -> None:
    assert record(actor=None, action="demo.built", target=world.committee).actor is None
    anonymous = record(actor=AnonymousUser(), action="x.y", target=world.committee)
    assert anonymous.actor is None


def test_an_unsaved_event_is_the_same_event_for_a_bulk_insert(world: World) -> None:
    events = [
        unsaved_event(actor=world.officer, action="unit.checked", target=unit, unit=unit)
        for unit in (world.cell, world.sibling)
    ]
    assert AuditEvent.objects.count() == 0
    AuditEvent.objects.bulk_create(events)
    assert list(history(world.sibling).values_list("action", "actor__username")) == [
        ("unit.checked", "canbo.btg")
    ]


def test_history_lists_one_targets_events_newest_first(world: World) -> None:
    first = record(actor=world.officer, action="unit.a", target=world.cell)
    second = record(actor=world.secretary, action="unit.b", target=world.cell)
    record(actor=world.officer, action="unit.c", target=world.sibling)
    assert list(history(world.cell)) == [second, first]
