"""Per-muscle recovery, soreness decay, region restrictions and spacing (engine only)."""

from __future__ import annotations

import datetime as dt

import pytest
from engine_support import RULES, TODAY, day, session
from hypothesis import given, settings
from hypothesis import strategies as st

from flux_cli.engine.body import (
    ActivityLoad,
    BodyHistory,
    ExerciseBody,
    MuscleSet,
    SorenessLog,
)
from flux_cli.engine.body_rules import RegionRules
from flux_cli.engine.planner import build_plan
from flux_cli.engine.recovery import (
    decay,
    muscle_fatigue,
    recovery_percent,
    soreness_left,
    soreness_now,
)
from flux_cli.engine.rpe import percent_of_1rm
from flux_cli.engine.rules import Rules
from flux_cli.engine.types import History, Plan, ProfileFacts

PROFILE = ProfileFacts(name="ana", ftp_watts=250)
SQUAT = ExerciseBody("SQUAT", ("quadriceps",), ("glutes", "hamstrings"))
BENCH = ExerciseBody("PUSH", ("chest",), ("shoulders", "triceps"))
EXERCISES = {"Back Squat": SQUAT, "Bench Press": BENCH}
PLAIN = RULES.model_copy(update={"regions": RegionRules(inputs={}, volume_inputs={})})


def test_fatigue_is_down_to_five_percent_after_the_recovery_days() -> None:
    assert decay(0, 3) == 1
    assert decay(3, 3) == pytest.approx(0.05)
    assert decay(1.5, 3) == pytest.approx(0.05**0.5)


def test_soreness_decays_as_the_gainsly_seed_says() -> None:
    # s·(1−r)^days with r = 0.35: 6 today, 3.9 tomorrow, 2.535 the day after.
    assert [soreness_left(6, d, 0.35) for d in (0, 1, 2)] == pytest.approx([6, 3.9, 2.535])


def test_sets_load_primary_at_one_and_secondary_at_a_half() -> None:
    body = BodyHistory(
        as_of=TODAY,
        sets=tuple(MuscleSet(day(1), "Back Squat") for _ in range(4)),
        exercises=EXERCISES,
    )
    fatigue = muscle_fatigue(body, RULES)
    one_day = decay(1, RULES.recovery.recovery_days["quadriceps"])
    assert fatigue["quadriceps"] == pytest.approx(4 * one_day)
    assert fatigue["glutes"] == pytest.approx(2 * one_day)
    assert fatigue["chest"] == 0
    percent = recovery_percent(body, RULES)
    assert percent["quadriceps"] == round(100 * (1 - 4 * one_day / 12))
    assert percent["chest"] == 100


def test_soreness_counts_on_its_own_day_and_the_latest_report_wins() -> None:
    body = BodyHistory(
        as_of=TODAY,
        soreness=(
            SorenessLog(day(2), "quadriceps", 9),
            SorenessLog(day(1), "quads", 4),
            SorenessLog(TODAY, "hamstrings", 5),
        ),
    )
    sore = soreness_now(body, RULES)
    assert sore == pytest.approx({"quadriceps": 4 * 0.65, "hamstrings": 5})
    assert recovery_percent(body, RULES)["hamstrings"] == 50


def test_a_ride_loads_the_lower_body_not_the_chest() -> None:
    ride = ActivityLoad(day(1), "Ride", "Long Ride", minutes=180, avg_watts=180)
    fatigue = muscle_fatigue(BodyHistory(as_of=TODAY, activities=(ride,)), RULES, 250)
    assert fatigue["quadriceps"] > 5 and fatigue["chest"] == 0


sets_strategy = st.lists(
    st.builds(
        MuscleSet,
        st.integers(1, 9).map(day),
        st.sampled_from(sorted(EXERCISES)),
    ),
    max_size=30,
)


@given(sets=sets_strategy, later=st.integers(1, 12))
def test_fatigue_only_decays_without_new_load(sets: list[MuscleSet], later: int) -> None:
    now = BodyHistory(as_of=TODAY, sets=tuple(sets), exercises=EXERCISES)
    after = BodyHistory(
        as_of=TODAY + dt.timedelta(days=later), sets=tuple(sets), exercises=EXERCISES
    )
    before, then = muscle_fatigue(now, RULES), muscle_fatigue(after, RULES)
    assert all(then[m] <= before[m] + 1e-9 for m in before)
    assert all(recovery_percent(after, RULES)[m] >= recovery_percent(now, RULES)[m] for m in before)


# ---------------------------------------------------------------------------- restrictions


def _plan(
    readiness: dict[str, float], history: History | None = None, rules: Rules = RULES
) -> Plan:
    return build_plan(rules, PROFILE, history or History(), readiness, TODAY)


def _knee_sets(plan: Plan) -> int:
    knee = RULES.regions.region_map(RULES)["knee"]
    return sum(e.sets for e in plan.exercises if e.pattern in knee.patterns)


readiness = st.fixed_dictionaries(
    {"knee_pain": st.integers(0, 10).map(float), "energy": st.integers(0, 10).map(float)}
)
past = st.lists(
    st.builds(
        session,
        st.integers(1, 30),
        st.sampled_from([*RULES.archetypes, None]),
        st.sampled_from(RULES.patterns),
    ),
    max_size=12,
)


@settings(max_examples=150)
@given(inputs=readiness, sessions=past)
def test_a_region_restriction_never_adds_load_to_its_region(
    inputs: dict[str, float], sessions: list[object]
) -> None:
    history = History.from_sessions(sessions)  # type: ignore[arg-type]
    restricted, plain = _plan(inputs, history), _plan(inputs, history, PLAIN)
    assert restricted.state == plain.state
    knee = RULES.regions.region_map(RULES)["knee"]
    if restricted.archetype == plain.archetype:
        assert _knee_sets(restricted) <= _knee_sets(plain)
    if any("knee" in r.why for r in restricted.restrictions):
        # Whatever the session, knee work is the capped (RED) regression only.
        for exercise in restricted.exercises:
            if exercise.pattern in knee.patterns:
                assert exercise.name == RULES.selections[exercise.pattern]["RED"]
        if restricted.conditioning is not None:
            assert restricted.conditioning.protocol not in knee.protocols


def test_knee_pain_6_with_energy_9_keeps_upper_body_work_at_full_intensity() -> None:
    history = History.from_sessions([session(5, "Strength_Type_B", "HINGE", "PULL")])
    plan = _plan({"knee_pain": 6, "energy": 9}, history)
    assert plan.state == "ORANGE" and plan.archetype == "Strength_Type_A"
    lead = plan.exercises[0]
    assert (lead.name, lead.sets, lead.reps) == ("Bench Press", 5, 5)
    assert lead.percent_e1rm == pytest.approx(percent_of_1rm(5, 8.0))  # GREEN's 5 × 5 @ RPE 8
    assert "knee_pain 6: SQUAT loads the knee, so PUSH leads" in plan.rationale
    assert [r.what for r in plan.restrictions] == ["SQUAT no longer leads: PUSH does"]


def test_knee_pain_swaps_intervals_on_the_bike_for_steady_state() -> None:
    history = History.from_sessions(
        [session(1, "Strength_Type_A", "SQUAT"), session(2, "Strength_Type_B", "HINGE")]
    )
    plan = _plan({"knee_pain": 5, "energy": 9}, history)
    assert plan.archetype == "Conditioning"
    assert plan.conditioning is not None and plan.conditioning.protocol == "SS"
    assert {r.what for r in plan.restrictions} == {"HIIT → SS", "SIT → SS"}
    green = _plan({"knee_pain": 0, "energy": 9}, history)
    assert green.conditioning is not None and green.conditioning.protocol == "HIIT"


def test_low_energy_alone_trims_volume_and_scales_conditioning_but_keeps_exercises() -> None:
    history = History.from_sessions([session(1, "Strength_Type_A", "SQUAT")])
    tired = _plan({"knee_pain": 0, "energy": 3}, history)
    fresh = _plan({"knee_pain": 0, "energy": 9}, history)
    assert tired.state == "ORANGE" and tired.restrictions == []
    assert [e.name for e in tired.exercises] == [e.name for e in fresh.exercises]
    assert tired.exercises[0].sets < fresh.exercises[0].sets


def test_orange_scales_conditioning_intensity_as_the_rules_declare() -> None:
    history = History.from_sessions(
        [session(1, "Strength_Type_A", "SQUAT"), session(2, "Strength_Type_B", "HINGE")]
    )
    tired = _plan({"knee_pain": 0, "energy": 4}, history)
    fresh = _plan({"knee_pain": 0, "energy": 9}, history)
    assert tired.conditioning is not None and fresh.conditioning is not None
    assert tired.conditioning.protocol == fresh.conditioning.protocol
    assert tired.conditioning.intensity == pytest.approx(fresh.conditioning.intensity * 0.9)
    assert tired.conditioning.target_watts == round(250 * tired.conditioning.intensity)


# ---------------------------------------------------------------------------- spacing


def _ride_yesterday(minutes: float, watts: float) -> History:
    ride = ActivityLoad(day(1), "Ride", "Long Ride", minutes=minutes, avg_watts=watts)
    base = History.from_sessions(
        [
            session(3, "Conditioning"),
            session(4, "Strength_Type_B", "PULL"),
            session(6, "Strength_Type_A", "PUSH"),
        ]
    )
    body = BodyHistory(as_of=TODAY, activities=(ride,), exercises=EXERCISES)
    return History(
        as_of=TODAY,
        session_count=base.session_count,
        pattern_debt=base.pattern_debt,
        archetype_last_done=base.archetype_last_done,
        body=body,
    )


def test_a_hard_ride_yesterday_moves_the_lower_body_anchor_up() -> None:
    plan = _plan({"knee_pain": 0, "energy": 9}, _ride_yesterday(180, 200))
    assert plan.archetype == "Strength_Type_A"
    assert plan.anchor_pattern in ("PUSH", "PULL")
    assert any(line.startswith("yesterday: Long Ride (Ride, 3 h, load") for line in plan.rationale)
    easy = _plan({"knee_pain": 0, "energy": 9}, _ride_yesterday(40, 120))
    assert (easy.archetype, easy.anchor_pattern) == ("Strength_Type_A", "SQUAT")


def test_plan_json_carries_load_and_recovery() -> None:
    plan = _plan({"knee_pain": 0, "energy": 9}, _ride_yesterday(180, 200))
    assert plan.load is not None and plan.load.yesterday == pytest.approx(192, abs=1)
    assert plan.recovery is not None and plan.recovery["quadriceps"] < plan.recovery["chest"]
    data = plan.model_dump(mode="json")
    assert set(data["load"]) >= {"atl", "ctl", "tsb", "acwr"}
    assert data["restrictions"] == []
