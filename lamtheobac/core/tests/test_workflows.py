"""Every declared transition table, walked: a transition asked from a state it does not
start from is refused (StateError) and changes nothing (issue 7 §1).

The tables themselves are printed in ``docs/transitions.md`` by
``test_transitions_doc.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import models

from lamtheobac.audit.models import AuditEvent
from lamtheobac.commendations.models import CommendationRound, Nomination
from lamtheobac.commendations.tests.factories import make_commendation_round
from lamtheobac.core.errors import StateError
from lamtheobac.core.transitions import Stateful, check_allowed, perform, workflows
from lamtheobac.reporting.models import ReportingRound, UnitReport
from lamtheobac.testing import World, make_round

# One saved object per stateful model, whatever its state (the walk sets the state itself).
FACTORIES: dict[type[models.Model], Callable[[World], Stateful]] = {
    ReportingRound: lambda w: make_round(
        committee=w.committee, by=w.officer, targets=[w.grassroots], open=False
    ),
    UnitReport: lambda w: UnitReport.objects.create(
        round=make_round(committee=w.committee, by=w.officer, targets=[w.grassroots]),
        unit=w.grassroots,
    ),
    CommendationRound: lambda w: make_commendation_round(
        committee=w.committee, by=w.officer, open=False
    ),
    Nomination: lambda w: Nomination.objects.create(
        round=make_commendation_round(committee=w.committee, by=w.officer),
        unit=w.grassroots,
        nominee_unit=w.cell,
        nominee_name=w.cell.name,
        created_by=w.secretary,
    ),
}

REFUSALS = [
    (model, t.name, state)
    for model, wf in workflows()
    for t in wf.transitions
    for state in wf.states.values
    if state not in t.source
]


def test_the_four_stateful_models_of_reporting_and_commendations_declare_tables():
    assert {model for model, _ in workflows()} >= set(FACTORIES)


@pytest.mark.parametrize(
    ("model", "name", "state"),
    REFUSALS,
    ids=[f"{m.workflow.key}.{n}-from-{s}" for m, n, s in REFUSALS],
)
def test_a_transition_from_a_state_it_does_not_start_from_is_refused(
    model: type[Stateful], name: str, state: str
) -> None:
    obj = model()
    setattr(obj, model.workflow.state_field, state)
    with pytest.raises(StateError):
        check_allowed(obj, name, by=None)
    assert not obj.can(name)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "name", "state"),
    [r for r in REFUSALS if r[0] in FACTORIES],
    ids=[f"{m.workflow.key}.{n}-from-{s}" for m, n, s in REFUSALS if m in FACTORIES],
)
def test_a_refused_transition_changes_nothing_in_the_database(
    world: World, model: type[Stateful], name: str, state: str
) -> None:
    obj = FACTORIES[model](world)
    field = model.workflow.state_field
    model._default_manager.filter(pk=obj.pk).update(**{field: state})
    before = model._default_manager.filter(pk=obj.pk).values().get()
    events = AuditEvent.objects.count()
    with pytest.raises(StateError):
        perform(obj, name, by=world.officer)
    assert model._default_manager.filter(pk=obj.pk).values().get() == before
    assert AuditEvent.objects.count() == events
