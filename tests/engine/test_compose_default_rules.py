"""The shipped rules compose a complete session for every archetype and state (Alloy's KPIs)."""

from __future__ import annotations

import datetime as dt

import pytest
from engine_support import RULES, TODAY
from hypothesis import given, settings
from hypothesis import strategies as st

from flux_cli import catalog
from flux_cli.engine.compose import DayContext
from flux_cli.engine.compose.candidates import EQUIPMENT
from flux_cli.engine.planner import build_plan
from flux_cli.engine.types import History, ProfileFacts
from flux_cli.services.composing import candidate_of

POOL = tuple(candidate_of(r) for r in catalog.load_builtin())
READINESS = {
    "GREEN": {"knee_pain": 1.0, "energy": 8.0},
    "ORANGE": {
        "knee_pain": 1.0,
        "energy": 4.0,
    },  # low energy: knee pain would restrict only the knee
    "RED": {"knee_pain": 8.0, "energy": 8.0},
}
CASES = [
    (archetype, state)
    for archetype, spec in RULES.archetypes.items()
    for state in spec.states
    if archetype in RULES.composition.slots
]


def _due(archetype: str) -> History:
    """History in which `archetype` is the most overdue: every other was done yesterday."""
    yesterday = TODAY - dt.timedelta(days=1)
    done = {name: yesterday for name in RULES.archetypes if name != archetype}
    return History(as_of=TODAY, session_count=3, archetype_last_done=done)


@pytest.mark.parametrize(("archetype", "state"), CASES)
@settings(max_examples=8, deadline=None)
@given(minutes=st.integers(60, 120))
def test_default_rules_meet_the_structure_when_there_is_time(
    archetype: str, state: str, minutes: int
) -> None:
    day = DayContext(candidates=POOL, equipment=frozenset(EQUIPMENT), minutes=minutes)
    facts = ProfileFacts(ftp_watts=250)
    plan = build_plan(RULES, facts, _due(archetype), READINESS[state], TODAY, day)
    assert plan.archetype == archetype and plan.state == state
    assert plan.quality is not None and plan.estimated_minutes is not None
    assert plan.quality.structure_met, plan.relaxed
    slots = [e.slot for e in plan.exercises]
    assert slots[0] == "warm_up" and slots[-1] == "cool_down"
    assert plan.estimated_minutes <= minutes * (1 + RULES.composition.time_tolerance)
