"""A conditioning block on what the athlete has that day: without a bike, the protocol's
first equipped alternative stands in, by effort (the watts target is the bike's)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping

from engine_support import RULES, RULES_DATA, TODAY
from hypothesis import given
from hypothesis import strategies as st

from flux_cli import catalog
from flux_cli.engine.compose import DayContext
from flux_cli.engine.compose.candidates import EQUIPMENT, parse_equipment
from flux_cli.engine.compose.request import MoveRule
from flux_cli.engine.planner import build_plan
from flux_cli.engine.rules import Rules
from flux_cli.engine.types import History, Plan, ProfileFacts
from flux_cli.services.composing import candidate_of

POOL = tuple(candidate_of(r) for r in catalog.load_builtin())
NEEDS = {c.name: c.needs for c in POOL}
GREEN = {"knee_pain": 1.0, "energy": 8.0}


def conditioning_day(
    equipment: frozenset[str],
    rules: Rules = RULES,
    moves: Mapping[str, MoveRule] | None = None,
    inputs: Mapping[str, float] = GREEN,
) -> Plan:
    """A day (GREEN unless `inputs` say otherwise) whose archetype is Conditioning (both
    strength days done yesterday)."""
    yesterday = TODAY - dt.timedelta(days=1)
    history = History(
        as_of=TODAY,
        session_count=20,
        archetype_last_done={"Strength_Type_A": yesterday, "Strength_Type_B": yesterday},
        pattern_last_trained={p: yesterday for p in rules.patterns},
    )
    day = DayContext(
        candidates=POOL,
        equipment=equipment,
        minutes=60,
        moves=moves or {},
    )
    plan = build_plan(rules, ProfileFacts(ftp_watts=250), history, inputs, TODAY, day)
    assert plan.archetype == "Conditioning" and plan.conditioning is not None, plan
    return plan


def test_at_the_gym_the_protocol_keeps_its_bike_and_watts() -> None:
    plan = conditioning_day(parse_equipment("@gym"))
    assert plan.conditioning is not None
    protocol = RULES.protocols[plan.conditioning.protocol]
    assert plan.conditioning.exercise == protocol.exercise
    assert plan.conditioning.target_watts is not None and plan.conditioning.stand_in_for is None


def test_at_home_the_first_equipped_alternative_stands_in_by_effort() -> None:
    plan = conditioning_day(parse_equipment("@home"))  # no bike, no rower, no machines
    block = plan.conditioning
    assert block is not None
    protocol = RULES.protocols[block.protocol]
    assert block.exercise == "Running" == next(a for a in protocol.alternatives if not NEEDS[a])
    assert (block.stand_in_for, block.target_watts) == (protocol.exercise, None)
    said = [line for line in plan.rationale if "instead, by effort" in line]
    assert said == [
        f"{protocol.exercise} is not equipped (needs bike): {block.protocol} on Running "
        f"instead, by effort (the watts target is for {protocol.exercise})"
    ]


def test_a_rower_comes_before_running_and_a_hard_no_bike_counts_as_missing() -> None:
    plan = conditioning_day(frozenset({"rower", "bike"}), moves={"Air Bike": "no"})
    block = plan.conditioning
    assert block is not None and block.protocol == "HIIT"  # never attempted, first listed
    assert (block.exercise, block.stand_in_for) == ("Rowing Machine", "Air Bike")
    assert any("Air Bike is HARD_NO (flux moves no)" in line for line in plan.rationale)


def test_without_any_alternative_the_plan_says_how_to_give_the_equipment() -> None:
    data = copy.deepcopy(RULES_DATA)
    for protocol in data["protocols"].values():
        protocol["alternatives"] = []
    plan = conditioning_day(parse_equipment("@home"), rules=Rules.model_validate(data))
    block = plan.conditioning
    assert block is not None and block.stand_in_for is None
    assert any("no alternative for" in line and "--equipment" in line for line in plan.rationale), (
        plan.rationale
    )


@given(equipment=st.frozensets(st.sampled_from(EQUIPMENT)))
def test_the_conditioning_exercise_never_needs_missing_equipment(
    equipment: frozenset[str],
) -> None:
    block = conditioning_day(equipment).conditioning
    assert block is not None
    assert NEEDS[block.exercise] <= equipment  # Running, needing nothing, is always last
    assert (block.stand_in_for is None) == (block.target_watts is not None)


def test_a_sore_knee_at_home_walks_its_steady_state_and_its_warm_up() -> None:
    # knee_pain 6: intervals become steady state (the rules' protocol_swap), and the knee
    # region names Running: no bike, no rower, no machines, so the walk is left.
    plan = conditioning_day(parse_equipment("@home"), inputs={"knee_pain": 6.0, "energy": 8.0})
    block = plan.conditioning
    assert block is not None and block.protocol == "SS"
    assert (block.exercise, block.stand_in_for) == ("Walking", "Stationary Bike")
    assert "Running" in RULES.regions.region_map(RULES)["knee"].exercises
    assert "Running" not in [e.name for e in plan.exercises]  # nor as the warm-up
    # A knee that is fine runs.
    fine = conditioning_day(parse_equipment("@home"), inputs={"knee_pain": 1.0, "energy": 8.0})
    assert fine.conditioning is not None and fine.conditioning.exercise == "Running"


def test_a_region_bars_the_exercises_it_names_from_composed_slots_cardio_too() -> None:
    from dataclasses import replace as replaced

    from compose_support import setting, slot

    from flux_cli.engine.compose.compose import compose
    from flux_cli.engine.compose.model import allowed
    from flux_cli.engine.composition_rules import Qualifier

    run, walk = (next(c for c in POOL if c.name == name) for name in ("Running", "Walking"))
    warm_up = slot("warm_up", sets=1, reps=None, seconds=300, rest_s=0,
                   qualifies=Qualifier(categories=["cardio"]))  # fmt: skip
    day = setting([run, walk], [warm_up], equipment=frozenset())
    sore = replaced(day, day=replaced(day.day, restricted_exercises={"Running": "knee_pain 6"}))
    assert allowed(run, sore) == "restricted (knee_pain 6): it loads it"
    assert allowed(walk, sore) is None
    assert [p.candidate.name for p in compose(sore).picks] == ["Walking"]
