"""Estimated one-rep max (e1RM) from logged sets, with the formula chosen per profile."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from flux_cli.engine.types import DatedSet, E1RMFormula
from flux_cli.engine.units import round_to_increment

__all__ = ["FORMULAS", "best_e1rm", "estimate_e1rm", "round_to_increment"]

Estimator = Callable[[float, int], float]

_FORMULAS: dict[str, Estimator] = {
    "epley": lambda weight, reps: weight * (1 + reps / 30),
    "brzycki": lambda weight, reps: weight * 36 / (37 - reps),
    "lombardi": lambda weight, reps: weight * reps**0.10,
    "oconner": lambda weight, reps: weight * (1 + reps / 40),
}
FORMULAS: tuple[str, ...] = tuple(_FORMULAS)
BRZYCKI_MAX_REPS = 36


def _estimator(formula: E1RMFormula) -> Estimator:
    try:
        return _FORMULAS[formula]
    except KeyError:
        raise ValueError(
            f"unknown e1RM formula '{formula}' (known: {', '.join(FORMULAS)})"
        ) from None


def estimate_e1rm(weight_kg: float, reps: int, formula: E1RMFormula) -> float:
    """The one-rep max that `weight_kg` for `reps` implies; a single is its own e1RM."""
    estimate = _estimator(formula)
    if reps < 1:
        raise ValueError(f"reps must be at least 1, got {reps}")
    if formula == "brzycki" and reps > BRZYCKI_MAX_REPS:
        raise ValueError(f"brzycki is undefined beyond {BRZYCKI_MAX_REPS} reps, got {reps}")
    if reps == 1:
        return float(weight_kg)
    return estimate(weight_kg, reps)


def _counts(weight_kg: float | None, reps: int | None, max_reps: int) -> bool:
    return (
        weight_kg is not None
        and reps is not None
        and weight_kg > 0
        and math.isfinite(weight_kg)
        and 1 <= reps <= min(max_reps, BRZYCKI_MAX_REPS)
    )


def best_e1rm(sets: Iterable[DatedSet], formula: E1RMFormula, max_reps: int) -> float | None:
    """The highest e1RM among working sets of at most `max_reps` reps; None without any."""
    best: float | None = None
    for dated in sets:
        logged = dated.set
        if logged.metadata.get("set_type") == "warmup":
            continue
        if not _counts(logged.weight_kg, logged.reps, max_reps):
            continue
        assert logged.weight_kg is not None and logged.reps is not None
        value = estimate_e1rm(logged.weight_kg, logged.reps, formula)
        if best is None or value > best:
            best = value
    return best
