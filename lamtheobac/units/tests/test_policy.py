"""The one permission policy, tested directly (issue 7 §2): which role may do what, where,
and how refusals are told apart (404 outside the scope, 403 inside it without the right)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from lamtheobac.core.errors import AccessDenied
from lamtheobac.testing import World, make_person
from lamtheobac.units.models import Person, Unit, staff_of, unit_staff
from lamtheobac.units.policy import Action, Policy, authorize, policy_of

pytestmark = pytest.mark.django_db


def _units(world: World) -> dict[str, Unit]:
    return {
        "committee": world.committee,
        "grassroots": world.grassroots,
        "cell": world.cell,
        "sibling": world.sibling,
    }


# persona → the units (by name) on which each action is allowed.
EXPECTED: dict[str, dict[Action, set[str]]] = {
    "officer": {
        Action.MANAGE: {"committee", "grassroots", "cell", "sibling"},
        Action.READ_REPORTS: {"committee", "grassroots", "cell", "sibling"},
        Action.REPORT: set(),
    },
    "leader": {
        Action.MANAGE: set(),
        Action.READ_REPORTS: {"committee", "grassroots", "cell", "sibling"},
        Action.REPORT: set(),
    },
    "admin": {
        Action.MANAGE: set(),
        Action.READ_REPORTS: set(),
        Action.ADMINISTER: {"committee", "grassroots", "cell", "sibling"},
    },
    "secretary": {
        Action.MANAGE: set(),
        Action.READ_REPORTS: set(),
        Action.REPORT: {"grassroots", "cell"},
    },
    "sibling_officer": {Action.REPORT: {"sibling"}, Action.VIEW: {"sibling"}},
    "member": {Action.VIEW: {"cell"}, Action.REPORT: set()},
    "stranger": {Action.VIEW: set(), Action.MANAGE: set()},
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_may_act_exactly_on_its_grants_subtree(world: World, persona: str) -> None:
    policy = Policy(getattr(world, persona))
    units = _units(world)
    people = {name: make_person(unit=unit, given_name=name) for name, unit in units.items()}
    for action, allowed in EXPECTED[persona].items():
        can = {name for name, unit in units.items() if policy.can(action, unit)}
        assert can == allowed, (persona, action)
        listed = set(policy.units(action).filter(pk__in=[u.pk for u in units.values()]))
        assert listed == {units[name] for name in allowed}, (persona, action)
        filtered = set(Person.objects.filter(policy.unit_filter(action, "unit")))
        assert filtered == {people[n] for n in allowed}, (persona, action)


def test_a_refusal_outside_the_scope_is_404_and_inside_it_403(world: World) -> None:
    secretary = Policy(world.secretary)
    with pytest.raises(Http404):
        secretary.require(Action.REPORT, world.sibling)  # not in their subtree
    member = Policy(world.member)
    with pytest.raises(PermissionDenied):
        member.require(Action.REPORT, world.cell)  # in scope, without the right
    secretary.require(Action.REPORT, world.cell)  # allowed: nothing raised


def test_an_anonymous_user_has_no_grants_and_no_scope(world: World) -> None:
    policy = Policy(AnonymousUser())
    assert policy.grants == []
    assert not policy.in_scope(world.committee)
    assert not policy.has_any(Action.VIEW)
    assert not policy.units(Action.VIEW).exists()


def test_the_policy_of_a_user_is_built_once_and_loads_grants_in_one_query(
    world: World, django_assert_num_queries
) -> None:
    user = world.officer
    assert policy_of(user) is policy_of(user)
    with django_assert_num_queries(1):
        policy_of(user).can(Action.MANAGE, world.cell)
        policy_of(user).can(Action.READ_REPORTS, world.sibling)


def test_a_write_by_someone_without_the_right_is_refused_and_the_system_passes(
    world: World,
) -> None:
    with pytest.raises(AccessDenied):
        authorize(world.leader, Action.MANAGE, world.committee)
    with pytest.raises(AccessDenied):
        authorize(world.secretary, Action.REPORT, world.sibling)
    authorize(world.secretary, Action.REPORT, world.sibling, world.grassroots)  # one suffices
    authorize(None, Action.MANAGE, world.committee)  # the system itself


def test_the_staff_of_a_unit_are_those_granted_unit_staff_on_exactly_it(world: World) -> None:
    assert staff_of(world.grassroots) == [world.secretary]
    assert staff_of(world.cell) == [world.cell_secretary]
    assert staff_of(world.committee) == []
    staff = unit_staff([world.grassroots, world.sibling, world.committee])
    assert staff == {
        world.grassroots.pk: [world.secretary],
        world.sibling.pk: [world.sibling_officer],
        world.committee.pk: [],
    }
