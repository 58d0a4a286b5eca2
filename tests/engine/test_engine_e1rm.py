from __future__ import annotations

import datetime as dt
import random
import time

import pytest
from engine_support import day, lift

from flux_cli.engine.athlete import e1rm_trend
from flux_cli.engine.e1rm import best_e1rm, estimate_e1rm, round_to_increment
from flux_cli.engine.records import Candidate as RecordCandidate
from flux_cli.engine.records import records
from flux_cli.engine.rules import E1RMRules
from flux_cli.engine.types import DatedSet, E1RMFormula, LoggedSet

FORMULAS: list[E1RMFormula] = ["epley", "brzycki", "lombardi", "oconner"]
E1RM = E1RMRules()  # max_reps 12, rpe_floor 6.5


@pytest.mark.parametrize(
    ("weight", "reps", "formula", "expected"),
    [
        (100, 5, "epley", 100 * (1 + 5 / 30)),
        (120, 5, "epley", 140.0),
        (100, 5, "brzycki", 112.5),
        (100, 10, "brzycki", 100 * 36 / 27),
        (100, 5, "lombardi", 100 * 5**0.10),
        (100, 5, "oconner", 112.5),
        (100, 10, "oconner", 125.0),
    ],
)
def test_formulas(weight: float, reps: int, formula: E1RMFormula, expected: float) -> None:
    assert estimate_e1rm(weight, reps, formula) == pytest.approx(expected)


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_single_is_its_own_e1rm(formula: E1RMFormula) -> None:
    assert estimate_e1rm(142.5, 1, formula) == 142.5


@pytest.mark.parametrize(("reps", "formula"), [(0, "epley"), (-3, "brzycki"), (37, "brzycki")])
def test_undefined_reps_are_refused(reps: int, formula: E1RMFormula) -> None:
    with pytest.raises(ValueError):
        estimate_e1rm(100, reps, formula)


def test_unknown_formula_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown e1RM formula 'wathan'"):
        estimate_e1rm(100, 5, "wathan")  # type: ignore[arg-type]  # a name outside Formula, on purpose


def test_best_e1rm_skips_warmups_high_reps_and_sets_without_load() -> None:
    sets = [
        lift("Back Squat", 200, 5, set_type="warmup"),
        lift("Back Squat", 60, 20),
        DatedSet(day(2), LoggedSet("Back Squat", reps=5)),
        DatedSet(day(2), LoggedSet("Back Squat", weight_kg=100)),
        lift("Back Squat", 0, 5),
        lift("Back Squat", 120, 5),
        lift("Back Squat", 110, 8),
    ]
    assert best_e1rm(sets, "epley", 12) == pytest.approx(140.0)


@pytest.mark.parametrize(
    "sets", [[], [lift("Row", 50, 15)], [lift("Row", 90, 3, set_type="warmup")]]
)
def test_best_e1rm_is_none_without_a_working_set(sets: list[DatedSet]) -> None:
    assert best_e1rm(sets, "epley", 12) is None


def test_series_keeps_the_best_per_date_oldest_first() -> None:
    d1, d2 = dt.date(2025, 1, 2), dt.date(2025, 1, 1)
    rows = [
        (d1, 100.0, 5, None),
        (d1, 120.0, 5, None),
        (d2, 90.0, 1, None),
        (d2, 200.0, 20, None),  # over max_reps: says nothing
        (d1, 50.0, 0, None),
    ]
    assert e1rm_trend(rows, "epley", E1RM) == [(d2, 90.0), (d1, pytest.approx(140.0))]


@pytest.mark.parametrize("formula", FORMULAS)
def test_series_agrees_with_estimate(formula: E1RMFormula) -> None:
    rows = [(dt.date(2025, 1, 1), 100.0, reps, None) for reps in range(1, 13)]
    best = max(estimate_e1rm(100.0, reps, formula) for reps in range(1, 13))
    assert e1rm_trend(rows, formula, E1RM) == [(dt.date(2025, 1, 1), best)]


def test_a_set_with_an_rpe_reads_the_chart_in_the_trend_as_in_the_pr_chart() -> None:
    """100 × 5 @ 8: the RTS chart says 123.3 kg, Epley 116.7. The trend said 116.7 while the
    PR chart of the same set said 123.3."""
    day = dt.date(2025, 1, 1)
    trend = e1rm_trend([(day, 100.0, 5, 8.0)], "epley", E1RM)
    chart = records(
        "Back Squat", [RecordCandidate(reps=5, rpe=8.0, weight_kg=100.0, date=day)], "epley", E1RM
    )
    assert chart.e1rm is not None
    assert [d for d, _ in trend] == [day]
    assert trend[0][1] == pytest.approx(chart.e1rm.value, abs=0.05)  # (records keep 0.1 kg)
    assert trend[0][1] == pytest.approx(123.3, abs=0.05)
    # Easy work (under the rules' rpe_floor) says nothing about a max, in either.
    assert e1rm_trend([(day, 100.0, 5, 5.0)], "epley", E1RM) == []


def test_series_is_fast_on_twenty_thousand_rows() -> None:
    generator = random.Random(7)
    start = dt.date(2020, 1, 1)
    rows = [
        (
            start + dt.timedelta(days=generator.randrange(2000)),
            generator.uniform(20, 250),
            generator.randrange(1, 15),
            None,
        )
        for _ in range(20_000)
    ]
    began = time.process_time()
    series = e1rm_trend(rows, "epley", E1RM)
    assert time.process_time() - began < 0.5
    assert [d for d, _ in series] == sorted({d for d, _, r, _ in rows if r <= 12})


@pytest.mark.parametrize(
    ("load", "increment", "expected"),
    [
        (112.0, 2.5, 112.5),
        (111.2, 2.5, 110.0),
        (111.25, 2.5, 112.5),
        (112.0, 10.0, 110.0),
        (0.8, 2.5, 0.0),
        (101.3, 0.0, 101.3),
    ],
)
def test_round_to_increment(load: float, increment: float, expected: float) -> None:
    assert round_to_increment(load, increment) == expected
