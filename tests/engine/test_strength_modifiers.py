"""Modifiers of the day: deload triggers (time, performance, failures, a hook for others),
a layoff's gentle return, rest after too many days in a row, and fair rotation."""

from __future__ import annotations

import datetime as dt

from engine_support import GREEN, RULES, TODAY, attempt, day, full

from flux_cli.engine.athlete import Exposure
from flux_cli.engine.deload import block_start, days_in_a_row, decide_deload
from flux_cli.engine.planner import build_plan
from flux_cli.engine.rotation import rank_patterns, rotation_debt
from flux_cli.engine.types import DeloadMark, History, LiftTarget, LoggedSet, ProfileFacts


def _training(*days_ago: int) -> History:
    return History(training_dates=tuple(sorted(day(d) for d in days_ago)))


def _lift(name: str, *loads: float, failed: bool = False) -> list[Exposure]:
    """Exposures of 5 reps at RPE 8 (or 3 reps at RPE 10 when `failed`), 3 days apart."""
    reps, rpe = (3, 10.0) if failed else (5, 8.0)
    return [
        Exposure(
            day(3 * (len(loads) - i)),
            (LoggedSet(name, load, reps, rpe=rpe),),
            LiftTarget(1, 5, load, 8),
            False,
        )
        for i, load in enumerate(loads)
    ]


def test_six_weeks_of_real_training_bring_a_time_triggered_deload() -> None:
    twice_a_week = _training(*range(1, 44, 3))  # every third day for six weeks
    found = decide_deload(RULES, twice_a_week, TODAY, {}, "epley")
    assert found is not None
    assert found.reason == "6 weeks of training without one"
    assert (found.started, found.until) == (TODAY, TODAY + dt.timedelta(days=6))
    once_a_week = _training(*range(1, 44, 7))  # light weeks: no deload
    assert decide_deload(RULES, once_a_week, TODAY, {}, "epley") is None
    # A layoff restarts the count; a recent deload does too, and one in force continues.
    assert (
        decide_deload(RULES, _training(*range(1, 20, 2), *range(40, 60, 2)), TODAY, {}, "epley")
        is None
    )
    mark = DeloadMark(day(2), TODAY + dt.timedelta(days=4), "6 weeks of training without one")
    continuing = History(training_dates=twice_a_week.training_dates, last_deload=mark)
    still = decide_deload(RULES, continuing, TODAY, {}, "epley")
    assert still is not None and (still.started, still.reason) == (day(2), mark.reason)


def test_performance_failures_and_extra_triggers_start_a_deload() -> None:
    quiet = History()
    dropping = {
        "Back Squat": _lift("Back Squat", 120, 120, 120, 110),
        "Deadlift": _lift("Deadlift", 160, 160, 160, 150),
    }
    found = decide_deload(RULES, quiet, TODAY, dropping, "epley")
    assert found is not None
    assert found.reason == "Back Squat and Deadlift e1RM down 8% over 3 sessions"
    one_lift = {"Back Squat": dropping["Back Squat"]}
    assert decide_deload(RULES, quiet, TODAY, one_lift, "epley") is None  # rules: 2 lifts
    failing = {"Bench Press": _lift("Bench Press", 80, 80, 80, failed=True)}
    found = decide_deload(RULES, quiet, TODAY, failing, "epley")
    assert found is not None and found.reason == "Bench Press: 3 failed sessions in a row"
    hooked = decide_deload(RULES, quiet, TODAY, {}, "epley", ["ACWR 1.6 above 1.5"])
    assert hooked is not None and hooked.reason == "ACWR 1.6 above 1.5"


def test_the_plan_names_the_deload_and_its_trigger() -> None:
    plan = build_plan(
        RULES, ProfileFacts(), History(), GREEN, TODAY, extra_deload_triggers=["fatigue"]
    )
    assert plan.deload is not None and plan.deload.reason == "fatigue"
    assert f"deload until {(TODAY + dt.timedelta(days=6)).isoformat()}: fatigue" in plan.rationale
    main = plan.exercises[0]
    assert (main.sets, main.rpe) == (3, 6.0)  # half the sets (rounded), RPE 8 − 2


def test_rest_after_six_training_days_in_a_row() -> None:
    six = _training(1, 2, 3, 4, 5, 6)
    assert days_in_a_row(six, TODAY) == 6
    plan = build_plan(RULES, ProfileFacts(), six, GREEN, TODAY)
    assert plan.rest is not None and plan.rest.days_in_a_row == 6
    assert plan.rationale[1].startswith("6 training days in a row: rest today")
    assert build_plan(RULES, ProfileFacts(), _training(1, 2, 3, 4, 5), GREEN, TODAY).rest is None


def test_returning_skips_the_hardest_protocol_and_steps_levels_down() -> None:
    history = History(
        training_dates=(day(30),),
        archetype_last_done={"Strength_Type_A": day(30), "Strength_Type_B": day(30)},
        conditioning=(
            attempt("SIT", 3, full("SIT", 3), days_ago=60),
            attempt("HIIT", 4, full("HIIT", 4), days_ago=30),
            attempt("SS", 2, full("SS", 2), days_ago=31),
        ),
    )
    plan = build_plan(RULES, ProfileFacts(ftp_watts=250), history, GREEN, TODAY)
    assert plan.returning is not None and plan.returning.days_off == 30
    assert plan.conditioning is not None and plan.conditioning.protocol != "SIT"
    assert "SIT not the first session back after a layoff" in plan.rationale
    # 30 days off at half a level a week: 2 levels down from the standing.
    standing = plan.conditioning_levels[plan.conditioning.protocol]
    assert plan.conditioning.level == max(1, standing - 2)


def test_block_start_follows_the_last_gap() -> None:
    dates = [day(d) for d in (50, 48, 20, 10, 3)]
    assert block_start(dates, 14, TODAY) == day(20)
    assert block_start(dates, 14, TODAY + dt.timedelta(days=20)) is None


def test_rotation_owes_days_plus_missing_hard_sets_and_breaks_ties_by_days() -> None:
    history = History(pattern_hard_sets={"SQUAT": 10, "PUSH": 0})
    days: dict[str, int | None] = {"SQUAT": 5, "HINGE": None, "PUSH": 3, "PULL": 5}
    debt = rotation_debt(RULES, history, days)
    # PUSH: 3 days + 10 sets short × 0.3 = 6; SQUAT: 5 days, its 10 hard sets done.
    assert (debt["SQUAT"], debt["PUSH"]) == (5, 6)
    assert rank_patterns(["SQUAT", "PUSH"], debt, days) == ["PUSH", "SQUAT"]
    assert rank_patterns(["SQUAT", "HINGE"], debt, days)[0] == "HINGE"  # never trained
    even = {"SQUAT": 4.0, "PULL": 4.0}
    assert rank_patterns(["SQUAT", "PULL"], even, {"SQUAT": 2, "PULL": 4}) == ["PULL", "SQUAT"]
