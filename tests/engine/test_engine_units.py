"""Kilograms and pounds, loadable targets and exact plate maths (engine.units)."""

from __future__ import annotations

import math

import pytest
from engine_support import GREEN, RULES, TODAY, day
from hypothesis import given
from hypothesis import strategies as st

from flux_cli.engine.planner import build_plan
from flux_cli.engine.types import DatedSet, History, LoggedSet, ProfileFacts
from flux_cli.engine.units import (
    KG_PER_LB,
    Equipment,
    equipment_of,
    from_kg,
    loadable_kg,
    plates_for,
    round_to_increment,
    to_kg,
)

LB_PLATES = (45.0, 35.0, 25.0, 10.0, 5.0, 2.5)
LB_BAR = Equipment("lb", 45.0, LB_PLATES)
KG_BAR = Equipment("kg", 20.0, (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25))


def _old_kg_rounding(load_kg: float, increment_kg: float) -> float:
    """The planner's rounding before pounds were exact: kept to prove kg plans unchanged."""
    return round(math.floor(load_kg / increment_kg + 0.5) * increment_kg, 2)


def test_the_pound_is_exactly_defined() -> None:
    assert KG_PER_LB == 0.45359237
    assert to_kg(225, "lb") == 225 * 0.45359237
    assert from_kg(to_kg(225, "lb"), "lb") == pytest.approx(225, abs=1e-12)
    assert to_kg(100, "kg") == 100 and from_kg(100, "kg") == 100


def test_an_lb_profile_has_an_lb_bar_and_plates_by_default() -> None:
    assert equipment_of(ProfileFacts(units="lb")) == Equipment("lb", 45.0, LB_PLATES)
    assert equipment_of(ProfileFacts()) == KG_BAR
    assert LB_BAR.increment == 5.0 and KG_BAR.increment == 2.5


def test_the_reported_target_is_exact_in_pounds() -> None:
    """The issue's case: 80% of e1RM 119.1 kg is 95.28 kg = 210.06 lb → 210 lb exactly."""
    target_kg = loadable_kg(119.1 * 0.8, LB_BAR)
    assert target_kg == 210 * KG_PER_LB
    plates = plates_for(target_kg, LB_BAR)
    assert plates is not None and plates.exact
    assert plates.per_side == (45.0, 35.0, 2.5) and plates.loaded == 210.0


@pytest.mark.parametrize(
    ("load", "increment", "base", "expected"),
    [
        (112.0, 2.5, 0.0, 112.5),
        (111.2, 2.5, 0.0, 110.0),
        (111.25, 2.5, 0.0, 112.5),
        (0.8, 2.5, 0.0, 0.0),
        (101.3, 0.0, 0.0, 101.3),
        # a 15 lb bar with 5 lb steps: targets are 15 + 5k, not multiples of 5 from zero
        (47.0, 5.0, 17.5, 47.5),
        (1.0, 5.0, 17.5, 2.5),
    ],
)
def test_round_to_increment(load: float, increment: float, base: float, expected: float) -> None:
    assert round_to_increment(load, increment, base) == expected


def test_plates_that_greedy_would_miss_are_found() -> None:
    """Largest-first fails 6 per side with 5s and 3s; two 3s make it."""
    odd = Equipment("kg", 20.0, (5.0, 3.0))
    plates = plates_for(32.0, odd)
    assert plates is not None and plates.exact and plates.per_side == (3.0, 3.0)


def test_under_the_bar_and_between_plates() -> None:
    assert plates_for(to_kg(40, "lb"), LB_BAR) is None
    between = plates_for(to_kg(97, "lb"), LB_BAR)
    assert between is not None and not between.exact and between.loaded == 95.0


@given(
    e1rm_lb=st.floats(min_value=50, max_value=1200, allow_nan=False),
    percent=st.floats(min_value=0.3, max_value=1.1, allow_nan=False),
    bar=st.sampled_from([45.0, 35.0, 33.0, 15.0]),
    smallest=st.sampled_from([2.5, 1.25, 5.0]),
)
def test_lb_targets_are_loadable_and_the_plates_make_them_exactly(
    e1rm_lb: float, percent: float, bar: float, smallest: float
) -> None:
    equipment = Equipment("lb", bar, (45.0, 35.0, 25.0, 10.0, 5.0, smallest))
    wanted = e1rm_lb * percent
    target_kg = loadable_kg(to_kg(wanted, "lb"), equipment)
    target_lb = from_kg(target_kg, "lb")
    steps = (target_lb - bar) / (2 * smallest)
    assert steps == pytest.approx(round(steps), abs=1e-6)
    assert abs(target_lb - wanted) <= smallest + 1e-6  # the nearest step, half-up
    # stored exactly as pounds × KG_PER_LB, so `flux log 210x5` meets the target
    assert target_kg == round(target_lb, 6) * KG_PER_LB
    if wanted >= bar + smallest:
        plates = plates_for(target_kg, equipment)
        assert plates is not None and plates.exact
        assert plates.loaded == round(target_lb, 6)
        assert bar + 2 * sum(plates.per_side) == pytest.approx(target_lb, abs=1e-9)


@given(load_kg=st.floats(min_value=0, max_value=500, allow_nan=False))
def test_kg_profiles_round_as_before(load_kg: float) -> None:
    assert loadable_kg(load_kg, KG_BAR) == pytest.approx(_old_kg_rounding(load_kg, 2.5), abs=1e-9)


@given(
    weight_lb=st.integers(min_value=95, max_value=600).map(float),
    percent=st.sampled_from([0.6, 0.7, 0.75, 0.8, 0.85, 0.9]),
)
def test_an_lb_plan_prescribes_loadable_pounds(weight_lb: float, percent: float) -> None:
    lift = RULES.selections["SQUAT"]["GREEN"]
    history = History(
        lift_sets={
            lift: (DatedSet(day(3), LoggedSet(lift, weight_kg=to_kg(weight_lb, "lb"), reps=1)),)
        }
    )
    plan = build_plan(RULES, ProfileFacts(units="lb"), history, GREEN, TODAY)
    loaded = [item for item in plan.exercises if item.load_kg is not None]
    assert loaded, "a lift with an e1RM gets a load"
    for item in loaded:
        assert item.load_kg is not None
        pounds = from_kg(item.load_kg, "lb")
        assert pounds == pytest.approx(round(pounds / 5) * 5, abs=1e-9)
        assert item.load_kg == round(pounds, 6) * KG_PER_LB
    lead = loaded[0]
    assert any(
        line.startswith(f"{lead.name} 5×5 @ {round(from_kg(lead.load_kg or 0, 'lb'))} lb (")
        for line in plan.rationale
    )
