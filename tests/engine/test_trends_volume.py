"""Weekly hard sets per muscle group against the rules' weekly targets."""

from __future__ import annotations

import datetime as dt

from engine_support import RULES, TODAY, day

from flux_cli.engine.body import BodyHistory, ExerciseBody, MuscleSet
from flux_cli.engine.trends import weekly_trends, weekly_volume
from flux_cli.present.body import sets_bar

SQUAT = ExerciseBody("SQUAT", ("quadriceps",), ("glutes", "hamstrings"))


def test_hard_sets_leave_out_easy_sets_and_weigh_secondary_muscles_half() -> None:
    sets = [
        *(MuscleSet(day(2), "Back Squat", rpe=8) for _ in range(4)),
        MuscleSet(day(2), "Back Squat", rpe=None),  # no RPE: counts, as in the rotation
        *(MuscleSet(day(2), "Back Squat", rpe=5) for _ in range(3)),  # rules: ≤ 5 is easy
        MuscleSet(day(9), "Back Squat", rpe=9),  # the week before
    ]
    body = BodyHistory(as_of=TODAY, sets=tuple(sets), exercises={"Back Squat": SQUAT})
    weeks = weekly_trends(body, RULES, None, 2).weeks
    assert weeks[-1].sets_by_muscle == {"glutes": 2.5, "hamstrings": 2.5, "quadriceps": 5}
    assert weeks[0].sets_by_muscle == {"glutes": 0.5, "hamstrings": 0.5, "quadriceps": 1}
    assert weeks[-1].start == TODAY - dt.timedelta(days=7)


def test_each_targeted_group_is_below_within_or_above() -> None:
    targets = {"quadriceps": (8.0, 20.0), "chest": (8.0, 20.0), "calves": (2.0, 12.0)}
    found = weekly_volume({"quadriceps": 7.9, "chest": 20.0, "biceps": 30.0}, targets)
    assert [(v.muscle, v.sets, v.status) for v in found] == [
        ("quadriceps", 7.9, "below"),
        ("chest", 20.0, "within"),  # the cap itself is still within
        ("calves", 0.0, "below"),
    ]  # biceps has no target here: left out
    assert weekly_volume({"calves": 12.5}, {"calves": (2.0, 12.0)})[0].status == "above"
    assert weekly_volume({"calves": 2.0}, {"calves": (2.0, 12.0)})[0].status == "within"


def test_the_bar_spans_zero_to_the_cap_and_shows_what_the_floor_still_needs() -> None:
    assert sets_bar(4, 8, 20, 10) == "██░░······"
    assert sets_bar(0, 8, 20, 10) == "░░░░······"
    assert sets_bar(10, 8, 20, 10) == "█████·····"
    assert sets_bar(20, 8, 20, 10) == "██████████"
    assert sets_bar(25, 8, 20, 10) == "█████████+"
    assert len(sets_bar(3.3, 4, 14)) == 20
