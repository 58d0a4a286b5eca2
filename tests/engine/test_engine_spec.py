from __future__ import annotations

import pytest

from flux_cli.engine.spec import GRAMMAR, LB_TO_KG, SetSpec, parse_spec
from flux_cli.errors import ExitCode, InputError


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("100x5", [SetSpec(weight_kg=100.0, reps=5)]),
        ("100x5x3", [SetSpec(weight_kg=100.0, reps=5)] * 3),
        ("102.5×5", [SetSpec(weight_kg=102.5, reps=5)]),
        ("100KGx5", [SetSpec(weight_kg=100.0, reps=5)]),
        ("100kgsX5X2", [SetSpec(weight_kg=100.0, reps=5)] * 2),
        ("225lbx5", [SetSpec(weight_kg=225 * LB_TO_KG, reps=5)]),
        ("225lbsx5", [SetSpec(weight_kg=225 * LB_TO_KG, reps=5)]),
        ("12", [SetSpec(reps=12)]),
        ("45s", [SetSpec(seconds=45.0)]),
        (" 45 s ", [SetSpec(seconds=45.0)]),
        ("30sec", [SetSpec(seconds=30.0)]),
        ("20min", [SetSpec(seconds=1200.0)]),
        ("1.5h", [SetSpec(seconds=5400.0)]),
        ("2km", [SetSpec(distance_m=2000.0)]),
        ("400m", [SetSpec(distance_m=400.0)]),
        ("1.5mi", [SetSpec(distance_m=1.5 * 1609.344)]),
        ("1000", [SetSpec(reps=1000)]),
    ],
)
def test_valid_tokens(token: str, expected: list[SetSpec]) -> None:
    assert parse_spec([token]) == expected


def test_tokens_add_up_in_order() -> None:
    assert parse_spec(["100x5x2", "12", "45s"]) == [
        SetSpec(weight_kg=100.0, reps=5),
        SetSpec(weight_kg=100.0, reps=5),
        SetSpec(reps=12),
        SetSpec(seconds=45.0),
    ]


def test_bare_weights_use_the_default_unit() -> None:
    assert parse_spec(["225x5"], default_unit="lb") == [SetSpec(weight_kg=225 * LB_TO_KG, reps=5)]
    assert parse_spec(["100kgx5"], default_unit="lb") == [SetSpec(weight_kg=100.0, reps=5)]


@pytest.mark.parametrize(
    "token",
    [
        "",
        "x5",
        "100x",
        "100x5x",
        "abc",
        "0x5",
        "100x0",
        "100x5x0",
        "0",
        "-5",
        "100x-5",
        "0s",
        "0km",
        "100x1001",
        "1001",
        "5x5x5x5",
        "100x5.5",
        "100x5x101",
        "10ft",
        "1h30min",
        "100lbx5lb",
    ],
)
def test_malformed_tokens_are_refused_with_the_grammar(token: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_spec([token])
    assert caught.value.message.startswith(f"bad set spec '{token}'")
    assert caught.value.hint == GRAMMAR
    assert caught.value.exit_code == ExitCode.BAD_INPUT


def test_no_tokens_is_refused() -> None:
    with pytest.raises(InputError, match="no set spec given"):
        parse_spec([])
