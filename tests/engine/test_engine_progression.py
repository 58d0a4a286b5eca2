from __future__ import annotations

import pytest
from engine_support import (
    RULES,
    TODAY,
    attempt,
    conditioning_plan,
    full,
    intervals,
    rules_with,
)

from flux_cli.engine.progression import attempt_outcome, protocol_standings, verify_session
from flux_cli.engine.types import (
    ConditioningAttempt,
    ConditioningPlan,
    History,
    LoggedSet,
    Plan,
    PlannedExercise,
)

HIIT3 = conditioning_plan("HIIT", 3)  # 8 × 30 s at 275 W, tolerance 3 %: ≥ 266.75 W, ≥ 29.1 s


def test_hiit_level_three_targets() -> None:
    assert (HIIT3.rounds, HIIT3.work_s, HIIT3.target_watts) == (8, 30, 275)


@pytest.mark.parametrize(
    ("sets", "outcome", "met"),
    [
        (intervals(8, 30, 275), "success", 8),
        (intervals(8, 29.1, 266.75), "success", 8),
        (intervals(7, 30, 300) + intervals(1, 30, 266), "partial", 7),
        (intervals(7, 30, 300) + intervals(1, 29, 300), "partial", 7),
        (intervals(8, 30, None), "failure", 0),
        (intervals(4, 30, 280), "partial", 4),
        (intervals(3, 30, 280) + intervals(5, 30, 200), "failure", 3),
        (intervals(9, 30, 280), "success", 9),
        ((), "skipped", 0),
        (intervals(8, 30, 300, exercise="Rower"), "skipped", 0),
    ],
)
def test_interval_outcomes(sets: tuple[LoggedSet, ...], outcome: str, met: int) -> None:
    result = attempt_outcome(RULES, HIIT3, sets)
    assert (result.outcome, result.met, result.required) == (outcome, met, 8)


def test_missing_avg_watts_is_never_taken_on_trust() -> None:
    sets = (*intervals(7, 30, 280), LoggedSet("Air Bike", seconds=30, metadata={"peak_hr": 171}))
    result = attempt_outcome(RULES, HIIT3, sets)
    assert (result.outcome, result.met) == ("partial", 7)
    assert result.items[-1].met is False
    assert result.items[-1].logged == "30 s, no W"


def test_watts_given_as_text_are_read_as_numbers() -> None:
    sets = tuple(LoggedSet("Air Bike", seconds=30, metadata={"avg_watts": "280"}) for _ in range(8))
    assert attempt_outcome(RULES, HIIT3, sets).outcome == "success"


def test_without_a_target_only_time_counts() -> None:
    plan = conditioning_plan("HIIT", 3, ftp_watts=None)
    result = attempt_outcome(RULES, plan, intervals(8, 30, None))
    assert (result.outcome, result.reason) == ("success", "all 8 intervals of 30 s")


def test_items_are_one_per_interval_with_plain_strings() -> None:
    result = attempt_outcome(RULES, HIIT3, intervals(6, 30, 281))
    assert len(result.items) == 8
    first, last = result.items[0], result.items[-1]
    assert (first.item, first.prescribed, first.logged, first.met) == (
        "HIIT interval 1/8",
        "30 s ≥ 275 W",
        "30 s at 281 W",
        True,
    )
    assert (last.logged, last.met) == ("not logged", False)
    assert result.reason == "6 of 8 intervals ≥ 275 W"


@pytest.mark.parametrize(
    ("sets", "outcome", "met"),
    [
        (intervals(1, 1500, 160, "Stationary Bike"), "success", 1500),
        (intervals(1, 1460, 160, "Stationary Bike"), "success", 1460),
        (intervals(2, 600, 160, "Stationary Bike"), "partial", 1200),
        (
            intervals(1, 1500, 160, "Stationary Bike") + intervals(1, 600, 100, "Stationary Bike"),
            "success",
            1500,
        ),
        (intervals(1, 1500, 140, "Stationary Bike"), "failure", 0),
        (intervals(1, 1500, None, "Stationary Bike"), "failure", 0),
        ((), "skipped", 0),
    ],
)
def test_steady_state_sums_seconds_at_target(
    sets: tuple[LoggedSet, ...], outcome: str, met: int
) -> None:
    plan = conditioning_plan("SS", 2)  # 1500 s at 155 W
    result = attempt_outcome(RULES, plan, sets)
    assert (result.outcome, result.met, result.required) == (outcome, met, 1500)
    assert len(result.items) == 1


def levels_after(*attempts: ConditioningAttempt) -> dict[str, tuple[int, int]]:
    return {
        k: (v.level, v.consecutive_failures) for k, v in protocol_standings(RULES, attempts).items()
    }


FAIL3 = intervals(2, 30, 280) + intervals(2, 30, 200)
PART3 = intervals(5, 30, 300)


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([], (1, 0)),
        ([attempt("HIIT", 3, full("HIIT", 3))], (4, 0)),
        ([attempt("HIIT", 7, full("HIIT", 7))], (7, 0)),
        ([attempt("HIIT", 3, PART3)], (3, 0)),
        ([attempt("HIIT", 3, ())], (3, 0)),
        ([attempt("HIIT", 3, FAIL3)], (3, 1)),
        ([attempt("HIIT", 3, FAIL3, 9), attempt("HIIT", 3, FAIL3, 5)], (2, 0)),
        (
            [attempt("HIIT", 3, FAIL3, 9), attempt("HIIT", 3, (), 7), attempt("HIIT", 3, FAIL3, 5)],
            (2, 0),
        ),
        (
            [
                attempt("HIIT", 3, FAIL3, 9),
                attempt("HIIT", 3, PART3, 7),
                attempt("HIIT", 3, FAIL3, 5),
            ],
            (3, 1),
        ),
        (
            [
                attempt("HIIT", 3, FAIL3, 9),
                attempt("HIIT", 3, full("HIIT", 3), 7),
                attempt("HIIT", 4, (), 5),
            ],
            (4, 0),
        ),
        ([attempt("HIIT", 1, (), 9), attempt("HIIT", 1, (), 8)], (1, 0)),
        (
            [
                attempt("HIIT", 1, intervals(1, 30, 300), 9),
                attempt("HIIT", 1, intervals(1, 30, 300), 8),
            ],
            (1, 0),
        ),
        # Replayed oldest first whatever the input order.
        ([attempt("HIIT", 3, FAIL3, 5), attempt("HIIT", 4, full("HIIT", 4), 9)], (3, 1)),
    ],
)
def test_standings_replay(history: list[ConditioningAttempt], expected: tuple[int, int]) -> None:
    assert levels_after(*history)["HIIT"] == expected


def test_standings_cover_every_protocol_from_the_start_level() -> None:
    rules = rules_with(
        progression={**RULES.progression.model_dump(), "start_level": 2, "hold_on_two_axes": False}
    )
    standings = protocol_standings(rules, [attempt("SS", 1, full("SS", 1), days_ago=3)])
    assert {k: (v.level, v.last_date) for k, v in standings.items()} == {
        "HIIT": (2, None),
        "SIT": (2, None),
        "SS": (2, TODAY.replace(day=7)),
    }


def make_plan(conditioning: ConditioningPlan | None, exercises: list[PlannedExercise]) -> Plan:
    return Plan(
        date=TODAY,
        profile="default",
        state="GREEN",
        readiness={"knee_pain": 1, "energy": 7},
        archetype="Conditioning",
        family="performance",
        session_name="test",
        anchor_pattern=None,
        priority_score=None,
        days_since_last=None,
        pattern_debt={},
        exercises=exercises,
        conditioning=conditioning,
        rationale=[],
    )


SQUAT = PlannedExercise(
    name="Back Squat", pattern="SQUAT", block="main", sets=5, reps=5, load_kg=112.5, rpe=8
)
PLANK = PlannedExercise(name="Plank", pattern=None, block="core", sets=3, seconds=45, rpe=7)


def test_ad_hoc_sessions_have_an_empty_verdict() -> None:
    verdict = verify_session(RULES, None, intervals(3, 30, 200), History.from_sessions())
    assert (verdict.verification, verdict.progression) == ([], [])


def test_strength_items_count_sets_at_target() -> None:
    sets = [LoggedSet("Back Squat", weight_kg=110, reps=5)] * 4 + [
        LoggedSet("Back Squat", weight_kg=100, reps=5),
        LoggedSet("Back Squat", weight_kg=115, reps=4),
        LoggedSet("Plank", seconds=45),
    ] * 1
    verdict = verify_session(RULES, make_plan(None, [SQUAT, PLANK]), sets, History.from_sessions())
    squat, plank = verdict.verification
    assert (squat.item, squat.kind, squat.prescribed, squat.logged, squat.met) == (
        "Back Squat",
        "strength",
        "5×5 @ 112.5 kg",
        "6 sets, 4 at target",
        False,
    )
    assert (plank.prescribed, plank.logged, plank.met) == (
        "3×45 s @ RPE 7",
        "1 set, 1 at target",
        False,
    )
    verdict = verify_session(
        RULES,
        make_plan(None, [SQUAT]),
        [LoggedSet("Back Squat", weight_kg=110, reps=5)] * 5,
        History.from_sessions(),
    )
    assert verdict.verification[0].met is True
    assert verdict.progression == []


@pytest.mark.parametrize(
    ("level", "sets", "earlier", "change"),
    [
        (3, full("HIIT", 3), [], (3, 4, "up", "all 8 intervals ≥ 275 W: level 3 → 4")),
        (3, (), [], (3, 3, "hold", "nothing logged for HIIT: level held")),
        (3, PART3, [], (3, 3, "hold", "5 of 8 intervals ≥ 275 W, partly done: level 3 held")),
        (
            3,
            FAIL3,
            [],
            (3, 3, "hold", "2 of 8 intervals ≥ 275 W, 1st failed attempt in a row: level 3 held"),
        ),
        (
            3,
            FAIL3,
            [attempt("HIIT", 3, FAIL3)],
            (3, 2, "down", "2 of 8 intervals ≥ 275 W, 2nd failed attempt in a row: level 3 → 2"),
        ),
        (
            7,
            full("HIIT", 7),
            [],
            (7, 7, "hold", "all 12 intervals ≥ 300 W, top level already: held"),
        ),
        (
            1,
            intervals(1, 30, 300),
            [attempt("HIIT", 1, intervals(1, 30, 300))],
            (
                1,
                1,
                "hold",
                "1 of 6 intervals ≥ 262 W, 2nd failed attempt in a row, lowest level already: held",
            ),
        ),
    ],
)
def test_progression_changes_say_why(
    level: int,
    sets: tuple[LoggedSet, ...],
    earlier: list[ConditioningAttempt],
    change: tuple[int, int, str, str],
) -> None:
    prescription = conditioning_plan("HIIT", level)
    plan = make_plan(prescription, [])
    verdict = verify_session(RULES, plan, sets, History.from_sessions(conditioning=tuple(earlier)))
    (progression,) = verdict.progression
    assert (
        progression.from_level,
        progression.to_level,
        progression.outcome,
        progression.reason,
    ) == change
    assert progression.protocol == "HIIT"
    conditioning_items = [i for i in verdict.verification if i.kind == "conditioning"]
    assert len(conditioning_items) == max(prescription.rounds, len(sets))


def test_level_up_needs_every_interval() -> None:
    sets = full("HIIT", 3)[:-1] + intervals(1, 30, 250)
    verdict = verify_session(RULES, make_plan(HIIT3, []), sets, History.from_sessions())
    assert verdict.progression[0].outcome == "hold"
    assert [i.met for i in verdict.verification] == [True] * 7 + [False]
