"""flux_cli.present: the one place numbers, weights, prescriptions and sets are written out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from flux_cli.engine.types import ConditioningPlan, PlannedExercise
from flux_cli.engine.units import Equipment, to_kg
from flux_cli.present.numbers import distance, duration, json_number, number, plural, watts
from flux_cli.present.sets import conditioning, logged_set, prescription
from flux_cli.present.weights import plates_text, weight, weight_step, weight_value


@dataclass
class Row:
    weight_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    distance_m: float | None = None
    rpe: float | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@pytest.mark.parametrize(
    ("value", "text"), [(100.0, "100"), (102.5, "102.5"), (102.058, "102.06"), (None, "-")]
)
def test_number(value: float | None, text: str) -> None:
    assert number(value) == text


def test_json_numbers_are_ints_when_whole() -> None:
    assert json_number(1.0) == 1 and isinstance(json_number(1.0), int)
    assert json_number(7.5) == 7.5
    assert json_number(3) == 3


def test_counts_agree_with_their_number() -> None:
    assert plural(1, "set") == "1 set"
    assert plural(5, "set") == "5 sets"
    assert plural(0, "set") == "0 sets"


def test_durations_distances_and_watts() -> None:
    assert duration(45) == "45s" and duration(180) == "3:00" and duration(3723) == "1:02:03"
    assert distance(400) == "400 m" and distance(2000) == "2 km"
    assert watts(262.0) == "262 W" and watts(262) == "262 W" and watts(262.5) == "262.5 W"


def test_weights_in_the_athletes_unit() -> None:
    stored = to_kg(225, "lb")
    assert weight(stored, "lb") == "225 lb"
    assert weight_value(stored, "lb") == 225
    assert weight(102.5, "kg") == "102.5 kg"
    assert weight(None, "kg") == "-"


def test_prescriptions_in_pounds() -> None:
    squat = PlannedExercise(
        name="Back Squat",
        pattern="SQUAT",
        block="main",
        sets=5,
        reps=5,
        load_kg=to_kg(210, "lb"),
        percent_e1rm=0.8,
        e1rm_kg=119.1,
    )
    assert prescription(squat, "lb") == "5 × 5 @ 210 lb (80%)"
    assert prescription(squat, "lb", with_e1rm=True) == "5 × 5 @ 210 lb (80% of e1RM 262.6 lb)"
    assert prescription(squat, "kg") == "5 × 5 @ 95.25 kg (80%)"
    carry = PlannedExercise(name="Carry", pattern=None, block="carry", sets=3, seconds=40, rpe=8)
    assert prescription(carry, "lb") == "3 × 40s @ RPE 8"


def test_conditioning_block() -> None:
    block = ConditioningPlan(
        protocol="HIIT",
        kind="intervals",
        level=2,
        exercise="Air Bike",
        rounds=6,
        work_s=30,
        rest_s=90,
        intensity=1.05,
        target_watts=262,
    )
    assert conditioning(block) == "HIIT L2: 6 × 30s / 1:30 rest @ 262 W"


def test_logged_sets() -> None:
    assert logged_set(Row(weight_kg=to_kg(225, "lb"), reps=5), "lb") == "225 lb × 5"
    interval = Row(seconds=30, metadata={"avg_watts": 262.0, "peak_hr": 171, "round": 1})
    assert logged_set(interval, "kg") == "30s 262 W HR 171"
    assert logged_set(interval, "kg", all_metadata=True) == "30s 262 W HR 171 round=1"
    assert logged_set(Row(reps=12), "kg") == "12 reps"
    assert logged_set(Row(), "kg") == "(empty)"


def test_plates_in_pounds_are_pound_plates() -> None:
    """Not `55.12 + 22.05 + 2.76 (bar 44.1 lb) ≈ 203.9 lb` (kilogram plates converted)."""
    pounds = Equipment("lb", 45.0, (45.0, 35.0, 25.0, 10.0, 5.0, 2.5))
    assert plates_text(to_kg(210, "lb"), pounds) == "per side: 45 + 35 + 2.5  (bar 45 lb)"
    assert plates_text(to_kg(97, "lb"), pounds) == "per side: 25  (bar 45 lb)  ≈ 95 lb"
    assert plates_text(to_kg(40, "lb"), pounds) == "under the bar (45 lb)"
    assert weight_step(pounds) == 5.0
