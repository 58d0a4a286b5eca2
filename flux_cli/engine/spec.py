"""The SET SPEC mini-language of `flux log` (`100x5`, `100x5x3`, `12`, `45s`, `2km`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from flux_cli.engine.units import KG_PER_LB
from flux_cli.errors import InputError

GRAMMAR = (
    "SPEC is WEIGHTxREPS[xSETS] (100x5, 100x5x3, 225lbx5), REPS (12), "
    "TIME (45s, 20min, 1.5h) or DISTANCE (2km, 400m, 1.5mi)"
)
LB_TO_KG = KG_PER_LB
MAX_REPS = 1000
MAX_SETS = 100

_NUMBER = r"(\d+(?:\.\d+)?|\.\d+)"
_WEIGHT = re.compile(rf"{_NUMBER}(kg|kgs|lb|lbs)?x(\d+)(?:x(\d+))?")
_REPS = re.compile(r"(\d+)")
_TIME = re.compile(rf"{_NUMBER}(s|sec|min|h)")
_DISTANCE = re.compile(rf"{_NUMBER}(km|m|mi)")
_SECONDS_PER = {"s": 1.0, "sec": 1.0, "min": 60.0, "h": 3600.0}
_METRES_PER = {"km": 1000.0, "m": 1.0, "mi": 1609.344}


@dataclass(frozen=True, slots=True)
class SetSpec:
    """One set to log, in kilograms, seconds and metres."""

    weight_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    distance_m: float | None = None


def _bad(token: str, why: str = "") -> InputError:
    return InputError(f"bad set spec '{token}'{f': {why}' if why else ''}", hint=GRAMMAR)


def _parse_token(token: str, default_unit: Literal["kg", "lb"]) -> list[SetSpec]:
    text = token.strip().lower().replace("×", "x").replace(" ", "")
    if match := _WEIGHT.fullmatch(text):
        weight, unit, reps_text, sets_text = match.groups()
        reps, sets = int(reps_text), int(sets_text or 1)
        unit = (unit or default_unit).rstrip("s")
        weight_kg = float(weight) * (LB_TO_KG if unit == "lb" else 1.0)
        if weight_kg <= 0:
            raise _bad(token, "weight must be above 0")
        _check_reps(token, reps)
        if not 1 <= sets <= MAX_SETS:
            raise _bad(token, f"sets must be from 1 to {MAX_SETS}")
        return [SetSpec(weight_kg=weight_kg, reps=reps)] * sets
    if _REPS.fullmatch(text):
        reps = int(text)
        _check_reps(token, reps)
        return [SetSpec(reps=reps)]
    if match := _TIME.fullmatch(text):
        seconds = float(match.group(1)) * _SECONDS_PER[match.group(2)]
        if seconds <= 0:
            raise _bad(token, "time must be above 0")
        return [SetSpec(seconds=seconds)]
    if match := _DISTANCE.fullmatch(text):
        metres = float(match.group(1)) * _METRES_PER[match.group(2)]
        if metres <= 0:
            raise _bad(token, "distance must be above 0")
        return [SetSpec(distance_m=metres)]
    raise _bad(token)


def _check_reps(token: str, reps: int) -> None:
    if not 1 <= reps <= MAX_REPS:
        raise _bad(token, f"reps must be from 1 to {MAX_REPS}")


def parse_spec(tokens: Sequence[str], default_unit: Literal["kg", "lb"] = "kg") -> list[SetSpec]:
    """Turn SPEC tokens into one `SetSpec` per set (`100x5x3` is three sets)."""
    if default_unit not in ("kg", "lb"):
        raise InputError(f"unknown unit '{default_unit}'", hint="units are kg or lb")
    if isinstance(tokens, str):
        tokens = [tokens]
    if not tokens:
        raise InputError("no set spec given", hint=GRAMMAR)
    specs: list[SetSpec] = []
    for token in tokens:
        specs.extend(_parse_token(token, default_unit))
    return specs
