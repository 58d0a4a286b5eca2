"""The completion verdict sees substitutes of the prescribed pattern and lists extras (#8.12)."""

from __future__ import annotations

from engine_support import RULES, TODAY, conditioning_plan

from flux_cli.engine.progression import verify_session
from flux_cli.engine.types import (
    ConditioningPlan,
    ExtraExercise,
    History,
    LoggedSet,
    Plan,
    PlannedExercise,
)

BENCH = PlannedExercise(
    name="Bench Press", pattern="PUSH", block="main", sets=3, reps=8, load_kg=80, rpe=8
)
SQUAT = PlannedExercise(
    name="Back Squat", pattern="SQUAT", block="main", sets=3, reps=5, load_kg=100, rpe=8
)
CARRY = PlannedExercise(name="Farmer's Carry", pattern=None, block="carry", sets=3, seconds=40)


def make_plan(
    exercises: list[PlannedExercise], conditioning: ConditioningPlan | None = None
) -> Plan:
    return Plan(
        date=TODAY,
        profile="default",
        state="GREEN",
        readiness={"knee_pain": 1, "energy": 7},
        archetype="Strength_Type_A",
        family="performance",
        session_name="test",
        anchor_pattern="PUSH",
        priority_score=None,
        days_since_last=None,
        pattern_debt={},
        exercises=exercises,
        conditioning=conditioning,
        rationale=[],
    )


def incline(reps: int = 8, weight: float = 60) -> LoggedSet:
    return LoggedSet("Incline Bench Press", weight_kg=weight, reps=reps, pattern="PUSH")


def test_a_lift_of_the_prescribed_pattern_substitutes() -> None:
    verdict = verify_session(RULES, make_plan([BENCH]), [incline()] * 3, History())
    (item,) = verdict.verification
    assert (item.item, item.logged, item.met, item.substitute) == (
        "Bench Press",
        "substituted by Incline Bench Press, 3×8 @ 60 kg",
        True,
        "Incline Bench Press",
    )
    assert verdict.extras == []


def test_a_substitute_short_of_the_prescription_is_not_met() -> None:
    verdict = verify_session(RULES, make_plan([BENCH]), [incline(), incline(6)], History())
    (item,) = verdict.verification
    assert item.logged == "substituted by Incline Bench Press, 2 sets, 1 at target"
    assert item.met is False


def test_the_prescribed_lift_wins_over_a_substitute() -> None:
    sets = [LoggedSet("Bench Press", weight_kg=80, reps=8, pattern="PUSH")] * 3 + [incline()]
    verdict = verify_session(RULES, make_plan([BENCH]), sets, History())
    (item,) = verdict.verification
    assert (item.logged, item.met, item.substitute) == ("3 sets, 3 at target", True, None)
    assert verdict.extras == [
        ExtraExercise(exercise="Incline Bench Press", pattern="PUSH", logged="1×8 @ 60 kg")
    ]


def test_another_pattern_is_no_substitute() -> None:
    sets = [LoggedSet("Deadlift", weight_kg=140, reps=5, pattern="HINGE")] * 3
    verdict = verify_session(RULES, make_plan([BENCH]), sets, History())
    (item,) = verdict.verification
    assert (item.logged, item.met) == ("nothing logged", False)
    assert verdict.extras == [
        ExtraExercise(exercise="Deadlift", pattern="HINGE", logged="3×5 @ 140 kg")
    ]


def test_one_lift_substitutes_for_one_prescription_only() -> None:
    squat_two = SQUAT.model_copy(update={"name": "Box Squat"})
    sets = [LoggedSet("Front Squat", weight_kg=80, reps=5, pattern="SQUAT")] * 3
    verdict = verify_session(RULES, make_plan([SQUAT, squat_two]), sets, History())
    first, second = verdict.verification
    assert first.substitute == "Front Squat" and second.substitute is None
    assert second.logged == "nothing logged"


def test_extras_are_listed_in_logged_order_and_conditioning_is_no_extra() -> None:
    hiit = conditioning_plan("HIIT", 1)
    sets = [
        LoggedSet("Face Pull", weight_kg=20, reps=15, pattern=None),
        LoggedSet("Air Bike", seconds=30, metadata={"avg_watts": 300}),
        LoggedSet("Plank", seconds=60),
        LoggedSet("Face Pull", weight_kg=20, reps=15, pattern=None),
        LoggedSet("Farmer's Carry", weight_kg=32, seconds=40),
    ]
    verdict = verify_session(RULES, make_plan([CARRY], hiit), sets, History())
    assert verdict.extras == [
        ExtraExercise(exercise="Face Pull", pattern=None, logged="2×15 @ 20 kg"),
        ExtraExercise(exercise="Plank", pattern=None, logged="1×60 s"),
    ]


def test_a_prescription_without_a_pattern_takes_no_substitute() -> None:
    sets = [LoggedSet("Suitcase Carry", weight_kg=32, seconds=40, pattern=None)] * 3
    verdict = verify_session(RULES, make_plan([CARRY]), sets, History())
    assert verdict.verification[0].logged == "nothing logged"
    assert [extra.exercise for extra in verdict.extras] == ["Suitcase Carry"]
