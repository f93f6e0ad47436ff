"""The declared-transition tables themselves: a table that cannot be walked is refused."""

from __future__ import annotations

import pytest
from django.db import models

from lamtheobac.core.transitions import Transition, Workflow
from lamtheobac.units.policy import Action


class Light(models.TextChoices):
    OFF = "off", "Tắt"
    ON = "on", "Bật"
    BROKEN = "broken", "Hỏng"


def _switch(**overrides: object) -> Transition:
    values: dict[str, object] = {
        "source": [Light.OFF],
        "target": Light.ON,
        "action": Action.MANAGE,
        "on": "unit",
        "label": "Bật",
    }
    values.update(overrides)
    return Transition("switch_on", **values)  # type: ignore[arg-type]


def test_a_table_with_an_unreachable_state_is_refused() -> None:
    with pytest.raises(ValueError, match="unreachable"):
        Workflow(key="light", states=Light, initial=Light.OFF, transitions=(_switch(),))


def test_a_transition_to_an_unknown_state_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown states"):
        Workflow(key="light", states=Light, initial=Light.OFF, transitions=(_switch(target="dim"),))


def test_two_transitions_with_one_name_are_refused() -> None:
    with pytest.raises(ValueError, match="share a name"):
        Workflow(key="light", states=Light, initial=Light.OFF, transitions=(_switch(), _switch()))


def test_a_complete_table_answers_which_states_allow_a_transition() -> None:
    wf = Workflow(
        key="light",
        states=Light,
        initial=Light.OFF,
        transitions=(
            _switch(),
            Transition(
                "break",
                source=[Light.OFF, Light.ON],
                target=Light.BROKEN,
                action=Action.MANAGE,
                on="unit",
                label="Làm hỏng",
            ),
        ),
    )
    assert wf.allows(Light.OFF, "switch_on")
    assert not wf.allows(Light.ON, "switch_on")
    assert wf.allows(Light.ON, "break")
    assert wf.audit_action("break") == "light.break"
    assert wf.label_of(Light.BROKEN) == "Hỏng"
    with pytest.raises(KeyError):
        wf["repair"]
    assert [row["name"] for row in wf.table()] == ["switch_on", "break"]
