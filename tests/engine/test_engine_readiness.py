from __future__ import annotations

import pytest
from engine_support import RULES, RULES_DATA, rules_with

from flux_cli.engine.readiness import evaluate_state, missing_inputs, parse_readiness
from flux_cli.errors import ExitCode, InputError


def test_parse_keys_values_in_rules_order() -> None:
    parsed = parse_readiness(RULES, {"energy": " 7 ", "knee_pain": 2})
    assert parsed == {"knee_pain": 2.0, "energy": 7.0}
    assert list(parsed) == ["knee_pain", "energy"]


@pytest.mark.parametrize("value", ["0", "10", 0, 10.0, "3.0"])
def test_bounds_are_inclusive(value: str | float) -> None:
    assert parse_readiness(RULES, {"knee_pain": value, "energy": 5})["knee_pain"] == float(value)


def test_unknown_input_is_refused_with_the_declared_list() -> None:
    with pytest.raises(InputError) as caught:
        parse_readiness(RULES, {"knee_pain": 1, "energy": 5, "sleep": 7})
    assert caught.value.message == "unknown readiness input 'sleep'"
    assert caught.value.hint == "declared: knee_pain 0-10, energy 0-10"
    assert caught.value.exit_code == ExitCode.BAD_INPUT


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "knee_pain must be a number from 0 to 10, got 'abc'"),
        ("", "knee_pain must be a number from 0 to 10, got ''"),
        ("11", "knee_pain must be a number from 0 to 10, got '11'"),
        (-1, "knee_pain must be a number from 0 to 10, got '-1'"),
        ("nan", "knee_pain must be a number from 0 to 10, got 'nan'"),
        ("inf", "knee_pain must be a number from 0 to 10, got 'inf'"),
        ("5.5", "knee_pain must be a whole number from 0 to 10, got '5.5'"),
        (True, "knee_pain must be a number from 0 to 10, got '1'"),
    ],
)
def test_bad_values_name_the_input_and_its_range(value: str | float, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_readiness(RULES, {"knee_pain": value, "energy": 5})
    assert caught.value.message == message


def test_non_integer_inputs_accept_fractions() -> None:
    readiness = {**RULES_DATA["readiness"], "energy": {"min": 0, "max": 10, "integer": False}}
    rules = rules_with(readiness=readiness)
    assert parse_readiness(rules, {"knee_pain": 1, "energy": "6.5"})["energy"] == 6.5


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"knee_pain": 3}, "missing readiness input: energy (0-10)"),
        ({}, "missing readiness inputs: knee_pain (0-10), energy (0-10)"),
    ],
)
def test_missing_inputs_are_each_named(raw: dict[str, float], message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_readiness(RULES, raw)
    assert caught.value.message == message


def test_missing_inputs_lists_in_rules_order() -> None:
    assert missing_inputs(RULES, {}) == ["knee_pain", "energy"]
    assert missing_inputs(RULES, {"knee_pain": "2"}) == ["energy"]
    assert missing_inputs(RULES, {"knee_pain": 2, "energy": 5}) == []


@pytest.mark.parametrize(
    ("knee_pain", "energy", "state", "reason"),
    [
        (2, 7, "GREEN", "GREEN: no warning signs (knee_pain 2, energy 7)"),
        (3, 5, "GREEN", "GREEN: no warning signs (knee_pain 3, energy 5)"),
        (5, 7, "ORANGE", "ORANGE: knee_pain 5 ≥ 4"),
        (4, 4, "ORANGE", "ORANGE: knee_pain 4 ≥ 4, energy 4 ≤ 4"),
        (0, 3, "ORANGE", "ORANGE: energy 3 ≤ 4"),
        (6, 10, "ORANGE", "ORANGE: knee_pain 6 ≥ 4"),
        (7, 10, "RED", "RED: knee_pain 7 ≥ 7"),
        (0, 2, "RED", "RED: energy 2 ≤ 2"),
        (10, 0, "RED", "RED: knee_pain 10 ≥ 7, energy 0 ≤ 2"),
    ],
)
def test_state_is_the_first_match_with_its_reason(
    knee_pain: int, energy: int, state: str, reason: str
) -> None:
    decision = evaluate_state(RULES, {"knee_pain": knee_pain, "energy": energy})
    assert (decision.name, decision.reason) == (state, reason)


def test_state_needs_every_input() -> None:
    with pytest.raises(InputError, match="missing readiness input: energy"):
        evaluate_state(RULES, {"knee_pain": 1})


def test_no_matching_state_is_an_input_error() -> None:
    states = [{"name": "RED", "when": "knee_pain >= 7", "families": ["recovery"]}]
    archetypes = {"Recovery": RULES_DATA["archetypes"]["Recovery"] | {"states": ["RED"]}}
    selections = {p: {"RED": s["RED"]} for p, s in RULES_DATA["selections"].items()}
    prescriptions = {k: {"RED": v["RED"]} for k, v in RULES_DATA["prescriptions"].items()}
    rules = rules_with(
        states=states,
        archetypes=archetypes,
        selections=selections,
        prescriptions=prescriptions,
        composition={},  # the shipped slots name archetypes this file drops
        regions={},  # the shipped regions name the ORANGE state; the defaults adapt
        load=RULES_DATA["load"] | {"deload_poor_states": ["RED"]},  # so do the poor states
    )
    with pytest.raises(InputError, match="no readiness state matches knee_pain=1, energy=5"):
        evaluate_state(rules, {"knee_pain": 1, "energy": 5})
