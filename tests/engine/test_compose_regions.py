"""A restricted region keeps its loaded work out of every composed slot (property)."""

from __future__ import annotations

import datetime as dt

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
BY_NAME = {c.name: c for c in POOL}
KNEE = RULES.regions.region_map(RULES)["knee"]
KNEE_MUSCLES = {*KNEE.muscles, *RULES.composition.region_muscles["knee"]}
COMPOSED_WORK = ("accessory", "core", "carry", "secondary", "finisher")


def _due(archetype: str) -> History:
    yesterday = TODAY - dt.timedelta(days=1)
    done = {name: yesterday for name in RULES.archetypes if name != archetype}
    return History(as_of=TODAY, session_count=3, archetype_last_done=done)


@settings(max_examples=25, deadline=None)
@given(
    knee_pain=st.integers(4, 6),
    energy=st.integers(5, 10),
    archetype=st.sampled_from(["Strength_Type_A", "Strength_Type_B"]),
    minutes=st.integers(45, 120),
)
def test_knee_pain_bars_loaded_knee_work_and_spares_the_rest(
    knee_pain: int, energy: int, archetype: str, minutes: int
) -> None:
    day = DayContext(candidates=POOL, equipment=frozenset(EQUIPMENT), minutes=minutes)
    facts = ProfileFacts(ftp_watts=250)
    sore = {"knee_pain": float(knee_pain), "energy": float(energy)}
    plan = build_plan(RULES, facts, _due(archetype), sore, TODAY, day)
    free = build_plan(RULES, facts, _due(archetype), {"knee_pain": 0.0, "energy": 10.0}, TODAY, day)
    assert plan.state == "ORANGE" and plan.archetype == archetype
    assert free.state == "GREEN"
    slots = RULES.composition.slots[archetype]
    for item in plan.exercises:
        if item.slot not in COMPOSED_WORK:
            continue
        candidate = BY_NAME[item.name]
        assert candidate.pattern not in KNEE.patterns, item.name
        assert not KNEE_MUSCLES & set(candidate.primary), item.name
        # The rest of the body trains as on a pain-free day: the knee alone made it ORANGE.
        # (Sets are the solver's within a slot's range, and which slots fit the budget
        # depends on the lead lift's time; reps follow the progression style: the RPE says
        # which state the work was prescribed at.)
        key = next(r.prescription for r in slots if r.slot == item.slot)
        assert key is not None
        green = RULES.prescriptions[key][free.state]
        assert item.rpe == green.rpe
    assert any(item.slot == "accessory" for item in plan.exercises), plan.relaxed
