"""Readiness inputs: validate what the athlete reports, then decide today's state."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from flux_cli.engine.conditions import format_number
from flux_cli.engine.rules import ReadinessInput, Rules
from flux_cli.errors import InputError


@dataclass(frozen=True, slots=True)
class StateDecision:
    """Today's state and the plain reason it was chosen, e.g. `ORANGE: knee_pain 5 ≥ 4`."""

    name: str
    reason: str


def describe_range(spec: ReadinessInput) -> str:
    """`0-10` for an input declared from 0 to 10."""
    return f"{format_number(spec.min)}-{format_number(spec.max)}"


def declared_inputs(rules: Rules) -> str:
    """Every declared input with its range, e.g. `knee_pain 0-10, energy 0-10`."""
    return ", ".join(f"{name} {describe_range(spec)}" for name, spec in rules.readiness.items())


def missing_inputs(rules: Rules, raw: Mapping[str, str | float]) -> list[str]:
    """Declared inputs absent from `raw`, in rules order."""
    return [name for name in rules.readiness if name not in raw]


def parse_readiness(rules: Rules, raw: Mapping[str, str | float]) -> dict[str, float]:
    """Validate every reported value against its declared range, keyed in rules order."""
    for name in raw:
        if name not in rules.readiness:
            raise InputError(
                f"unknown readiness input '{name}'", hint=f"declared: {declared_inputs(rules)}"
            )
    missing = missing_inputs(rules, raw)
    if missing:
        listed = ", ".join(f"{name} ({describe_range(rules.readiness[name])})" for name in missing)
        example = " ".join(f"{name}=VALUE" for name in missing)
        raise InputError(
            f"missing readiness input{'s' if len(missing) > 1 else ''}: {listed}",
            hint=f"give {'them' if len(missing) > 1 else 'it'} as NAME=VALUE, e.g. {example}",
        )
    return {name: parse_value(name, spec, raw[name]) for name, spec in rules.readiness.items()}


def value_problem(spec: ReadinessInput, value: str | float) -> str | None:
    """Why `value` is not valid for the input (`not a number`, `a whole number`, `0-10 only`).

    The one readiness check: `parse_value` (the check-in), the CLI prompt and the
    dashboard form all ask it, so a value one of them accepts, the others accept.
    """
    if isinstance(value, bool):
        return "not a number"
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        return "not a number"
    if not math.isfinite(number):
        return "not a number"
    if not spec.min <= number <= spec.max:
        return f"{describe_range(spec)} only"
    if spec.integer and not number.is_integer():
        return "a whole number"
    return None


def parse_value(name: str, spec: ReadinessInput, value: str | float) -> float:
    """One readiness value checked against its declared range (used by prompts and forms)."""
    problem = value_problem(spec, value)
    if problem is not None:
        shown = value.strip() if isinstance(value, str) else format_number(value)
        kind = "a whole number" if problem == "a whole number" else "a number"
        raise InputError(
            f"{name} must be {kind} from {format_number(spec.min)} to "
            f"{format_number(spec.max)}, got '{shown}'",
            hint=spec.label or None,
        )
    return float(value)


def evaluate_state(rules: Rules, inputs: Mapping[str, float]) -> StateDecision:
    """The first state whose condition holds, with the comparisons that made it hold."""
    missing = [name for name in rules.readiness if name not in inputs]
    if missing:
        raise InputError(
            f"missing readiness input{'s' if len(missing) > 1 else ''}: {', '.join(missing)}",
            hint=f"declared: {declared_inputs(rules)}",
        )
    for state in rules.states:
        if state.condition.evaluate(inputs):
            because = state.condition.explain(inputs)
            if because:
                return StateDecision(state.name, f"{state.name}: {', '.join(because)}")
            values = ", ".join(f"{name} {format_number(inputs[name])}" for name in rules.readiness)
            return StateDecision(state.name, f"{state.name}: no warning signs ({values})")
    raise InputError(
        "no readiness state matches "
        + ", ".join(f"{name}={format_number(inputs[name])}" for name in rules.readiness),
        hint="end the rules' states with a catch-all, e.g. {name: GREEN, when: 'true'}",
    )
