"""A day with little equipment: the slots nothing can fill are dropped and said so, the kind
of work a slot takes holds under every relaxation (no run or stretch as an accessory, no timed
hold in reps), and the relaxations reach only the slots in a conflict."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from compose_support import ex, setting, slot
from engine_support import RULES, RULES_DATA, TODAY

from flux_cli import catalog
from flux_cli.engine.compose import Candidate, DayContext
from flux_cli.engine.compose.candidates import parse_equipment
from flux_cli.engine.compose.compose import compose
from flux_cli.engine.compose.model import qualifies
from flux_cli.engine.composition_rules import RELAXATION_ORDER, Qualifier
from flux_cli.engine.planner import build_plan
from flux_cli.engine.rules import Rules, RulesProblems
from flux_cli.engine.types import History, Plan, ProfileFacts
from flux_cli.services.composing import candidate_of


def bare(name: str, **kw: Any) -> Candidate:
    """An exercise that needs nothing but the floor."""
    return ex(name, equipment="body only", load_type="bodyweight", **kw)


PUSH_UP = bare("Push-Up", pattern="PUSH", mechanic="compound")
CRUNCH = bare("Crunch", primary=["abdominals"])
SIDE_PLANK = bare("Side Plank", primary=["abdominals"], tracking="time")
RUN = bare("Running", primary=["quadriceps"], category="cardio", mechanic=None, tracking="distance")
STRETCH = bare(
    "Quad Stretch", primary=["quadriceps"], category="stretching", mechanic=None, tracking="time"
)
ROLL = bare("Cat-Cow", primary=["quadriceps"], category="stretching", mechanic=None)
YOKE = bare(
    "Yoke Walk", primary=["quadriceps"], category="strongman", mechanic="compound", tracking="time"
)
EVERYTHING = frozenset(RELAXATION_ORDER)


@pytest.mark.parametrize("other", [RUN, STRETCH, ROLL])
def test_a_slot_of_resistance_work_never_takes_a_run_or_a_stretch(other: Candidate) -> None:
    accessory = slot("accessory", qualifies=Qualifier(pattern_free=True, muscles=["quadriceps"]))
    for relaxed in (frozenset(), EVERYTHING):
        day = replace(setting([other], [accessory]), relaxed=relaxed)
        assert not qualifies(accessory, other, day), relaxed


def test_tracking_holds_and_accept_generic_swaps_resistance_categories_alone() -> None:
    timed = slot(
        "carry",
        reps=None,
        seconds=40,
        qualifies=Qualifier(categories=["strongman"], tracking=["time"]),
    )
    generic = replace(setting([SIDE_PLANK, YOKE, RUN], [timed]), relaxed=EVERYTHING)
    assert qualifies(timed, YOKE, generic)
    assert qualifies(timed, SIDE_PLANK, generic)  # strength for strongman: both resistance
    assert not qualifies(timed, RUN, generic)  # a run is not a carry, nor timed here
    reps = slot("core", qualifies=Qualifier(tracking=["reps"], muscles=["abdominals"]))
    assert not qualifies(
        reps, SIDE_PLANK, replace(setting([SIDE_PLANK], [reps]), relaxed=EVERYTHING)
    )


def test_two_slots_nothing_fills_are_dropped_and_the_rest_stays_strict() -> None:
    main = slot("main", index=0, qualifies=Qualifier(patterns=["SQUAT"]))
    accessory = slot(
        "accessory", index=1, qualifies=Qualifier(pattern_free=True, muscles=["quadriceps"])
    )
    core = slot(
        "core",
        index=2,
        qualifies=Qualifier(pattern_free=True, tracking=["reps"], muscles=["abdominals"]),
    )
    carry = slot(
        "carry",
        index=3,
        low=0,
        reps=None,
        seconds=40,
        qualifies=Qualifier(categories=["strongman"], mechanic="compound"),
    )
    pool = [PUSH_UP, CRUNCH, SIDE_PLANK, RUN, STRETCH]
    found = compose(setting(pool, [main, accessory, core, carry], equipment=frozenset()))
    assert found.status in ("optimal", "feasible")
    picked = {pick.slot: pick.candidate.name for pick in found.picks}
    # The squat slot widened to any pattern; the accessory had nothing; the core as asked;
    # the carry, in no conflict, was not widened to take a side plank.
    assert picked == {"main": "Push-Up", "core": "Crunch"}
    said = {r.constraint: r.reason for r in found.relaxed}
    assert said["slots"].startswith("accessory slot dropped: ")
    assert (
        "the main slot's count" in said["slots"] and "the accessory slot's count" in said["slots"]
    )
    assert said["emergency_minimum"].startswith("emergency minimum: the accessory, main slots")


POOL = tuple(candidate_of(r) for r in catalog.load_builtin())


def squat_day(equipment: str, rules: Rules = RULES) -> Plan:
    """A GREEN Strength A day led by SQUAT, on `equipment` (a preset)."""
    yesterday = TODAY - dt.timedelta(days=1)
    history = History(
        as_of=TODAY,
        session_count=20,
        archetype_last_done={"Strength_Type_B": yesterday, "Conditioning": yesterday},
        pattern_last_trained={"PUSH": yesterday, "SQUAT": TODAY - dt.timedelta(days=7)},
    )
    day = DayContext(candidates=POOL, equipment=parse_equipment(equipment), minutes=45)
    green = {"knee_pain": 1.0, "energy": 8.0}
    return build_plan(rules, ProfileFacts(ftp_watts=250), history, green, TODAY, day)


def test_a_bodyweight_squat_day_squats_for_reps() -> None:
    plan = squat_day("@bodyweight")
    by_slot = {e.slot: e for e in plan.exercises}
    assert by_slot["main"].name == "Bodyweight Squat"
    assert all(not next(c for c in POOL if c.name == e.name).needs for e in plan.exercises)
    assert {"warm_up", "main", "secondary", "core", "cool_down"} <= set(by_slot)
    # Nothing of the pattern takes a load: the rules' bodyweight prescription, not 5 x 5.
    key = RULES.composition.bodyweight_prescription
    assert key == "accessory"
    given = RULES.prescriptions[key]["GREEN"]
    main = by_slot["main"]
    assert (main.sets, main.rest_s, main.style) == (given.sets, given.rest_s, "double")
    assert main.reps == 8  # the bottom of the accessory's 8-12, with no history of it
    assert any("with bodyweight alone: the accessory prescription" in r for r in plan.rationale)


def test_a_stand_in_that_takes_a_load_keeps_the_lead_lifts_prescription() -> None:
    lead = RULES.prescriptions["strength_main"]["GREEN"]
    home = {e.slot: e for e in squat_day("@home").exercises}["main"]  # dumbbells: a load
    assert (home.sets, home.reps) == (lead.sets, lead.reps)
    data = copy.deepcopy(RULES_DATA)
    data["composition"]["bodyweight_prescription"] = None
    bare_rules = Rules.model_validate(data)
    kept = {e.slot: e for e in squat_day("@bodyweight", bare_rules).exercises}["main"]
    assert (kept.name, kept.sets, kept.reps) == ("Bodyweight Squat", lead.sets, lead.reps)


def test_an_unknown_bodyweight_prescription_is_a_rules_problem() -> None:
    data = copy.deepcopy(RULES_DATA)
    data["composition"]["bodyweight_prescription"] = "calisthenics"
    with pytest.raises(RulesProblems, match="unknown prescription 'calisthenics'"):
        Rules.model_validate(data)


def test_a_stand_in_for_the_lead_lift_is_held_to_no_weekly_pattern_limit() -> None:
    # Push-ups filled the week's PUSH uses as secondary work; the bench press the planner
    # chose is not equipped, so the best PUSH exercise stands in: a push-up still, not a
    # squat on a day named for its push.
    squat = bare("Bodyweight Squat", pattern="SQUAT", mechanic="compound", primary=["quadriceps"])
    lead = replace(slot("main", qualifies=Qualifier(patterns=["PUSH"])), stands_in=True)
    other = slot("secondary", index=1, low=0, qualifies=Qualifier(patterns=["PUSH"]))
    day = setting([PUSH_UP, squat], [lead], equipment=frozenset(), pattern_uses_per_week=4)
    full = replace(day, day=replace(day.day, pattern_uses={"PUSH": 4}))
    assert [(p.slot, p.candidate.name) for p in compose(full).picks] == [("main", "Push-Up")]
    assert not compose(full).relaxed
    # A composed PUSH pick beyond the week's uses is still refused: the slot widens.
    second = compose(replace(full, slots=(replace(lead, stands_in=False), other)))
    assert [(p.slot, p.candidate.name) for p in second.picks] == [("main", "Bodyweight Squat")]
    assert [r.constraint for r in second.relaxed] == ["widen_patterns"]
