"""The athlete model's formulas: the RTS chart, RPE e1RMs, smoothing, detraining, overrides."""

from __future__ import annotations

import datetime as dt

import pytest
from engine_support import RULES, TODAY, day

from flux_cli.engine.athlete import (
    Exposure,
    detraining_factor,
    estimate,
    set_e1rm,
    smooth,
)
from flux_cli.engine.rpe import percent_of_1rm, rpe_e1rm
from flux_cli.engine.types import LiftTarget, LoggedSet

E1RM = RULES.e1rm


# Published RTS chart values (Tuchscherer, "The Reactive Training Manual", 2008): reps at RPE.
@pytest.mark.parametrize(
    ("reps", "rpe", "percent"),
    [
        (1, 10, 100.0),
        (1, 9, 95.5),
        (3, 9, 89.2),
        (5, 10, 86.3),
        (5, 8, 81.1),
        (8, 8, 73.9),
        (10, 10, 73.9),
        (12, 10, 68.0),
        (12, 7, 59.9),
        # Half steps, interpolated: the chart's RPE 9.5 / 8.5 / 7.5 / 6.5 columns.
        (1, 9.5, 97.8),
        (3, 8.5, 87.8),
        (5, 8.5, 82.4),
        (5, 7.5, 79.9),
        (10, 9.5, 72.3),
        (12, 6.5, 58.6),
    ],
)
def test_the_rts_chart(reps: int, rpe: float, percent: float) -> None:
    value = percent_of_1rm(reps, rpe)
    assert value is not None
    assert value * 100 == pytest.approx(percent, abs=0.05 + 1e-9)  # half steps: ±0.05


def test_off_the_chart_is_none_and_bad_input_is_refused() -> None:
    assert percent_of_1rm(12, 6) is None  # 16 effective reps, beyond the chart
    with pytest.raises(ValueError):
        percent_of_1rm(0, 8)
    with pytest.raises(ValueError):
        percent_of_1rm(5, 11)


def test_an_rpe_set_reads_the_chart_and_a_bare_set_the_profile_formula() -> None:
    # 100 kg × 5 @ RPE 8 is 81.1 % of 1RM: 123.3 kg. Without RPE, Epley: 116.7 kg.
    assert rpe_e1rm(100, 5, 8) == pytest.approx(123.30, abs=0.01)
    assert set_e1rm(LoggedSet("Back Squat", 100, 5, rpe=8), "epley", E1RM) == pytest.approx(
        123.30, abs=0.01
    )
    assert set_e1rm(LoggedSet("Back Squat", 100, 5), "epley", E1RM) == pytest.approx(116.67, 0.01)


def test_easy_sets_and_high_reps_say_nothing() -> None:
    assert set_e1rm(LoggedSet("Back Squat", 100, 5, rpe=6), "epley", E1RM) is None  # < 6.5
    floor = set_e1rm(LoggedSet("Back Squat", 100, 5, rpe=6.5), "epley", E1RM)
    assert floor == pytest.approx(100 / 0.774, abs=0.01)  # 5 @ 6.5: 77.4 %
    assert set_e1rm(LoggedSet("Back Squat", 60, 20, rpe=9), "epley", E1RM) is None
    assert set_e1rm(LoggedSet("Back Squat", 0, 5, rpe=9), "epley", E1RM) is None


def test_smoothing_takes_a_new_best_fast_and_a_bad_day_slowly() -> None:
    # Rules defaults: 70 % of the way up, 30 % of the way down.
    assert smooth(100, 110, E1RM) == pytest.approx(107.0)
    assert smooth(100, 90, E1RM) == pytest.approx(97.0)


@pytest.mark.parametrize(
    ("days", "kept"),
    [(0, 1.0), (14, 1.0), (21, 0.985), (28, 0.97), (84, 0.85), (400, 0.85)],
)
def test_detraining_after_the_gap_per_week_down_to_the_floor(days: int, kept: float) -> None:
    # Defaults: after 14 days, 1.5 % a week, never below 85 %.
    assert detraining_factor(days, E1RM) == pytest.approx(kept)


def _exposure(days_ago: int, *sets: LoggedSet, deload: bool = False) -> Exposure:
    target = LiftTarget(sets=len(sets), reps=sets[0].reps, load_kg=sets[0].weight_kg, rpe=8)
    return Exposure(day(days_ago), tuple(sets), target, deload)


def test_the_estimate_replays_sessions_and_detrains_after_a_gap() -> None:
    first = _exposure(40, LoggedSet("Back Squat", 100, 5, rpe=8))  # 123.3
    better = _exposure(30, LoggedSet("Back Squat", 110, 5, rpe=8))  # 135.6
    found = estimate([first, better], "epley", E1RM, TODAY)
    assert found is not None
    trained = 123.30 + 0.7 * (135.63 - 123.30)
    assert found.trained == pytest.approx(trained, abs=0.02)
    assert found.days_since == 30
    assert found.value == pytest.approx(trained * detraining_factor(30, E1RM), abs=0.02)
    assert found.detrained


def test_a_tested_single_and_an_explicit_1rm_replace_the_estimate() -> None:
    squats = _exposure(10, LoggedSet("Back Squat", 100, 5, rpe=8))
    single = _exposure(5, LoggedSet("Back Squat", 150, 1, rpe=10))
    found = estimate([squats, single], "epley", E1RM, TODAY)
    assert found is not None and found.value == 150 and found.tested
    explicit = estimate([squats], "epley", E1RM, TODAY, override=(day(2), 160.0))
    assert explicit is not None and explicit.value == 160
    # An explicit 1RM set today counts today; one set tomorrow does not yet.
    assert estimate([squats], "epley", E1RM, TODAY, (TODAY, 160.0)).value == 160  # type: ignore[union-attr]
    later = estimate([squats], "epley", E1RM, TODAY, (TODAY + dt.timedelta(days=1), 160.0))
    assert later is not None and later.value == pytest.approx(123.30, abs=0.01)


def test_a_deload_day_without_rpe_never_lowers_the_estimate() -> None:
    heavy = _exposure(10, LoggedSet("Back Squat", 100, 5, rpe=8))
    light = _exposure(5, LoggedSet("Back Squat", 80, 5), deload=True)
    found = estimate([heavy, light], "epley", E1RM, TODAY)
    assert found is not None and found.value == pytest.approx(123.30, abs=0.01)
    light_rpe = _exposure(5, LoggedSet("Back Squat", 80, 5, rpe=9), deload=True)
    lowered = estimate([heavy, light_rpe], "epley", E1RM, TODAY)
    assert lowered is not None and lowered.value < 123.30


def test_no_usable_set_no_estimate() -> None:
    assert estimate([], "epley", E1RM, TODAY) is None
    warm = _exposure(3, LoggedSet("Back Squat", None, 5))
    assert estimate([warm], "epley", E1RM, TODAY) is None
