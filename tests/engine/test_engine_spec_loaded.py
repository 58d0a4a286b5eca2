"""Loaded holds and carries in the SPEC grammar, and bare numbers that cannot be reps (#8.11)."""

from __future__ import annotations

import pytest

from flux_cli.engine.spec import (
    GRAMMAR,
    LB_TO_KG,
    MAX_LOADED_REPS,
    SetSpec,
    check_plausible,
    parse_spec,
)
from flux_cli.errors import ExitCode, InputError


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("32x40s", [SetSpec(weight_kg=32.0, seconds=40.0)]),
        ("32kgx40s", [SetSpec(weight_kg=32.0, seconds=40.0)]),
        ("32x40sx3", [SetSpec(weight_kg=32.0, seconds=40.0)] * 3),
        ("24x1min", [SetSpec(weight_kg=24.0, seconds=60.0)]),
        ("70lbx40s", [SetSpec(weight_kg=70 * LB_TO_KG, seconds=40.0)]),
        ("24x20m", [SetSpec(weight_kg=24.0, distance_m=20.0)]),
        ("24×20mx2", [SetSpec(weight_kg=24.0, distance_m=20.0)] * 2),
        ("50lbsx0.1km", [SetSpec(weight_kg=50 * LB_TO_KG, distance_m=100.0)]),
        ("45sx3", [SetSpec(seconds=45.0)] * 3),
        ("400mx4", [SetSpec(distance_m=400.0)] * 4),
    ],
)
def test_loaded_time_and_distance_specs(token: str, expected: list[SetSpec]) -> None:
    assert parse_spec([token]) == expected


def test_loaded_specs_follow_the_profile_unit() -> None:
    assert parse_spec(["70x40s"], default_unit="lb") == [
        SetSpec(weight_kg=70 * LB_TO_KG, seconds=40.0)
    ]


@pytest.mark.parametrize("token", ["0x40s", "32x0s", "32x40sx0", "32x40sx101", "32x40s40", "x40s"])
def test_malformed_loaded_specs_are_refused(token: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_spec([token])
    assert caught.value.message.startswith(f"bad set spec '{token}'")
    assert caught.value.hint == GRAMMAR


def test_the_grammar_names_loaded_holds_and_carries() -> None:
    assert "32x40s" in GRAMMAR and "24x20m" in GRAMMAR


def test_a_bare_weight_for_a_barbell_lift_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        check_plausible("Back Squat", parse_spec(["100"]), load_type="barbell", tracking="reps")
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    assert caught.value.message == (
        "'100' reads as 100 reps of Back Squat, more than 30 in one loaded set"
    )
    assert caught.value.hint == f"give the weight and the reps, e.g. 100x5; {GRAMMAR}"


@pytest.mark.parametrize("load_type", ["barbell", "dumbbell", "kettlebell", "machine", "cable"])
def test_loaded_lifts_take_up_to_the_bound_in_bare_reps(load_type: str) -> None:
    check_plausible(
        "Lift", parse_spec([str(MAX_LOADED_REPS)]), load_type=load_type, tracking="reps"
    )
    with pytest.raises(InputError):
        check_plausible(
            "Lift", parse_spec([str(MAX_LOADED_REPS + 1)]), load_type=load_type, tracking="reps"
        )


@pytest.mark.parametrize("load_type", ["bodyweight", "band", "none"])
def test_bodyweight_work_takes_high_reps(load_type: str) -> None:
    check_plausible("Push-Up", parse_spec(["100"]), load_type=load_type, tracking="reps")


def test_weighted_sets_and_loaded_holds_pass() -> None:
    specs = parse_spec(["100x5x3", "32x40s", "24x20m"])
    check_plausible("Back Squat", specs, load_type="barbell", tracking="reps")


@pytest.mark.parametrize(
    ("tracking", "message"),
    [
        ("time", "Plank is timed: '60' alone is not a time"),
        ("distance", "Plank is done over a distance or time: '60' alone is neither"),
    ],
)
def test_bare_reps_for_timed_or_distance_work_is_refused(tracking: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        check_plausible("Plank", parse_spec(["60"]), load_type="bodyweight", tracking=tracking)
    assert caught.value.message == message
